"""Small-cell suppression with complementary suppression, so no hidden count can be worked out
by subtraction from the published ones.

The published counts form a lattice: a cell is (period or month, partner, topic, neighbourhood),
where any of the last three may be ALL, and a period is a set of whole calendar months. An
equation is a set of cells bound by one linear relation, which someone could solve for any one
of its cells once they know the others:

- a parent and its children along one dimension: the March total minus the March counts of every
  topic but one gives that topic's count;
- two periods that share months, with the months only one of them has: the last 12 months minus
  the calendar year gives the months of last year inside the 12 (December, in November).

1. Primary: every count from 1 to threshold - 1 is hidden. A zero is published as 0: it
   describes nobody, and hiding zeros would force hiding large counts to protect them.
2. Complementary, repeated until nothing changes: whenever exactly one non-zero cell of an
   equation is hidden, also hide the smallest non-zero published child (ties broken by the
   cell's key, so the choice is stable), or the parent when no child is left. Hiding only grows,
   so this ends.

Equations across the partner dimension are not exact (a concern shared by two partners counts
once for each), but are treated as if they were: that can only hide more.

What it does not do: a full linear-programming audit. Several equations solved together can,
in unusual tables, narrow a hidden cell to a range; the subtraction of one published figure
from another, within a table or across periods, tables and files, is closed.
"""

from collections import defaultdict, deque

ALL = "*"


def suppress(values, equations, threshold, touching=None):
    """The set of hidden cells. `values`: {cell: count}; `equations`: [(parent, [children])], or
    (period, [overlapping period, months only one has]) (cells missing from `values` count as 0);
    `touching`: index_equations(equations), when several measures share the equations."""
    hidden = {cell for cell, n in values.items() if 0 < n < threshold}
    touching = index_equations(equations) if touching is None else touching
    pending = deque(range(len(equations)))
    queued = set(pending)
    while pending:
        index = pending.popleft()
        queued.discard(index)
        parent, children = equations[index]
        extra = _complement(parent, children, values, hidden)
        if extra is None:
            continue
        hidden.add(extra)
        for again in (index, *touching[extra]):
            if again not in queued:
                pending.append(again)
                queued.add(again)
    return hidden


def index_equations(equations):
    """{cell: [indexes of the equations it is in]}: what to recheck when a cell is hidden."""
    touching = defaultdict(list)
    for index, (parent, children) in enumerate(equations):
        for cell in (parent, *children):
            touching[cell].append(index)
    return touching


def _complement(parent, children, values, hidden):
    """The cell to hide so this equation cannot be solved, or None when it is safe. A child is
    preferred to the parent on equal counts: totals are what people read."""
    nonzero = [c for c in (parent, *children) if values.get(c, 0)]
    if sum(c in hidden for c in nonzero) != 1:
        return None
    published = [c for c in nonzero if c not in hidden]
    published_children = [c for c in published if c != parent]
    if published_children:
        return _smallest(published_children, values)
    return parent if published else None


def _smallest(cells, values):
    return min(cells, key=lambda c: (values[c], repr(c)))
