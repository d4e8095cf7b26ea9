"""Role × action table: only moderators see held posts, held threads and redacted originals (on
pages and in feeds) and reach the review tools; residents and staff may flag. A held post's or held
thread's own author also sees it, marked as awaiting review; nobody else does."""

import pytest
from django.urls import reverse

from forums import actions as forum_actions
from forums.moderation import actions
from forums.moderation.models import FlagReason
from tests.factories import UserFactory, established_resident, forum_thread, held_reply

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "moderator", "liaison", "editor"]
HELD_TEXT = "Held words nobody else may read"
ORIGINAL_TEXT = "Original words a moderator removed"


@pytest.fixture
def scene(board, moderator):
    thread = forum_thread(established_resident(), board, body="The opening post")
    held_post, _ = held_reply(UserFactory(), thread, body=HELD_TEXT)
    held_thread = forum_thread(UserFactory(), board, title="A held thread from a newcomer",
                               body="Held thread body")
    redacted = forum_actions.reply(thread, by=established_resident(), body=ORIGINAL_TEXT)
    actions.redact(redacted, by=moderator, body="Kept words", reason="Named someone")
    flaggable = forum_actions.reply(thread, by=established_resident(), body="A post to flag")
    return {"thread": thread, "held_post": held_post, "held_thread": held_thread,
            "flaggable": flaggable}


def user_for(role, request):
    return None if role == "anonymous" else request.getfixturevalue(role)


def sees_held_post(client, scene):
    return HELD_TEXT in client.get(scene["thread"].get_absolute_url() + "?page=1").content.decode()


def sees_held_thread(client, scene):
    return client.get(scene["held_thread"].get_absolute_url()).status_code == 200


def sees_original(client, scene):
    return ORIGINAL_TEXT in client.get(scene["thread"].get_absolute_url() + "?page=1").content.decode()


def held_in_feed(client, scene):
    url = scene["thread"].get_absolute_url() + "feed/rss/"
    board_feed = scene["thread"].board.url + "feed/rss/"
    return any(text in client.get(u).content.decode() for u in (url, board_feed)
               for text in (HELD_TEXT, ORIGINAL_TEXT, "A held thread from a newcomer"))


def opens_queue(client, scene):
    return client.get(reverse("wagtailsnippets_moderation_reviewitem:list")).status_code == 200


def opens_post_tools(client, scene):
    return client.get(reverse("moderation_post", args=[scene["held_post"].pk])).status_code == 200


def flags(client, scene):
    post = scene["flaggable"]
    client.post(reverse("forums:flag_post", args=[post.pk]), {"reason": FlagReason.SPAM})
    return post.flags.exists()


ACTIONS = {
    "see held post": (sees_held_post, {"moderator"}),
    "see held thread": (sees_held_thread, {"moderator"}),
    "see redacted original": (sees_original, {"moderator"}),
    "held or original in feeds": (held_in_feed, set()),
    "open review queue": (opens_queue, {"moderator"}),
    "open post moderation page": (opens_post_tools, {"moderator"}),
    "flag a post": (flags, {"resident", "moderator", "liaison", "editor"}),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_role_action_table(client, request, scene, role, action):
    # given a user in `role`
    user = user_for(role, request)
    if user is not None:
        client.force_login(user)
    check, allowed = ACTIONS[action]
    # when they try the action, then only the roles in the table succeed
    assert check(client, scene) is (role in allowed)


@pytest.mark.parametrize("viewer", ["author", "anonymous", "resident", "liaison", "editor"])
def test_a_held_reply_is_shown_to_its_author_only_marked_awaiting_review(client, request, scene, viewer):
    # Given a reply held for review in a public thread
    held_post = scene["held_post"]
    user = held_post.author if viewer == "author" else user_for(viewer, request)
    if user is not None:
        client.force_login(user)

    # When the viewer opens the thread
    html = client.get(scene["thread"].get_absolute_url() + "?page=1").content.decode()

    # Then only its author sees it, marked as awaiting review, and can reach it by its link
    is_author = viewer == "author"
    assert (HELD_TEXT in html) is is_author
    assert ("Awaiting review: only you can see this post" in html) is is_author
    permalink = client.get(reverse("forums:post", args=[held_post.pk]))
    assert permalink.status_code == (302 if is_author else 404)


@pytest.mark.parametrize("viewer", ["author", "anonymous", "resident", "liaison"])
def test_a_held_thread_is_shown_to_its_author_only_who_cannot_reply_yet(client, request, scene, viewer):
    # Given a newcomer's thread held for review
    held_thread = scene["held_thread"]
    user = held_thread.author if viewer == "author" else user_for(viewer, request)
    if user is not None:
        client.force_login(user)

    # When the viewer opens it
    response = client.get(held_thread.get_absolute_url())

    # Then only its author sees it, marked as awaiting review, without a reply form
    if viewer != "author":
        assert response.status_code == 404
        return
    html = response.content.decode()
    assert "Held thread body" in html and "Awaiting review" in html
    assert "Replies open once a moderator has approved this thread." in html
    assert 'id="reply"' not in html
    # And a reply sent anyway is refused and not saved
    client.post(held_thread.get_absolute_url(), {"body": "Replying to myself early"})
    assert not held_thread.posts.filter(body_source__contains="early").exists()
