"""Recurrence expansion: local wall time across daylight-saving changes, month ends, exceptions."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from events.models import EventException, EventPage
from events.recurrence import find_occurrence, last_end, occurrences

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def series(start, *, minutes=90, tz=LONDON, exceptions=(), **rule):
    """An unsaved repeating event starting at `start` (a naive local time in `tz`)."""
    aware = start.replace(tzinfo=tz)
    event = EventPage(title="Group", start=aware, end=aware + timedelta(minutes=minutes),
                      time_zone=str(tz), **rule)
    event.exceptions = list(exceptions)
    return event


def everything(event):
    return occurrences(event, datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def local_starts(found, tz=LONDON):
    return [o.start.astimezone(tz).replace(tzinfo=None) for o in found]


def test_weekly_group_keeps_its_local_time_when_the_clocks_go_back():
    # given a Thursday 18:30 group either side of 25 October 2026 (BST ends)
    event = series(datetime(2026, 10, 15, 18, 30), frequency="WEEKLY", weekdays="TH", count=3)

    # when it is expanded
    found = everything(event)

    # then it is 18:30 on the wall every week, and the UTC time moves by the hour
    assert local_starts(found) == [datetime(2026, 10, d, 18, 30) for d in (15, 22, 29)]
    assert [o.start.astimezone(UTC).hour for o in found] == [17, 17, 18]
    assert all(o.end - o.start == timedelta(minutes=90) for o in found)


def test_weekly_group_keeps_its_local_time_when_the_clocks_go_forward():
    event = series(datetime(2026, 3, 19, 19, 0), frequency="WEEKLY", weekdays="TH", count=3)

    found = everything(event)

    assert local_starts(found) == [datetime(2026, 3, d, 19, 0) for d in (19, 26)] + [
        datetime(2026, 4, 2, 19, 0)]
    assert [o.start.astimezone(UTC).hour for o in found] == [19, 19, 18]


def test_a_time_inside_the_spring_gap_moves_on_by_the_gap():
    # given a Sunday 01:30 meeting; on 29 March 2026 01:00-02:00 does not exist in London
    event = series(datetime(2026, 3, 22, 1, 30), frequency="WEEKLY", count=3)

    found = everything(event)

    assert local_starts(found) == [datetime(2026, 3, 22, 1, 30), datetime(2026, 3, 29, 2, 30),
                                   datetime(2026, 4, 5, 1, 30)]
    assert found[1].start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_an_ambiguous_autumn_time_takes_the_first_reading():
    event = series(datetime(2026, 10, 18, 1, 30), frequency="WEEKLY", count=2)

    found = everything(event)

    assert found[1].start.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_other_time_zones_follow_their_own_daylight_saving_dates():
    # US clocks change on 8 March 2026, three weeks before the UK's
    event = series(datetime(2026, 3, 5, 9, 0), tz=NEW_YORK, frequency="WEEKLY", count=2)

    found = everything(event)

    assert local_starts(found, NEW_YORK) == [datetime(2026, 3, 5, 9), datetime(2026, 3, 12, 9)]
    assert [o.start.astimezone(UTC).hour for o in found] == [14, 13]


def test_monthly_on_the_31st_skips_months_without_one():
    event = series(datetime(2026, 1, 31, 18, 0), frequency="MONTHLY", count=4)

    assert [s.date() for s in local_starts(everything(event))] == [
        date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31), date(2026, 7, 31)]


def test_monthly_on_the_last_friday_handles_february():
    event = series(datetime(2026, 1, 30, 19, 0), frequency="MONTHLY", weekdays="FR",
                   weekday_position=-1, count=3)

    assert [s.date() for s in local_starts(everything(event))] == [
        date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]


def test_monthly_on_the_first_tuesday():
    event = series(datetime(2026, 1, 6, 19, 0), frequency="MONTHLY", weekdays="TU",
                   weekday_position=1, until=date(2026, 4, 7))

    assert [s.date() for s in local_starts(everything(event))] == [
        date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 3), date(2026, 4, 7)]


def test_every_other_week_on_two_days():
    event = series(datetime(2026, 6, 1, 10, 0), frequency="WEEKLY", interval=2, weekdays="MO,WE",
                   count=4)

    assert [s.date() for s in local_starts(everything(event))] == [
        date(2026, 6, 1), date(2026, 6, 3), date(2026, 6, 15), date(2026, 6, 17)]


def test_until_includes_the_last_day_and_last_end_is_known():
    event = series(datetime(2026, 6, 1, 10, 0), frequency="DAILY", until=date(2026, 6, 3))

    found = everything(event)

    assert len(found) == 3
    assert last_end(event) == found[-1].end


def test_a_series_without_end_has_no_last_end():
    assert last_end(series(datetime(2026, 6, 1, 10, 0), frequency="WEEKLY")) is None


def test_cancelled_and_moved_dates():
    # given a weekly group with 8 October cancelled and 15 October moved to the Friday
    moved_start = datetime(2026, 10, 16, 18, 0, tzinfo=LONDON)
    event = series(
        datetime(2026, 10, 1, 18, 30), frequency="WEEKLY", count=4,
        exceptions=[
            EventException(occurrence_date=date(2026, 10, 8), kind="cancelled", note="Hall closed"),
            EventException(occurrence_date=date(2026, 10, 15), kind="moved", new_start=moved_start,
                           new_end=moved_start + timedelta(hours=1)),
        ],
    )

    found = everything(event)

    # then the cancelled date stays visible as cancelled and the moved one has its new time
    assert [(o.start.astimezone(LONDON).date(), o.is_cancelled, o.is_moved) for o in found] == [
        (date(2026, 10, 1), False, False), (date(2026, 10, 8), True, False),
        (date(2026, 10, 16), False, True), (date(2026, 10, 22), False, False)]
    assert found[1].note == "Hall closed"
    # and the moved date is still found by its original start (its RSVP key)
    original = datetime(2026, 10, 15, 18, 30, tzinfo=LONDON)
    assert find_occurrence(event, original).start == moved_start


def test_a_window_returns_only_overlapping_dates():
    event = series(datetime(2026, 1, 1, 10, 0), frequency="DAILY")

    found = occurrences(event, datetime(2026, 2, 10, tzinfo=LONDON), datetime(2026, 2, 12, tzinfo=LONDON))

    assert [s.date() for s in local_starts(found)] == [date(2026, 2, 10), date(2026, 2, 11)]


def test_find_occurrence_rejects_a_date_that_is_not_in_the_series():
    event = series(datetime(2026, 1, 1, 10, 0), frequency="WEEKLY")

    assert find_occurrence(event, datetime.combine(date(2026, 1, 2), time(10), LONDON)) is None
    assert find_occurrence(event, None) is None
