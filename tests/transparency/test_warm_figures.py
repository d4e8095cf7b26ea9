"""manage.py warm_figures: after a deploy the first visitors get figures from the cache."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_now(calendar_moment, monkeypatch):
    """One moment for the command and the requests, so both compute the same snapshot time; on
    the 17th (at 00:05 on New Year's Day this year has no concerns yet, so no year to warm)."""
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def seven_concerns(make_concern, partner, other_topic, frozen_now):
    """Over the last eight months: five on drug litter, two on street drinking, answered in 2 hours."""
    for n in range(7):
        make_concern(frozen_now - timedelta(days=n * 40, hours=3), {partner: 2},
                     **({"topic": other_topic} if n >= 5 else {}))


def warm_figures():
    out = io.StringIO()
    call_command("warm_figures", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts_concerns(sql):
    """A query of forums/concerns/figures.py; the partner page's list of its latest answers (from
    the official answers) is not one."""
    return (('"concerns_concern"' in sql or '"concerns_concernroute"' in sql)
            and not sql.startswith('SELECT "concerns_officialanswer"'))


def get_without_reading_concerns(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    assert [q["sql"] for q in queries if counts_concerns(q["sql"])] == []
    return response.content.decode()


def test_after_warming_the_default_views_read_no_concerns_and_match_a_cold_request(
        client, transparency_page, seven_concerns, frozen_now):
    output = warm_figures()
    year = timezone.localtime(frozen_now).year
    this_month = timezone.localtime(frozen_now).strftime("%B %Y")
    for line in ("dashboard, the last 12 months", f"dashboard, {this_month} so far",
                 f"dashboard, the year {year}", "concerns download by month", "concerns download by year",
                 "response times download", "Warmed "):
        assert line in output
    views = [{}, {"period": "month"}, {"period": "year", "year": year}]
    warm = [get_without_reading_concerns(client, transparency_page.url, params) for params in views]
    cache.clear()
    cold = [client.get(transparency_page.url, params).content.decode() for params in views]
    assert warm == cold
    assert "<dt>Concerns received</dt><dd>7</dd>" in warm[0]


def test_after_warming_partner_pages_and_the_open_data_read_no_concerns(client, seven_concerns, partner,
                                                                        quiet_partner):
    output = warm_figures()
    assert f"partner page, {partner.name}" in output and f"partner page, {quiet_partner.name}" in output
    content = get_without_reading_concerns(client, partner.get_absolute_url())
    assert "<dt>Concerns received</dt><dd>7</dd>" in content
    content = get_without_reading_concerns(client, quiet_partner.get_absolute_url())
    assert "<dt>Concerns received</dt><dd>0</dd>" in content
    for name in ("concerns.csv", "concerns-by-year.json", "response-times.csv"):
        assert partner.name in get_without_reading_concerns(client, f"/transparency/data/{name}")


def test_warming_an_empty_database(client, transparency_page):
    assert "dashboard, the last 12 months" in warm_figures()
    content = get_without_reading_concerns(client, transparency_page.url)
    assert "<dt>Concerns received</dt><dd>0</dd>" in content
