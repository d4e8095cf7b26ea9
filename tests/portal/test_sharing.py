"""Sharing and finding the site: absolute links at the public address, the sitemap, robots.txt,
Open Graph on thread pages, calendar months crawlers do not walk forever, the header's unread
notifications, and a post's earlier public versions."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from forums import actions
from forums.models import Post, Visibility
from forums.moderation import actions as moderation_actions
from forums.moderation.models import WatchedWord, WordAction
from portal.demo import _serve_at_run_address
from tests.factories import PartnerFactory, UserFactory, event_page, forum_board, forum_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return forum_board()


# The public address ------------------------------------------------------------------------------

def test_production_links_use_base_url(client, board, resident):
    thread = forum_thread(resident, board, title="Needles near the station")
    feed = client.get(board.url + "feed/rss/").text
    assert f"<link>http://testserver{thread.get_absolute_url()}</link>" in feed
    assert f"<loc>http://testserver{thread.get_absolute_url()}</loc>" in client.get("/sitemap.xml").text
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text


@pytest.mark.parametrize("host", ["127.0.0.1:8123", "localhost:9000"])
def test_development_links_use_the_address_the_site_is_served_on(client, settings, board, resident,
                                                                  host):
    settings.DEBUG, settings.BASE_URL = True, ""
    thread = forum_thread(resident, board, title="Needles near the station")
    PartnerFactory(name="Riverton Police (test)")
    feed = client.get(board.url + "feed/atom/", HTTP_HOST=host).text
    assert f'href="http://{host}{thread.get_absolute_url()}"' in feed
    sitemap = client.get("/sitemap.xml", HTTP_HOST=host).text
    assert f"<loc>http://{host}{thread.get_absolute_url()}</loc>" in sitemap
    assert f"<loc>http://{host}/partners/riverton-police-test/</loc>" in sitemap
    assert "http://testserver" not in sitemap and "http://localhost/" not in sitemap
    page = client.get(thread.get_absolute_url(), HTTP_HOST=host).text
    assert f'<link rel="canonical" href="http://{host}{thread.get_absolute_url()}">' in page


def test_without_base_url_production_uses_the_wagtail_sites_address(client, settings, board):
    settings.BASE_URL = ""
    Site.objects.filter(is_default_site=True).update(hostname="portal.example.org", port=443)
    robots = client.get("/robots.txt").text
    assert "Sitemap: https://portal.example.org/sitemap.xml" in robots


def test_demo_site_is_served_where_make_run_serves_it(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    _serve_at_run_address(site)
    site.refresh_from_db()
    assert site.root_url == "http://127.0.0.1:8000"
    # and a hostname someone chose is kept
    site.hostname = "portal.example.org"
    site.save()
    _serve_at_run_address(site)
    site.refresh_from_db()
    assert site.hostname == "portal.example.org"


def test_api_links_use_the_public_address(client, board):
    item = client.get("/api/v2/pages/", {"type": "forums.BoardPage"}).json()["items"][0]
    assert item["meta"]["detail_url"].startswith("http://testserver/api/v2/pages/")


# robots.txt and the sitemap --------------------------------------------------------------------

def test_robots_txt_keeps_crawlers_out_of_accounts_and_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/admin/", "/accounts/", "/search/"]:
        assert f"Disallow: {path}" in lines


def test_sitemap_lists_public_threads_partners_and_events_only(client, board, resident, moderator):
    public = forum_thread(resident, board, title="A public thread on the board")
    hidden = forum_thread(resident, board, title="A thread a moderator hid")
    moderation_actions.hide(Post.objects.get(thread=hidden), by=moderator, reason="Names a person")
    members = forum_board(slug="members", title="Members only")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    private = forum_thread(resident, members, title="A thread behind sign-in")
    PartnerFactory(name="Harbour Lights (test)")
    PartnerFactory(name="Closed Trust (test)", is_active=False)
    event = event_page(title="Residents' meeting")
    sitemap = client.get("/sitemap.xml").text
    assert f"<loc>http://testserver{public.get_absolute_url()}</loc>" in sitemap
    assert hidden.get_absolute_url() not in sitemap
    assert private.get_absolute_url() not in sitemap
    assert "<loc>http://testserver/partners/harbour-lights-test/</loc>" in sitemap
    assert "closed-trust" not in sitemap
    assert f"<loc>http://testserver{event.url}</loc>" in sitemap


def test_sitemap_queries_do_not_grow_with_threads(client, board, resident,
                                                  django_assert_max_num_queries):
    for n in range(3):
        forum_thread(resident, board, title=f"Thread number {n} on the board")
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(30) as counted:
        client.get("/sitemap.xml")
    few = len(counted)
    for n in range(3, 15):
        forum_thread(resident, board, title=f"Thread number {n} on the board")
    with django_assert_max_num_queries(few):
        assert client.get("/sitemap.xml").text.count("<url>") >= 15


# Thread pages: their own Open Graph tags -------------------------------------------------------------

def test_thread_page_has_its_own_title_description_and_canonical_link(client, board, resident):
    thread = forum_thread(resident, board, title="Needles near the station",
                          body="Three **needles** by the bike racks this morning.")
    html = client.get(thread.get_absolute_url()).text
    url = f"http://testserver{thread.get_absolute_url()}"
    assert '<meta property="og:title" content="Needles near the station">' in html
    assert ('<meta property="og:description" content="Three needles by the bike racks this '
            'morning.">') in html
    assert '<meta name="description" content="Three needles by the bike racks this morning.">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:image" content="http://testserver/static/portal/og-default.png">' in html


def test_a_hidden_first_post_never_becomes_the_description(client, board, resident, moderator):
    thread = forum_thread(resident, board, title="Needles near the station",
                          body="Ask for Dave by the bike racks, he sells there.")
    first = Post.objects.get(thread=thread)
    actions.reply(thread, by=UserFactory(), body="Please do not post numbers here.")
    moderation_actions.hide(first, by=moderator, reason="Personal details")
    for user in [None, moderator]:
        if user:
            client.force_login(user)
        html = client.get(thread.get_absolute_url() + "?page=1").text
        head = html[:html.index("</head>")]
        assert "Dave" not in head


# Calendar months ---------------------------------------------------------------------------------

def test_months_outside_the_years_with_events_are_noindex_and_not_linked_onwards(client, calendar_moment):
    # on the 17th of June: on 31 December the event (in a few days) is next year's
    this_year = timezone.localdate().year
    event_page(title="Residents' meeting")
    inside = client.get(f"/events/month/{this_year}/6/").text
    assert '<meta name="robots" content="noindex">' not in inside
    assert 'rel="next"' in inside and 'rel="prev"' in inside
    far = client.get(f"/events/month/{this_year + 5}/12/").text
    assert '<meta name="robots" content="noindex">' in far
    assert 'rel="next"' not in far  # no link further out
    assert 'rel="prev"' not in far  # nor to another empty month outside the years
    last = client.get(f"/events/month/{this_year}/12/").text
    assert 'rel="next"' not in last and 'rel="prev"' in last


# The header: unread notifications ----------------------------------------------------------------

def test_header_shows_a_residents_unread_notifications(client, board, resident):
    thread = forum_thread(UserFactory(), board, title="Needles near the station")
    actions.follow(thread, by=resident)
    client.force_login(resident)
    assert '<span class="badge badge--count">' not in client.get("/").text
    actions.reply(thread, by=UserFactory(), body="They were cleared today.")
    actions.reply(forum_thread(resident, board, title="My own thread here"), by=UserFactory(),
                  body="A reply to the resident")
    html = client.get("/").text
    assert (f'<a href="{reverse("forums:notifications")}" class="account-nav__notifications">'
            'Notifications <span class="badge badge--count">2<span class="visually-hidden"> unread'
            '</span></span></a>') in html
    # When they read the thread, the count goes down
    client.get(thread.get_absolute_url())
    assert '<span class="badge badge--count">1<' in client.get("/").text


def test_visitors_have_no_notifications_link(client, board):
    assert "account-nav__notifications" not in client.get("/").text


# A post's earlier versions -----------------------------------------------------------------------

def edit(post, body):
    post.refresh_from_db()
    return actions.edit_post(post, by=post.author, body=body)


def history(client, post):
    return client.get(reverse("forums:post_history", args=[post.pk]))


@pytest.mark.parametrize("role", [None, "resident", "liaison", "moderator"])
def test_readers_see_a_posts_earlier_public_versions(client, board, request, role):
    author = UserFactory()
    thread = forum_thread(author, board, title="Needles near the station", body="First version.")
    post = Post.objects.get(thread=thread)
    edit(post, "Second version.")
    edit(post, "Third version, with more.")
    if role:
        client.force_login(request.getfixturevalue(role))
    page = client.get(thread.get_absolute_url() + "?page=1").text
    assert f'— <a href="{reverse("forums:post_history", args=[post.pk])}">see changes</a>' in page
    html = history(client, post).text
    assert html.index("Third version") < html.index("Second version") < html.index("First version")
    assert "<del>Second version.</del> <ins>Third version, with more.</ins>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_version_held_for_review_is_never_shown(client, board, moderator):
    thread = forum_thread(UserFactory(), board, title="Needles near the station", body="Visible.")
    WatchedWord.objects.create(phrase="dealer", action=WordAction.HOLD)
    post = actions.reply(thread, by=UserFactory(), body="The dealer is back by the swings.")
    assert post.visibility == Visibility.PENDING and history(client, post).status_code == 404
    # A moderator edits the held text before approving it
    actions.edit_post(post, by=moderator, body="Someone is back by the swings.")
    moderation_actions.approve(post.review_items.get(), by=moderator)
    post.refresh_from_db()
    assert post.is_public
    html = history(client, post).text
    assert "Someone is back by the swings." in html
    assert "dealer" not in html


def test_nothing_from_before_a_redaction_is_shown(client, board, moderator):
    author = UserFactory()
    thread = forum_thread(author, board, title="Needles near the station",
                          body="Meet him by the old mill.")
    post = Post.objects.get(thread=thread)
    edit(post, "Meet him by the old mill at noon.")
    moderation_actions.redact(post, by=moderator, body="[address removed]", reason="Address")
    for user in [None, moderator]:
        if user:
            client.force_login(user)
        html = history(client, post).text
        assert "old mill" not in html
        assert "[address removed]" in html


def test_history_of_a_hidden_post_is_not_found(client, board, moderator):
    thread = forum_thread(UserFactory(), board, title="Needles near the station", body="Text.")
    post = Post.objects.get(thread=thread)
    edit(post, "Changed text.")
    actions.reply(thread, by=UserFactory(), body="A reply")
    moderation_actions.hide(post, by=moderator, reason="Off topic")
    for user in [None, moderator]:
        if user:
            client.force_login(user)
        assert history(client, post).status_code == 404
