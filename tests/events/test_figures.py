"""Events held and attendance by kind, for the transparency page, on hand-made events."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from events.figures import events_by_kind
from events.models import EventPage, Rsvp
from tests.factories import UserFactory, event_page

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
