"""Following, batched email about replies, one-click unsubscribe, the notification list,
unread markers and opening a thread at the first unread post."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions, queries
from forums.models import Follow, Notification, ReadMarker
from forums.moderation import actions as moderation_actions
from tests.factories import UserFactory, forum_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed_thread(resident, board):
    return forum_thread(resident, board, title="Street lights on Elm Road")


def test_starting_or_replying_follows_the_thread(resident, board, followed_thread):
    replier = UserFactory()
    actions.reply(followed_thread, by=replier, body="Me too")
    assert set(Follow.objects.filter(thread=followed_thread).values_list("user", flat=True)) == {
        resident.pk, replier.pk}


def test_follow_and_unfollow_with_the_button(client, board, followed_thread):
    reader = UserFactory()
    client.force_login(reader)
    url = followed_thread.get_absolute_url()
    client.post(url + "follow/", {"action": "follow"})
    assert Follow.objects.filter(user=reader, thread=followed_thread).exists()
    assert "Unfollow" in client.get(url).content.decode()
    client.post(url + "follow/", {"action": "unfollow"})
    assert not Follow.objects.filter(user=reader, thread=followed_thread).exists()


def test_a_busy_thread_sends_one_email_until_read(resident, django_capture_on_commit_callbacks,
                                                  followed_thread):
    # given a resident following their thread, and a neighbour who replies three times
    neighbour = UserFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            actions.reply(followed_thread, by=neighbour, body=f"Reply {n}")
    # then the author gets one email, naming the thread, with an unsubscribe link
    to_author = [m for m in mail.outbox if m.to == [resident.email]]
    assert len(to_author) == 1
    assert "Street lights on Elm Road" in to_author[0].subject
    assert "/forums/unsubscribe/" in to_author[0].body
    assert to_author[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get(user=resident).count == 3
    # and after reading the thread, the next reply makes another email
    actions.mark_read(followed_thread, followed_thread.posts.order_by("id").last().pk, by=resident)
    followed_thread.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(followed_thread, by=neighbour, body="Reply 4")
    assert len([m for m in mail.outbox if m.to == [resident.email]]) == 2


def test_one_click_unsubscribe_needs_no_login(client, resident, followed_thread):
    token = queries.unsubscribe_token(resident, followed_thread)
    page = client.get(f"/forums/unsubscribe/{token}/")
    assert "Stop emails" in page.content.decode()
    assert Follow.objects.filter(user=resident).exists()  # a GET (link scanner) changes nothing
    response = client.post(f"/forums/unsubscribe/{token}/")
    assert "You will get no more emails about" in response.content.decode()
    assert not Follow.objects.filter(user=resident, thread=followed_thread).exists()


def test_a_tampered_unsubscribe_link_is_refused(client, resident, followed_thread):
    token = queries.unsubscribe_token(resident, followed_thread)
    response = client.post(f"/forums/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert Follow.objects.filter(user=resident, thread=followed_thread).exists()


def test_notification_list_shows_unread_replies(client, resident, followed_thread):
    actions.reply(followed_thread, by=UserFactory(), body="A new reply")
    client.force_login(resident)
    content = client.get("/forums/notifications/").content.decode()
    assert "1 new reply in" in content and "Street lights on Elm Road" in content
    assert "Unread" in content
    client.post("/forums/notifications/")
    assert "Unread" not in client.get("/forums/notifications/").content.decode()


def test_notifications_need_sign_in(client):
    assert client.get("/forums/notifications/").status_code == 302


def test_board_marks_threads_with_new_posts_and_thread_opens_at_first_unread(client, resident, board,
                                                                            followed_thread):
    # given a resident who has read the thread
    client.force_login(resident)
    url = followed_thread.get_absolute_url()
    client.get(url)
    assert "New replies" not in client.get(board.url).content.decode()
    # when someone replies
    reply = actions.reply(followed_thread, by=UserFactory(), body="Something new")
    # then the board marks the thread, and opening it lands on the new post
    assert "New replies" in client.get(board.url).content.decode()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{url}?page=1#post-{reply.pk}"
    client.get(response["Location"])
    assert "New replies" not in client.get(board.url).content.decode()
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()


def _writes_while(request):
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


@pytest.mark.parametrize("query", ["", "?page=1"])
def test_viewing_a_thread_already_read_writes_nothing(client, resident, followed_thread, query):
    # given a resident who has read their thread, including a neighbour's reply
    actions.reply(followed_thread, by=UserFactory(), body="A reply to read")
    client.force_login(resident)
    url = followed_thread.get_absolute_url() + query
    client.get(url)
    # when they open it again, then nothing is written
    assert _writes_while(lambda: client.get(url)) == []
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()


def test_reading_further_moves_the_marker_and_reads_the_notification(client, resident, followed_thread):
    # given a resident who has read their thread, and a neighbour's reply since
    client.force_login(resident)
    url = followed_thread.get_absolute_url()
    client.get(url)
    reply = actions.reply(followed_thread, by=UserFactory(), body="Something new")
    assert Notification.objects.filter(user=resident, read_at__isnull=True).exists()
    # when they open the page with the reply
    assert _writes_while(lambda: client.get(url + "?page=1")) != []
    # then their marker is at the reply and the notification is read
    assert ReadMarker.objects.get(user=resident, thread=followed_thread).last_read_post_id == reply.pk
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()


def test_the_read_marker_is_made_once_and_only_moves_forward(resident, followed_thread):
    # given a thread with two replies, and a reader who has never opened it
    first = actions.reply(followed_thread, by=UserFactory(), body="First reply")
    second = actions.reply(followed_thread, by=UserFactory(), body="Second reply")
    reader = UserFactory()
    # when they read to the second reply, then back to the first
    actions.mark_read(followed_thread, second.pk, by=reader)
    actions.mark_read(followed_thread, first.pk, by=reader)
    # then their marker stays at the second
    assert ReadMarker.objects.get(user=reader, thread=followed_thread).last_read_post_id == second.pk


def test_a_notification_for_a_hidden_reply_is_read_at_the_threads_last_post(client, resident, moderator,
                                                                            followed_thread):
    # given a resident who has read their thread, and a reply since that a moderator then hid
    client.force_login(resident)
    url = followed_thread.get_absolute_url()
    client.get(url)
    reply = actions.reply(followed_thread, by=UserFactory(), body="Soon hidden")
    moderation_actions.hide(reply, by=moderator, reason="Off topic")
    # when they open the thread, which ends where they had read to
    client.get(url + "?page=1")
    # then the notification about the hidden reply is read too
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()


def test_the_sweep_emails_a_reply_whose_task_was_never_enqueued(resident, followed_thread,
                                                                django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from forums import tasks

    # given a reply committed but its email task lost (the on-commit enqueue never ran)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False):
        actions.reply(followed_thread, by=UserFactory(), body="Lights fixed?")
    assert mail.outbox == []
    # then the sweep leaves it to the task for a few minutes
    assert tasks.sweep_reply_emails.enqueue().return_value == 0
    # and after that emails it, once however often it runs
    Notification.objects.update(updated_at=timezone.now() - timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_reply_emails.enqueue().return_value == 1
        tasks.sweep_reply_emails.enqueue()
    assert [(m.to, "Street lights on Elm Road" in m.subject) for m in mail.outbox] == [
        ([resident.email], True)]
    assert Notification.objects.get(user=resident).emailed_at is not None
