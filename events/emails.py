"""The emails the events app sends. Plain text, with the event's local time and a link."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from portal import absolute

from . import recurrence


def _send(rsvp, subject, template_name):
    occurrence = recurrence.find_occurrence(rsvp.event, rsvp.occurrence_start)
    context = {
        "rsvp": rsvp,
        "event": rsvp.event,
        "occurrence": occurrence,
        "event_url": _absolute(rsvp.event.url or ""),
    }
    body = render_to_string(template_name, context)
    send_mail(f"[Common Ground] {subject}", body, settings.DEFAULT_FROM_EMAIL, [rsvp.user.email])


def _absolute(path):
    base = absolute.base_url()
    return f"{base}{path}" if path.startswith("/") else path


def promoted(rsvp):
    _send(rsvp, f"A place is yours: {rsvp.event.title}", "events/email/promoted.txt")


def cancelled(rsvp):
    _send(rsvp, f"Cancelled: {rsvp.event.title}", "events/email/cancelled.txt")


def reminder(rsvp):
    _send(rsvp, f"Tomorrow: {rsvp.event.title}", "events/email/reminder.txt")
