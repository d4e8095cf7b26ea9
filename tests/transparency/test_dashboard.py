"""The dashboard's figures on hand-made data where the right answers are known."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from forums.concerns.models import CloseReason, State
from transparency import dashboard as figures
from transparency.lattice import SUPPRESSED

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def march(day, hour=10):
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def six_concerns(make_concern, partner, ngo, quiet_partner):
    """Six concerns to the police; the first five shared with the NGO and resolved."""
    police_hours = [1, 2, 3, 4, 5, None]
    ngo_hours = [10, 20, 30, 40, 50]
    for n in range(6):
        answers = {partner: police_hours[n]}
        if n < 5:
            answers[ngo] = ngo_hours[n]
        make_concern(march(2 + n), answers, state=State.RESOLVED if n < 5 else State.OPEN,
                     satisfaction=(["yes"] * 4 + ["partly"])[n] if n < 5 else None)


def show(period=None, threshold=5, **filters):
    period = period or figures.last_12_months(NOW)
    return figures.dashboard(figures.Filters(period, **filters), threshold=threshold, target_days=5,
                             now=NOW)


def test_overall_figures(six_concerns):
    overall = show()["overall"]
    assert (overall["received"], overall["answered"]) == (6, 5)
    assert (overall["median_hours"], overall["p90_hours"]) == (3, 5)
    assert overall["resolved_share"] == pytest.approx(5 / 6)
    assert overall["within_target_share"] == pytest.approx(5 / 6)  # all 6 are due; 5 on time
    assert overall["satisfaction_responses"] == 5 and overall["satisfaction_score"] == 0.9


def test_partners_side_by_side_including_one_with_no_concerns(six_concerns, partner, ngo, quiet_partner):
    rows = {row["label"]: row for row in show()["partners"]}
    police, charity, quiet = rows[partner.name], rows[ngo.name], rows[quiet_partner.name]
    assert (police["received"], police["answered"], police["median_hours"]) == (6, 5, 3)
    assert (charity["received"], charity["answered"], charity["median_hours"], charity["p90_hours"]) == (
        5, 5, 30, 50)
    assert charity["resolved_share"] == 1.0
    assert (quiet["received"], quiet["answered"], quiet["median_hours"]) == (0, 0, None)
    assert quiet["within_target_share"] is None  # nothing to divide by: "no data", not 0 %


def test_filtering_by_partner_uses_that_partners_own_times(six_concerns, ngo):
    overall = show(partner=ngo.pk)["overall"]
    assert (overall["received"], overall["median_hours"]) == (5, 30)


def test_small_counts_and_what_they_would_reveal_are_suppressed(six_concerns, make_concern, other_topic,
                                                                 partner):
    # given two more concerns on another topic: 8 in all, 6 + 2 by topic
    make_concern(march(9), {partner: 1}, topic=other_topic)
    make_concern(march(10), {partner: 1}, topic=other_topic)
    data = show()
    topics = {row["label"]: row["received"] for row in data["by_topic"]}
    # then the 2 is hidden, and so is the 6 (8 - 6 = 2 otherwise); the total stays
    assert topics == {"Drug litter": None, "Street drinking": None}
    assert data["overall"]["received"] == 8
    # and shares built on hidden counts are hidden too
    row = next(r for r in data["by_topic"] if r["label"] == "Street drinking")
    assert row["resolved_share"] == SUPPRESSED


def test_medians_over_fewer_answers_than_the_threshold_are_suppressed(make_concern, partner):
    for day in (2, 3, 4, 5, 6):
        make_concern(march(day), {partner: 2 if day < 5 else None})
    overall = show()["overall"]
    assert overall["received"] == 5
    assert overall["answered"] is None and overall["median_hours"] == SUPPRESSED


def test_a_concern_closed_as_a_duplicate_is_not_counted_again(six_concerns, make_concern, partner):
    make_concern(march(11), {partner: None}, state=State.CLOSED, close_reason=CloseReason.DUPLICATE)
    make_concern(march(12), {partner: None}, state=State.CLOSED, close_reason=CloseReason.WITHDRAWN)
    assert show()["overall"]["received"] == 7  # the withdrawn one counts; the duplicate does not


@override_settings(TIME_ZONE="America/Los_Angeles")
def test_a_concern_at_half_past_eleven_on_new_years_eve_belongs_to_the_old_year(make_concern, partner):
    # 23:30 on 31 December in Los Angeles is already 1 January in UTC
    make_concern(datetime(2026, 1, 1, 7, 30, tzinfo=UTC), {partner: 1})
    now = datetime(2026, 2, 1, 20, 0, tzinfo=UTC)
    year = lambda y: figures.dashboard(  # noqa: E731
        figures.Filters(figures.calendar_year(y, now)), threshold=2, target_days=5, now=now)
    old, new = year(2025), year(2026)
    assert [row["label"] for row in old["by_month"]][-1] == "December 2025"
    assert old["by_month"][-1]["received"] is None  # 1 < threshold: suppressed, but it is there
    assert new["overall"]["received"] == 0 and old["overall"]["received"] is None
    assert figures.dashboard(figures.Filters(figures.calendar_year(2025, now)), threshold=1,
                             target_days=5, now=now)["overall"]["received"] == 1


def test_the_last_12_months_cross_the_year_boundary(make_concern, partner):
    for when in (datetime(2025, 3, 31, 12, tzinfo=UTC), datetime(2025, 4, 2, tzinfo=UTC),
                 datetime(2025, 12, 31, 23, 30, tzinfo=UTC), datetime(2026, 1, 1, 0, 30, tzinfo=UTC),
                 datetime(2026, 3, 1, tzinfo=UTC)):
        make_concern(when, {partner: 3})
    data = figures.dashboard(figures.Filters(figures.last_12_months(NOW)), threshold=1, target_days=5,
                             now=NOW)
    months = {row["label"]: row["received"] for row in data["by_month"]}
    assert list(months)[0] == "April 2025" and list(months)[-1] == "March 2026 (so far)"
    assert len(months) == 12
    assert months["December 2025"] == 1 and months["January 2026"] == 1
    assert data["overall"]["received"] == 4  # 31 March 2025 is outside


def test_this_month_so_far_replaces_the_last_30_days(make_concern, partner):
    # given a concern 38 days before NOW, one on 28 February (inside a rolling 30 days) and two in March
    for when in (datetime(2026, 2, 10, tzinfo=UTC), datetime(2026, 2, 28, tzinfo=UTC), march(1), march(2)):
        make_concern(when, {partner: 3})
    data = show(period=figures.this_month(NOW), threshold=1)
    # then the period is the calendar month to date: the monthly figure for March, nothing else
    assert data["period_label"] == "March 2026 so far"
    assert data["overall"]["received"] == 2
    assert [row["label"] for row in data["by_month"]] == ["March 2026 (so far)"]
    by_month = {row["label"]: row["received"] for row in show(threshold=1)["by_month"]}
    assert by_month["March 2026 (so far)"] == data["overall"]["received"]
