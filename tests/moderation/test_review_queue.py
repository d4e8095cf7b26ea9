"""Flags, the review queue in the Wagtail admin and every moderator action, with its audit log
entry: approve, reject (email), redact, hide, restore, lock, move, claim, bulk approve/reject."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from forums import actions as forum_actions
from forums.models import Visibility
from forums.moderation import actions
from forums.moderation.models import FlagReason, ModerationSettings, ReviewItem, ReviewReason, ReviewStatus
from tests.factories import UserFactory, established_resident, forum_thread, held_reply
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/moderation/queue/"
QUEUE_QUERIES = 20  # Wagtail's admin chrome, the filters' choices and one query for the page's items


def logged(action):
    return ModelLogEntry.objects.filter(action=action)


def moderate_url(post):
    return reverse("moderation_post", args=[post.pk])


@pytest.fixture
def thread(board):
    return forum_thread(established_resident(), board)


# Flags ---------------------------------------------------------------------------------------

def test_one_flag_per_person_and_the_threshold_hides_the_post(thread):
    # given a public reply and a site threshold of 3 flags
    post = forum_actions.reply(thread, by=established_resident(), body="Rude words about a neighbour")
    flaggers = [established_resident() for _ in range(3)]
    # when two residents flag it, it stays public and is in the queue
    actions.flag_post(post, by=flaggers[0], reason=FlagReason.HARASSMENT)
    actions.flag_post(post, by=flaggers[1], reason=FlagReason.PERSONAL)
    post.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE
    assert ReviewItem.objects.open().get().reason == ReviewReason.FLAGGED
    # and the same person cannot flag twice
    with pytest.raises(Exception, match="already flagged"):
        actions.flag_post(post, by=flaggers[0], reason=FlagReason.SPAM)
    # when a third resident flags it, it is hidden pending review
    actions.flag_post(post, by=flaggers[2], reason=FlagReason.SPAM)
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    assert ReviewItem.objects.open().count() == 1
    assert logged("moderation.post.flagged").count() == 3
    assert logged("moderation.post.hidden_by_flags").count() == 1


def test_a_danger_flag_is_urgent(thread):
    post = forum_actions.reply(thread, by=established_resident(), body="I can't cope tonight")
    actions.flag_post(post, by=established_resident(), reason=FlagReason.DANGER)
    assert ReviewItem.objects.open().get().urgent


def test_flagging_through_the_site_needs_a_reason_and_a_note_for_other(client, thread):
    post = forum_actions.reply(thread, by=established_resident(), body="Buy cheap watches")
    client.force_login(established_resident())
    url = reverse("forums:flag_post", args=[post.pk])
    response = client.post(url, {"reason": "other", "note": ""})
    assert "Tell us in a few words what is wrong." in response.content.decode()
    response = client.post(url, {"reason": "spam"}, follow=True)
    assert "Thank you. A moderator will look at this post." in response.content.decode()
    assert post.flags.count() == 1


def test_a_flag_without_a_reason_is_explained_and_focus_goes_to_the_reasons(client, thread):
    # Given a resident on the flag form
    post = forum_actions.reply(thread, by=established_resident(), body="Buy cheap watches")
    client.force_login(established_resident())

    # When they send it without choosing a reason
    html = client.post(reverse("forums:flag_post", args=[post.pk]), {"note": ""}).content.decode()

    # Then the error says what to do, each reason points to it, and the first reason has focus
    assert '<p class="error" id="id_reason_error">Choose what is wrong with this post.</p>' in html
    assert html.count('aria-describedby="id_reason_error"') == 6
    assert html.count(" autofocus") == 1
    assert post.flags.count() == 0


def test_something_else_without_a_note_is_explained_and_focus_goes_to_the_note(client, thread):
    # Given a resident on the flag form
    post = forum_actions.reply(thread, by=established_resident(), body="Buy cheap watches")
    client.force_login(established_resident())

    # When they choose "Something else" and leave the note empty
    html = client.post(reverse("forums:flag_post", args=[post.pk]),
                       {"reason": "other", "note": "  "}).content.decode()

    # Then the note names the error and has focus, and no reason does
    note = re.search(r"<textarea [^>]*>", html).group(0)
    assert 'aria-describedby="id_note_helptext id_note_error"' in note
    assert " autofocus" in note
    assert html.count(" autofocus") == 1
    assert '<p class="error" id="id_note_error">Tell us in a few words what is wrong.</p>' in html
    assert post.flags.count() == 0


def test_after_flagging_the_resident_returns_to_the_posts_page_with_focus_on_the_thanks(client, thread):
    # Given a resident flagging a reply on a thread
    post = forum_actions.reply(thread, by=established_resident(), body="Buy cheap watches")
    client.force_login(established_resident())

    # When the flag is sent
    response = client.post(reverse("forums:flag_post", args=[post.pk]), {"reason": "spam"})

    # Then they go back to the thread's page holding the post, to the message thanking them
    assert response["Location"] == thread.get_absolute_url() + "?page=1#messages"
    html = client.get(response["Location"]).content.decode()
    assert '<div class="messages" role="status" id="messages" tabindex="-1">' in html
    assert "Thank you. A moderator will look at this post." in html


def test_authors_and_visitors_cannot_flag(client, thread):
    post = thread.posts.get()
    assert "Flag<span" not in client.get(thread.get_absolute_url() + "?page=1").content.decode()
    client.force_login(post.author)
    client.post(reverse("forums:flag_post", args=[post.pk]), {"reason": "spam"})
    assert post.flags.count() == 0


# The queue -----------------------------------------------------------------------------------

def test_the_queue_lists_urgent_first_and_filters(client, moderator, thread, other_board):
    newcomer_post, _ = held_reply(UserFactory(), thread)
    other_thread = forum_thread(established_resident(), other_board)
    forum_actions.reply(other_thread, by=established_resident(), body="I want to kill myself")
    client.force_login(moderator)
    html = client.get(QUEUE_URL).content.decode()
    assert html.index("<mark>kill myself</mark>") < html.index(newcomer_post.body_source)
    html = client.get(QUEUE_URL, {"reason": "new-account"}).content.decode()
    assert newcomer_post.body_source in html and "kill myself</mark>" not in html
    html = client.get(QUEUE_URL, {"board": other_board.pk}).content.decode()
    assert "kill myself</mark>" in html and newcomer_post.body_source not in html
    html = client.get(QUEUE_URL, {"age": "older"}).content.decode()
    assert "kill myself</mark>" not in html


def test_each_row_names_its_bulk_action_checkbox_without_asking_gravatar(client, moderator, thread):
    # Given a held reply in the queue
    _post, item = held_reply(UserFactory(), thread)
    client.force_login(moderator)

    # When a moderator opens the queue
    html = client.get(QUEUE_URL).content.decode()

    # Then the row's checkbox is described by the post's summary, which is on the page, and no
    # avatar is asked of gravatar.com (the moderator's email hash stays here)
    assert f'aria-describedby="snippet_{item.pk}_title"' in html
    assert f'id="snippet_{item.pk}_title"' in html
    assert "gravatar" not in html


@pytest.mark.parametrize("count", [3, 50])
def test_the_queue_shows_50_items_in_a_fixed_number_of_queries(client, moderator, thread, count,
                                                                django_assert_max_num_queries):
    newcomers = [UserFactory() for _ in range(3)]
    for n in range(count):
        held_reply(newcomers[n % 3], thread, body=f"Held reply number {n}")
    client.force_login(moderator)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE_URL)
    assert response.status_code == 200
    assert response.content.decode().count("Held reply number") == count


def test_residents_and_other_staff_cannot_open_the_queue(client, resident, liaison, editor):
    client.force_login(resident)
    assert client.get(QUEUE_URL).status_code == 403
    for user in (liaison, editor):
        client.force_login(user)
        assert_staff_refused_by_admin(client.get(QUEUE_URL))


# Actions on the moderate-post page -------------------------------------------------------------

def test_approve_from_the_post_page(client, moderator, thread):
    post, item = held_reply(UserFactory(), thread)
    client.force_login(moderator)
    page = client.get(moderate_url(post)).content.decode()
    assert post.body_source in page and "New account" in page
    client.post(moderate_url(post), {"action": "approve"})
    post.refresh_from_db()
    item.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE and item.status == ReviewStatus.APPROVED
    assert logged("moderation.item.approved").get().user == moderator


def test_reject_needs_a_reason_and_emails_the_author_their_text(client, moderator, thread,
                                                                django_capture_on_commit_callbacks):
    post, item = held_reply(UserFactory(), thread, body="My long post about the bins")
    client.force_login(moderator)
    response = client.post(moderate_url(post), {"action": "reject", "reason": ""}, follow=True)
    assert "Give a reason" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(moderate_url(post), {"action": "reject", "reason": "Off-topic for this board"})
    post.refresh_from_db()
    assert post.visibility == Visibility.REMOVED
    (email,) = mail.outbox
    assert email.to == [post.author.email]
    assert "Off-topic for this board" in email.body and "My long post about the bins" in email.body
    assert logged("moderation.item.rejected").get().data["reason"] == "Off-topic for this board"


def test_redact_keeps_the_original_for_moderators_only(client, moderator, thread):
    post = forum_actions.reply(thread, by=established_resident(), body="The man at the corner shop sells")
    client.force_login(moderator)
    client.post(moderate_url(post), {"action": "redact", "body": "[removed by a moderator] sells",
                                     "reason": "Names a person"})
    post.refresh_from_db()
    assert post.body_source == "[removed by a moderator] sells"
    as_moderator = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "Edited by a moderator" in as_moderator and "The man at the corner shop" in as_moderator
    client.force_login(established_resident())
    as_resident = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "Edited by a moderator" in as_resident and "The man at the corner shop" not in as_resident
    assert logged("moderation.post.redacted").count() == 1


def test_hide_restore_lock_and_move(client, moderator, thread, other_board):
    post = forum_actions.reply(thread, by=established_resident(), body="A heated reply")
    client.force_login(moderator)
    client.post(moderate_url(post), {"action": "hide", "reason": "Heated"})
    post.refresh_from_db()
    assert post.visibility == Visibility.HIDDEN
    client.post(moderate_url(post), {"action": "restore", "reason": "Calmer now"})
    post.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE
    client.post(moderate_url(post), {"action": "lock", "reason": "Going in circles"})
    thread.refresh_from_db()
    assert thread.is_locked
    client.post(moderate_url(post), {"action": "move", "board": other_board.pk, "reason": "Wrong board"})
    thread.refresh_from_db()
    assert thread.board_id == other_board.pk
    for action in ["moderation.post.hidden", "moderation.post.restored", "moderation.thread.locked",
                   "moderation.thread.moved"]:
        assert logged(action).filter(user=moderator).count() == 1, action



def test_claiming(client, moderator, thread):
    from portal.accounts.roles import Role
    from tests.factories import staff_user

    other = staff_user(Role.MODERATOR)
    post, item = held_reply(UserFactory(), thread)
    assert actions.claim(item, by=moderator)
    assert not actions.claim(item, by=other)
    client.force_login(other)
    html = client.get(moderate_url(post)).content.decode()
    assert f"Claimed by <strong>{moderator.display_name}</strong>" in html
    response = client.post(moderate_url(post), {"action": "approve"}, follow=True)
    assert f"{moderator.display_name} is working on this item" in response.content.decode()
    item.refresh_from_db()
    assert item.is_open
    actions.release(item, by=moderator)
    assert actions.claim(item, by=other)
    assert logged("moderation.item.claimed").count() == 2


def test_bulk_approve_and_reject(client, moderator, thread, django_capture_on_commit_callbacks):
    items = [held_reply(UserFactory(), thread, body=f"Bulk reply {n}")[1] for n in range(4)]
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["moderation", "reviewitem", "approve"])
    query = "&".join(f"id={item.pk}" for item in items[:2])
    assert client.get(f"{url}?{query}").status_code == 200
    client.post(f"{url}?{query}")
    url = reverse("wagtail_bulk_action", args=["moderation", "reviewitem", "reject"])
    query = "&".join(f"id={item.pk}" for item in items[2:])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}?{query}", {"reason": "Spam"})
    statuses = [ReviewItem.objects.get(pk=item.pk).status for item in items]
    assert statuses == ["approved", "approved", "rejected", "rejected"]
    assert len(mail.outbox) == 2


def test_flag_threshold_comes_from_settings(thread):
    ModerationSettings.objects.update_or_create(site_id=thread.board.get_site().pk,
                                                defaults={"flag_threshold": 1})
    post = forum_actions.reply(thread, by=established_resident(), body="Just one flag hides me")
    actions.flag_post(post, by=established_resident(), reason=FlagReason.SPAM)
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING


def test_nobody_edits_a_review_item_through_a_generic_form(client):
    # given a superuser with two-factor set up (the strongest account there is)
    superuser = UserFactory(mfa=True, is_superuser=True, is_staff=True)
    client.force_login(superuser)

    # when they open the generic "add review item" form, then it is refused

    response = client.get(reverse("wagtailsnippets_moderation_reviewitem:add"))

    assert_staff_refused_by_admin(response)
