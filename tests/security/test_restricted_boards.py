"""A board restricted to some groups (here: liaisons) keeps its posts from everyone else on every
route that shows a post: the thread page, the permalink and its redirect, the flag page, quoting,
editing, notifications and their emails. Visitors are sent to sign in; signed-in accounts the
restriction does not admit get 403."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import PageViewRestriction

from forums import actions
from forums.models import Notification
from portal.accounts.roles import Role
from tests.factories import forum_board, forum_thread

pytestmark = pytest.mark.django_db

TITLE = "Operation Nightjar briefing notes"
BODY = "Plain-clothes patrol at the docks on Friday"
LOGIN = "/accounts/login/"


@pytest.fixture
def liaisons_board(db):
    board = forum_board(slug="liaisons-only", title="Liaisons only")
    restriction = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=Role.LIAISON))
    return board


@pytest.fixture
def secret(liaisons_board, liaison):
    thread = forum_thread(liaison, liaisons_board, title=TITLE, body=BODY)
    return thread, thread.posts.get()


def routes(thread, post):
    return {
        "permalink": f"/forums/posts/{post.pk}/",
        "flag": f"/forums/posts/{post.pk}/flag/",
        "thread": thread.get_absolute_url(),
        "quote": f"{thread.get_absolute_url()}?quote={post.pk}",
        "edit": f"{thread.get_absolute_url()}posts/{post.pk}/edit/",
    }


def assert_nothing_shown(response, requested=""):
    """Nothing of the thread, except the address the user asked for (a thread page's holds its
    title: they had it already)."""
    text = response.content.decode() + " " + response.get("Location", "")
    if requested:
        path = requested.split("?")[0]
        text = text.replace(quote(requested, safe=""), "").replace(quote(requested), "")
        text = text.replace(path, "")
    assert "Nightjar" not in text and "nightjar" not in text
    assert "docks" not in text


@pytest.mark.parametrize("route", ["permalink", "flag", "thread", "quote", "edit"])
def test_visitors_are_sent_to_sign_in_without_the_title(client, secret, route):
    url = routes(*secret)[route]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(url, safe='/')}"
    assert_nothing_shown(response, requested=url)


@pytest.mark.parametrize("role", ["resident", "moderator", "editor", "administrator"])
@pytest.mark.parametrize("route", ["permalink", "flag", "thread", "quote", "edit"])
def test_signed_in_accounts_outside_the_group_get_403(client, secret, route, role, request):
    client.force_login(request.getfixturevalue(role))
    url = routes(*secret)[route]
    response = client.get(url)
    assert response.status_code == 403
    assert_nothing_shown(response, requested=url)


def test_a_resident_cannot_flag_it_by_post_either(client, secret, resident):
    client.force_login(resident)
    response = client.post(routes(*secret)["flag"], {"reason": "spam"})
    assert response.status_code == 403
    assert not secret[1].flags.exists()


def test_liaisons_read_it_on_every_route(client, secret, liaison):
    thread, post = secret
    client.force_login(liaison)
    assert BODY in client.get(thread.get_absolute_url()).content.decode()
    response = client.get(routes(thread, post)["permalink"])
    assert response.status_code == 302 and thread.slug in response["Location"]
    assert client.get(routes(thread, post)["flag"]).status_code == 302  # may not flag own post
    assert BODY in client.get(routes(thread, post)["quote"]).content.decode()


def test_a_follower_shut_out_later_is_not_notified_of_it(client, board, resident, liaison,
                                                         django_capture_on_commit_callbacks):
    # given a resident following a thread on a board that is later restricted to liaisons
    thread = forum_thread(liaison, board, title=TITLE, body=BODY)
    actions.follow(thread, by=resident)
    restriction = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=Role.LIAISON))
    mail.outbox.clear()
    # when a liaison replies
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread, by=liaison, body="More about the docks")
    # then the resident gets no email about it, and their notifications page does not list it
    assert not [m for m in mail.outbox if resident.email in m.to]
    assert Notification.objects.filter(user=resident).exists()  # kept, should access return
    client.force_login(resident)
    assert_nothing_shown(client.get("/forums/notifications/"))
