"""The differencing attacks: subtracting one published figure from another, across periods,
pages and files, must not reveal a suppressed count.

Given (threshold 5, now 10 March 2026), to the police unless said otherwise:
- "Street drinking": 3 in December 2025 (suppressed), then 6, 7 (5 early in February and 2 on
  28 February) and 9 in the first months of 2026;
- "Drug litter": 6 in December, 8 a month in 2026 (on 1 February, outside a rolling 30 days);
- the NGO: 3 "Drug litter" concerns of its own in December (suppressed), 6 a month in 2026.
Each attack is tried the way a visitor would: the page, a partner's page, the downloads."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from transparency import dashboard as figures

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
THRESHOLD = 5
SETTINGS = {"threshold": THRESHOLD, "target_days": 5}


def on(year, month, day):
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
def history(make_concern, partner, ngo, topic, other_topic):
    def many(n, when, answers, subject):
        for _ in range(n):
            make_concern(when, answers, topic=subject)

    many(3, on(2025, 12, 5), {partner: 2}, other_topic)
    many(6, on(2026, 1, 5), {partner: 2}, other_topic)
    many(5, on(2026, 2, 3), {partner: 2}, other_topic)
    many(2, on(2026, 2, 28), {partner: 2}, other_topic)
    many(9, on(2026, 3, 5), {partner: 2}, other_topic)
    many(6, on(2025, 12, 6), {partner: 2}, topic)
    for month in (1, 2, 3):
        many(8, on(2026, month, 1), {partner: 2}, topic)
    many(3, on(2025, 12, 7), {ngo: 4}, topic)
    for month in (1, 2, 3):
        many(6, on(2026, month, 2), {ngo: 4}, topic)


@pytest.fixture
def at_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def received(period, **filters):
    data = figures.dashboard(figures.Filters(period, **filters), now=NOW, **SETTINGS)
    return data["overall"]["received"]


def month_in_the_last_12_months(label, **filters):
    """The month's received figure in the page's by-month table ("March 2026 (so far)")."""
    data = figures.dashboard(figures.Filters(figures.last_12_months(NOW), **filters), now=NOW, **SETTINGS)
    return next(row["received"] for row in data["by_month"] if row["label"].startswith(label))


def december(**filters):
    return month_in_the_last_12_months("December 2025", **filters)


def revealed(total, part):
    """What subtracting a published part from a published total gives away (None: nothing)."""
    if total is None or part is None:
        return None
    return total - part


def test_12_months_minus_the_calendar_year_does_not_reveal_december(history, partner, ngo, topic,
                                                                    other_topic):
    for filters in ({}, {"partner": partner.pk}, {"partner": ngo.pk}, {"topic": topic.pk},
                    {"topic": other_topic.pk}, {"partner": partner.pk, "topic": other_topic.pk},
                    {"partner": ngo.pk, "topic": topic.pk}):
        # when a visitor subtracts the year 2026 from the last 12 months (April 2025 to March 2026)
        difference = revealed(received(figures.last_12_months(NOW), **filters),
                              received(figures.calendar_year(2026, NOW), **filters))
        # then what they get is December 2025 as published, or nothing: never a suppressed count
        if difference is not None:
            assert december(**filters) == difference, filters


def test_the_last_30_days_minus_the_month_does_not_reveal_the_end_of_last_month(
        client, transparency_page, history, other_topic, at_now):
    # when a visitor opens the page's "last 30 days" (old links keep working) for street drinking
    thirty_days = received_on_page(client, transparency_page, period="30d", topic=other_topic.slug)
    # and the March figure of the last 12 months
    this_month = month_in_the_last_12_months("March 2026", topic=other_topic.pk)
    # then the difference does not give away the 2 concerns of 28 February
    assert revealed(thirty_days, this_month) in (None, 0)


def test_a_partners_page_minus_the_dashboard_does_not_reveal_its_december(history, ngo):
    # when a visitor takes the NGO's page (its last 12 months) and the dashboard's 2026 for it
    page = figures.partner_figures(ngo, now=NOW, **SETTINGS)["received"]
    dashboard = received(figures.calendar_year(2026, NOW), partner=ngo.pk)
    # then the difference is not the NGO's 3 December concerns
    difference = revealed(page, dashboard)
    assert difference is None or difference == december(partner=ngo.pk)


def test_a_download_minus_the_page_does_not_reveal_a_suppressed_count(client, transparency_page, history,
                                                                      other_topic, area, at_now):
    # when a visitor subtracts March's street-drinking row of concerns.csv from the page's
    # "last 30 days" for street drinking
    rows = download(client, "concerns.csv")
    march = [row for row in rows if (row["month"], row["partner"], row["topic"], row["neighbourhood"])
             == ("2026-03", "All partners", other_topic.name, area.name)]
    in_file = int(march[0]["received"]) if march[0]["received"] else None
    thirty_days = received_on_page(client, transparency_page, period="30d", topic=other_topic.slug)
    # then they learn nothing beyond the month itself
    assert revealed(thirty_days, in_file) in (None, 0)


def test_the_yearly_download_minus_the_page_does_not_reveal_december(client, transparency_page, history,
                                                                     ngo, at_now):
    # when a visitor subtracts the NGO's 2026 row of concerns-by-year.csv from its last 12 months
    rows = download(client, "concerns-by-year.csv")
    year = next(row for row in rows if (row["year"], row["table"], row["partner"])
                == ("2026", "year+partner", ngo.name))
    in_file = int(year["received"]) if year["received"] else None
    page = received_on_page(client, transparency_page, partner=ngo.slug)
    # then the difference is December's published figure, or nothing
    assert revealed(page, in_file) in (None, december(partner=ngo.pk))


def received_on_page(client, page, **query):
    content = client.get(page.url, query).content.decode()
    value = content.split("<dt>Concerns received</dt><dd>")[1].split("<")[0]
    return None if value == "suppressed" else int(value)


def download(client, name):
    response = client.get(f"/transparency/data/{name}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))
