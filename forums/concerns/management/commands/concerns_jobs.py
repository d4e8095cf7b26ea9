from django.core.management.base import BaseCommand

from forums.concerns import jobs


class Command(BaseCommand):
    help = ("Queue overdue digests and escalations (the worker runs this every 15 minutes). "
            "Safe to run as often as you like: nothing is sent twice.")

    def handle(self, *args, **options):
        done = jobs.run()
        self.stdout.write(
            f"{done['overdue']} overdue route(s); queued {done['digests']} digest(s) and "
            f"{done['escalations']} escalation(s).")
