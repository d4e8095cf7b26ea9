"""Suppression on hand-made tables: small counts hidden, and no hidden count can be recovered
by subtracting published counts from a published total."""

import random

import pytest

from transparency import lattice
from transparency.suppression import ALL, suppress


def recoverable(values, equations, hidden):
    """The subtraction attack: every hidden non-zero cell an equation gives away on its own."""
    found = set()
    for parent, children in equations:
        unknown = [c for c in [parent, *children] if c in hidden and values.get(c, 0)]
        if len(unknown) == 1:
            found.add(unknown[0])
    return found


def test_small_counts_are_hidden_and_zero_is_published():
    hidden = suppress({"a": 4, "b": 5, "c": 0, "d": 1}, [], threshold=5)
    assert hidden == {"a", "d"}


def test_one_small_part_of_a_published_total_takes_the_next_smallest_with_it():
    # given a total of 20 made of 12, 5 and 3: publishing 20, 12 and 5 would reveal the 3
    values = {"total": 20, "a": 12, "b": 5, "c": 3}
    equations = [("total", ["a", "b", "c"])]
    hidden = suppress(values, equations, threshold=5)
    assert hidden == {"c", "b"}  # 5 is the smallest other part
    assert recoverable(values, equations, hidden) == set()


def test_a_hidden_total_whose_parts_are_all_published_hides_a_part():
    values = {"total": 9, "small_total": 4, "x": 2, "y": 2, "a": 5}
    equations = [("total", ["small_total", "a"]), ("small_total", ["x", "y"])]
    hidden = suppress(values, equations, threshold=5)
    assert {"small_total", "x", "y"} <= hidden and "a" in hidden  # else 9 - 5 = 4
    assert recoverable(values, equations, hidden) == set()


def test_the_subtraction_attack_fails_on_a_hand_made_two_way_table():
    # March: topic A in Millbrook 12, topic B in Millbrook 3, topic A in Northgate 7
    rows = [cell("2026-03", "A", "Millbrook", 12), cell("2026-03", "B", "Millbrook", 3),
            cell("2026-03", "A", "Northgate", 7)]
    built = lattice.build(rows, [], {"2026": ["2026-03"]}, threshold=5)
    # the 3 is hidden, and so is enough around it that no published total gives it away
    assert built.count("received", "2026-03", ALL, "B", "Millbrook") is None
    assert built.count("received", "2026", ALL, ALL, ALL) == 22
    published = {c: built.count("received", *c) for c in built.values["received"]}
    b_in_march = published[("2026-03", ALL, "B", ALL)]
    a_in_march = published[("2026-03", ALL, "A", ALL)]
    assert b_in_march is None and a_in_march is None  # 22 - 19 = 3 would work otherwise
    equations = lattice._equations(built.values["received"], {"2026": ["2026-03"]})
    assert recoverable(built.values["received"], equations, built.hidden["received"]) == set()
    # the attack itself works: with only the small cells hidden, it finds them
    primary = {c for c, n in built.values["received"].items() if 0 < n < 5}
    assert ("2026-03", ALL, "B", "Millbrook") in recoverable(built.values["received"], equations, primary)


@pytest.mark.parametrize("seed", range(20))
def test_no_published_total_gives_away_a_hidden_cell_on_random_data(seed):
    rng = random.Random(seed)
    months = ["2025-11", "2025-12", "2026-01", "2026-02"]
    concern_rows, route_rows = [], []
    for month in months:
        for topic in "ABC":
            for area in ("North", "South", None):
                n = rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15])
                if n:
                    concern_rows.append(cell(month, topic, area, n))
                    route_rows.append(cell(month, topic, area, n, partner=rng.choice([1, 2])))
    periods = {"2025": months[:2], "2026": months[2:], "12m": months}
    built = lattice.build(concern_rows, route_rows, periods, threshold=5)
    equations = lattice._equations(built.values["received"], periods)
    for measure in lattice.MEASURES:
        values = built.values[measure]
        assert recoverable(values, equations, built.hidden[measure]) == set(), measure
        assert all(values[c] >= 5 or values[c] == 0 or c in built.hidden[measure] for c in values)


def cell(month, topic, area, received, *, partner=None, answered=None):
    answered = received if answered is None else answered
    row = {"month": month, "topic": topic, "neighbourhood": area, "received": received,
           "answered": answered, "resolved": 0, "due": received, "within_target": answered,
           "satisfaction_yes": 0, "satisfaction_partly": 0, "satisfaction_no": 0}
    if partner is not None:
        row["partner"] = partner
    return row
