"""Send tomorrow's event reminders. Run it from a timer (hourly is fine: it never sends twice)."""

from django.core.management.base import BaseCommand

from events.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Email everyone going to an event tomorrow, once."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} event reminder(s).")
