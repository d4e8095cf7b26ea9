"""The open data: aggregated, suppressed concern and moderation figures as rows, the columns'
meaning (the data dictionary page shows COLUMNS) and the licence."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .dashboard import (
    CACHE_VERSION,
    HIDDEN_REASONS,
    MODERATION_COUNTS,
    moderation_rows,
    month_start,
    months_between,
)
from .lattice import MEASURES
from .suppression import ALL

DEFAULT_LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
MODERATION_MONTHS = 24

MEASURE_MEANINGS = {
    "received": "Concerns published in the month (a concern closed as a duplicate is counted "
                "once, under the concern it duplicates).",
    "answered": "Of those, how many have had an official answer (from this partner, on a partner row).",
    "resolved": "Of those, how many are resolved now.",
    "due": "Of those, how many were answered or are older than the response target: the ones "
           "that could be on time or late.",
    "within_target": "Of the due ones, how many were answered within the response target.",
    "satisfaction_responses": "Residents who answered “did this resolve your concern?” after "
                              "resolution.",
}


def licence():
    return getattr(settings, "OPEN_DATA_LICENCE", DEFAULT_LICENCE)


def _dimension_columns():
    return [
        ("month", "text (YYYY-MM)", "Calendar month of publication, in the site's time zone.", "never"),
        ("partner", "text", "The partner organisation the concern was routed to, or “All partners” "
                            "on rows that count each concern once (a concern shared by two "
                            "partners is on both partners' rows).", "never"),
        ("topic", "text", "The concern's topic, or “Not given”.", "never"),
        ("neighbourhood", "text", "The neighbourhood the concern is about, or “Not given”.", "never"),
    ]


def concern_columns():
    columns = _dimension_columns()
    for measure in MEASURES:
        columns.append((measure, "integer or empty", MEASURE_MEANINGS[measure], "yes: empty when suppressed"))
        columns.append((f"{measure}_suppressed", "true / false",
                        f"Whether {measure} is suppressed.", "—"))
    return columns


def moderation_columns():
    columns = [("month", "text (YYYY-MM)", "Calendar month, in the site's time zone.", "never")]
    meanings = {
        "published": "Posts written that month that are public now.",
        "held": "Posts held for review before anyone saw them.",
        "flagged": "Posts that reached the review queue because residents flagged them.",
        "approved": "Review decisions that month: kept (approved, or flags dismissed).",
        "rejected": "Review decisions that month: rejected (never shown).",
        "hidden": "Posts hidden that month, from the queue or directly by a moderator.",
        "redacted": "Review decisions that month: edited by a moderator and kept.",
    }
    for name in MODERATION_COUNTS:
        columns.append((name, "integer or empty", meanings[name], "yes: empty when suppressed"))
        columns.append((f"{name}_suppressed", "true / false", f"Whether {name} is suppressed.", "—"))
    for reason in HIDDEN_REASONS:
        name = _reason_column(reason)
        columns.append((name, "integer or empty", f"Of the hidden posts, those hidden for: {reason}.",
                        "yes, with complementary suppression against “hidden”"))
        columns.append((f"{name}_suppressed", "true / false", f"Whether {name} is suppressed.", "—"))
    columns.append(("median_minutes_to_review", "integer or empty",
                    "Median minutes from entering the queue to a decision, over that month's decisions.",
                    "empty when there were fewer decisions than the threshold"))
    return columns


def _reason_column(reason):
    return "hidden_" + "".join(ch if ch.isalnum() else "_" for ch in reason.lower()).strip("_")


def concern_rows(lattice, names):
    """One dict per month x partner (or all partners) x topic x neighbourhood with concerns."""
    rows = []
    for cell in lattice.finest_cells(lattice.months()):
        month, partner, topic, area = cell
        row = {"month": month,
               "partner": ("All partners" if partner == ALL
                           else names["partner"].get(partner, "Former partner")),
               "topic": names["topic"].get(topic, "Not given"),
               "neighbourhood": names["neighbourhood"].get(area, "Not given")}
        for measure in MEASURES:
            value = lattice.count(measure, *cell)
            row[measure] = value
            row[f"{measure}_suppressed"] = value is None
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
