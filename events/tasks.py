"""Background work: emails about cancellations and reminders, queued to the outbox.

Every task is idempotent: it records on the RSVP that an email went out (claiming the row
first), so a retry or a second run sends nothing twice."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from . import emails

# Cancellations published this long ago whose emails never went are still told by the sweep.
SWEEP_WITHIN = timedelta(days=7)


@task
def send_cancellation_emails(event_id):
    return tell_of_cancellation(event_id)


@task
def sweep_cancellation_emails():
    """Periodic: tell people of cancellations the on-commit task never did (its enqueue failed,
    e.g. the database went away right after the publish). Safe to run twice: each RSVP is
    claimed before its email is queued."""
    return sum(tell_of_cancellation(event_id) for event_id in untold_cancelled_event_ids())


def untold_cancelled_event_ids(now=None):
    from .models import EventException, Rsvp

    now = now or timezone.now()
    cancelled = Q(event__is_cancelled=True) | Q(event__exceptions__kind=EventException.Kind.CANCELLED)
    return list(Rsvp.objects.filter(cancelled, status__in=["going", "waiting"],
                                    cancellation_sent_at__isnull=True,
                                    event__last_published_at__gte=now - SWEEP_WITHIN)
                .values_list("event_id", flat=True).distinct().order_by("event_id"))


def tell_of_cancellation(event_id):
    from .models import EventPage

    event = EventPage.objects.filter(pk=event_id).prefetch_related("exceptions").first()
    if event is None:
        return 0
    sent = 0
    for rsvp in _rsvps_to_tell_of_cancellation(event):
        if _claim(rsvp, "cancellation_sent_at"):
            sent += 1
    return sent


def _rsvps_to_tell_of_cancellation(event):
    from . import recurrence
    from .models import Rsvp

    candidates = (Rsvp.objects.filter(event=event, status__in=["going", "waiting"],
                                      cancellation_sent_at__isnull=True)
                  .select_related("user"))
    now = timezone.now()
    for rsvp in candidates:
        rsvp.event = event
        occurrence = recurrence.find_occurrence(event, rsvp.occurrence_start)
        if occurrence and occurrence.is_cancelled and occurrence.end > now:
            yield rsvp


def _claim(rsvp, field):
    """Mark the RSVP as told and queue the email in one transaction: exactly one wins."""
    from .models import Rsvp

    with transaction.atomic():
        claimed = Rsvp.objects.filter(pk=rsvp.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
        if not claimed or not rsvp.user.is_active:
            return False
        if field == "cancellation_sent_at":
            emails.cancelled(rsvp)
        else:
            emails.reminder(rsvp)
    return True


@task
def send_event_reminders():
    return send_due_reminders()


def send_due_reminders(now=None):
    """Remind everyone going to something that happens tomorrow (in the site's time zone)."""
    from . import recurrence
    from .models import Rsvp

    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    day_start, day_end = recurrence.day_bounds(tomorrow, timezone.get_current_timezone())
    margin = timedelta(days=31)  # moved dates: the RSVP key is the original date
    in_window = Q(occurrence_start__range=(day_start - margin, day_end + margin)) | Q(
        occurrence_start__isnull=True, event__start__range=(day_start, day_end)
    )
    candidates = (
        Rsvp.objects.filter(in_window, status="going", reminder_sent_at__isnull=True,
                            event__live=True, event__is_cancelled=False, user__is_active=True)
        .select_related("event", "user").prefetch_related("event__exceptions")
    )
    sent = 0
    for rsvp in candidates:
        occurrence = recurrence.find_occurrence(rsvp.event, rsvp.occurrence_start)
        if occurrence and not occurrence.is_cancelled and day_start <= occurrence.start < day_end:
            sent += _claim(rsvp, "reminder_sent_at")
    return sent
