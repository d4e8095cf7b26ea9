"""The emails the events app sends, through the outbox (portal/emails.py). Plain text, with the
event's local time and a link. Each is queued in the caller's transaction."""

from portal.emails import absolute_url, queue_email

from . import recurrence


def _queue(rsvp, kind, subject, key):
    occurrence = recurrence.find_occurrence(rsvp.event, rsvp.occurrence_start)
    context = {
        "rsvp": rsvp,
        "event": rsvp.event,
        "occurrence": occurrence,
        "event_url": absolute_url(rsvp.event.url or ""),
    }
    queue_email(to=rsvp.user.email, template=f"events/email/{kind}", subject=subject,
                context=context, key=f"events:{kind}:{rsvp.pk}:{key}", about=f"event:{rsvp.event.pk}")


def promoted(rsvp):
    _queue(rsvp, "promoted", f"A place is yours: {rsvp.event.title}",
           rsvp.status_changed_at.isoformat())


def cancelled(rsvp):
    _queue(rsvp, "cancelled", f"Cancelled: {rsvp.event.title}", "")


def reminder(rsvp):
    _queue(rsvp, "reminder", f"Tomorrow: {rsvp.event.title}", "")
