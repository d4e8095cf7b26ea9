"""Transparency figures for concerns, defined once here (the transparency pages show them).

A row is a published concern (state other than submitted). A concern closed as a duplicate is
not a row: the resident's issue is counted once, under the concern it duplicates (otherwise one
problem raised twice would count as two received and one never answered). Grouped by partner, a
concern shared by two partners counts once for each, and each partner's time runs from when it
received the concern to its own first official answer; otherwise from publication to the first
official answer by anyone. For each group:

- received: concerns published in the group;
- answered: of those, how many have an official answer;
- median_hours, p90_hours: time to the first official answer, over answered concerns, in hours
  (p90 by nearest rank: the smallest time at least 90 % of answers were within); None if none;
- within_target: answered within the target, as a share of the concerns that are *due* (answered,
  or older than the target): a concern still inside its target is not counted as a miss;
- resolved: share of received concerns that are resolved now;
- satisfaction: yes / partly / no counts, and score = (yes + partly / 2) / responses.

Months are calendar months of publication in the site's time zone ("2026-03").

Two entry points share these definitions: `concern_figures` (every figure, medians included, from
one row per concern or route, read with values_list) and `concern_counts` (only the additive
counts, aggregated in SQL per month x topic x neighbourhood [x partner], for open data).
"""

import bisect
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import CloseReason, Concern, ConcernRoute, State

DIMENSIONS = ("partner", "topic", "neighbourhood", "month")
SATISFACTION = ("yes", "partly", "no")


@dataclass
class Figures:
    key: dict
    received: int = 0
    answered: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    due: int = 0
    within_target_count: int = 0
    resolved_count: int = 0
    satisfaction: dict = field(default_factory=lambda: {"yes": 0, "partly": 0, "no": 0})

    @property
    def within_target(self):
        return _share(self.within_target_count, self.due)

    @property
    def resolved(self):
        return _share(self.resolved_count, self.received)

    @property
    def satisfaction_responses(self):
        return sum(self.satisfaction.values())

    @property
    def satisfaction_score(self):
        s = self.satisfaction
        return _share(s["yes"] + s["partly"] / 2, self.satisfaction_responses)


def published_concerns(*, since=None, until=None, topic=None, neighbourhood=None):
    """The concerns the figures count: published, not closed as a duplicate (ids to filter by)."""
    concerns = (Concern.objects.exclude(state=State.SUBMITTED).filter(published_at__isnull=False)
                .exclude(state=State.CLOSED, close_reason=CloseReason.DUPLICATE))
    if since:
        concerns = concerns.filter(published_at__gte=since)
    if until:
        concerns = concerns.filter(published_at__lt=until)
    if topic is not None:
        concerns = concerns.filter(thread__topic_id=topic)
    if neighbourhood is not None:
        concerns = concerns.filter(thread__neighbourhood_id=neighbourhood)
    return concerns


def concern_figures(*, group_by=DIMENSIONS, since=None, until=None, target_days=5, now=None,
                    partner=None, topic=None, neighbourhood=None, labels=True):
    """Figures per combination of `group_by` (any of DIMENSIONS), sorted by key.

    `partner`, `topic`, `neighbourhood` (ids) narrow the rows; filtering by partner counts that
    partner's routes (its own times). Keys are names (labels=True) or ids (None: not given)."""
    unknown = set(group_by) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"Unknown dimension(s): {', '.join(sorted(unknown))}")
    now, target = now or timezone.now(), timedelta(days=target_days)
    by_partner = "partner" in group_by or partner is not None
    rows = _rows(by_partner=by_partner, labels=labels, partner=partner,
                 concerns=published_concerns(since=since, until=until, topic=topic,
                                             neighbourhood=neighbourhood))
    positions = [DIMENSIONS.index(name) for name in group_by]
    groups = defaultdict(list)
    for row in rows:
        groups[tuple(row[i] for i in positions)].append(row)
    return [_figures(dict(zip(group_by, key, strict=True)), rows, target, now)
            for key, rows in sorted(groups.items(), key=lambda item: _sort_key(item[0]))]


# A row: (partner, topic, neighbourhood, month, start, answered_at, state, satisfaction)
def _rows(*, by_partner, labels, partner, concerns):
    names = ("name" if labels else "id")
    if by_partner:
        routes = ConcernRoute.objects.filter(concern__in=concerns)
        if partner is not None:
            routes = routes.filter(partner_id=partner)
        values = routes.values_list(
            f"partner__{names}", f"concern__thread__topic__{names}",
            f"concern__thread__neighbourhood__{names}", "concern__published_at", "routed_at",
            "first_response_at", "concern__state", "concern__satisfaction__answer")
    else:
        values = concerns.values_list(
            "pk", f"thread__topic__{names}", f"thread__neighbourhood__{names}", "published_at",
            "published_at", "first_response_at", "state", "satisfaction__answer")
    month_of = MonthLabeller()
    for who, topic, area, published, start, answered, state, satisfaction in values:
        yield (who if by_partner else None, _label(topic, labels), _label(area, labels),
               month_of(published), start, answered, state, satisfaction)


def _figures(key, rows, target, now):
    hours = sorted((r[5] - r[4]).total_seconds() / 3600 for r in rows if r[5])
    figures = Figures(key=key, received=len(rows), answered=len(hours))
    figures.median_hours, figures.p90_hours = response_time_figures(hours)
    for _who, _topic, _area, _month, start, answered_at, state, satisfaction in rows:
        if answered_at is not None or now - start > target:
            figures.due += 1
            figures.within_target_count += answered_at is not None and answered_at - start <= target
        figures.resolved_count += state == State.RESOLVED
        if satisfaction:
            figures.satisfaction[satisfaction] += 1
    return figures


def response_time_figures(sorted_hours):
    """(median, p90) of an ascending list of hours, (None, None) when it is empty."""
    if not sorted_hours:
        return None, None
    return statistics.median(sorted_hours), percentile(sorted_hours, 90)


def response_hours(*, by_partner, since=None, until=None, partner=None, topic=None,
                   neighbourhood=None):
    """{partner id (None when not by partner): ascending hours to the first official answer},
    reading only answered concerns (or routes): the medians, without the rest of the rows."""
    concerns = published_concerns(since=since, until=until, topic=topic, neighbourhood=neighbourhood)
    if by_partner or partner is not None:
        rows = ConcernRoute.objects.filter(concern__in=concerns, first_response_at__isnull=False)
        if partner is not None:
            rows = rows.filter(partner_id=partner)
        rows = rows.values_list("partner_id", "routed_at", "first_response_at")
    else:
        rows = (concerns.filter(first_response_at__isnull=False)
                .values_list("state", "published_at", "first_response_at"))
    hours = defaultdict(list)
    for who, start, answered in rows:
        hours[who if by_partner else None].append((answered - start).total_seconds() / 3600)
    return {who: sorted(values) for who, values in hours.items()}


def monthly_response_hours(*, until=None):
    """{(month, partner id, or None for each concern once): ascending hours to the first
    official answer}, over answered concerns (or routes) by month of publication."""
    concerns = published_concerns(until=until).filter(first_response_at__isnull=False)
    routes = (ConcernRoute.objects.filter(concern__in=published_concerns(until=until),
                                          first_response_at__isnull=False)
              .values_list("partner_id", "concern__published_at", "routed_at", "first_response_at"))
    month_of = MonthLabeller()
    hours = defaultdict(list)
    for published, answered in concerns.values_list("published_at", "first_response_at"):
        hours[(month_of(published), None)].append((answered - published).total_seconds() / 3600)
    for who, published, start, answered in routes:
        hours[(month_of(published), who)].append((answered - start).total_seconds() / 3600)
    return {key: sorted(values) for key, values in hours.items()}


def concern_counts(*, by_partner, since=None, until=None, target_days=5, now=None):
    """The additive counts per month x topic x neighbourhood [x partner], aggregated in SQL.

    [{"month": "2026-03", "partner": id (by_partner only), "topic": id or None,
      "neighbourhood": id or None, "received", "answered", "resolved", "due", "within_target",
      "satisfaction_yes", "satisfaction_partly", "satisfaction_no"}] (same definitions as above).
    """
    now, target = now or timezone.now(), timedelta(days=target_days)
    concerns = published_concerns(since=since, until=until)
    prefix = "concern__" if by_partner else ""
    if by_partner:
        rows = ConcernRoute.objects.filter(concern__in=concerns)
        start, answered_at = F("routed_at"), "first_response_at"
        group = ("partner_id",)
    else:
        rows, start, answered_at, group = concerns, F("published_at"), "first_response_at", ()
    answered = Q(**{f"{answered_at}__isnull": False})
    counts = {
        "received": Count("pk"),
        "answered": Count("pk", filter=answered),
        "resolved": Count("pk", filter=Q(**{f"{prefix}state": State.RESOLVED})),
        "due": Count("pk", filter=answered | Q(**{f"{'routed_at' if by_partner else 'published_at'}__lt":
                                                   now - target})),
        "within_target": Count("pk", filter=Q(**{f"{answered_at}__lte": start + target})),
        **{f"satisfaction_{answer}": Count("pk", filter=Q(**{f"{prefix}satisfaction__answer": answer}))
           for answer in SATISFACTION},
    }
    tz = timezone.get_current_timezone()
    rows = (rows.annotate(month_start=TruncMonth(f"{prefix}published_at", tzinfo=tz))
            .values("month_start", *group, topic=F(f"{prefix}thread__topic_id"),
                    neighbourhood=F(f"{prefix}thread__neighbourhood_id"))
            .annotate(**counts).order_by())
    out = []
    for row in rows:
        month_start = row.pop("month_start")
        if by_partner:
            row["partner"] = row.pop("partner_id")
        out.append({"month": timezone.localtime(month_start, tz).strftime("%Y-%m"), **row})
    return out


class MonthLabeller:
    """Labels UTC datetimes with their calendar month in the site's time zone ("2026-03"),
    computing each month's boundaries once (100,000 localtime() calls cost ~0.3 s)."""

    def __init__(self):
        self.tz = timezone.get_current_timezone()
        self.starts, self.months = [], []  # sorted month starts; (end, label) for each

    def __call__(self, moment):
        i = bisect.bisect_right(self.starts, moment) - 1
        if i >= 0 and moment < self.months[i][0]:
            return self.months[i][1]
        local = timezone.localtime(moment, self.tz)
        start = datetime(local.year, local.month, 1, tzinfo=self.tz)
        end = datetime(local.year + (local.month == 12), local.month % 12 + 1, 1, tzinfo=self.tz)
        label = f"{local.year:04d}-{local.month:02d}"
        # kept in UTC, like the moments: comparing across time zones calls utcoffset() each time
        self.starts.insert(i + 1, start.astimezone(UTC))
        self.months.insert(i + 1, (end.astimezone(UTC), label))
        return label


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(math.ceil(p / 100 * len(sorted_values)), 1)
    return sorted_values[rank - 1]


def _label(value, labels):
    if value is None:
        return "" if labels else None
    return value


def _sort_key(key):
    return tuple((value is None, "" if value is None else str(value)) for value in key)


def _share(part, whole):
    return part / whole if whole else None
