"""Transparency figures for concerns, defined once here (the transparency pages show them).

A row is a published concern (state other than submitted). Grouped by partner, a concern shared
by two partners counts once for each, and each partner's time runs from when it received the
concern to its own first official answer; otherwise from publication to the first official
answer by anyone. For each group:

- received: concerns published in the group;
- answered: of those, how many have an official answer;
- median_hours, p90_hours: time to the first official answer, over answered concerns, in hours
  (p90 by nearest rank: the smallest time at least 90 % of answers were within); None if none;
- within_target: answered within the target, as a share of the concerns that are *due* (answered,
  or older than the target): a concern still inside its target is not counted as a miss;
- resolved: share of received concerns that are resolved now;
- satisfaction: yes / partly / no counts, and score = (yes + partly / 2) / responses.

Months are calendar months of publication in the site's time zone ("2026-03").
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from .models import Concern, ConcernRoute, State

DIMENSIONS = ("partner", "topic", "neighbourhood", "month")


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


@dataclass
class _Row:
    partner: object
    topic: object
    neighbourhood: object
    month: str
    start: object
    answered_at: object
    state: str
    satisfaction: str | None


def concern_figures(*, group_by=DIMENSIONS, since=None, until=None, target_days=5, now=None):
    """Figures per combination of `group_by` (any of DIMENSIONS), sorted by key."""
    unknown = set(group_by) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"Unknown dimension(s): {', '.join(sorted(unknown))}")
    now, target = now or timezone.now(), timedelta(days=target_days)
    groups = defaultdict(list)
    for row in _rows(by_partner="partner" in group_by, since=since, until=until):
        groups[tuple((name, _label(getattr(row, name))) for name in group_by)].append(row)
    return [_figures(dict(key), rows, target, now) for key, rows in sorted(groups.items())]


def _rows(*, by_partner, since, until):
    concerns = Concern.objects.exclude(state=State.SUBMITTED).filter(published_at__isnull=False)
    if since:
        concerns = concerns.filter(published_at__gte=since)
    if until:
        concerns = concerns.filter(published_at__lt=until)
    concerns = concerns.select_related("thread__topic", "thread__neighbourhood", "satisfaction")
    if not by_partner:
        for concern in concerns:
            yield _row(concern, None, concern.published_at, concern.first_response_at)
        return
    routes = ConcernRoute.objects.filter(concern__in=concerns).select_related(
        "partner", "concern__thread__topic", "concern__thread__neighbourhood",
        "concern__satisfaction")
    for route in routes:
        yield _row(route.concern, route.partner, route.routed_at, route.first_response_at)


def _row(concern, partner, start, answered_at):
    satisfaction = getattr(getattr(concern, "satisfaction", None), "answer", None)
    return _Row(partner=partner, topic=concern.thread.topic,
                neighbourhood=concern.thread.neighbourhood,
                month=timezone.localtime(concern.published_at).strftime("%Y-%m"), start=start,
                answered_at=answered_at, state=concern.state, satisfaction=satisfaction)


def _figures(key, rows, target, now):
    hours = sorted((r.answered_at - r.start).total_seconds() / 3600 for r in rows if r.answered_at)
    figures = Figures(key=key, received=len(rows), answered=len(hours))
    if hours:
        figures.median_hours = statistics.median(hours)
        figures.p90_hours = percentile(hours, 90)
    for row in rows:
        answered_in_time = row.answered_at is not None and row.answered_at - row.start <= target
        if row.answered_at is not None or now - row.start > target:
            figures.due += 1
            figures.within_target_count += answered_in_time
        figures.resolved_count += row.state == State.RESOLVED
        if row.satisfaction:
            figures.satisfaction[row.satisfaction] += 1
    return figures


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(math.ceil(p / 100 * len(sorted_values)), 1)
    return sorted_values[rank - 1]


def _label(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _share(part, whole):
    return part / whole if whole else None
