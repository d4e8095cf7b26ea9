import json

from django.core.management.base import BaseCommand

from portal import health


class Command(BaseCommand):
    help = ("Print what /healthz reports (database, cache, search, outbox, worker) as JSON. "
            "Exit status: 0 ok, 1 degraded (serving without a service), 2 down (cannot serve).")

    def handle(self, *args, **options):
        status, body = health.report()
        self.stdout.write(json.dumps(body, indent=2, default=str))
        if body["status"] != "ok":
            raise SystemExit(2 if status == 503 else 1)
