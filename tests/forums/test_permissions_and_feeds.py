"""Who may do what (role × action), feeds, and the demo forum."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forums import actions, permissions
from forums.models import Thread, Visibility
from forums.moderation import actions as moderation
from tests.factories import UserFactory, forum_thread

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "unverified_resident", "resident", "author", "moderator", "liaison", "editor"]

# action -> the roles that may do it (on a visible post in an open board, within the edit window)
TABLE = {
    "start_thread": {"resident", "author", "moderator", "liaison", "editor"},
    "reply": {"resident", "author", "moderator", "liaison", "editor"},
    "edit_post": {"author", "moderator"},
    "follow": {"unverified_resident", "resident", "author", "moderator", "liaison", "editor"},
    "view_hidden_post": {"moderator"},
}


@pytest.fixture
def people(request, db):
    return {
        "visitor": AnonymousUser(),
        "unverified_resident": request.getfixturevalue("unverified_resident"),
        "resident": request.getfixturevalue("resident"),
        "author": UserFactory(),
        "moderator": request.getfixturevalue("moderator"),
        "liaison": request.getfixturevalue("liaison"),
        "editor": request.getfixturevalue("editor"),
    }


def allowed(action, user, board, thread, post):
    checks = {
        "start_thread": lambda: permissions.can_start_thread(user, board),
        "reply": lambda: permissions.can_reply(user, thread),
        "edit_post": lambda: permissions.can_edit_post(user, post),
        "follow": lambda: permissions.can_follow(user, thread),
        "view_hidden_post": lambda: permissions.can_view_post(user, _hidden(post)),
    }
    return checks[action]()


def _hidden(post):
    post.visibility = Visibility.HIDDEN
    return post


@pytest.mark.parametrize("action", TABLE)
@pytest.mark.parametrize("role", ROLES)
def test_role_action_table(people, board, role, action):
    # given a thread by "author" and a person in a role
    thread = forum_thread(people["author"], board)
    post = thread.posts.get()
    user = people[role]
    # then the permission matches the table
    assert allowed(action, user, board, thread, post) == (role in TABLE[action])


def test_closed_board_takes_no_new_threads(resident, board):
    board.is_open = False
    assert not permissions.can_start_thread(resident, board)


def test_staff_posts_carry_a_badge(client, liaison, moderator, board):
    thread = forum_thread(liaison, board)
    actions.reply(thread, by=moderator, body="Please keep it civil")
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "Liaison, Riverton Police (test)" in content
    assert 'class="badge badge--staff">Moderator<' in content


def test_feeds_list_only_visible_threads_and_posts(client, resident, moderator, board):
    shown = forum_thread(resident, board, title="A visible thread for the feed", body="Seen by all")
    hidden = forum_thread(resident, board, title="A hidden thread for the feed")
    moderation.hide(hidden.posts.get(), by=moderator, reason="Off topic")
    removed = actions.reply(shown, by=resident, body="A removed reply")
    moderation.hide(removed, by=moderator, reason="Off topic")
    actions.reply(shown, by=resident, body="A kept reply")
    forum_url = board.get_parent().url
    for url in [forum_url + "feed/rss/", forum_url + "feed/atom/", board.url + "feed/rss/"]:
        feed = client.get(url).content.decode()
        assert "A visible thread for the feed" in feed and "Seen by all" in feed
        assert "A hidden thread for the feed" not in feed
    thread_feed = client.get(shown.get_absolute_url() + "feed/atom/").content.decode()
    assert "A kept reply" in thread_feed and "A removed reply" not in thread_feed
    assert client.get(hidden.get_absolute_url() + "feed/rss/").status_code == 404


def test_public_querysets(resident, moderator, board):
    shown = forum_thread(resident, board, title="Shown thread here")
    hidden = forum_thread(resident, board, title="Hidden thread here")
    moderation.hide(hidden.posts.get(), by=moderator, reason="Off topic")
    assert list(Thread.objects.public()) == [shown]
    board.unpublish()
    assert not Thread.objects.public().exists()


def test_a_board_behind_a_login_stays_out_of_forum_wide_lists_and_feeds(client, resident, board):
    from wagtail.models import PageViewRestriction

    from forums.models import Post
    from tests.factories import forum_board

    members_only = forum_board(slug="members", title="Members only")
    PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)
    forum_thread(resident, members_only, title="Only for signed-in members", body="Members talk")
    forum_thread(resident, board, title="Open to everyone here", body="Public talk")
    forum_url = board.get_parent().url
    for url in [forum_url, forum_url + "feed/rss/", forum_url + "feed/atom/"]:
        content = client.get(url).content.decode()
        assert "Open to everyone here" in content and "Only for signed-in members" not in content
    assert [t.title for t in Thread.objects.public()] == ["Open to everyone here"]
    assert [p.body_source for p in Post.objects.public()] == ["Public talk"]


def test_board_filters_by_topic_and_neighbourhood(client, resident):
    from tests.factories import NeighbourhoodFactory, TopicFactory, forum_board

    litter, dealing = TopicFactory(name="Litter"), TopicFactory(name="Dealing")
    north = NeighbourhoodFactory(name="Northgate")
    board = forum_board(slug="filtered", title="Filtered")
    board.topics.set([litter, dealing])
    board.save_revision().publish()
    forum_thread(resident, board, title="Needles by the river", topic=litter, neighbourhood=north)
    forum_thread(resident, board, title="Dealing at the station", topic=dealing)
    content = client.get(board.url + "?topic=litter").content.decode()
    assert "Needles by the river" in content and "Dealing at the station" not in content
    content = client.get(board.url + "?area=northgate").content.decode()
    assert "Needles by the river" in content and "Dealing at the station" not in content


def test_demo_forum_is_seeded_once_and_in_the_menu(client, settings, demo_city):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")  # a second time: adds nothing
    settings.DEBUG = False
    home = client.get("/").content.decode()
    assert 'href="/forum/"' in home
    forum = client.get("/forum/").content.decode()
    assert "Neighbourhood concerns" in forum and "Treatment and recovery support" in forum
    assert Thread.objects.filter(title="Needles in the play area at Millbrook Park").count() == 1
