"""What the transparency page, partner pages and downloads show, computed from the figures
modules of forums, events and stories, suppressed (lattice.py) and cached.

Caching: the suppressed lattice of concern counts and each dashboard view (keyed by its filters
and the lattice's time) are kept in Django's cache, and the page says when its figures were
computed. A snapshot older than settings.TRANSPARENCY_FRESH_FOR seconds is still served while a
background task (tasks.refresh_figures, one at a time) computes the next, so only the very first request after
the cache was emptied waits for the figures (about 2 s at 100,000 concerns); `manage.py
warm_figures` (warming.py) fills it at deploy. A request that finds it empty computes rather than
waits for a refresh in progress: that only happens when the cache is flushed mid-refresh, and
waiting would take about as long. Figures are not
invalidated on every change on purpose: a snapshot that stays put for ten minutes also stops
anyone from comparing before and after one new concern.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import dateformat, timezone
from django.utils.translation import get_language, gettext_lazy, gettext_noop, pgettext
from django.utils.translation import gettext as _

from events.figures import KINDS, event_counts
from forums.concerns.figures import concern_counts, response_hours, response_time_figures
from forums.moderation.figures import DIRECT_HIDE, monthly_figures
from forums.moderation.models import REVIEW_REASON_NAMES, ReviewReason
from portal.partners.models import Partner
from portal.taxonomy.models import Neighbourhood, Topic
from stories.figures import reports_published

from . import lattice as lattice_module
from .lattice import SUPPRESSED
from .suppression import ALL, suppress

KEEP_FOR = 7 * 24 * 3600  # seconds a snapshot stays in the cache at most
REFRESH_LOCK_FOR = 300  # seconds: at most one refresh per lattice in that time
logger = logging.getLogger(__name__)
CACHE_VERSION = 3  # 2: one lattice of whole months (no rolling 30 days), periods bound together;
# 3: events in the lattice
MODERATION_COUNTS = ("published", "held", "flagged", "approved", "rejected", "hidden", "redacted")
HIDDEN_REASONS = [REVIEW_REASON_NAMES[reason] for reason in ReviewReason] + [DIRECT_HIDE]
# The reasons stay English in the figures (they name the open data's columns); the page shows
# them with {% translate reason %}, so their msgids are listed here for makemessages.
_REASON_NAMES = [gettext_noop("Crisis language"), gettext_noop("Personal details"),
                 gettext_noop("Watched word"), gettext_noop("New account"),
                 gettext_noop("Flagged by residents"), gettext_noop("Hidden directly by a moderator")]


@dataclass(frozen=True)
class Period:
    """Whole calendar months (the current one to date): every figure is a cell of one lattice."""
    id: str  # "12m", a year ("2026") or a month ("2026-03": this month so far)
    label: str
    since: datetime
    until: datetime
    months: tuple  # "2026-03", oldest first


@dataclass(frozen=True)
class Filters:
    period: Period
    partner: int | None = None
    topic: int | None = None
    neighbourhood: int | None = None

    @property
    def cache_key(self):
        return f"{self.period.id}:{self.partner}:{self.topic}:{self.neighbourhood}"

    def cell(self, **overrides):
        values = {"partner": self.partner, "topic": self.topic, "neighbourhood": self.neighbourhood}
        values.update(overrides)
        return tuple(ALL if values[k] is None else values[k] for k in ("partner", "topic", "neighbourhood"))


# Periods ---------------------------------------------------------------------------------------

def month_start(year, month):
    return datetime(year, month, 1, tzinfo=timezone.get_current_timezone())


def months_between(since, until):
    """Month labels from the month of `since` to the month before `until` (or of it, if inside)."""
    local, end = timezone.localtime(since), timezone.localtime(until)
    year, month, out = local.year, local.month, []
    while month_start(year, month) < end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def last_12_months(now):
    local = timezone.localtime(now)
    year, month = (local.year, local.month - 11) if local.month == 12 else (local.year - 1, local.month + 1)
    since = month_start(year, month)
    return Period("12m", gettext_lazy("the last 12 months"), since, now, months_between(since, now))


def this_month(now):
    """The current calendar month to date: what "the last 30 days" became, because a rolling
    window shares part of a month with the monthly figures and the two would give that part away
    by subtraction."""
    local = timezone.localtime(now)
    since = month_start(local.year, local.month)
    label = _("%(month)s so far") % {"month": _month_name(local)}
    return Period(f"{local.year:04d}-{local.month:02d}", label, since, now, months_between(since, now))


def calendar_year(year, now):
    since, until = month_start(year, 1), month_start(year + 1, 1)
    return Period(str(year), _("the year %(year)d") % {"year": year}, since, until,
                  months_between(since, min(until, now)))


# The lattice -----------------------------------------------------------------------------------

def _lattice_keys(threshold, target_days):
    key = f"transparency:{CACHE_VERSION}:lattice:{threshold}:{target_days}"
    return key, f"{key}:as-of"


def lattice_for(*, threshold, target_days, now):
    """(suppressed lattice, computed at): one for every month, year and the last 12 months, so
    the page, the partner pages and the downloads publish cells suppressed together."""
    key, _stamp_key = _lattice_keys(threshold, target_days)
    found = cache.get(key)
    if found is None:
        return rebuild_lattice(threshold, target_days, now)
    _refresh_if_stale(threshold, target_days, found[1], now)
    return found


def rebuild_lattice(threshold, target_days, now):
    key, stamp_key = _lattice_keys(threshold, target_days)
    found = (_build_lattice(threshold, target_days, now), now)
    cache.set_many({key: found, stamp_key: now}, KEEP_FOR)
    return found


def _refresh_if_stale(threshold, target_days, as_of, now):
    if now - as_of <= timedelta(seconds=settings.TRANSPARENCY_FRESH_FOR):
        return
    lock_key = refresh_lock_key(threshold, target_days)
    if not cache.add(lock_key, True, REFRESH_LOCK_FOR):
        return
    from .tasks import refresh_figures

    try:
        refresh_figures.enqueue(threshold, target_days)
    except Exception:  # the stale snapshot is still right to show; the next request tries again
        logger.exception("Could not queue the transparency figures refresh")
        cache.delete(lock_key)


def refresh_lock_key(threshold, target_days):
    return f"transparency:{CACHE_VERSION}:refreshing:{threshold}:{target_days}"


def cached_view(name, threshold, target_days, now, build):
    """A view of the lattice (dashboard, partner figures, downloads), cached per lattice snapshot.
    The lattice's time is read from a small key first, so a warm request never loads the lattice."""
    key, stamp_key = _lattice_keys(threshold, target_days)
    as_of = cache.get(stamp_key)
    view_key = f"transparency:{CACHE_VERSION}:{name}:{threshold}:{target_days}:"
    if as_of is not None:
        found = cache.get(view_key + str(as_of.timestamp()))
        if found is not None:
            _refresh_if_stale(threshold, target_days, as_of, now)
            return found
    lattice, as_of = lattice_for(threshold=threshold, target_days=target_days, now=now)
    found = cache.get(view_key + str(as_of.timestamp()))
    if found is None:
        found = build(lattice, as_of)
        cache.set(view_key + str(as_of.timestamp()), found, KEEP_FOR)
    return found


def _build_lattice(threshold, target_days, now):
    args = {"until": now, "target_days": target_days, "now": now}
    concern_rows = concern_counts(by_partner=False, **args)
    route_rows = concern_counts(by_partner=True, **args)
    years = {int(row["month"][:4]) for row in concern_rows}
    periods = {str(y): calendar_year(y, now).months for y in years}
    periods["12m"] = last_12_months(now).months
    lattice = lattice_module.build(concern_rows, route_rows, periods, threshold)
    lattice.events = _event_lattice(threshold, now)
    return lattice


def _event_lattice(threshold, now):
    rows = event_counts(until=now, now=now)
    periods = {str(y): calendar_year(y, now).months for y in {int(row["month"][:4]) for row in rows}}
    periods["12m"] = last_12_months(now).months
    return lattice_module.build_events(rows, periods, threshold)


# The dashboard ---------------------------------------------------------------------------------

def dashboard(filters, *, threshold, target_days, now=None):
    """Everything the transparency page shows for `filters`, suppressed, as plain data."""
    # Per language: the labels (months, periods, "Not given") are in the page's language.
    return cached_view(f"dashboard:{get_language()}:{filters.cache_key}", threshold, target_days,
                       now or timezone.now(),
                        lambda lattice, as_of: _dashboard(filters, lattice, threshold, target_days, as_of))


def _dashboard(filters, lattice, threshold, target_days, as_of):
    period = filters.period
    names = names_of(in_page_language=True)
    when = period.id
    concern_args = {"since": period.since, "until": min(period.until, as_of), "topic": filters.topic,
                    "neighbourhood": filters.neighbourhood, "partner": filters.partner}
    overall = lattice.figures(when, *filters.cell())
    _add_times(overall, response_hours(by_partner=False, **concern_args).get(None, []),
               threshold)
    times_by_partner = response_hours(by_partner=True, **concern_args)
    partners = []
    for partner_id, name in names["partner"].items():
        if filters.partner is not None and partner_id != filters.partner:
            continue
        row = lattice.figures(when, *filters.cell(partner=partner_id))
        _add_times(row, times_by_partner.get(partner_id, []), threshold)
        partners.append({"label": name, "id": partner_id, **row})
    return {
        "as_of": as_of,
        "threshold": threshold,
        "target_days": target_days,
        "period_label": period.label,
        "overall": overall,
        "partners": partners,
        "by_month": [{"label": _month_label(m, as_of), **lattice.figures(m, *filters.cell())}
                     for m in period.months],
        "by_topic": _breakdown(lattice, filters, "topic", names["topic"]),
        "by_neighbourhood": _breakdown(lattice, filters, "neighbourhood", names["neighbourhood"]),
        "moderation": moderation_rows(period.months, threshold),
        "events": _events(lattice, filters),
        "reports": reports_published(period.since, min(period.until, as_of), partner=filters.partner,
                                     topic=filters.topic),
    }


def names_of(*, active_only=True, in_page_language=False):
    """{dimension: {id: name}}; the open data names former partners too (their rows stay) and
    keeps the names editors gave first (its column values are an API); the page shows topics and
    neighbourhoods in its own language."""
    partners = Partner.objects.filter(is_active=True) if active_only else Partner.objects.all()
    if in_page_language:
        topics = {topic.pk: topic.display_name for topic in Topic.objects.all()}
        areas = {area.pk: area.display_name for area in Neighbourhood.objects.all()}
    else:
        topics = dict(Topic.objects.values_list("pk", "name"))
        areas = dict(Neighbourhood.objects.values_list("pk", "name"))
    return {"partner": dict(partners.values_list("pk", "name")), "topic": topics, "neighbourhood": areas}


def _breakdown(lattice, filters, dimension, names):
    if getattr(filters, dimension) is not None:
        return []  # filtered to one: the headline figures are that row
    rows = [{"label": name, **lattice.figures(filters.period.id, *filters.cell(**{dimension: pk}))}
            for pk, name in names.items()]
    # "not given" is the None key; cell() would read None as "all"
    cell = list(filters.cell())
    cell[("partner", "topic", "neighbourhood").index(dimension)] = None
    not_given = lattice.figures(filters.period.id, *cell)
    if not_given["received"] != 0:
        rows.append({"label": _("Not given"), **not_given})
    return rows


def _add_times(row, hours, threshold):
    """Median and 90th percentile hours, published only over a published count of answers."""
    if row["answered"] is None or 0 < len(hours) < threshold:
        row["median_hours"] = row["p90_hours"] = SUPPRESSED
    else:
        row["median_hours"], row["p90_hours"] = response_time_figures(hours)


def _month_label(month, as_of):
    label = _month_name(datetime.strptime(month, "%Y-%m"))
    if month == f"{timezone.localtime(as_of):%Y-%m}":
        return _("%(month)s (so far)") % {"month": label}
    return label


def _month_name(moment):
    """"November 2026", "noviembre de 2026": a month in the active language."""
    return dateformat.format(moment, pgettext("date format", "F Y"))


# Moderation, events ----------------------------------------------------------------------------

def moderation_rows(months, threshold):
    """Monthly moderation figures with every count below the threshold hidden (None), and the
    reasons for hiding protected so that "hidden" minus the other reasons reveals none."""
    rows = []
    for month in months:
        year, number = (int(part) for part in month.split("-"))
        raw = monthly_figures(year, number)
        row = {"month": month, "label": _month_name(datetime(year, number, 1))}
        for name in MODERATION_COUNTS:
            row[name] = _small_hidden(raw[name], threshold)
        reasons = {label: raw["hidden_by_reason"].get(label, 0) for label in HIDDEN_REASONS}
        values = {**reasons, "hidden": raw["hidden"]}
        hidden = suppress(values, [("hidden", list(reasons))], threshold)
        row["hidden"] = None if "hidden" in hidden else raw["hidden"]
        row["hidden_by_reason"] = {label: None if label in hidden else n for label, n in reasons.items()}
        decisions = sum(raw[name] for name in ("approved", "rejected", "hidden", "redacted"))
        row["median_minutes_to_review"] = (raw["median_minutes_to_review"] if decisions >= threshold
                                           else SUPPRESSED if decisions else None)
        rows.append(row)
    return rows


def _events(lattice, filters):
    """Events held and residents going by kind, from the lattice (events have no topic)."""
    partner, _topic, area = filters.cell()
    return [{"label": label, **lattice.events.counts(filters.period.id, partner, kind, area)}
            for kind, label in KINDS]


def _small_hidden(n, threshold):
    return None if 0 < n < threshold else n


# Partner pages ---------------------------------------------------------------------------------

def partner_figures(partner, *, threshold, target_days, now=None):
    """The last 12 months for one partner, from the same lattice as the dashboard."""
    now = now or timezone.now()
    period = last_12_months(now)

    def build(lattice, as_of):
        found = lattice.figures(period.id, partner.pk)
        hours = response_hours(by_partner=True, partner=partner.pk, since=period.since, until=as_of)
        _add_times(found, hours.get(partner.pk, []), threshold)
        return {"as_of": as_of, "threshold": threshold, "target_days": target_days, **found}

    return cached_view(f"partner:{get_language()}:{partner.pk}", threshold, target_days, now, build)
