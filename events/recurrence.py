"""Occurrences of events: RFC 5545 rules expanded with dateutil in the event's local wall time.

Expanding in wall time and making each result aware afterwards keeps a 19:00 support group at
19:00 on both sides of a daylight-saving change.
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from dateutil import rrule

FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY,
               "YEARLY": rrule.YEARLY}
WEEKDAYS = {"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH, "FR": rrule.FR,
            "SA": rrule.SA, "SU": rrule.SU}


@dataclass(frozen=True)
class Occurrence:
    """One time an event happens. `key` is the original start (RECURRENCE-ID) for a repeating
    event and None for a one-off event; RSVPs are recorded against it."""

    event: object
    start: datetime
    end: datetime
    key: datetime | None
    is_cancelled: bool = False
    is_moved: bool = False
    note: str = ""

    @property
    def local_start(self):
        return self.start.astimezone(self.event.tz)

    @property
    def local_end(self):
        return self.end.astimezone(self.event.tz)

    @property
    def local_date(self):
        return self.local_start.date()

    @property
    def key_param(self):
        """The occurrence as a URL/form value in UTC ("" for a one-off event). The key is in the
        event's time zone: formatted as it was, a 19:00 date in London's summer or in New York
        read back an hour or five off and matched no date."""
        return self.key.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") if self.key else ""


def parse_key(value):
    """The inverse of Occurrence.key_param; None for "" and ValueError for junk."""
    if not value:
        return None
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def make_aware(naive, tz):
    """A wall-clock time in `tz`. Times in the spring-forward gap move on by the gap (as
    calendar apps do); ambiguous autumn times take the first (summer time) reading."""
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def build_rule(event):
    """The dateutil rule for a repeating event, with DTSTART in naive local wall time."""
    local_start = event.start.astimezone(event.tz).replace(tzinfo=None)
    options = {"freq": FREQUENCIES[event.frequency], "interval": event.interval or 1,
               "dtstart": local_start}
    codes = event.weekday_codes
    if codes:
        if event.weekday_position:
            options["byweekday"] = [WEEKDAYS[codes[0]](event.weekday_position)]
        else:
            options["byweekday"] = [WEEKDAYS[code] for code in codes]
    if event.until:
        options["until"] = datetime.combine(event.until, time.max)
    elif event.count:
        options["count"] = event.count
    return rrule.rrule(**options)


def occurrences(event, window_start, window_end):
    """The event's occurrences that overlap [window_start, window_end), in order, including
    cancelled ones (shown with a notice)."""
    if event.is_repeating:
        base = _series_occurrences(event, window_start, window_end)
        if event.is_cancelled:
            base = [replace(o, is_cancelled=True, note=event.cancellation_note) for o in base]
    else:
        base = [Occurrence(event, event.start, event.end, None, is_cancelled=event.is_cancelled,
                           note=event.cancellation_note)]
    return [o for o in base if o.end > window_start and o.start < window_end]


def _series_occurrences(event, window_start, window_end):
    tz = event.tz
    duration = event.duration
    exceptions = {exception.occurrence_date: exception for exception in event.exceptions.all()}
    moved_margin = timedelta(days=370) if exceptions else timedelta()
    local_from = (window_start - duration - moved_margin).astimezone(tz).replace(tzinfo=None)
    local_to = (window_end + moved_margin).astimezone(tz).replace(tzinfo=None)
    result = []
    local_duration = _local_duration(event)
    for naive_start in build_rule(event).between(local_from, local_to, inc=True):
        start = make_aware(naive_start, tz)
        end = make_aware(naive_start + local_duration, tz)
        result.append(_apply_exception(event, start, end, exceptions.get(naive_start.date())))
    return sorted(result, key=lambda o: o.start)


def _local_duration(event):
    """The duration in wall-clock terms, so a 2-hour meeting stays 2 hours on the clock."""
    tz = event.tz
    return (event.end.astimezone(tz).replace(tzinfo=None)
            - event.start.astimezone(tz).replace(tzinfo=None))


def _apply_exception(event, start, end, exception):
    if exception is None:
        return Occurrence(event, start, end, start)
    if exception.kind == "moved" and exception.new_start and exception.new_end:
        return Occurrence(event, exception.new_start, exception.new_end, start, is_moved=True,
                          note=exception.note)
    return Occurrence(event, start, end, start, is_cancelled=True, note=exception.note)


def find_occurrence(event, key):
    """The occurrence of `event` identified by `key` (None for a one-off event), or None."""
    if key is None:
        if event.is_repeating:
            return None
        return Occurrence(event, event.start, event.end, None, is_cancelled=event.is_cancelled,
                          note=event.cancellation_note)
    if not event.is_repeating:
        return None
    candidates = occurrences(event, key - timedelta(days=1), key + timedelta(days=1))
    return next((o for o in candidates if o.key == key), None)


def last_end(event):
    """When the last occurrence ends, or None for a series without end."""
    if not event.is_repeating:
        return event.end
    if not (event.until or event.count):
        return None
    rule = build_rule(event)
    last = rule[-1] if event.count else rule.before(datetime.combine(event.until, time.max), inc=True)
    if last is None:
        return event.end
    return make_aware(last + _local_duration(event), event.tz)


def day_bounds(day, tz):
    """[start, end) of a local calendar day as aware datetimes."""
    start = datetime.combine(day, time.min).replace(tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time.min).replace(tzinfo=tz)


def month_bounds(year, month, tz):
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return day_bounds(first, tz)[0], day_bounds(following, tz)[0]
