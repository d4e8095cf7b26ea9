"""Event figures: how long the event lattice takes to build (it runs with the concern lattice,
in `warm_figures` and the background refresh, never on a warm page) and how many of the page's
"residents going" figures are published, before (per view, small counts hidden) and after
(lattice with complementary suppression).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_rsvpfigures_bench \
        .venv/bin/python bench/event_figures.py

Create the database first (`createdb`). Migrates, and once creates EVENTS weekly events (two
years of history; random kind, partners, neighbourhood) with 0-9 residents going each time.
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.figures import KINDS, event_counts, events_by_kind  # noqa: E402
from events.models import EventPage, Rsvp  # noqa: E402
from events.recurrence import occurrences  # noqa: E402
from portal.partners.models import Partner  # noqa: E402
from portal.taxonomy.models import Neighbourhood  # noqa: E402
from transparency import dashboard  # noqa: E402
from transparency.suppression import ALL  # noqa: E402

EVENTS, THRESHOLD = 40, 5


def seed(now):
    from portal.accounts.models import User
    from tests.factories import NeighbourhoodFactory, PartnerFactory, calendar_page, event_page

    rng = random.Random(1)  # noqa: S311 (bench data, not secrets)
    partners = [PartnerFactory(name=f"Bench partner {i}") for i in range(3)]
    areas = [NeighbourhoodFactory(name=f"Bench area {i}") for i in range(4)]
    users = User.objects.bulk_create(User(email=f"bench-{i}@example.org", display_name=f"Bench {i}")
                                     for i in range(10))
    calendar = calendar_page(slug="bench-events")
    for _ in range(EVENTS):
        event = event_page(calendar, start=now - timedelta(days=rng.randint(30, 730)),
                           kind=rng.choice(KINDS)[0], frequency="WEEKLY", count=rng.randint(1, 30),
                           partners=rng.sample(partners, rng.randint(0, 2)), neighbourhood=rng.choice(areas))
        Rsvp.objects.bulk_create(
            Rsvp(event=event, occurrence_start=o.key, user=user, status=Rsvp.Status.GOING,
                 status_changed_at=now)
            for o in occurrences(event, event.start, now) for user in users[:rng.randint(0, 9)])
    return partners, areas


def main():
    call_command("migrate", verbosity=0)
    now = timezone.now()
    if not EventPage.objects.filter(slug__startswith="event-").exists():
        with transaction.atomic():
            seed(now)
    print(f"{EventPage.objects.count()} events, {Rsvp.objects.count():,} RSVPs")
    print(f"{len(event_counts(until=now, now=now))} occurrences held")
    twelve_months = dashboard.last_12_months(now)
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        lattice = dashboard._event_lattice(THRESHOLD, now)
        print(f"after: event lattice ({len(lattice.values['held'])} cells), once per snapshot: "
              f"{time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
        started, cpu = time.perf_counter(), time.process_time()
        events_by_kind(twelve_months.since, now, now=now)
        print(f"before: events_by_kind, once per dashboard view (12 months): "
              f"{time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    views = [(p, partner, area) for p in (dashboard.last_12_months(now), dashboard.this_month(now))
             for partner in (None, *Partner.objects.values_list("pk", flat=True))
             for area in (None, *Neighbourhood.objects.values_list("pk", flat=True))]
    published = {"before": [0, 0], "after": [0, 0]}  # [real, suppressed] non-zero figures
    for period, partner, area in views:
        old = events_by_kind(period.since, now, partner=partner, neighbourhood=area, now=now)
        for kind, label in KINDS:
            n = old[label]["attendance"]
            if n:
                published["before"][0 < n < THRESHOLD] += 1
            new = lattice.counts(period.id, ALL if partner is None else partner, kind,
                                 ALL if area is None else area)["attendance"]
            if new != 0:
                published["after"][new is None] += 1
    for when, (real, hidden) in published.items():
        print(f"{when}: {real} attendance figures published, {hidden} suppressed "
              f"(non-zero, of {len(views) * len(KINDS)} in {len(views)} views)")


if __name__ == "__main__":
    main()
