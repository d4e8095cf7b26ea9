"""The open data: aggregated, suppressed concern and moderation figures as rows, the columns'
meaning (the data dictionary page shows them) and the licence.

The concern files publish every cell of the lattice the page publishes (lattice.py): each month
and each calendar year, with the totals over partners, topics and neighbourhoods as rows of their
own (the marginal tables), all suppressed together with the page's figures, so a data user can
rebuild the dashboard's figures from the files and no suppressed count from both.

The columns' names are an API and never translated; their types and meanings are in the language
of the page that shows them (the data dictionary, /es/transparency/data/ in Spanish) and of the
JSON download (its `column_meanings`). The rows' values (“All partners”, “Not given”) stay as they
are in every language, so a file can be compared with the next."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from forums.concerns.figures import monthly_response_hours, response_time_figures

from .dashboard import (
    CACHE_VERSION,
    HIDDEN_REASONS,
    MODERATION_COUNTS,
    cached_view,
    moderation_rows,
    month_start,
    months_between,
    names_of,
)
from .lattice import MEASURES
from .suppression import ALL

DIMENSIONS = ("partner", "topic", "neighbourhood")
ALL_LABELS = {"partner": "All partners", "topic": "All topics", "neighbourhood": "All neighbourhoods"}

DEFAULT_LICENCE = {
    "id": "CC-BY-4.0",
    # English in the downloads; the pages show it translated ({% translate licence.name %}).
    "name": gettext_noop("Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
MODERATION_MONTHS = 24

MEASURE_MEANINGS = {
    "received": gettext_lazy("Concerns published in the month (a concern closed as a duplicate is "
                             "counted once, under the concern it duplicates)."),
    "answered": gettext_lazy("Of those, how many have had an official answer (from this partner, on "
                             "a partner row)."),
    "resolved": gettext_lazy("Of those, how many are resolved now."),
    "due": gettext_lazy("Of those, how many were answered or are older than the response target: "
                        "the ones that could be on time or late."),
    "within_target": gettext_lazy("Of the due ones, how many were answered within the response target."),
    "satisfaction_responses": gettext_lazy("Residents who answered “did this resolve your concern?” "
                                           "after resolution."),
}

# The columns' types and when they are suppressed, as the data dictionary shows them.
INTEGER = gettext_lazy("integer or empty")
NUMBER = gettext_lazy("number or empty")
BOOLEAN = gettext_lazy("true / false")
TEXT = gettext_lazy("text")
NEVER = gettext_lazy("never")
WHEN_SUPPRESSED = gettext_lazy("yes: empty when suppressed")
FEW_ANSWERS = gettext_lazy("yes: empty when built on too few answers")
NOT_APPLICABLE = "—"


def _suppressed_column(name):
    return (f"{name}_suppressed", BOOLEAN, _("Whether %(column)s is suppressed.") % {"column": name},
            NOT_APPLICABLE)


def licence():
    return getattr(settings, "OPEN_DATA_LICENCE", DEFAULT_LICENCE)


def _dimension_columns(when="month"):
    if when == "month":
        first = ("month", _("text (YYYY-MM)"), _("Calendar month of publication, in the site's time "
                                                "zone (the current month: to date)."), NEVER)
    else:
        first = ("year", _("text (YYYY)"), _("Calendar year of publication, in the site's time zone "
                                            "(the current year: to date)."), NEVER)
    return [
        first,
        ("partner", TEXT, _("The partner organisation the concern was routed to, or “All partners” "
                            "on rows that count each concern once (a concern shared by two "
                            "partners is on both partners' rows)."), NEVER),
        ("topic", TEXT, _("The concern's topic, “Not given”, or “All topics” on rows that total "
                          "every topic."), NEVER),
        ("neighbourhood", TEXT, _("The neighbourhood the concern is about, “Not given”, or “All "
                                  "neighbourhoods” on rows that total every neighbourhood."), NEVER),
    ]


def _table_column(when):
    return ("table", TEXT,
            _("Which table the row belongs to: “%(when)s” alone (its totals), or “%(when)s” with "
              "the dimensions it is broken down by, joined by “+” (e.g. “%(when)s+topic”, "
              "“%(when)s+partner+topic+neighbourhood”). Sum rows of one table only: the other rows "
              "are their totals.") % {"when": when}, NEVER)


def concern_columns(when="month"):
    columns = _dimension_columns(when)
    for measure in MEASURES:
        columns.append((measure, INTEGER, MEASURE_MEANINGS[measure], WHEN_SUPPRESSED))
        columns.append(_suppressed_column(measure))
    columns.append(_table_column(when))
    return columns


RESPONSE_TIME_MEANINGS = {
    "answered": gettext_lazy("Concerns published in the month that have had an official answer "
                             "(from this partner, on a partner row; from anyone, on “All partners” "
                             "rows)."),
    "median_hours": gettext_lazy("Median hours from the concern reaching the partner (on “All "
                                 "partners” rows: from publication) to its first official answer, "
                                 "over the answered ones."),
    "p90_hours": gettext_lazy("90th percentile of the same hours (nearest rank): 9 in 10 answers "
                              "came within it."),
    "hours_suppressed": gettext_lazy("Whether median_hours and p90_hours are suppressed: when "
                                     "“answered” is suppressed or smaller than the threshold."),
    "due": gettext_lazy("Concerns that were answered or are older than the response target."),
    "within_target": gettext_lazy("Of the due ones, how many were answered within the response target."),
}


def response_time_columns():
    columns = _dimension_columns()[:2]
    for name in ("answered", "due", "within_target"):
        columns.append((name, INTEGER, RESPONSE_TIME_MEANINGS[name], WHEN_SUPPRESSED))
        columns.append(_suppressed_column(name))
    columns.append(("median_hours", NUMBER, RESPONSE_TIME_MEANINGS["median_hours"], FEW_ANSWERS))
    columns.append(("p90_hours", NUMBER, RESPONSE_TIME_MEANINGS["p90_hours"], FEW_ANSWERS))
    columns.append(("hours_suppressed", BOOLEAN, RESPONSE_TIME_MEANINGS["hours_suppressed"], NOT_APPLICABLE))
    return columns


MODERATION_MEANINGS = {
    "published": gettext_lazy("Posts written that month that are public now."),
    "held": gettext_lazy("Posts held for review before anyone saw them."),
    "flagged": gettext_lazy("Posts that reached the review queue because residents flagged them."),
    "approved": gettext_lazy("Review decisions that month: kept (approved, or flags dismissed)."),
    "rejected": gettext_lazy("Review decisions that month: rejected (never shown)."),
    "hidden": gettext_lazy("Posts hidden that month, from the queue or directly by a moderator."),
    "redacted": gettext_lazy("Review decisions that month: edited by a moderator and kept."),
}


def moderation_columns():
    columns = [("month", _("text (YYYY-MM)"), _("Calendar month, in the site's time zone."), NEVER)]
    for name in MODERATION_COUNTS:
        columns.append((name, INTEGER, MODERATION_MEANINGS[name], WHEN_SUPPRESSED))
        columns.append(_suppressed_column(name))
    for reason in HIDDEN_REASONS:
        name = _reason_column(reason)
        # The reason names the column in English; its meaning names it in the page's language.
        columns.append((name, INTEGER, _("Of the hidden posts, those hidden for: %(reason)s.")
                        % {"reason": _(reason)},
                        _("yes, with complementary suppression against “hidden”")))
        columns.append(_suppressed_column(name))
    columns.append(("median_minutes_to_review", INTEGER,
                    _("Median minutes from entering the queue to a decision, over that month's "
                      "decisions."),
                    _("empty when there were fewer decisions than the threshold")))
    return columns


def column_meanings(columns):
    """{column name: its meaning in the active language}, for the JSON downloads."""
    return {name: str(meaning) for name, _kind, meaning, _suppression in columns}


def _reason_column(reason):
    return "hidden_" + "".join(ch if ch.isalnum() else "_" for ch in reason.lower()).strip("_")


def concern_snapshot(by, *, threshold, target_days, now):
    """(rows, computed at) of the concerns download by "month" or "year", cached per snapshot."""
    def build(lattice, as_of):
        whens = lattice.months() if by == "month" else sorted(p for p in lattice.periods if p.isdigit())
        return concern_rows(lattice, names_of(active_only=False), whens, by), as_of

    return cached_view(f"download:concerns:{by}", threshold, target_days, now, build)


def concern_rows(lattice, names, whens, by="month"):
    """One dict per cell of `whens` (months or years) with concerns: by partner (or all
    partners), topic (or all) and neighbourhood (or all)."""
    rows = []
    for cell in lattice.cells(whens):
        row = {by: cell[0], **_dimension_labels(cell[1:], names)}
        for measure in MEASURES:
            value = lattice.count(measure, *cell)
            row[measure] = value
            row[f"{measure}_suppressed"] = value is None
        row["table"] = "+".join([by] + [d for d, v in zip(DIMENSIONS, cell[1:], strict=True) if v != ALL])
        rows.append(row)
    return rows


def _dimension_labels(values, names):
    labels = {}
    for dimension, value in zip(DIMENSIONS, values, strict=True):
        if value == ALL:
            labels[dimension] = ALL_LABELS[dimension]
        elif dimension == "partner":
            labels[dimension] = names["partner"].get(value, "Former partner")
        else:
            labels[dimension] = names[dimension].get(value, "Not given")
    return labels


def response_time_snapshot(*, threshold, target_days, now):
    """(rows, computed at) of the response-times download, cached per snapshot."""
    def build(lattice, as_of):
        return response_time_rows(lattice, names_of(active_only=False),
                                  monthly_response_hours(until=as_of)), as_of

    return cached_view("download:response-times", threshold, target_days, now, build)


def response_time_rows(lattice, names, hours):
    """One dict per month x partner (or all partners) with concerns: answered, due, within
    target (suppressed as on the page) and the median and p90 hours, published only over a
    published count of at least `threshold` answers."""
    rows = []
    for cell in lattice.cells(lattice.months()):
        month, partner, topic, area = cell
        if topic != ALL or area != ALL:
            continue
        row = {"month": month, "partner": _dimension_labels(cell[1:], names)["partner"]}
        for name in ("answered", "due", "within_target"):
            row[name] = lattice.count(name, *cell)
            row[f"{name}_suppressed"] = row[name] is None
        answers = hours.get((month, None if partner == ALL else partner), [])
        shown = row["answered"] is not None and len(answers) >= lattice.threshold
        median, p90 = response_time_figures(answers) if shown else (None, None)
        row["median_hours"] = None if median is None else round(median, 1)
        row["p90_hours"] = None if p90 is None else round(p90, 1)
        row["hours_suppressed"] = bool(answers) and not shown
        rows.append(row)
    return rows


def moderation_snapshot(threshold, now=None):
    """(rows of moderation_data for the last MODERATION_MONTHS months, computed at). Kept for
    TRANSPARENCY_FRESH_FOR seconds, like the concern figures: computing them reads each month's
    figures (about 8 queries a month), and a snapshot that stays put cannot be compared with the
    next to single out one decision."""
    key = f"transparency:{CACHE_VERSION}:moderation-download:{threshold}"
    found = cache.get(key)
    if found is None:
        now = now or timezone.now()
        months = months_between(month_start(*_first_month(now)), now)
        found = (moderation_data(months, threshold), now)
        cache.set(key, found, settings.TRANSPARENCY_FRESH_FOR)
    return found


def _first_month(now):
    local = timezone.localtime(now)
    index = local.year * 12 + local.month - 1 - (MODERATION_MONTHS - 1)
    return index // 12, index % 12 + 1


def moderation_data(months, threshold):
    rows = []
    for month in moderation_rows(months, threshold):
        row = {"month": month["month"]}
        counts = {name: month[name] for name in MODERATION_COUNTS}
        counts.update({_reason_column(r): n for r, n in month["hidden_by_reason"].items()})
        for name, value in counts.items():
            row[name] = value
            row[f"{name}_suppressed"] = value is None
        median = month["median_minutes_to_review"]
        row["median_minutes_to_review"] = median if isinstance(median, int) else None
        rows.append(row)
    return rows
