"""The differencing attacks on the events table ("events held and RSVPs by kind"): subtracting
one published attendance figure from another must not reveal a suppressed count.

Given (threshold 5, now 10 March 2026), community forums:
- in Millbrook, organised by the police: 3 residents going in December 2025 (suppressed), then 6,
  7 and 8 in January, February and March 2026;
- in Eastside, organised by the NGO: 2 going in February 2026 (suppressed).
Events held are public facts (the calendar lists every past event) and are not suppressed."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from events.models import EventPage, Rsvp
from tests.factories import NeighbourhoodFactory, UserFactory, calendar_page, event_page
from transparency import dashboard as figures

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
THRESHOLD = 5
SETTINGS = {"threshold": THRESHOLD, "target_days": 5}
FORUM = "Community forum"


@pytest.fixture
def other_area(db):
    return NeighbourhoodFactory(name="Eastside")


@pytest.fixture
def forums_held(partner, ngo, area, other_area):
    calendar = calendar_page()

    def forum(start, going, organiser, neighbourhood):
        event = event_page(calendar, start=start, kind=EventPage.Kind.COMMUNITY_FORUM,
                           partners=[organiser], neighbourhood=neighbourhood)
        for _ in range(going):
            Rsvp.objects.create(event=event, user=UserFactory(), status=Rsvp.Status.GOING,
                                status_changed_at=timezone.now())

    forum(datetime(2025, 12, 4, 18, tzinfo=UTC), 3, partner, area)
    for month, going in ((1, 6), (2, 7), (3, 8)):
        forum(datetime(2026, month, 5, 18, tzinfo=UTC), going, partner, area)
    forum(datetime(2026, 2, 12, 18, tzinfo=UTC), 2, ngo, other_area)


def forums(period, **filters):
    """The forum row of the page's events table."""
    data = figures.dashboard(figures.Filters(period, **filters), now=NOW, **SETTINGS)
    return next(row for row in data["events"] if row["label"] == FORUM)


def revealed(total, part):
    if total is None or part is None:
        return None
    return total - part


def assert_not_a_suppressed_count(difference, what):
    assert difference is None or difference == 0 or difference >= THRESHOLD, \
        f"{what} gives away {difference} residents going"


def test_every_forum_is_counted_and_the_small_ones_are_suppressed(forums_held, ngo, other_area):
    last_12_months = forums(figures.last_12_months(NOW))
    assert last_12_months == {"label": FORUM, "held": 5, "attendance": 26}
    assert forums(figures.last_12_months(NOW), neighbourhood=other_area.pk)["attendance"] is None
    assert forums(figures.last_12_months(NOW), partner=ngo.pk) == {"label": FORUM, "held": 1,
                                                                   "attendance": None}
    assert forums(figures.this_month(NOW))["held"] == 1


def test_12_months_minus_the_calendar_year_does_not_reveal_decembers_rsvps(forums_held, partner, area):
    for filters in ({}, {"partner": partner.pk}, {"neighbourhood": area.pk},
                    {"partner": partner.pk, "neighbourhood": area.pk}):
        # when a visitor subtracts the year 2026 from the last 12 months
        difference = revealed(forums(figures.last_12_months(NOW), **filters)["attendance"],
                              forums(figures.calendar_year(2026, NOW), **filters)["attendance"])
        # then they do not learn that 3 residents were going in December
        assert_not_a_suppressed_count(difference, f"12 months - 2026 {filters}")


def test_the_unfiltered_figure_minus_a_neighbourhoods_does_not_reveal_anothers(
        forums_held, area, other_area):
    for period in (figures.last_12_months(NOW), figures.calendar_year(2026, NOW)):
        everywhere = forums(period)["attendance"]
        for shown, other in ((area, other_area), (other_area, area)):
            # when a visitor subtracts one neighbourhood's figure from the unfiltered one
            difference = revealed(everywhere, forums(period, neighbourhood=shown.pk)["attendance"])
            # then they learn the other neighbourhood's published figure, or nothing
            if difference is not None:
                assert difference == forums(period, neighbourhood=other.pk)["attendance"], period.id
            assert_not_a_suppressed_count(difference, f"{period.id}: all - {shown.name}")


def test_the_unfiltered_figure_minus_a_partners_does_not_reveal_anothers(forums_held, partner, ngo):
    for period in (figures.last_12_months(NOW), figures.calendar_year(2026, NOW)):
        difference = revealed(forums(period)["attendance"],
                              forums(period, partner=partner.pk)["attendance"])
        assert_not_a_suppressed_count(difference, f"{period.id}: all - the police")


def test_the_page_shows_the_suppressed_rsvps_as_suppressed(client, transparency_page, forums_held,
                                                           area, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    # when a visitor opens the page for Millbrook (whose 24 would give Eastside's 2 away)
    content = client.get(transparency_page.url, {"neighbourhood": area.slug}).content.decode()
    # then the forum row says how often forums were held, and that the RSVPs are suppressed
    row = content.split(f'<th scope="row">{FORUM}</th>')[1].split("</tr>")[0]
    assert row == "<td>4</td><td>suppressed</td>"
