"""Computing the figures before anyone asks for them (`manage.py warm_figures`, run at deploy).

It takes fresh snapshots of both lattices (the rebuild the background refresh does), then asks
for the views visitors open first through the functions the pages call, so what is cached is
exactly what those requests would have computed (dashboard.py explains the caching)."""

import time

from wagtail.models import Site

from portal.models import SiteSettings
from portal.partners.models import Partner

from . import dashboard, opendata, sections
from .models import DEFAULT_THRESHOLD, TransparencySettings


def warm(now, report):
    """Compute and cache the figures, calling report(what, seconds) after each."""
    for settings in _settings_in_use():
        args = (settings["threshold"], settings["target_days"], now)
        lattice, _as_of = _timed(report, "concerns and events (lattice)", dashboard.rebuild_lattice, *args)
        for period in _dashboard_periods(now, lattice):
            _timed(report, f"dashboard, {period.label}", dashboard.dashboard, dashboard.Filters(period),
                   now=now, **settings)
        for by in ("month", "year"):
            _timed(report, f"concerns download by {by}", opendata.concern_snapshot, by, now=now, **settings)
        _timed(report, "response times download", opendata.response_time_snapshot, now=now, **settings)
        _timed(report, "moderation download", opendata.moderation_snapshot, settings["threshold"], now)
    for partner in Partner.objects.filter(is_active=True).order_by("name"):
        _timed(report, f"partner page, {partner.name}", sections.partner_figures, partner)


def _timed(report, what, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    report(what, time.perf_counter() - started)
    return result


def _dashboard_periods(now, lattice):
    """The default view, this month so far, and each year that has concerns, newest first (the
    year filter takes any year since 2000, but one without concerns is quick to compute)."""
    years = sorted((int(period) for period in lattice.periods if period.isdigit()), reverse=True)
    return [dashboard.last_12_months(now), dashboard.this_month(now),
            *(dashboard.calendar_year(year, now) for year in years)]


def _settings_in_use():
    """Each distinct suppression threshold and response target of the sites, the default site's
    first: the page and the downloads use their request's site, the partner pages the default."""
    found = []
    for site in Site.objects.order_by("-is_default_site", "pk"):
        settings = {"threshold": TransparencySettings.for_site(site).suppression_threshold,
                    "target_days": SiteSettings.for_site(site).response_target_days}
        if settings not in found:
            found.append(settings)
    return found or [{"threshold": DEFAULT_THRESHOLD,
                      "target_days": SiteSettings._meta.get_field("response_target_days").default}]
