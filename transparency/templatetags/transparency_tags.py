"""How figures read on the page: suppressed counts, shares, times and the SVG bar charts."""

from django import template

from ..lattice import SUPPRESSED

register = template.Library()

CHART_WIDTH = 320
LABEL_HEIGHT = 16
BAR_HEIGHT = 14
ROW_HEIGHT = 40
VALUE_ROOM = 90  # room to the right of the longest bar for its value


@register.filter
def count(value):
    if value is None:
        return "suppressed"
    return f"{value:,}"


@register.filter
def percent(value):
    if value == SUPPRESSED:
        return "suppressed"
    if value is None:
        return "no data"
    return f"{round(value * 100)}%"


@register.filter
def hours(value):
    if value == SUPPRESSED:
        return "suppressed"
    if value is None:
        return "no answers"
    if value < 48:
        return f"{value:.1f} hours"
    return f"{value / 24:.1f} days"


@register.filter
def minutes(value):
    if value == SUPPRESSED:
        return "suppressed"
    if value is None:
        return "no decisions"
    return f"{value:,} min"


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
        return "No data."
    hidden = sum(row[measure] is None for row in rows)
    text = f"{len(rows)} bars."
    if biggest is not None and biggest[measure]:
        text += f" Largest: {biggest['label']}, {biggest[measure]:,}."
    if hidden:
        text += f" {hidden} suppressed."
    return text + " The table next to the chart has every value."
