"""The demo content renders; editors see the services nobody has checked for six months."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from stories.models import CaseStudyPage, ReportPage, ResourcePage, ServicePage
from tests.factories import PartnerFactory, report_page, service_page
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(demo_city):
    return demo_city


def test_demo_content_renders_every_story_page(client, demo_site):
    pages = [*ReportPage.objects.live(), *CaseStudyPage.objects.live(),
             *ResourcePage.objects.live(), *ServicePage.objects.live()]
    assert len(pages) >= 3 + 3 + 4 + 5

    # every address first: a request to a Spanish page leaves Spanish active in the test's thread
    for url, title in [(page.url, page.title) for page in pages]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"<h1>{title}</h1>" in response.text


def test_demo_has_the_three_fictional_case_studies(client, demo_site):
    response = client.get("/case-studies/")

    for title in ["From the street to treatment: a crisis outreach team (demo)",
                  "A police–community coalition offering counselling (demo)",
                  "Fewer overdoses: a harm reduction partnership (demo)"]:
        assert title in response.text


def test_demo_index_pages_are_in_the_menu(client, demo_site):
    response = client.get("/")

    nav = response.text.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    for title in ["Partnership reports", "Case studies", "Resource library", "Get help"]:
        assert title in nav


def test_seed_demo_twice_adds_nothing(demo_site):
    counts = [model.objects.count() for model in (ReportPage, CaseStudyPage, ServicePage)]

    call_command("seed_demo", "--force", stdout=StringIO())

    assert [model.objects.count() for model in (ReportPage, CaseStudyPage, ServicePage)] == counts


def test_partner_page_lists_its_reports(client):
    partner = PartnerFactory(name="Listed Partner")
    report_page(title="Report about the partner", partners=[partner])
    report_page(title="Unpublished partner report", partners=[partner], live=False)

    response = client.get(partner.get_absolute_url())

    assert "Report about the partner" in response.text
    assert "Unpublished partner report" not in response.text


def test_home_page_shows_latest_stories(client):
    report_page(title="Fresh report")

    assert "Fresh report" in client.get("/").text


# Services to check ---------------------------------------------------------------------------


@pytest.fixture
def services_by_age():
    today = datetime.date.today()
    service_page(title="Checked last month", last_checked=today - datetime.timedelta(days=30))
    service_page(title="Checked last year", last_checked=today - datetime.timedelta(days=365))
    service_page(title="Never checked")


def test_editors_see_services_not_checked_for_six_months(client, editor, services_by_age):
    client.force_login(editor)

    response = client.get(reverse("stories_stale_services"))

    assert response.status_code == 200
    assert "Checked last year" in response.text
    assert "Never checked" in response.text
    assert "Checked last month" not in response.text
    assert "<th>Last checked</th>" in response.text
    assert "<td valign=\"top\">Never</td>" in response.text


@pytest.mark.parametrize("role_fixture", ["moderator", "liaison"])
def test_other_staff_cannot_see_the_services_report(client, request, role_fixture,
                                                    services_by_age):
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(reverse("stories_stale_services"))

    assert_staff_refused_by_admin(response)
    assert "Never checked" not in response.content.decode()


def test_services_report_is_in_the_editors_reports_menu(client, editor, moderator):
    client.force_login(editor)
    assert reverse("stories_stale_services") in client.get(reverse("wagtailadmin_home")).text

    client.force_login(moderator)
    assert reverse("stories_stale_services") not in client.get(reverse("wagtailadmin_home")).text
