"""How figures read on the page: suppressed counts, shares, times and the SVG bar charts."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..lattice import SUPPRESSED

register = template.Library()

CHART_WIDTH = 320
LABEL_HEIGHT = 16
BAR_HEIGHT = 14
ROW_HEIGHT = 40
VALUE_ROOM = 90  # room to the right of the longest bar for its value


def _number(value, decimals=None):
    """A number in the page's language: 1,234.5 in English, 1234,5 or 1.234,5 in Spanish."""
    return number_format(value, decimal_pos=decimals, force_grouping=True)


@register.filter
def count(value):
    if value is None:
        return _("suppressed")
    return _number(value)


@register.filter
def percent(value):
    if value == SUPPRESSED:
        return _("suppressed")
    if value is None:
        return _("no data")
    return _("%(number)s%%") % {"number": _number(round(value * 100))}


@register.filter
def hours(value):
    if value == SUPPRESSED:
        return _("suppressed")
    if value is None:
        return _("no answers")
    if value < 48:
        return _("%(number)s hours") % {"number": _number(value, 1)}
    return _("%(number)s days") % {"number": _number(value / 24, 1)}


@register.filter
def minutes(value):
    if value == SUPPRESSED:
        return _("suppressed")
    if value is None:
        return _("no decisions")
    return _("%(number)s min") % {"number": _number(value)}


@register.inclusion_tag("transparency/includes/bar_chart.html")
def bar_chart(rows, measure, chart_id, title):
    """A horizontal bar chart of `measure` over `rows` (dicts with "label"). Suppressed values
    get no bar and the word "suppressed", so nothing depends on colour."""
    values = [row[measure] for row in rows]
    top = max([v for v in values if v is not None] or [0]) or 1
    bars = []
    for n, row in enumerate(rows):
        value = row[measure]
        y = n * ROW_HEIGHT
        width = 0 if value is None else round((CHART_WIDTH - VALUE_ROOM) * value / top, 1)
        bars.append({"label": row["label"], "y_label": y + LABEL_HEIGHT - 3, "y_bar": y + LABEL_HEIGHT + 2,
                     "width": width, "x_value": width + 6, "y_value": y + LABEL_HEIGHT + 2 + BAR_HEIGHT - 2,
                     "text": count(value)})
    published = [row for row in rows if row[measure] is not None]
    biggest = max(published, key=lambda row: row[measure], default=None)
    return {"bars": bars, "chart_id": chart_id, "title": title, "width": CHART_WIDTH,
            "height": max(len(rows), 1) * ROW_HEIGHT + 4, "bar_height": BAR_HEIGHT,
            "summary": _summary(rows, measure, biggest)}


def _summary(rows, measure, biggest):
    if not rows:
        return _("No data.")
    hidden = sum(row[measure] is None for row in rows)
    text = ngettext("%(count)s bar.", "%(count)s bars.", len(rows)) % {"count": _number(len(rows))}
    if biggest is not None and biggest[measure]:
        text += " " + _("Largest: %(label)s, %(value)s.") % {"label": biggest["label"],
                                                             "value": _number(biggest[measure])}
    if hidden:
        text += " " + _("%(count)s suppressed.") % {"count": _number(hidden)}
    return text + " " + _("The table next to the chart has every value.")
