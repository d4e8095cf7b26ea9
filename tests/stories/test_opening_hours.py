"""'Open now' is computed in the site's time zone, including periods that cross midnight."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import service_page

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
FRIDAY, SATURDAY, SUNDAY = 4, 5, 6


def at(year, month, day, hour, minute=0, tz=LONDON):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


@pytest.fixture
def night_van():
    # Friday 20:00 until Saturday 02:00
    return service_page(title="Night van", hours=[(FRIDAY, "20:00", "02:00")])


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at(2026, 11, 27, 19, 59), False),  # Friday, just before opening
        (at(2026, 11, 27, 20, 0), True),  # Friday at opening time
        (at(2026, 11, 27, 23, 59), True),  # Friday before midnight
        (at(2026, 11, 28, 0, 30), True),  # Saturday after midnight: still Friday's period
        (at(2026, 11, 28, 2, 0), False),  # Saturday at closing time
        (at(2026, 11, 28, 23, 0), False),  # Saturday night: no period starts on Saturday
        (at(2026, 11, 29, 0, 30), False),  # Sunday after midnight
    ],
)
def test_a_period_that_crosses_midnight(settings, night_van, moment, is_open):
    settings.TIME_ZONE = "Europe/London"

    assert night_van.is_open_at(moment) is is_open


def test_open_now_is_judged_in_the_site_time_zone_not_utc(settings, night_van):
    # Given a site in New York and a van open on Fridays 20:00-02:00 New York time
    settings.TIME_ZONE = "America/New_York"
    # When it is Saturday 03:00 UTC, which is Friday 22:00 in New York
    moment = datetime.datetime(2026, 11, 28, 3, 0, tzinfo=datetime.UTC)

    # Then the van is open, and in a London-based site it would be closed
    assert night_van.is_open_at(moment)
    settings.TIME_ZONE = "Europe/London"
    assert not night_van.is_open_at(moment)


def test_same_opening_and_closing_time_means_open_all_day(settings):
    settings.TIME_ZONE = "Europe/London"
    helpline = service_page(title="Helpline", hours=[(day, "00:00", "00:00") for day in range(7)])

    assert helpline.is_open_at(at(2026, 11, 29, 3, 0))
    assert helpline.is_open_at(at(2026, 11, 24, 23, 59))


def test_wall_clock_hours_hold_across_the_clocks_going_back(settings):
    # Given a Sunday 09:00-17:00 service and the UK clocks going back on 25 October 2026
    settings.TIME_ZONE = "Europe/London"
    clinic = service_page(title="Clinic", hours=[(SUNDAY, "09:00", "17:00")])

    # Then 09:30 local (GMT, 09:30 UTC) is open and 08:30 UTC is not
    assert clinic.is_open_at(datetime.datetime(2026, 10, 25, 9, 30, tzinfo=datetime.UTC))
    assert not clinic.is_open_at(datetime.datetime(2026, 10, 25, 8, 30, tzinfo=datetime.UTC))


def test_a_service_without_hours_is_never_open(settings):
    settings.TIME_ZONE = "Europe/London"
    service = service_page(title="By appointment")

    assert not service.is_open_at(at(2026, 11, 27, 12, 0))
