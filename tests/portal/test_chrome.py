"""The site chrome (settings, crisis banner, menu, footer partners) comes from the cache, and every
change to what it shows appears on the next page view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from portal.models import HelpNumber, SiteSettings
from stories.models import ReportIndexPage
from tests.factories import PartnerFactory, story_index

pytestmark = pytest.mark.django_db


def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def menu_of(response):
    return response.text.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def footer_of(response):
    return response.text.split('class="site-footer"', 1)[1]


def test_second_page_view_reads_the_chrome_from_the_cache(client):
    client.get("/")  # fills the cache
    url = reverse("partner_list")
    first = client.get(url)

    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)

    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert again.text == first.text
    for table in ("portal_sitesettings", "portal_helpnumber", "wagtailcore_pageviewrestriction"):
        assert table not in tables


def test_a_page_published_into_the_menu_appears_at_once(client):
    client.get("/")
    story_index(ReportIndexPage, "reports", title="Partnership reports", show_in_menus=True)

    assert "Partnership reports" in menu_of(client.get("/"))


def test_a_menu_page_unpublished_or_restricted_leaves_the_menu(client):
    reports = story_index(ReportIndexPage, "reports", title="Partnership reports", show_in_menus=True)
    assert "Partnership reports" in menu_of(client.get("/"))

    PageViewRestriction.objects.create(page=reports, restriction_type=PageViewRestriction.LOGIN)
    assert "Partnership reports" not in menu_of(client.get("/"))

    PageViewRestriction.objects.filter(page=reports).delete()
    assert "Partnership reports" in menu_of(client.get("/"))

    Page.objects.get(pk=reports.pk).specific.unpublish()
    assert "Partnership reports" not in menu_of(client.get("/"))


def test_a_renamed_and_republished_menu_page_shows_its_new_title(client):
    reports = story_index(ReportIndexPage, "reports", title="Partnership reports", show_in_menus=True)
    client.get("/")

    reports.title = "Quarterly reports"
    reports.save_revision().publish()

    menu = menu_of(client.get("/"))
    assert "Quarterly reports" in menu and "Partnership reports" not in menu


def test_crisis_banner_changes_show_on_the_next_page(client):
    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.crisis_banner_text = "Help is here tonight."
    settings.save()
    HelpNumber.objects.create(settings=settings, label="Night line", number="0800 123 456")

    response = client.get("/")
    assert "Help is here tonight." in response.text
    assert 'href="tel:0800123456"' in response.text

    settings.crisis_banner_enabled = False
    settings.save()
    assert 'aria-label="Crisis help"' not in client.get("/").text


def test_footer_partners_follow_the_partner_list(client):
    partner = PartnerFactory(name="Harbour Trust")
    assert "Harbour Trust" in footer_of(client.get("/"))

    partner.is_active = False
    partner.save()
    assert "Harbour Trust" not in footer_of(client.get("/"))

    PartnerFactory(name="Riverside Project")
    assert "Riverside Project" in footer_of(client.get("/"))


def test_home_page_query_budget(client, resident, django_assert_max_num_queries):
    from tests.factories import calendar_page, forum_board, forum_thread, report_page

    calendar_page()
    report_page(title="Spring report")
    thread = forum_thread(resident, forum_board(), title="A thread about the park gates")
    PartnerFactory(name="Harbour Trust")
    client.get("/")  # the chrome is cached from here on
    client.force_login(resident)

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert thread.title in response.text and "Harbour Trust" in response.text


# Signed in: session and account (with its roles); the home page by its remembered route and its
# view restrictions; then each section's pages and their view restrictions (the latest threads read
# the forum's public boards first, rather than joining the page tables: see forums.views.latest_threads).
HOME_QUERIES = 18


def test_the_community_rules_link_follows_its_page_when_a_parent_moves_it(client):
    from portal.models import StandardPage

    parent = home()
    for slug in ("about", "team", "rules"):
        page = StandardPage(title="Community rules" if slug == "rules" else slug.title(), slug=slug)
        parent.add_child(instance=page)
        page.save_revision().publish()
        parent = page
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.community_rules_page = parent
    settings.save()
    assert 'href="/about/team/rules/">Community rules' in footer_of(client.get("/"))

    team = StandardPage.objects.get(slug="team")  # neither a menu page nor the rules page
    team.slug = "our-team"
    team.save_revision().publish()

    assert 'href="/about/our-team/rules/">Community rules' in footer_of(client.get("/"))


def test_pages_deep_in_the_tree_are_published_without_clearing_the_chrome(client):
    from tests.factories import report_page

    report_page(title="Winter report")  # the reports index (a menu page) is made here
    client.get("/")

    report_page(title="Spring report")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")

    assert "portal_sitesettings" not in " ".join(q["sql"] for q in captured.captured_queries)


def test_the_wagtail_user_bar_is_for_staff_only(client, resident):
    from portal.accounts.roles import Role
    from tests.factories import staff_user

    client.force_login(resident)
    assert "wagtail-userbar" not in client.get("/").content.decode()
    client.force_login(staff_user(Role.EDITOR))
    assert "wagtail-userbar" in client.get("/").content.decode()
