"""Small-cell suppression with complementary suppression, so no hidden count can be worked out
by subtraction from the published ones.

The published counts form a lattice: a cell is (period or month, partner, topic, neighbourhood),
where any of the last three may be ALL, and a period may be a month or a set of months. Each
"parent = sum of its children along one dimension" is an equation someone could use:
the March total minus the March counts of every topic but one gives that topic's count.

1. Primary: every count from 1 to threshold - 1 is hidden. A zero is published as 0: it
   describes nobody, and hiding zeros would force hiding large counts to protect them.
2. Complementary, repeated until nothing changes, for every equation:
   - parent published and exactly one child hidden: also hide the smallest non-zero published
     child (ties broken by the cell's key, so the choice is stable);
   - parent hidden and every non-zero child published: hide the smallest non-zero child (the
     parent would otherwise be their sum).
   Hiding only grows, so this ends.

Equations across the partner dimension are not exact (a concern shared by two partners counts
once for each), but are treated as if they were: that can only hide more.

What it does not do: a full linear-programming audit. Several equations solved together can,
in unusual tables, narrow a hidden cell to a range; single-equation subtraction, the attack
people actually try, is closed. Periods that are not whole months (the last 30 days) form their
own lattice, so they share no cells with the monthly one.
"""

from collections import defaultdict, deque

ALL = "*"


def suppress(values, equations, threshold, touching=None):
    """The set of hidden cells. `values`: {cell: count}; `equations`: [(parent, [children])]
    (cells missing from `values` count as 0); `touching`: index_equations(equations), when
    several measures share the equations."""
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
    """The child to hide so this equation cannot be solved, or None when it is safe."""
    nonzero = [c for c in children if values.get(c, 0)]
    hidden_children = [c for c in nonzero if c in hidden]
    published = [c for c in nonzero if c not in hidden]
    parent_hidden = parent in hidden
    if parent_hidden and nonzero and not hidden_children:
        return _smallest(published, values)
    if not parent_hidden and len(hidden_children) == 1:
        if published:
            return _smallest(published, values)
        return parent  # only possible when the equation is inexact (shared concerns)
    return None


def _smallest(cells, values):
    return min(cells, key=lambda c: (values[c], repr(c)))
