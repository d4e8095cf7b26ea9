"""Background work: the periodic concern job (digests of overdue concerns, escalation)."""

from django.tasks import task

from . import jobs


@task()
def run_jobs():
    return jobs.run()
