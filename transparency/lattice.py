"""Every concern count the portal publishes, in one lattice, suppressed once (suppression.py).

A cell is (when, partner, topic, neighbourhood): `when` is a month ("2026-03") or a period id
("12m", "2026"), a period being whole calendar months; partner, topic and neighbourhood are ids,
None ("not given") or ALL.
Cells with a partner count that partner's routes; cells with partner ALL count each concern
once. The dashboard, the partner pages and the downloads all read counts from here, so the same
cell is hidden everywhere and no page or file combines with another to reveal it: the
equations bind every month to its periods and every two overlapping periods to each other.

Events (`build_events`) have a lattice of their own over the same periods, its cells (when,
partner, kind, neighbourhood): the residents going ("attendance") are suppressed the same way;
how often events were held is a public fact (the calendar lists them) and is published whole.
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
    events: "EventLattice | None" = None

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

    def cells(self, whens):
        """Every cell of `whens` with concerns, for open data: totals (ALL) first, then by key."""
        whens = set(whens)
        cells = [cell for cell in self.values["received"] if cell[0] in whens]
        return sorted(cells, key=lambda c: (c[0], sum(v != ALL for v in c[1:]),
                                            [(v == ALL, repr(v)) for v in c[1:]]))


@dataclass
class EventLattice:
    """Events held and residents going per (when, partner, kind, neighbourhood); partner and
    neighbourhood may be ALL or None (none given); kinds are not totalled, so not ALL."""
    values: dict = field(default_factory=lambda: {"held": defaultdict(int), "attendance": defaultdict(int)})
    hidden: set = field(default_factory=set)  # attendance cells

    def counts(self, when, partner, kind, neighbourhood):
        """{"held": n, "attendance": n, or None when suppressed}."""
        cell = (when, partner, kind, neighbourhood)
        attendance = None if cell in self.hidden else self.values["attendance"].get(cell, 0)
        return {"held": self.values["held"].get(cell, 0), "attendance": attendance}


def build_events(rows, periods, threshold):
    """A suppressed event lattice from `events.figures.event_counts` rows. An event's organisers
    each count it (like a concern's partners); one with none counts under partner None, which
    is not published but closes the "all partners" equation."""
    lattice = EventLattice()
    periods_of = _periods_of(periods)
    for row in rows:
        for when in (row["month"], *periods_of[row["month"]]):
            for partner in (*(row["partners"] or [None]), ALL):
                for area in (row["neighbourhood"], ALL):
                    for measure in ("held", "attendance"):
                        lattice.values[measure][(when, partner, row["kind"], area)] += row[measure]
    equations = _equations(lattice.values["held"], periods, dimensions=(1, 3))
    lattice.hidden = suppress(lattice.values["attendance"], equations, threshold)
    return lattice


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
    equations = _equations(lattice.values["received"], periods)
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


def _periods_of(periods):
    periods_of = defaultdict(list)
    for period, months in periods.items():
        for month in months:
            periods_of[month].append(period)
    return periods_of


def _equations(cells, periods, dimensions=(1, 2, 3)):
    """[(cell, [other cells])]: each cell is the sum of its children along each of `dimensions`
    (the ones with published ALL totals); each period the sum of its months; and two periods
    sharing months differ by the months only one of them has (12 months = the calendar year +
    last year's months among the 12)."""
    periods_of = _periods_of(periods)
    children = defaultdict(list)
    rests = set()
    for cell in cells:
        when, rest = cell[0], cell[1:]
        rests.add(rest)
        for i in dimensions:
            if cell[i] != ALL:
                children[(cell[:i] + (ALL,) + cell[i + 1:], i)].append(cell)
        for period in periods_of.get(when, ()):
            children[((period, *rest), 0)].append(cell)
    equations = [(parent, kids) for (parent, _dimension), kids in children.items()]
    for first, second in _overlapping(periods):
        only = sorted(set(periods[first]) ^ set(periods[second]))
        equations += [((first, *rest), [(second, *rest), *((m, *rest) for m in only)])
                      for rest in rests]
    return equations


def _overlapping(periods):
    """Pairs of periods that share at least one month (and so can be subtracted; in December the
    last 12 months are the calendar year, and must be hidden or shown together)."""
    ids = sorted(periods)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if set(periods[a]) & set(periods[b])]


def _share(part, whole):
    if part is None or whole is None:
        return SUPPRESSED
    return part / whole if whole else None
