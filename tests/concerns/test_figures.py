"""Transparency figures on hand-made data where the right answers are known."""

from datetime import UTC, datetime, timedelta

import pytest

from forums.concerns.figures import (
    concern_counts,
    concern_figures,
    percentile,
    response_hours,
    response_time_figures,
)
from forums.concerns.models import CloseReason, Concern, ConcernRoute, SatisfactionAnswer, State
from forums.models import Thread

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)


def at(day, hour=10):
    return datetime(2026, 3, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def data(resident, concern_board, topic, area, partner, ngo):
    """(published, {partner: hours to its first answer or None}, state, satisfaction)"""
    rows = [
        (at(2), {partner: 2, ngo: 30}, State.RESOLVED, "yes"),
        (at(3), {partner: 10, ngo: None}, State.ANSWERED, None),
        (at(4), {partner: 200}, State.RESOLVED, "partly"),
        (at(5), {partner: None}, State.OPEN, None),
        (at(31, 12), {partner: None}, State.OPEN, None),  # inside its target on NOW: not due
    ]
    for n, (published, answers, state, satisfaction) in enumerate(rows):
        thread = Thread.objects.create(board=concern_board, title=f"Concern {n}", kind="concern",
                                       author=resident, topic=topic, neighbourhood=area,
                                       last_activity_at=published)
        firsts = [published + timedelta(hours=h) for h in answers.values() if h is not None]
        concern = Concern.objects.create(thread=thread, state=state, published_at=published,
                                         first_response_at=min(firsts) if firsts else None)
        for p, hours in answers.items():
            ConcernRoute.objects.create(
                concern=concern, partner=p, routed_at=published,
                first_response_at=published + timedelta(hours=hours) if hours is not None else None)
        if satisfaction:
            SatisfactionAnswer.objects.create(concern=concern, answer=satisfaction)
    # a submitted concern (not yet published) is never counted
    thread = Thread.objects.create(board=concern_board, title="Pending one", kind="concern",
                                   author=resident, topic=topic, neighbourhood=area,
                                   last_activity_at=NOW)
    Concern.objects.create(thread=thread)


def by_partner(figures):
    return {f.key["partner"]: f for f in figures}


def test_per_partner_topic_neighbourhood_month(data, partner, ngo, topic, area):
    figures = by_partner(concern_figures(now=NOW, target_days=5))
    police, charity = figures[partner.name], figures[ngo.name]
    assert police.key == {"partner": partner.name, "topic": topic.name,
                          "neighbourhood": area.name, "month": "2026-03"}
    assert (police.received, police.answered) == (5, 3)
    assert (police.median_hours, police.p90_hours) == (10, 200)
    assert (police.due, police.within_target) == (4, 0.5)
    assert police.resolved == pytest.approx(0.4)
    assert police.satisfaction == {"yes": 1, "partly": 1, "no": 0}
    assert police.satisfaction_score == 0.75
    assert (charity.received, charity.answered, charity.median_hours, charity.p90_hours) == (2, 1, 30, 30)
    assert (charity.due, charity.within_target, charity.resolved) == (2, 0.5, 0.5)
    assert charity.satisfaction_score == 1.0


def test_without_partner_each_concern_counts_once(data):
    [month] = concern_figures(group_by=("month",), now=NOW, target_days=5)
    assert month.key == {"month": "2026-03"}
    assert (month.received, month.answered, month.median_hours) == (5, 3, 10)
    assert month.within_target == 0.5  # 2 of 4 due


def test_period_filter_and_empty_groups(data):
    [early] = concern_figures(group_by=("month",), until=at(4), now=NOW)
    assert early.received == 2
    assert concern_figures(since=NOW, now=NOW) == []
    with pytest.raises(ValueError):
        concern_figures(group_by=("colour",))


def test_nearest_rank_percentile():
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([5], 90) == 5
    assert percentile([1, 2], 50) == 1


def test_sql_counts_agree_with_the_row_figures(data, partner, ngo):
    # the open data's SQL aggregation and the dashboard's rows use one definition
    for by_partner in (False, True):
        counts = concern_counts(by_partner=by_partner, now=NOW, target_days=5)
        group_by = ("partner", "month") if by_partner else ("month",)
        rows = concern_figures(group_by=group_by, now=NOW, target_days=5, labels=False)
        for figures in rows:
            [row] = [c for c in counts if not by_partner or c["partner"] == figures.key["partner"]]
            assert (row["received"], row["answered"], row["due"], row["within_target"]) == (
                figures.received, figures.answered, figures.due, figures.within_target_count)
            assert row["resolved"] == figures.resolved_count and row["month"] == "2026-03"
            assert row["satisfaction_yes"] == figures.satisfaction["yes"]


def test_a_concern_closed_as_a_duplicate_is_counted_once_under_the_original(data, resident, concern_board,
                                                                            topic, area, partner):
    thread = Thread.objects.create(board=concern_board, title="Same again", kind="concern",
                                   author=resident, topic=topic, neighbourhood=area,
                                   last_activity_at=at(6))
    Concern.objects.create(thread=thread, state=State.CLOSED, close_reason=CloseReason.DUPLICATE,
                           published_at=at(6))
    [month] = concern_figures(group_by=("month",), now=NOW, target_days=5)
    assert month.received == 5
    assert sum(c["received"] for c in concern_counts(by_partner=False, now=NOW)) == 5


def test_response_hours_give_the_same_medians_as_the_figures(data, partner, ngo):
    overall = response_hours(by_partner=False)[None]
    assert response_time_figures(overall) == (10, 200)
    by_partner = response_hours(by_partner=True)
    assert response_time_figures(by_partner[ngo.pk]) == (30, 30)
    assert response_hours(by_partner=False, partner=ngo.pk) == {None: [30.0]}
