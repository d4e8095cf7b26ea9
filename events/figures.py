"""Public event figures (the transparency dashboard shows them): per kind of event, how many
times events were held in a period and how many residents said they were going.

- held: occurrences that started in [since, until) and before `now`, not cancelled (a repeating
  event counts each time it met; a moved occurrence counts where it moved to);
- attendance: "going" RSVPs for those occurrences (an RSVP is a promise to come, not a head
  count; the dashboard says so).
Only counts leave this module.
"""

from collections import Counter

from django.db.models import Count
from django.utils import timezone

from .models import EventPage, Rsvp
from .recurrence import occurrences


def events_by_kind(since, until, *, partner=None, neighbourhood=None, now=None):
    """{kind label: {"held": n, "attendance": n}} for every kind, in the order of EventPage.Kind."""
    now = now or timezone.now()
    until = min(until, now)
    events = (EventPage.objects.live().public().filter(start__lt=until)
              .prefetch_related("exceptions"))
    if partner is not None:
        events = events.filter(partners=partner)
    if neighbourhood is not None:
        events = events.filter(neighbourhood=neighbourhood)
    held, held_keys = Counter(), set()
    for event in events:
        for occurrence in occurrences(event, since, until) if since < until else []:
            if not occurrence.is_cancelled and since <= occurrence.start < until:
                held[event.kind] += 1
                held_keys.add((event.pk, occurrence.key))
    going = (Rsvp.objects.filter(event_id__in={pk for pk, _key in held_keys}, status=Rsvp.Status.GOING)
             .values_list("event_id", "occurrence_start").annotate(n=Count("pk")).order_by())
    kind_of = dict(EventPage.objects.filter(pk__in={pk for pk, _key in held_keys})
                   .values_list("pk", "kind"))
    attendance = Counter()
    for event_id, occurrence_start, n in going:
        if (event_id, occurrence_start) in held_keys:
            attendance[kind_of[event_id]] += n
    return {label: {"held": held[kind], "attendance": attendance[kind]}
            for kind, label in EventPage.Kind.choices}
