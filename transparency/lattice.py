"""Every concern count the portal publishes, in one lattice, suppressed once (suppression.py).

A cell is (when, partner, topic, neighbourhood): `when` is a month ("2026-03") or a period id
("12m", "2026", "30d"); partner, topic and neighbourhood are ids, None ("not given") or ALL.
Cells with a partner count that partner's routes; cells with partner ALL count each concern
once. The dashboard, the partner pages and the downloads all read counts from here, so the same
cell is hidden everywhere and no page or file combines with another to reveal it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from .suppression import ALL, index_equations, suppress

SUPPRESSED = "suppressed"  # a share or time that would reveal a suppressed count
MEASURES = ("received", "answered", "resolved", "due", "within_target", "satisfaction_responses")


@dataclass
class Lattice:
    threshold: int
    periods: dict  # period id -> [months], oldest first
    values: dict = field(default_factory=lambda: {m: defaultdict(int) for m in MEASURES})
    satisfaction_points: dict = field(default_factory=lambda: defaultdict(int))  # 2*yes + partly
    hidden: dict = field(default_factory=dict)

    def count(self, measure, when, partner=ALL, topic=ALL, neighbourhood=ALL):
        """The published count: an int, or None when it is suppressed."""
        cell = (when, partner, topic, neighbourhood)
        if cell in self.hidden[measure]:
            return None
        return self.values[measure].get(cell, 0)

    def figures(self, when, partner=ALL, topic=ALL, neighbourhood=ALL):
        """The published counts (None: suppressed) and shares of one cell (SUPPRESSED when a
        count they need is suppressed, None when there is nothing to divide by)."""
        cell = (when, partner, topic, neighbourhood)
        counts = {m: self.count(m, *cell) for m in MEASURES}
        responses = counts["satisfaction_responses"]
        score = SUPPRESSED if responses is None else None
        if responses:
            score = self.satisfaction_points.get(cell, 0) / 2 / responses
        return {
            **counts,
            "resolved_share": _share(counts["resolved"], counts["received"]),
            "answered_share": _share(counts["answered"], counts["received"]),
            "within_target_share": _share(counts["within_target"], counts["due"]),
            "satisfaction_score": score,
        }

    def months(self):
        return sorted({month for months in self.periods.values() for month in months})

    def finest_cells(self, months):
        """Cells for open data: month x partner (or ALL) x topic x neighbourhood, in order."""
        months = set(months)
        cells = [cell for cell in self.values["received"]
                 if cell[0] in months and ALL not in cell[2:]]
        return sorted(cells, key=lambda c: (c[0], c[1] != ALL, repr(c[1:])))


def build(concern_rows, route_rows, periods, threshold):
    """A suppressed lattice from `concern_counts` rows (each concern once, and per partner)."""
    lattice = Lattice(threshold=threshold, periods=periods)
    periods_of = defaultdict(list)
    for period, months in periods.items():
        for month in months:
            periods_of[month].append(period)
    for rows, by_partner in ((concern_rows, False), (route_rows, True)):
        for row in rows:
            _add(lattice, row, by_partner, [row["month"], *periods_of[row["month"]]])
    equations = _equations(lattice.values["received"], periods_of)
    touching = index_equations(equations)
    for measure in MEASURES:
        lattice.hidden[measure] = suppress(lattice.values[measure], equations, threshold, touching)
    return lattice


def _add(lattice, row, by_partner, whens):
    counts = dict(row)
    counts["satisfaction_responses"] = sum(row[f"satisfaction_{a}"] for a in ("yes", "partly", "no"))
    points = 2 * row["satisfaction_yes"] + row["satisfaction_partly"]
    partner = row["partner"] if by_partner else ALL
    for when in whens:
        for topic in (row["topic"], ALL):
            for area in (row["neighbourhood"], ALL):
                cell = (when, partner, topic, area)
                for measure in MEASURES:
                    lattice.values[measure][cell] += counts[measure]
                lattice.satisfaction_points[cell] += points


def _equations(cells, periods_of):
    """[(parent, children)]: each cell is the sum of its children along each dimension."""
    children = defaultdict(list)
    for cell in cells:
        when = cell[0]
        for i in (1, 2, 3):
            if cell[i] != ALL:
                children[(cell[:i] + (ALL,) + cell[i + 1:], i)].append(cell)
        for period in periods_of.get(when, ()):
            children[((period, *cell[1:]), 0)].append(cell)
    return [(parent, kids) for (parent, _dimension), kids in children.items()]


def _share(part, whole):
    if part is None or whole is None:
        return SUPPRESSED
    return part / whole if whole else None
