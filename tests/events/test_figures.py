"""Events held and attendance by kind, for the transparency page, on hand-made events."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from events.figures import event_counts, events_by_kind
from events.models import EventException, EventPage, Rsvp
from tests.factories import NeighbourhoodFactory, PartnerFactory, UserFactory, event_page

pytestmark = pytest.mark.django_db

SINCE, UNTIL = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
NOW = datetime(2026, 3, 20, tzinfo=UTC)


def going(event, n, occurrence_start=None):
    for _ in range(n):
        Rsvp.objects.create(event=event, occurrence_start=occurrence_start, user=UserFactory(),
                            status=Rsvp.Status.GOING, status_changed_at=timezone.now())


def test_events_held_and_residents_going_by_kind():
    # given a forum that met, a weekly workshop that met twice before NOW, a cancelled one,
    # and a training still to come
    forum = event_page(start=datetime(2026, 3, 5, 18, tzinfo=UTC), kind=EventPage.Kind.COMMUNITY_FORUM)
    going(forum, 3)
    Rsvp.objects.create(event=forum, user=UserFactory(), status=Rsvp.Status.NOT_GOING,
                        status_changed_at=timezone.now())
    weekly = event_page(start=datetime(2026, 3, 9, 18, tzinfo=UTC), kind=EventPage.Kind.WORKSHOP,
                        frequency="WEEKLY", count=4)
    going(weekly, 2, occurrence_start=datetime(2026, 3, 9, 18, tzinfo=UTC))
    going(weekly, 4, occurrence_start=datetime(2026, 3, 23, 18, tzinfo=UTC))  # after NOW
    event_page(start=datetime(2026, 3, 6, 18, tzinfo=UTC), kind=EventPage.Kind.WORKSHOP, is_cancelled=True)
    event_page(start=NOW + timedelta(days=3), kind=EventPage.Kind.TRAINING)
    # when the figures for March are read on 20 March
    figures = events_by_kind(SINCE, UNTIL, now=NOW)
    # then
    assert figures["Community forum"] == {"held": 1, "attendance": 3}
    assert figures["Workshop"] == {"held": 2, "attendance": 2}  # 9 and 16 March
    assert figures["Training"] == {"held": 0, "attendance": 0}
    assert events_by_kind(UNTIL, UNTIL + timedelta(days=30), now=NOW)["Workshop"]["held"] == 0


def test_event_counts_gives_each_occurrence_held_with_its_month_organisers_and_residents_going():
    # given a weekly workshop by two partners in a neighbourhood, 9 March to 6 April, with a
    # cancelled date, and a forum with no organiser on 28 February
    area, police, ngo = NeighbourhoodFactory(), PartnerFactory(), PartnerFactory()
    weekly = event_page(start=datetime(2026, 3, 9, 18, tzinfo=UTC), kind=EventPage.Kind.WORKSHOP,
                        frequency="WEEKLY", count=5, partners=[police, ngo], neighbourhood=area,
                        exceptions=[EventException(occurrence_date=date(2026, 3, 16))])
    going(weekly, 2, occurrence_start=datetime(2026, 3, 9, 18, tzinfo=UTC))
    going(weekly, 6, occurrence_start=datetime(2026, 3, 23, 18, tzinfo=UTC))
    forum = event_page(start=datetime(2026, 2, 28, 18, tzinfo=UTC), kind=EventPage.Kind.COMMUNITY_FORUM)
    going(forum, 1)
    # when the rows are read on 25 March
    rows = event_counts(until=datetime(2026, 4, 30, tzinfo=UTC), now=datetime(2026, 3, 25, tzinfo=UTC))
    # then the forum and the 9 and 23 March workshops are there (16 March was cancelled; 30 March
    # and 6 April are to come), each once with its residents going
    simplified = sorted((r["month"], r["kind"], sorted(r["partners"]), r["neighbourhood"], r["held"],
                         r["attendance"]) for r in rows)
    assert simplified == [
        ("2026-02", "forum", [], None, 1, 1),
        ("2026-03", "workshop", sorted([police.pk, ngo.pk]), area.pk, 1, 2),
        ("2026-03", "workshop", sorted([police.pk, ngo.pk]), area.pk, 1, 6),
    ]
