"""iCalendar (RFC 5545) output made with the `icalendar` library.

One VEVENT per event with a stable UID and a SEQUENCE that goes up when what calendars show
changes; repeating events carry RRULE and EXDATE (cancelled dates) and one extra VEVENT with
RECURRENCE-ID per moved date; cancelled events have STATUS:CANCELLED; VTIMEZONE components
for every time zone used."""

from datetime import UTC, datetime, time, timedelta

import icalendar
from django.utils import timezone
from django.utils.html import strip_tags

from . import recurrence

PRODID = "-//Common Ground//Events//EN"


def calendar_for(events, *, name, base_url=""):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        for component in components_for(event, base_url=base_url):
            calendar.add_component(component)
    calendar.add_missing_timezones(first_date=_first_date(events), last_date=_last_date())
    return calendar


def _first_date(events):
    starts = [event.start for event in events]
    return (min(starts) if starts else timezone.now()).date() - timedelta(days=1)


def _last_date():
    """Enough years of daylight-saving rules for any subscriber; the rules repeat after that."""
    return timezone.now().date() + timedelta(days=366 * 5)


def to_ics(calendar):
    return calendar.to_ical()


def components_for(event, *, base_url=""):
    master = _master(event, base_url)
    components = [master]
    if event.is_repeating and not event.is_cancelled:
        cancelled, moved = _exception_occurrences(event)
        for occurrence in cancelled:
            master.add("exdate", _when(event, occurrence.key))
        components += [_moved(event, occurrence, base_url) for occurrence in moved]
    return components


def _master(event, base_url):
    component = icalendar.Event()
    component.add("uid", event.ical_uid)
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("sequence", event.sequence)
    component.add("summary", event.title)
    _add_times(component, event, event.start, event.end)
    _add_details(component, event, base_url)
    if event.is_cancelled:
        component.add("status", "CANCELLED")
    else:
        component.add("status", "CONFIRMED")
    if event.is_repeating:
        component.add("rrule", _rrule(event))
    return component


def _moved(event, occurrence, base_url):
    component = icalendar.Event()
    component.add("uid", event.ical_uid)
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("sequence", event.sequence)
    component.add("summary", event.title)
    component.add("recurrence-id", _when(event, occurrence.key))
    _add_times(component, event, occurrence.start, occurrence.end)
    _add_details(component, event, base_url)
    component.add("status", "CONFIRMED")
    return component


def _add_times(component, event, start, end):
    if event.all_day:
        component.add("dtstart", start.astimezone(event.tz).date())
        component.add("dtend", end.astimezone(event.tz).date() + timedelta(days=1))
    else:
        component.add("dtstart", start.astimezone(event.tz))
        component.add("dtend", end.astimezone(event.tz))


def _when(event, moment):
    local = moment.astimezone(event.tz)
    return local.date() if event.all_day else local


def _add_details(component, event, base_url):
    description = event.summary or strip_tags(event.description or "")
    if description:
        component.add("description", description)
    location = ", ".join(part for part in [event.venue_name, event.venue_address.replace("\n", ", ")]
                         if part)
    if location:
        component.add("location", location)
    if event.url:
        component.add("url", f"{base_url}{event.url}")
    component.add("categories", [event.get_kind_display()])


def _rrule(event):
    rule = {"freq": event.frequency, "interval": event.interval or 1}
    codes = event.weekday_codes
    if codes:
        if event.weekday_position:
            rule["byday"] = [f"{event.weekday_position}{codes[0]}"]
        else:
            rule["byday"] = codes
    if event.until:
        if event.all_day:
            rule["until"] = event.until
        else:
            local_end_of_day = datetime.combine(event.until, time(23, 59, 59), tzinfo=event.tz)
            rule["until"] = local_end_of_day.astimezone(UTC)
    elif event.count:
        rule["count"] = event.count
    return rule


def _exception_occurrences(event):
    """(cancelled, moved) occurrences for the event's exceptions, by their original dates."""
    cancelled, moved = [], []
    for exception in event.exceptions.all():
        day_start, day_end = recurrence.day_bounds(exception.occurrence_date, event.tz)
        for occurrence in _occurrences_originally_on(event, day_start, day_end):
            (moved if occurrence.is_moved else cancelled).append(occurrence)
    return cancelled, moved


def _occurrences_originally_on(event, day_start, day_end):
    found = recurrence.occurrences(event, day_start - timedelta(days=400), day_end + timedelta(days=400))
    return [o for o in found if o.key and day_start <= o.key < day_end and (o.is_cancelled or o.is_moved)]
