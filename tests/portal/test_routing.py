"""Pages are routed from the cache once served (portal/routing.py), and every change to the page
tree shows on the next request: a remembered route never serves what Wagtail's own walk would
not."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from forums.models import ForumIndexPage
from portal import routing
from tests.factories import forum_board, forum_thread

pytestmark = pytest.mark.django_db


def page_queries(client, url):
    """The response, and how many queries read wagtailcore_page or wagtailcore_site."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    tree = [q["sql"] for q in captured.captured_queries
            if '"wagtailcore_page"' in q["sql"] or '"wagtailcore_site"' in q["sql"]]
    return response, len(tree)


def remembered(path):
    """The route the cache holds for `path` on the test client's host, or None."""
    return cache.get(routing._key(RequestFactory().get(path), path.lstrip("/")))


def test_a_served_board_is_routed_from_the_cache_the_next_time(client):
    board = forum_board()
    first, walked = page_queries(client, board.url)

    again, remembered = page_queries(client, board.url)

    assert again.status_code == first.status_code == 200
    assert again.text == first.text
    # The walk: the site, then the root, forum and board pages; the remembered route loads the
    # board alone, and Wagtail's view restriction check reads its ancestors once, as always.
    assert walked >= 5
    assert remembered == 2


def test_thread_addresses_under_a_remembered_board_route_as_before(client, resident):
    board = forum_board()
    other = forum_board(slug="other", title="Another board")
    thread = forum_thread(resident, board, title="Broken glass by the bus stop")
    client.get(thread.get_absolute_url())

    assert "Broken glass by the bus stop" in client.get(thread.get_absolute_url()).text
    assert client.get(f"{other.url}{thread.pk}-{thread.slug}/").status_code == 404
    assert client.get(board.url + "feed/rss/").status_code == 200


def test_an_unpublished_page_answers_not_found_at_once(client):
    board = forum_board()
    client.get(board.url)

    Page.objects.get(pk=board.pk).specific.unpublish()

    assert client.get(board.url).status_code == 404


def test_a_moved_or_renamed_page_leaves_its_old_address_at_once(client):
    board = forum_board()
    old_url = board.url
    client.get(old_url)

    board.slug = "renamed"
    board.save_revision().publish()

    assert client.get(old_url).status_code == 404
    assert client.get("/forum/renamed/").status_code == 200


def test_a_page_whose_parent_moves_leaves_its_old_address(client):
    board = forum_board()
    old_url = board.url
    client.get(old_url)
    forum = ForumIndexPage.objects.get(slug="forum")
    home = Site.objects.get(is_default_site=True).root_page
    new_parent = ForumIndexPage(title="Community", slug="community")
    home.add_child(instance=new_parent)
    new_parent.save_revision().publish()

    Page.objects.get(pk=board.pk).move(new_parent, pos="last-child")

    old = client.get(old_url)  # Wagtail's redirects app sends the old address on
    assert old.status_code == 301 and old["Location"].endswith("/community/general/")
    assert client.get("/community/general/").status_code == 200
    assert client.get(forum.url).status_code == 200


def test_a_deleted_page_answers_not_found(client):
    board = forum_board()
    client.get(board.url)

    Page.objects.get(pk=board.pk).delete()

    assert client.get(board.url).status_code == 404


def test_a_restriction_added_after_the_route_was_remembered_still_applies(client):
    board = forum_board()
    client.get(board.url)

    PageViewRestriction.objects.create(page=board.get_parent(), restriction_type=PageViewRestriction.LOGIN)

    response = client.get(board.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_unknown_addresses_are_not_remembered(client):
    forum_board()

    client.get("/forum/")
    for n in range(5):
        assert client.get(f"/forum/no-such-board-{n}/").status_code == 404

    assert remembered("/forum/") is not None
    assert [remembered(f"/forum/no-such-board-{n}/") for n in range(5)] == [None] * 5


def test_a_change_of_site_forgets_every_route(client):
    board = forum_board()
    client.get(board.url)
    assert remembered(board.url) is not None

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed city portal"
    site.save()

    assert remembered(board.url) is None
    _, walked = page_queries(client, board.url)
    assert walked >= 5  # routed from scratch, under the new version
