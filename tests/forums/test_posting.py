"""Starting threads and replying: who may, length limits, the form keeps what was typed,
double submission, edit window and history, quoting."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forums import actions
from forums.models import Post, PostRevision, Thread
from tests.factories import forum_thread

pytestmark = pytest.mark.django_db


def new_thread_url(board):
    return board.url + "new/"


def test_a_verified_resident_starts_a_thread_and_sees_it(client, resident, board):
    # given a verified resident on a board
    client.force_login(resident)
    # when they fill in the form
    page = client.get(new_thread_url(board))
    token = page.context["form"]["token"].value()
    response = client.post(new_thread_url(board), {
        "token": token, "title": "Broken street light on Elm Road", "body": "It has been out for **weeks**.",
    }, follow=True)
    # then the thread page shows the title and the rendered body with their name
    content = response.content.decode()
    assert "Broken street light on Elm Road" in content
    assert "<strong>weeks</strong>" in content
    assert resident.display_name in content
    assert Thread.objects.get().author == resident


@pytest.mark.parametrize("who", ["visitor", "unverified"])
def test_posting_needs_a_verified_account(client, unverified_resident, board, who):
    # given a visitor or a resident who has not confirmed their email
    if who == "unverified":
        client.force_login(unverified_resident)
        user = unverified_resident
    # when they try to start a thread
    response = client.post(new_thread_url(board), {
        "token": "t1", "title": "A perfectly fine title", "body": "Hello"})
    # then nothing is created and they are told why (or sent to sign in)
    assert response.status_code == 302
    assert not Thread.objects.exists()
    if who == "unverified":
        with pytest.raises(PermissionDenied):
            forum_thread(user, board)


def test_unverified_resident_cannot_reply(client, resident, unverified_resident, board):
    thread = forum_thread(resident, board)
    client.force_login(unverified_resident)
    response = client.get(thread.get_absolute_url())
    assert "Confirm your email address to reply" in response.content.decode()
    response = client.post(thread.get_absolute_url(), {"token": "x", "body": "sneaky"}, follow=True)
    assert "You cannot reply here" in response.content.decode()
    assert not Post.objects.filter(body_source="sneaky").exists()
    with pytest.raises(PermissionDenied):
        actions.reply(thread, by=unverified_resident, body="hi")


@pytest.mark.parametrize(("title", "body", "message"), [
    ("Too short", "Body", "The title needs at least 10 characters (it has 9)."),
    ("x" * 151, "Body", "The title can have at most 150 characters (it has 151)."),
    ("A fine title here", "   ", "Write something before you post."),
    ("A fine title here", "y" * 20_001, "A post can have at most 20,000 characters (it has 20,001)."),
])
def test_length_limits_give_clear_messages_and_keep_what_was_typed(client, resident, board, title, body,
                                                                   message):
    client.force_login(resident)
    response = client.post(new_thread_url(board), {"token": "tok", "title": title, "body": body})
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert f'value="{title}"' in content
    assert not Thread.objects.exists()


def test_double_submission_creates_one_thread(client, resident, board):
    client.force_login(resident)
    data = {"token": "same-token", "title": "Two clicks on the button", "body": "Once please"}
    first = client.post(new_thread_url(board), data)
    second = client.post(new_thread_url(board), data)
    assert Thread.objects.count() == 1
    assert Post.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_double_reply_creates_one_post(client, resident, board):
    thread = forum_thread(resident, board)
    client.force_login(resident)
    data = {"token": "reply-token", "body": "A reply sent twice"}
    client.post(thread.get_absolute_url(), data)
    client.post(thread.get_absolute_url(), data)
    assert Post.objects.filter(body_source="A reply sent twice").count() == 1


def test_a_reply_shows_on_the_thread_at_its_permalink(client, resident, board):
    thread = forum_thread(resident, board)
    client.force_login(resident)
    response = client.post(thread.get_absolute_url(), {"token": "r1", "body": "Thanks, see you there"})
    post = Post.objects.get(body_source="Thanks, see you there")
    assert response["Location"].endswith(f"?page=1#post-{post.pk}")
    page = client.get(response["Location"]).content.decode()
    assert f'id="post-{post.pk}"' in page
    permalink = client.get(f"/forums/posts/{post.pk}/")
    assert permalink["Location"] == response["Location"]


def test_empty_reply_keeps_the_form_with_a_message(client, resident, board):
    thread = forum_thread(resident, board)
    client.force_login(resident)
    response = client.post(thread.get_absolute_url(), {"token": "r1", "body": ""})
    assert response.status_code == 200
    assert "Write something before you post." in response.content.decode()


def test_author_edits_within_the_window_and_history_is_kept(client, resident, board):
    thread = forum_thread(resident, board, body="Original words")
    post = thread.posts.get()
    client.force_login(resident)
    edit_url = f"{thread.get_absolute_url()}posts/{post.pk}/edit/"
    client.post(edit_url, {"title": thread.title, "body": "Better words"})
    post.refresh_from_db()
    assert post.body_source == "Better words"
    assert post.edited_at is not None
    assert PostRevision.objects.get(post=post).body_source == "Original words"
    assert "edited" in client.get(thread.get_absolute_url()).content.decode()


def test_after_the_window_only_a_moderator_can_edit(client, resident, moderator, board):
    thread = forum_thread(resident, board)
    post = thread.posts.get()
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    post.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.edit_post(post, by=resident, body="Too late")
    client.force_login(resident)
    response = client.post(f"{thread.get_absolute_url()}posts/{post.pk}/edit/", {"body": "Too late"},
                           follow=True)
    assert "The time to edit this post has passed" in response.content.decode()
    actions.edit_post(post, by=moderator, body="Fixed by a moderator")
    post.refresh_from_db()
    assert post.body_source == "Fixed by a moderator"


def test_someone_else_cannot_edit_a_post(resident, board):
    from tests.factories import UserFactory

    thread = forum_thread(resident, board)
    with pytest.raises(PermissionDenied):
        actions.edit_post(thread.posts.get(), by=UserFactory(), body="Mine now")


def test_quote_prefills_the_reply(client, resident, board):
    thread = forum_thread(resident, board, body="Line one\nLine two")
    post = thread.posts.get()
    client.force_login(resident)
    response = client.get(f"{thread.get_absolute_url()}?page=1&quote={post.pk}")
    body = response.context["form"]["body"].value()
    assert body.startswith(f"{resident.display_name} wrote:")
    assert "> Line one\n> Line two" in body


def test_locked_thread_takes_no_replies(resident, board):
    thread = forum_thread(resident, board)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    thread.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.reply(thread, by=resident, body="Still here")


def test_title_validation_in_the_action(resident, board):
    with pytest.raises(ValidationError):
        forum_thread(resident, board, title="short")
