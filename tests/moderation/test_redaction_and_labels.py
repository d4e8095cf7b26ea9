"""Redacting a held or hidden post publishes it when the redaction took out what held it and keeps
it in the queue otherwise; a thread's title is redacted the same way; the queue's labels."""

import pytest
from django.urls import reverse

from forums import actions as forum_actions
from forums.models import Visibility
from forums.moderation import actions
from forums.moderation.models import (
    FlagReason,
    Redaction,
    ReviewItem,
    ReviewReason,
    ReviewStatus,
    Standing,
)
from tests.factories import UserFactory, established_resident, forum_thread, held_reply

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/moderation/queue/"


@pytest.fixture
def thread(board):
    return forum_thread(established_resident(), board)


def _refresh(*objects):
    for obj in objects:
        obj.refresh_from_db()


def test_redacting_what_held_a_post_publishes_it(moderator, thread):
    # given a reply held for a phone number
    post = forum_actions.reply(thread, by=established_resident(), body="Ring Dave on 07700 900123")
    item = post.review_items.get()
    assert post.visibility == Visibility.PENDING
    # when a moderator takes the number out
    actions.redact(post, by=moderator, body="Ring Dave [number removed]", reason="Phone number")
    # then the post is public and its item resolved as redacted
    _refresh(post, item)
    assert post.visibility == Visibility.VISIBLE
    assert item.status == ReviewStatus.REDACTED
    assert not ReviewItem.objects.open().exists()


def test_redacting_part_of_what_held_a_post_keeps_it_in_the_queue(moderator, thread):
    # given a reply held for a phone number and an email address
    post = forum_actions.reply(thread, by=established_resident(),
                               body="Ring Dave on 07700 900123 or write to dave@example.org")
    # when the moderator takes out the number only
    actions.redact(post, by=moderator, body="Ring Dave or write to dave@example.org",
                   reason="Phone number")
    # then it still waits, and its item says what is left
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    item = ReviewItem.objects.open().get(post=post)
    assert item.reason == ReviewReason.PERSONAL_DATA and item.details == "Found an email address"


def test_a_new_accounts_post_stays_held_after_a_redaction(moderator, thread):
    # given a newcomer's first reply, held as a new account's and for a phone number
    post, item = held_reply(UserFactory(), thread, body="My number is 07700 900123")
    # when the moderator redacts the number
    actions.redact(post, by=moderator, body="My number is [removed]", reason="Phone number")
    # then the post still waits for an approval, with its item open
    _refresh(post, item)
    assert post.visibility == Visibility.PENDING
    assert item.status == ReviewStatus.OPEN and item.reason == ReviewReason.NEW_ACCOUNT
    # and approving it publishes it
    actions.approve(item, by=moderator)
    post.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE


def test_redacting_a_post_hidden_by_flags_publishes_it(moderator, thread):
    # given a reply hidden after three flags
    post = forum_actions.reply(thread, by=established_resident(), body="The man at number 4 is a thief")
    for _ in range(3):
        actions.flag_post(post, by=established_resident(), reason=FlagReason.HARASSMENT)
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    # when a moderator redacts the accusation
    actions.redact(post, by=moderator, body="[removed by a moderator]", reason="Accusation")
    # then it is public again and nothing is left waiting
    post.refresh_from_db()
    assert post.visibility == Visibility.VISIBLE
    assert ReviewItem.objects.get(post=post).status == ReviewStatus.REDACTED


def test_redacting_a_crisis_post_that_still_speaks_of_crisis_keeps_it_urgent(moderator, thread):
    post = forum_actions.reply(thread, by=established_resident(),
                               body="I want to end my life, call me on 07700 900123")
    actions.redact(post, by=moderator, body="I want to end my life", reason="Phone number")
    post.refresh_from_db()
    item = ReviewItem.objects.open().get(post=post)
    assert item.urgent and item.reason == ReviewReason.CRISIS
    assert post.visibility == Visibility.VISIBLE  # crisis language is not held: the author sees help


def test_redacting_through_the_admin_says_what_happened(client, moderator, thread):
    post = forum_actions.reply(thread, by=established_resident(), body="Ring Dave on 07700 900123")
    client.force_login(moderator)
    response = client.post(reverse("moderation_post", args=[post.pk]),
                           {"action": "redact", "body": "Ring Dave", "reason": "Phone number"},
                           follow=True)
    assert "It is published." in response.content.decode()


def test_retitling_a_thread_held_for_its_title_publishes_it_and_keeps_the_old_title(
        client, board, moderator):
    # given a thread held for an address in its title
    thread = forum_thread(established_resident(), board, title="Dealing at 12 Acacia Avenue")
    assert thread.visibility == Visibility.PENDING
    # when a moderator redacts the title
    actions.retitle(thread, by=moderator, title="Dealing on our street", reason="Address removed")
    # then the thread is published at its new address, the old one does not work
    thread.refresh_from_db()
    assert thread.visibility == Visibility.VISIBLE and thread.slug == "dealing-on-our-street"
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert client.get(f"{board.url}{thread.pk}-dealing-at-12-acacia-avenue/").status_code == 404
    # and the earlier title is kept for moderators, as a redaction
    assert Redaction.objects.get(post__thread=thread).original_title == "Dealing at 12 Acacia Avenue"
    client.force_login(moderator)
    page = client.get(reverse("moderation_post", args=[thread.posts.get().pk])).content.decode()
    assert "Earlier title: “Dealing at 12 Acacia Avenue”" in page


def test_the_queue_names_a_crisis_reason_once(client, moderator, thread):
    forum_actions.reply(thread, by=established_resident(), body="I want to end my life, ring 07700 900123")
    item = ReviewItem.objects.open().get()
    assert item.summary == "Crisis language: suicide; Found a phone number"
    client.force_login(moderator)
    content = client.get(QUEUE_URL).content.decode()
    assert "Crisis language: suicide" in content
    assert "Crisis language: Crisis language" not in content


def test_an_approved_crisis_post_is_kept_crisis_followed_up(moderator, thread):
    forum_actions.reply(thread, by=established_resident(), body="I want to end my life")
    item = ReviewItem.objects.open().get()
    actions.approve(item, by=moderator)
    item.refresh_from_db()
    assert item.get_status_display() == "Kept (crisis followed up)"


def test_an_approved_flagged_post_is_kept_flags_dismissed(moderator, thread):
    post = forum_actions.reply(thread, by=established_resident(), body="Buy cheap watches")
    item = actions.flag_post(post, by=established_resident(), reason=FlagReason.SPAM)
    actions.approve(item, by=moderator)
    item.refresh_from_db()
    assert item.get_status_display() == "Kept (flags dismissed)"


def test_the_queue_offers_no_bulk_delete(client, moderator, thread):
    held_reply(UserFactory(), thread)
    client.force_login(moderator)
    content = client.get(QUEUE_URL).content.decode()
    assert "Approve the selected posts" in content
    assert "Delete selected" not in content and "/bulk/moderation/reviewitem/delete/" not in content


@pytest.mark.parametrize("editor_is_author, heading", [(True, "Edit your post"), (False, "Edit this post")])
def test_the_edit_page_says_whose_post_it_is(client, board, moderator, editor_is_author, heading):
    author = moderator if editor_is_author else established_resident()
    thread = forum_thread(author, board)
    post = thread.posts.get()
    client.force_login(moderator)
    content = client.get(f"{thread.get_absolute_url()}posts/{post.pk}/edit/").content.decode()
    assert f"<h1>{heading}</h1>" in content


def test_a_post_published_by_a_redaction_counts_for_its_author(moderator, thread):
    author = established_resident()
    post = forum_actions.reply(thread, by=author, body="Ring Dave on 07700 900123")
    actions.redact(post, by=moderator, body="Ring Dave", reason="Phone number")
    assert Standing.objects.get(user=author).approved_posts == 1
