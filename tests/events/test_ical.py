"""iCalendar output: valid RFC 5545 that two independent parsers read back to the same dates."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone

from events import actions
from events.models import EventException
from events.recurrence import occurrences
from tests.factories import PartnerFactory, calendar_page, event_page

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def next_thursday_1830():
    today = timezone.localdate()
    thursday = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    return datetime.combine(thursday, datetime.min.time().replace(hour=18, minute=30), LONDON)


def weekly_group(**fields):
    start = next_thursday_1830()
    cancelled_day = (start + timedelta(weeks=2)).date()
    moved_from = (start + timedelta(weeks=3)).date()
    moved_to = start + timedelta(weeks=3, days=1, hours=-1)
    return event_page(
        title="Family support group", start=start, end=start + timedelta(minutes=90),
        time_zone="Europe/London", frequency="WEEKLY", weekdays="TH", count=30,
        venue_name="Old Harbour Hall", venue_address="12 Quay Street",
        exceptions=[
            EventException(occurrence_date=cancelled_day, kind="cancelled"),
            EventException(occurrence_date=moved_from, kind="moved", new_start=moved_to,
                           new_end=moved_to + timedelta(hours=1)),
        ],
        **fields,
    )


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def our_dates(event, start, end):
    return sorted((o.start, o.end) for o in occurrences(event, start, end) if not o.is_cancelled)


def parsed_dates(calendar, start, end):
    return sorted((c.start, c.end) for c in recurring_ical_events.of(calendar).between(start, end))


def test_feed_parses_back_to_the_same_dates_with_both_parsers(client):
    # given a weekly group over the autumn clock change with a cancelled and a moved date,
    # and a one-off training
    group = weekly_group()
    training = event_page(title="Naloxone training", kind="training")
    window = (timezone.now(), timezone.now() + timedelta(days=365))

    # when the calendar feed is read back
    calendar = get_calendar(client, "/events/feed.ics")

    # then icalendar's parser sees one VTIMEZONE per zone used and both events with stable UIDs
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    uids = {str(component["UID"]) for component in calendar.walk("VEVENT")}
    assert uids == {group.ical_uid, training.ical_uid}
    master = next(c for c in calendar.walk("VEVENT") if c["UID"] == group.ical_uid
                  and "RRULE" in c)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["BYDAY"] == ["TH"]
    cancelled_start = next_thursday_1830() + timedelta(weeks=2)
    assert [d.dt for d in master["EXDATE"].dts] == [cancelled_start]
    # and recurring-ical-events expands it to exactly our dates and times
    assert parsed_dates(calendar, *window) == sorted(our_dates(group, *window) + our_dates(training, *window))


def test_times_survive_the_round_trip_in_local_time(client):
    group = weekly_group()

    calendar = get_calendar(client, group.url + "event.ics")

    now = timezone.now()
    expanded = recurring_ical_events.of(calendar).between(now, now + timedelta(days=120))
    moved = [c for c in expanded if "RECURRENCE-ID" in c and c.start.astimezone(LONDON).hour == 17]
    regular = [c for c in expanded if c not in moved]
    assert all(c.start.astimezone(LONDON).time().isoformat() == "18:30:00" for c in regular)
    assert len(moved) == 1
    assert str(calendar.walk("VEVENT")[0]["DTSTART"].to_ical().decode()).endswith("T183000")
    assert calendar.walk("VEVENT")[0]["DTSTART"].params["TZID"] == "Europe/London"


def test_a_cancelled_event_has_status_cancelled(client, editor):
    event = event_page(title="Forum")

    actions.cancel_event(event, by=editor, note="Venue flooded")

    component = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]
    assert component["STATUS"] == "CANCELLED"
    assert component["UID"] == event.ical_uid


def test_sequence_goes_up_when_the_time_changes_and_uid_stays(administrator, client, editor):
    event = event_page(title="Forum")
    before = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]

    page = event.get_latest_revision_as_object()
    page.start += timedelta(hours=1)
    page.end += timedelta(hours=1)
    page.save_revision(user=editor).publish(user=administrator)
    after = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1


def test_republishing_without_changes_keeps_the_sequence(administrator, client, editor):
    event = event_page(title="Forum")
    before = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]["SEQUENCE"]

    event.get_latest_revision_as_object().save_revision(user=editor).publish(user=administrator)

    assert get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]["SEQUENCE"] == before


def test_all_day_events_use_dates(client):
    start = datetime.combine(timezone.localdate() + timedelta(days=3), datetime.min.time(), LONDON)
    event = event_page(title="Open day", all_day=True, start=start, end=start + timedelta(hours=23))

    component = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]

    assert component.start == start.date()
    assert component.end == start.date() + timedelta(days=1)


def test_filtered_feed_contains_only_matching_events(client):
    partner = PartnerFactory(name="Harbour Lights")
    event_page(title="Training", kind="training", partners=[partner])
    event_page(title="Forum", kind="forum")

    calendar = get_calendar(client, "/events/feed.ics?kind=training&partner=harbour-lights")

    assert [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")] == ["Training"]
    assert "(filtered)" in str(calendar["X-WR-CALNAME"])


def test_feed_leaves_out_past_and_unpublished_events(client):
    past = timezone.now() - timedelta(days=30)
    event_page(title="Last month", start=past, end=past + timedelta(hours=1))
    draft = event_page(title="Draft", publish=False)

    calendar = get_calendar(client, "/events/feed.ics")

    assert [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")] == []
    assert client.get(f"/events/{draft.slug}/event.ics").status_code == 404


def test_ics_of_something_that_is_not_an_event_is_404(client):
    calendar_page()

    assert client.get("/events/event.ics").status_code == 404
    assert client.get("/no-such-page/feed.ics").status_code == 404


def test_until_is_written_in_utc(client):
    start = next_thursday_1830()
    event = event_page(start=start, end=start + timedelta(hours=1), time_zone="Europe/London",
                       frequency="WEEKLY", until=start.date() + timedelta(weeks=4))

    rule = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]["RRULE"]

    assert rule["UNTIL"][0].tzinfo is not None
    assert rule["UNTIL"][0].utcoffset() == timedelta(0)
    assert rule["UNTIL"][0].astimezone(LONDON).date() == start.date() + timedelta(weeks=4)


def test_sequence_keeps_rising_when_an_older_draft_is_published(administrator, client, editor):
    # given a draft saved before the event was cancelled and un-cancelled by others
    event = event_page(title="Forum")
    draft = event.get_latest_revision_as_object()
    draft.title = "Forum (new title)"
    draft_revision = draft.save_revision(user=editor)
    actions.cancel_event(event, by=editor)
    live_sequence = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]["SEQUENCE"]

    # when that older draft is published
    draft_revision.publish(user=administrator)

    # then SEQUENCE still goes up
    after = get_calendar(client, event.url + "event.ics").walk("VEVENT")[0]
    assert str(after["SUMMARY"]) == "Forum (new title)"
    assert after["SEQUENCE"] == live_sequence + 1
