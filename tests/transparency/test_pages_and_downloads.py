"""The transparency page, its filters, caching and query counts; the downloads; partner pages."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

pytestmark = pytest.mark.django_db


def ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def seven_concerns(calendar_moment, make_concern, partner, other_topic):
    """This month: five on drug litter, two on street drinking, to the police, answered in 2 hours.
    Made on the 17th (`calendar_moment`): at 00:05 on the 1st, "10 minutes ago" is last month."""
    for n in range(7):
        make_concern(timezone.now() - timedelta(minutes=10 + n), {partner: 2},
                     **({"topic": other_topic} if n >= 5 else {}))


def test_the_page_shows_the_figures_and_when_they_were_computed(client, transparency_page, seven_concerns):
    content = client.get(transparency_page.url).content.decode()
    assert "Concerns at a glance" in content and "Figures as of" in content
    assert '<dt>Concerns received</dt><dd>7</dd>' in content
    assert "<dd>2.0 hours</dd>" in content  # the median
    # the 2 street-drinking concerns, and the 5 they would be worked out from, read "suppressed"
    assert '<th scope="row">Street drinking</th><td>suppressed</td>' in content
    assert '<th scope="row">Drug litter</th><td>suppressed</td>' in content
    # every chart has a text alternative and a table beside it
    assert content.count('role="img"') == content.count("<title id=") >= 5
    assert 'href="/transparency/data/concerns.csv"' in content and "CC BY 4.0" in content


@pytest.mark.parametrize("query, message", [
    ("?period=forever", "Choose a period from the list."),
    ("?period=year", "Enter the year you want to see"),
    ("?period=year&year=20x5", "Enter a year as four digits"),
    ("?period=year&year=1999", "Choose a year from 2000"),
    ("?partner=no-such-partner", "There is no such partner"),
    ("?topic=%3Cscript%3E", "There is no such topic"),
    ("?neighbourhood=nowhere&period=30d", "There is no such neighbourhood"),
])
def test_filters_it_does_not_understand_get_a_message_not_an_error(client, transparency_page, query,
                                                                   message):
    response = client.get(transparency_page.url + query)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and "Some filters were not understood" in content
    assert "Showing <strong>the last 12 months</strong>" in content


def test_filters_narrow_the_figures(client, transparency_page, seven_concerns, other_topic, partner):
    query = {"topic": other_topic.slug, "period": "month"}
    content = client.get(transparency_page.url, query).content.decode()
    this_month = timezone.localdate().strftime("%B %Y")
    assert f"Showing <strong>{this_month} so far</strong>, topic “Street drinking”" in content
    # a link from when the page offered "the last 30 days" shows this month so far
    old_link = client.get(transparency_page.url, {"period": "30d"}).content.decode()
    assert f"Showing <strong>{this_month} so far</strong>" in old_link
    assert "Some filters were not understood" not in old_link
    assert '<dt>Concerns received</dt><dd>suppressed</dd>' in content
    year = timezone.localdate().year
    content = client.get(transparency_page.url, {"period": "year", "year": year,
                                                 "partner": partner.slug}).content.decode()
    assert f"Showing <strong>the year {year}</strong>, {partner.name}" in content


def test_figures_are_cached_until_they_expire(client, transparency_page, seven_concerns, make_concern,
                                              partner):
    client.get(transparency_page.url)
    make_concern(ago(1), {partner: 1})
    assert '<dt>Concerns received</dt><dd>7</dd>' in client.get(transparency_page.url).content.decode()
    cache.clear()  # what expiry does after 10 minutes
    assert '<dt>Concerns received</dt><dd>8</dd>' in client.get(transparency_page.url).content.decode()


def received_on_page(client, page):
    return client.get(page.url).content.decode().split("<dt>Concerns received</dt><dd>")[1].split("<")[0]


def test_stale_figures_are_served_while_the_next_are_computed(client, transparency_page, seven_concerns,
                                                             make_concern, partner, monkeypatch):
    assert received_on_page(client, transparency_page) == "7"
    make_concern(ago(1), {partner: 1})
    eleven_minutes_later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: eleven_minutes_later)
    # the old snapshot answers at once; the refresh it queues runs at once in tests
    assert received_on_page(client, transparency_page) == "7"
    assert received_on_page(client, transparency_page) == "8"


def test_a_refresh_that_cannot_be_queued_still_shows_the_last_figures(client, transparency_page,
                                                                      seven_concerns, make_concern,
                                                                      partner, monkeypatch):
    from transparency import tasks

    received_on_page(client, transparency_page)
    make_concern(ago(1), {partner: 1})
    eleven_minutes_later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: eleven_minutes_later)

    class TaskQueueDown:
        def enqueue(self, *args):
            raise ConnectionError("task queue down")

    monkeypatch.setattr(tasks, "refresh_figures", TaskQueueDown())
    assert received_on_page(client, transparency_page) == "7"
    monkeypatch.undo()
    monkeypatch.setattr(timezone, "now", lambda: eleven_minutes_later)
    # the failed attempt left no lock behind: the next request queues the refresh
    received_on_page(client, transparency_page)
    assert received_on_page(client, transparency_page) == "8"


@pytest.mark.parametrize("extra", [0, 25])
def test_query_counts_do_not_grow_with_the_number_of_concerns(client, transparency_page, make_concern,
                                                             partner, ngo, extra,
                                                             django_assert_max_num_queries):
    for n in range(5 + extra):
        make_concern(ago(n % 300), {partner: 2, ngo: None})
    with django_assert_max_num_queries(150):  # cold: mostly 8 per month of moderation figures
        client.get(transparency_page.url)
    with django_assert_max_num_queries(16):  # warm: routing, settings, menus, the 3 filter lists
        client.get(transparency_page.url)


def test_the_csv_has_the_totals_and_every_breakdown_with_suppression_flags(client, seven_concerns, partner):
    response = client.get("/transparency/data/concerns.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert set(rows[0]) >= {"month", "partner", "topic", "neighbourhood", "received", "received_suppressed",
                            "table"}
    # then: the month's total of 7 and its breakdowns; the 2 is empty and flagged, and so is the 5
    # it could be worked out from; the totals that give neither away are real numbers
    month = timezone.localdate().strftime("%Y-%m")
    columns = ("table", "partner", "topic", "neighbourhood", "received", "received_suppressed")
    assert all(row["month"] == month for row in rows)
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("month", "All partners", "All topics", "All neighbourhoods", "7", "false"),
        ("month+partner", partner.name, "All topics", "All neighbourhoods", "7", "false"),
        ("month+topic", "All partners", "Drug litter", "All neighbourhoods", "", "true"),
        ("month+topic", "All partners", "Street drinking", "All neighbourhoods", "", "true"),
        ("month+neighbourhood", "All partners", "All topics", "Millbrook", "7", "false"),
        ("month+partner+topic", partner.name, "Drug litter", "All neighbourhoods", "", "true"),
        ("month+partner+topic", partner.name, "Street drinking", "All neighbourhoods", "", "true"),
        ("month+partner+neighbourhood", partner.name, "All topics", "Millbrook", "7", "false"),
        ("month+topic+neighbourhood", "All partners", "Drug litter", "Millbrook", "", "true"),
        ("month+topic+neighbourhood", "All partners", "Street drinking", "Millbrook", "", "true"),
        ("month+partner+topic+neighbourhood", partner.name, "Drug litter", "Millbrook", "", "true"),
        ("month+partner+topic+neighbourhood", partner.name, "Street drinking", "Millbrook", "", "true"),
    ]


def test_the_json_matches_the_csv_and_names_no_resident(client, seven_concerns, resident):
    data = json.loads(client.get("/transparency/data/concerns.json").content)
    assert data["licence"]["id"] == "CC-BY-4.0" and data["suppression_threshold"] == 5
    suppressed = [row for row in data["rows"] if row["received_suppressed"]]
    assert suppressed and all(row["received"] is None for row in suppressed)
    csv_text = client.get("/transparency/data/concerns.csv").content.decode()
    assert len(csv_text.strip().splitlines()) == len(data["rows"]) + 1
    for text in (json.dumps(data), csv_text):
        assert resident.email not in text and resident.display_name not in text
        assert "Concern 1" not in text  # no titles either


def test_moderation_download_and_the_data_dictionary(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/transparency/data/moderation.csv").content.decode())))
    assert len(rows) == 24 and "hidden_hidden_directly_by_a_moderator" in rows[0]
    content = client.get("/transparency/data/").content.decode()
    for column in ("received_suppressed", "within_target", "median_minutes_to_review", "neighbourhood"):
        assert f"<code>{column}</code>" in content
    assert "Complementary suppression" in content and "creativecommons.org/licenses/by/4.0" in content


def test_a_partner_page_shows_its_own_figures(client, seven_concerns, partner, quiet_partner):
    content = client.get(partner.get_absolute_url()).content.decode()
    assert "Concerns answered in the last 12 months" in content
    assert "<dt>Concerns received</dt><dd>7</dd>" in content
    content = client.get(quiet_partner.get_absolute_url()).content.decode()
    assert "<dt>Concerns received</dt><dd>0</dd>" in content and "no answers" in content


def test_the_moderation_download_is_a_snapshot_served_from_the_cache(client, django_assert_max_num_queries):
    first = client.get("/transparency/data/moderation.json").content

    with django_assert_max_num_queries(6):  # routing, settings: no month's figures
        again = client.get("/transparency/data/moderation.json").content

    assert again == first
    assert json.loads(again)["generated_at"] == json.loads(first)["generated_at"]
