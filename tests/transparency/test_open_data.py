"""The open data people can use: the marginal tables (totals per month and year, and by partner,
topic and neighbourhood) are real numbers where they give nothing away, the dashboard's
headline figures can be rebuilt from the files, and partners' response times per month."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.factories import NeighbourhoodFactory, PartnerFactory, TopicFactory
from transparency import dashboard as figures

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
SETTINGS = {"threshold": 5, "target_days": 5}


def on(year, month, day):
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


# Which cell complementary suppression hides, on equal counts, follows the cells' ids: fixed ids
# keep these tables the same whatever ran before (PostgreSQL does not reuse ids after a rollback;
# after other tests had run, another choice hid December's "resolved" total).
@pytest.fixture
def topic(db):
    return TopicFactory(pk=9_000_091, name="Drug litter")


@pytest.fixture
def other_topic(db):
    return TopicFactory(pk=9_000_092, name="Street drinking")


@pytest.fixture
def area(db):
    return NeighbourhoodFactory(pk=9_000_091, name="Millbrook")


@pytest.fixture
def ngo(db):
    return PartnerFactory(pk=9_000_092, name="Harbour Lights (test)", kind="ngo")


@pytest.fixture
def partner(db):
    return PartnerFactory(pk=9_000_091, name="Riverton Police (test)", kind="police")


@pytest.fixture
def at_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def history(make_concern, partner, ngo, topic, other_topic):
    """December 2025 to March 2026: 11 to 14 concerns a month to the police (answered in 2 to 6
    hours), 5 of them shared with the NGO (answered in 30 hours, but only 2 in March); small cells
    by topic."""
    for month_index, (year, month) in enumerate(((2025, 12), (2026, 1), (2026, 2), (2026, 3))):
        for n in range(11 + month_index):
            answers = {partner: 2 + n % 5}
            if n < 5:
                answers[ngo] = 30 if n < 2 or month != 3 else None
            make_concern(on(year, month, 1 + n), answers, topic=other_topic if n % 4 == 0 else topic,
                         state="resolved" if n % 2 or month == 3 else "answered")


def download(client, name):
    response = client.get(f"/transparency/data/{name}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def number(value):
    return None if value == "" else float(value) if "." in value else int(value)


def test_the_dashboards_headline_figures_rebuild_from_the_files(client, history, partner, ngo, topic,
                                                                 other_topic, at_now):
    months = download(client, "concerns.csv")
    years = download(client, "concerns-by-year.csv")
    totals = {row["month"]: row for row in months if row["table"] == "month"}
    twelve = figures.dashboard(figures.Filters(figures.last_12_months(NOW)), now=NOW, **SETTINGS)
    # the last 12 months: the sum of the months' totals
    for measure in ("received", "answered", "resolved"):
        assert sum(number(row[measure]) for row in totals.values()) == twelve["overall"][measure]
    # each month of the chart is its row
    for row in twelve["by_month"]:
        month = datetime.strptime(row["label"].removesuffix(" (so far)"), "%B %Y").strftime("%Y-%m")
        assert (number(totals[month]["received"]) if month in totals else 0) == row["received"]
    # partners side by side: the sum of their months
    for partner_row in twelve["partners"]:
        own = [number(r["received"]) for r in months if r["table"] == "month+partner"
               and r["partner"] == partner_row["label"]]
        assert sum(own) == partner_row["received"]
    # a calendar year: its row, and its topics
    year = figures.dashboard(figures.Filters(figures.calendar_year(2026, NOW)), now=NOW, **SETTINGS)
    year_row = next(r for r in years if r["table"] == "year" and r["year"] == "2026")
    assert number(year_row["received"]) == year["overall"]["received"] == 12 + 13 + 9  # to 10 March
    by_topic = {r["topic"]: number(r["received"]) for r in years if r["table"] == "year+topic"
                and r["year"] == "2026"}
    assert by_topic == {row["label"]: row["received"] for row in year["by_topic"]}
    # and the totals are real numbers: no month, year or partner-month total is suppressed
    assert all(r["received_suppressed"] == "false" for r in months + years
               if r["table"] in ("month", "year", "month+partner", "year+partner"))


def test_every_published_count_in_the_files_is_the_one_the_page_shows(client, history, at_now):
    names = figures.names_of(active_only=False)
    ids = {dimension: {name: pk for pk, name in found.items()} for dimension, found in names.items()}
    rows = [(r["month"], r) for r in download(client, "concerns.csv")]
    rows += [(r["year"], r) for r in download(client, "concerns-by-year.csv")]
    checked = 0
    for when, row in rows:
        filters = {d: ids[d][row[d]] for d in ("partner", "topic", "neighbourhood") if row[d] in ids[d]}
        period = (figures.calendar_year(int(when), NOW) if len(when) == 4 else
                  figures.Period(when, when, NOW, NOW, (when,)))
        shown = figures.dashboard(figures.Filters(period, **filters), now=NOW, **SETTINGS)["overall"]
        if not any(row[d] in ("Not given",) for d in ("topic", "neighbourhood")):
            assert number(row["received"]) == shown["received"], row
            checked += 1
    assert checked > 50


def test_partners_response_times_per_month(client, history, partner, ngo, at_now):
    rows = {(r["month"], r["partner"]): r for r in download(client, "response-times.csv")}
    # February: 13 concerns to the police, answered in 2, 3, 4, 5, 6, 2, 3, ... 4 hours
    police = rows[("2026-02", partner.name)]
    assert (number(police["answered"]), police["median_hours"], police["p90_hours"]) == (13, "4.0", "6.0")
    assert police["hours_suppressed"] == "false"
    assert (rows[("2026-02", ngo.name)]["median_hours"], rows[("2026-02", ngo.name)]["p90_hours"]) == (
        "30.0", "30.0")
    # in March the NGO answered 2: too few to publish, and said so
    charity = rows[("2026-03", ngo.name)]
    assert (charity["answered"], charity["median_hours"], charity["hours_suppressed"]) == ("", "", "true")
    # all partners: each concern once, time to its first answer from anyone
    assert number(rows[("2026-02", "All partners")]["answered"]) == 13
    data = json.loads(client.get("/transparency/data/response-times.json").content)
    assert len(data["rows"]) == len(rows) and data["suppression_threshold"] == 5
    assert {"median_hours", "p90_hours", "hours_suppressed"} <= set(data["columns"])


def test_the_yearly_json_matches_its_csv(client, history, at_now):
    data = json.loads(client.get("/transparency/data/concerns-by-year.json").content)
    rows = download(client, "concerns-by-year.csv")
    assert [r["received"] for r in data["rows"]] == [number(r["received"]) for r in rows]
    assert {r["table"] for r in data["rows"]} == {
        "year", "year+partner", "year+topic", "year+neighbourhood", "year+partner+topic",
        "year+partner+neighbourhood", "year+topic+neighbourhood", "year+partner+topic+neighbourhood"}


def test_the_data_dictionary_describes_every_download(client):
    content = client.get("/transparency/data/").content.decode()
    for link in ("concerns.csv", "concerns-by-year.csv", "response-times.csv", "response-times.json"):
        assert f'href="/transparency/data/{link}"' in content
    for column in ("table", "year", "median_hours", "hours_suppressed"):
        assert f"<code>{column}</code>" in content
