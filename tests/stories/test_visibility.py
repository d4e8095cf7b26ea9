"""Feeds, the sitemap and the API show reports, case studies and services only when live."""

import pytest

from tests.factories import case_study_page, report_page, service_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_and_draft():
    return {
        "live": [report_page(title="Live report"), case_study_page(title="Live case study"),
                 service_page(title="Live service")],
        "draft": [report_page(title="Draft report", live=False),
                  case_study_page(title="Draft case study", live=False),
                  service_page(title="Draft service", live=False)],
    }


@pytest.mark.parametrize("feed", ["/stories/feed/rss/", "/stories/feed/atom/"])
def test_feeds_list_live_reports_and_case_studies_only(client, live_and_draft, feed):
    response = client.get(feed)

    assert response.status_code == 200
    assert "Live report" in response.text
    assert "Live case study" in response.text
    assert "Draft report" not in response.text
    assert "Draft case study" not in response.text


def test_atom_feed_is_atom_and_rss_feed_is_rss(client, live_and_draft):
    assert "<rss" in client.get("/stories/feed/rss/").text
    assert 'xmlns="http://www.w3.org/2005/Atom"' in client.get("/stories/feed/atom/").text


def test_sitemap_lists_live_pages_only(client, live_and_draft):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    for page in live_and_draft["live"]:
        assert f"/{page.slug}/</loc>" in response.text
    for page in live_and_draft["draft"]:
        assert f"/{page.slug}/" not in response.text


def test_api_lists_live_pages_with_their_fields(client, live_and_draft):
    response = client.get("/api/v2/pages/", {"type": "stories.ReportPage",
                                            "fields": "summary,period_start,partners"})

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Live report"]
    assert items[0]["summary"] == "What the partnership did this quarter."
    assert items[0]["period_start"] == "2026-01-01"


def test_api_hides_drafts_even_by_id(client, live_and_draft):
    draft = live_and_draft["draft"][2]

    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    titles = [item["title"] for item in client.get(
        "/api/v2/pages/", {"type": "stories.ServicePage"}).json()["items"]]
    assert titles == ["Live service"]


def test_api_exposes_service_hours_and_provider(client, live_and_draft):
    service = service_page(title="Open late", hours=[(0, "20:00", "02:00")])

    detail = client.get(f"/api/v2/pages/{service.pk}/").json()

    assert detail["provider"] == "A test organisation"
    assert detail["opening_hours"][0]["opens"] == "20:00:00"
    assert detail["opening_hours"][0]["closes"] == "02:00:00"


def test_api_serves_images_and_documents_endpoints(client):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_draft_story_pages_are_not_served(client, live_and_draft):
    for page in live_and_draft["draft"]:
        assert client.get(page.url_path.removeprefix("/home")).status_code == 404


def test_pages_carry_open_graph_and_twitter_tags(client, live_and_draft):
    report = live_and_draft["live"][0]

    response = client.get(report.url)

    assert '<meta property="og:title" content="Live report">' in response.text
    assert '<meta property="og:description" content="What the partnership did this quarter.">' \
        in response.text
    assert f'<meta property="og:url" content="http://testserver{report.url}">' in response.text
    assert f'<link rel="canonical" href="http://testserver{report.url}">' in response.text
    # a page without its own image shares the site's default one
    assert '<meta property="og:image" content="http://testserver/static/portal/og-default.png">' \
        in response.text
    assert '<meta name="twitter:card" content="summary_large_image">' in response.text
