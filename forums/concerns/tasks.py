"""Background work: send one email from the outbox. A failure is recorded on the row (attempts,
last error) and never raised into the change that queued it; `concerns_jobs` retries."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .models import ConcernEmail

MAX_ATTEMPTS = 5


@task()
def send_concern_email(email_id):
    send_now(email_id)


def send_now(email_id):
    """Send the outbox row `email_id` unless it was sent already. Returns True if sent now."""
    with transaction.atomic():
        email = (ConcernEmail.objects.select_for_update()
                 .filter(pk=email_id, status=ConcernEmail.Status.PENDING).first())
        if email is None:
            return False
        email.attempts += 1
        try:
            EmailMessage(subject=email.subject, body=email.body, to=email.to).send()
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried later
            email.last_error = f"{type(error).__name__}: {error}"[:1000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = ConcernEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            return False
        email.status, email.sent_at, email.last_error = ConcernEmail.Status.SENT, timezone.now(), ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True
