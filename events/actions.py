"""Every change to events and RSVPs goes through here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.accounts.audit import log

from . import emails, permissions, queries, recurrence, tasks
from .models import EventException, EventPage, Rsvp


def respond(event, key, *, by, going, share_contact=False):
    """Record `user`'s answer for the occurrence `key` of `event` (None for a one-off event).

    Going when every place is taken puts them on the waiting list; leaving frees the place for
    the first person waiting, who is told by email. The event row is locked, so two people
    taking the last place at once cannot both get it."""
    if not permissions.can_rsvp(by, event):
        raise PermissionDenied("Only residents who have confirmed their email address can RSVP.")
    with transaction.atomic():
        locked = EventPage.objects.select_for_update().get(pk=event.pk)
        occurrence = _open_occurrence(locked, key)
        rsvp = Rsvp.objects.filter(event=locked, occurrence_start=key, user=by).first()
        previous = rsvp.status if rsvp else None
        status = _new_status(locked, occurrence, previous, going)
        rsvp = _save_rsvp(rsvp, locked, key, by, status, share_contact)
        promoted = None
        if previous == Rsvp.Status.GOING and status != Rsvp.Status.GOING:
            promoted = _promote_next(locked, key)
        log(instance=locked, action="events.rsvp", user=by,
            data={"occurrence": occurrence.key_param, "status": status})
    return rsvp, promoted


def _open_occurrence(event, key):
    occurrence = recurrence.find_occurrence(event, key)
    if occurrence is None:
        raise ValidationError("That date is not one of this event's dates.")
    if occurrence.is_cancelled:
        raise ValidationError("That date has been cancelled.")
    if occurrence.end <= timezone.now():
        raise ValidationError("That date has already passed.")
    return occurrence


def _new_status(event, occurrence, previous, going):
    if not going:
        return Rsvp.Status.NOT_GOING
    if previous in (Rsvp.Status.GOING, Rsvp.Status.WAITING):
        return previous
    if event.capacity is None or queries.going_count(event, occurrence.key) < event.capacity:
        return Rsvp.Status.GOING
    return Rsvp.Status.WAITING


def _save_rsvp(rsvp, event, key, user, status, share_contact):
    now = timezone.now()
    if rsvp is None:
        return Rsvp.objects.create(event=event, occurrence_start=key, user=user, status=status,
                                   share_contact=share_contact, status_changed_at=now)
    if rsvp.status != status:
        rsvp.status_changed_at = now
    rsvp.status = status
    rsvp.share_contact = share_contact
    rsvp.save(update_fields=["status", "share_contact", "status_changed_at"])
    return rsvp


def _promote_next(event, key):
    """Give a freed place to whoever has waited longest; the email is queued with the change."""
    if event.capacity is not None and queries.going_count(event, key) >= event.capacity:
        return None
    waiting = (Rsvp.objects.filter(event=event, occurrence_start=key, status=Rsvp.Status.WAITING)
               .order_by("status_changed_at", "pk").first())
    if waiting is None:
        return None
    waiting.status = Rsvp.Status.GOING
    waiting.status_changed_at = timezone.now()
    waiting.save(update_fields=["status", "status_changed_at"])
    log(instance=event, action="events.rsvp_promoted", user=None,
        data={"rsvp": waiting.pk})
    if waiting.user.is_active:
        waiting.event = event
        emails.promoted(waiting)
    return waiting


def cancel_event(event, *, by, note=""):
    """Cancel the whole event (every date). The page stays, with a notice; people who said they
    were going or were waiting are told by email."""
    if not permissions.can_cancel_event(by, event):
        raise PermissionDenied("Only editors and the organisers can cancel an event.")
    with transaction.atomic():
        page = EventPage.objects.get(pk=event.pk)  # the live version: never publish a draft by accident
        page.is_cancelled = True
        page.cancellation_note = note
        # Cancelling is checked above (can_cancel_event) and must not wait for the approval
        # workflow: residents need to know at once. It publishes the live version plus the change.
        page.save_revision(user=by, log_action=False).publish(user=by, skip_permission_checks=True)
        log(instance=page, action="events.cancelled", user=by, data={"note": note})
    # Publishing sends page_published: event_published() schedules the emails.
    return EventPage.objects.get(pk=event.pk)


def cancel_occurrence(event, occurrence_date, *, by, note=""):
    """Cancel one date of a repeating event."""
    if not permissions.can_cancel_event(by, event):
        raise PermissionDenied("Only editors and the organisers can cancel an event.")
    if not event.is_repeating:
        raise ValidationError("This event does not repeat: cancel the whole event instead.")
    with transaction.atomic():
        page = EventPage.objects.get(pk=event.pk)
        page.exceptions.add(EventException(occurrence_date=occurrence_date,
                                           kind=EventException.Kind.CANCELLED, note=note))
        # Cancelling is checked above (can_cancel_event) and must not wait for the approval
        # workflow: residents need to know at once. It publishes the live version plus the change.
        page.save_revision(user=by, log_action=False).publish(user=by, skip_permission_checks=True)
        log(instance=page, action="events.occurrence_cancelled", user=by,
            data={"date": occurrence_date.isoformat(), "note": note})
    return EventPage.objects.get(pk=event.pk)


def event_published(page):
    """After any publish (admin or action): fill places a larger capacity freed, and tell people
    about newly cancelled dates. The task only writes to those not yet told, so running it twice
    sends nothing twice."""
    fill_free_places(page)
    transaction.on_commit(lambda: tasks.send_cancellation_emails.enqueue(page.pk), robust=True)


def fill_free_places(event):
    """Promote people waiting while there are places (after the capacity went up)."""
    if event.is_cancelled:
        return
    with transaction.atomic():
        locked = EventPage.objects.select_for_update().get(pk=event.pk)
        keys = (Rsvp.objects.filter(event=locked, status=Rsvp.Status.WAITING)
                .values_list("occurrence_start", flat=True).distinct())
        for key in list(keys):
            occurrence = recurrence.find_occurrence(locked, key)
            if occurrence is None or occurrence.is_cancelled or occurrence.end <= timezone.now():
                continue
            while _promote_next(locked, key):
                pass


def remove_user_rsvps(user):
    """Account closure: give up the user's places (promoting people waiting) and forget them."""
    with transaction.atomic():
        for rsvp in Rsvp.objects.filter(user=user, status=Rsvp.Status.GOING).select_related("event"):
            locked = EventPage.objects.select_for_update().get(pk=rsvp.event_id)
            rsvp.delete()
            if rsvp.starts_at > timezone.now():
                _promote_next(locked, rsvp.occurrence_start)
        Rsvp.objects.filter(user=user).delete()
