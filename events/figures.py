"""Public event figures (the transparency dashboard shows them): per kind of event, how many
times events were held in a period and how many residents said they were going.

- held: occurrences that started in [since, until) and before `now`, not cancelled (a repeating
  event counts each time it met; a moved occurrence counts where it moved to);
- attendance: "going" RSVPs for those occurrences (an RSVP is a promise to come, not a head
  count; the dashboard says so).
`event_counts` gives the same counts per occurrence, for the transparency lattice, which
publishes them per month, period, partner and neighbourhood with complementary suppression.
Only counts leave this module.
"""

from collections import Counter

from django.db.models import Count
from django.utils import timezone

from portal.translations import once_per_translation

from .models import EventPage, Rsvp
from .recurrence import occurrences

KINDS = EventPage.Kind.choices  # (value, label), in the order the dashboard lists them


def events_by_kind(since, until, *, partner=None, neighbourhood=None, now=None):
    """{kind label: {"held": n, "attendance": n}} for every kind, in the order of EventPage.Kind."""
    now = now or timezone.now()
    until = min(until, now)
    events = (once_per_translation(EventPage.objects.live().public()).filter(start__lt=until)
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


def event_counts(*, until, now=None):
    """Every occurrence held before `until` (and `now`), as the lattice's rows: [{"month":
    "2026-03" (site time zone), "kind", "partners": [ids] (the organisers), "neighbourhood": id
    or None, "held": 1, "attendance": residents going}]."""
    now = now or timezone.now()
    until = min(until, now)
    events = (once_per_translation(EventPage.objects.live().public()).filter(start__lt=until)
              .prefetch_related("exceptions", "partners"))
    held = []
    for event in events:
        held += [(event, o) for o in occurrences(event, event.start, until)
                 if not o.is_cancelled and o.start < until]
    going = dict(((event_id, start), n) for event_id, start, n in
                 Rsvp.objects.filter(event_id__in={e.pk for e, _o in held}, status=Rsvp.Status.GOING)
                 .values_list("event_id", "occurrence_start").annotate(n=Count("pk")).order_by())
    tz = timezone.get_current_timezone()
    return [{"month": timezone.localtime(o.start, tz).strftime("%Y-%m"), "kind": event.kind,
             "partners": [p.pk for p in event.partners.all()], "neighbourhood": event.neighbourhood_id,
             "held": 1, "attendance": going.get((event.pk, o.key), 0)}
            for event, o in held]
