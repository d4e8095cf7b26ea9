"""Periodic tasks of the portal itself, run by the worker (settings.PERIODIC_TASKS)."""

from django.core.management import call_command
from django.tasks import task

from . import emails


@task()
def retry_outbox():
    """Send the outbox's due messages (failed earlier, or never handed to the worker)."""
    return emails.retry_due()


@task()
def publish_scheduled():
    """Wagtail's scheduled publishing and expiry (its `publish_scheduled` command)."""
    call_command("publish_scheduled")
