"""Queries for the admin dashboard panel (kept out of wagtail_hooks so they can be tested)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from . import permissions
from .models import EventPage, Rsvp
from .recurrence import occurrences

LIMIT = 10


def coming_events_with_counts(user):
    """[(event, next occurrence, going, waiting)] for events the user may see the RSVP list of."""
    events = _organised_events(user)
    if events is None:
        return []
    now = timezone.now()
    rows = []
    for event in events:
        coming = [o for o in occurrences(event, now, now + timedelta(days=92)) if not o.is_cancelled]
        if coming:
            rows.append((event, coming[0]))
    rows = sorted(rows, key=lambda row: row[1].start)[:LIMIT]
    counts = _counts([event.pk for event, _ in rows], now)
    return [(event, occurrence, *counts.get((event.pk, occurrence.key), (0, 0)))
            for event, occurrence in rows]


def _organised_events(user):
    base = (EventPage.objects.live().filter(is_cancelled=False).prefetch_related("exceptions")
            .order_by("start"))
    if permissions.manages_all_events(user):
        return base
    if user.is_liaison:
        return base.filter(partners=user.partner_id).distinct()
    return None


def _counts(event_ids, now):
    rows = (Rsvp.objects.filter(event_id__in=event_ids)
            .filter(Q(occurrence_start__gte=now - timedelta(days=1)) | Q(occurrence_start__isnull=True))
            .values("event_id", "occurrence_start")
            .annotate(going=Count("pk", filter=Q(status="going")),
                      waiting=Count("pk", filter=Q(status="waiting"))))
    return {(row["event_id"], row["occurrence_start"]): (row["going"], row["waiting"]) for row in rows}
