"""What sanctioned and rejected residents are told on the site, the sanctions list in the admin,
and a moderator's private message from the queue (issue 17, the moderator's part)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import dateformat, timezone
from wagtail.models import ModelLogEntry

from forums.moderation import actions
from forums.moderation.models import Notice, Sanction
from portal.models import OutboxEmail
from tests.factories import UserFactory, established_resident, forum_board, forum_thread, held_reply
from tests.refusals import assert_sent_to_sign_in, assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

REASON = "Repeated personal attacks on a neighbour"
SANCTIONS_URL = "/admin/moderation/sanctions/"


def site_time(moment):
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i T")


@pytest.fixture
def pages(board):
    """Every page where a resident would post, for one resident with a post of their own."""
    concern_board = forum_board(slug="concerns", title="Concerns", thread_kind="concern")
    resident = established_resident(display_name="Robin Posts")
    thread = forum_thread(resident, board, title="Bins on Elm Street")
    post = thread.posts.get()
    thread_url = thread.get_absolute_url()
    return resident, {
        "new thread": board.url + "new/",
        "raise a concern": concern_board.url + "new/",
        "reply": thread_url + "?page=1",
        "edit a post": f"{thread_url}posts/{post.pk}/edit/",
    }


@pytest.mark.parametrize("page", ["new thread", "raise a concern", "reply", "edit a post"])
def test_a_silenced_resident_is_told_why_until_when_and_how_to_appeal_then_can_post_again(
        client, moderator, pages, page):
    resident, urls = pages
    until = timezone.now() + timedelta(days=5)
    actions.silence(resident, by=moderator, until=until, reason=REASON, note="Staff only: warned")
    client.force_login(resident)

    response = client.get(urls[page])

    assert response.status_code == (200 if page == "reply" else 403)
    content = response.content.decode()
    assert "You cannot post at the moment" in content
    assert REASON in content and "Staff only" not in content
    # the site's local time (London is UTC+1 in summer)
    assert f"until <time datetime=\"{timezone.localtime(until).isoformat()[:19]}" in content
    assert site_time(until) in content
    assert "hello@commonground.example" in content  # how to appeal: the site's contact address
    assert 'name="body"' not in content  # no form to fill in for nothing

    # when a moderator lifts the silence, the form is back and the notice gone
    actions.lift(resident, "silenced", by=moderator, reason="Apologised")
    content = client.get(urls[page]).content.decode()
    assert 'name="body"' in content and "You cannot post at the moment" not in content


def test_a_silence_with_no_end_date_says_so_and_ends_when_its_date_passes(client, moderator, pages):
    resident, urls = pages
    actions.silence(resident, by=moderator, until=None, reason=REASON)
    client.force_login(resident)
    assert "with no end date" in client.get(urls["new thread"]).content.decode()
    # a dated silence whose end has passed shows nothing
    actions.silence(resident, by=moderator, until=timezone.now() + timedelta(hours=1), reason=REASON)
    Sanction.objects.filter(user=resident).update(until=timezone.now() - timedelta(minutes=1))
    actions._forget_sanctions(resident)
    response = client.get(urls["new thread"])
    assert response.status_code == 200 and "You cannot post" not in response.content.decode()


@pytest.mark.parametrize("page", ["new thread", "raise a concern", "reply", "edit a post"])
def test_a_suspended_resident_is_told_why_until_when_and_how_to_appeal(client, moderator, pages,
                                                                        page):
    resident, urls = pages
    until = timezone.now() + timedelta(days=2)
    actions.suspend(resident, by=moderator, until=until, reason=REASON)
    client.force_login(resident)

    response = client.get(urls[page])

    assert response.status_code == 403
    content = response.content.decode()
    assert "Your account is suspended" in content and REASON in content
    assert site_time(until) in content and "hello@commonground.example" in content
    assert "_auth_user_id" not in client.session  # signed out

    actions.lift(resident, "suspended", by=moderator)
    client.force_login(resident)
    response = client.get(urls[page])
    assert response.status_code == 200 and 'name="body"' in response.content.decode()


# Rejected posts: the reason and the author's text, on the site ---------------------------------

@pytest.fixture
def rejected(board, moderator):
    thread = forum_thread(established_resident(), board, title="Parking by the school")
    author = UserFactory(display_name="New Neighbour")
    post, item = held_reply(author, thread, body="My draft with a secret phrase zebra-kumquat")
    actions.reject(item, by=moderator, reason="It names someone.")
    return author, thread, post


def test_a_rejected_author_sees_the_reason_and_their_text_in_their_notifications(client, rejected):
    author, thread, _post = rejected
    client.force_login(author)

    response = client.get(reverse("forums:notifications"))

    content = response.content.decode()
    assert "Your post in “Parking by the school” was not published" in content
    assert "It names someone." in content
    assert "zebra-kumquat" in content and "<textarea" in content  # to copy, nothing lost
    assert client.get("/").content.decode().count("badge--count") >= 1  # unread in the header
    # marking all as read marks the notice read
    client.post(reverse("forums:notifications"))
    assert Notice.objects.get(user=author).read_at is not None


def test_nobody_else_sees_a_rejected_authors_text(client, rejected, resident, liaison, editor):
    _author, thread, _post = rejected
    public_pages = [thread.get_absolute_url() + "?page=1", thread.board.url, "/search/?q=kumquat",
                    thread.get_absolute_url() + "feed/rss/", thread.board.url + "feed/atom/",
                    reverse("forums:notifications")]
    for user in (None, resident, liaison, editor):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in public_pages:
            response = client.get(url)
            if user is None and url == reverse("forums:notifications"):
                assert_sent_to_sign_in(response)
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"secret phrase" not in body, (user, url)


# The sanctions list -------------------------------------------------------------------------------

def test_the_sanctions_list_searches_filters_and_lifts(client, moderator):
    loud = established_resident(display_name="Loud Larry", email="larry@example.org")
    quiet = established_resident(display_name="Quiet Quinn", email="quinn@example.org")
    actions.suspend(loud, by=moderator, until=timezone.now() + timedelta(days=3), reason="Threats")
    actions.silence(quiet, by=moderator, until=None, reason="Spam links")
    actions.lift(quiet, "silenced", by=moderator, reason="Promised to stop")
    client.force_login(moderator)

    content = client.get(SANCTIONS_URL).content.decode()
    assert "Loud Larry" in content and "larry@example.org" in content and "Threats" in content
    assert "Quiet Quinn" in content and "No end date" in content and "Promised to stop" in content
    assert moderator.display_name in content  # by whom

    assert "Quiet Quinn" not in client.get(SANCTIONS_URL + "?q=larry@example").content.decode()
    active = client.get(SANCTIONS_URL + "?state=active").content.decode()
    assert "Loud Larry" in active and "Quiet Quinn" not in active
    assert "Loud Larry" not in client.get(SANCTIONS_URL + "?kind=silenced").content.decode()

    sanction = Sanction.objects.get(user=loud)
    response = client.post(reverse("moderation_sanction_lift", args=[sanction.pk]),
                           {"reason": "Calmed down", "back": SANCTIONS_URL + "?state=active"})
    assert response.status_code == 302 and response["Location"] == SANCTIONS_URL + "?state=active"
    sanction.refresh_from_db()
    assert sanction.lifted_by == moderator and sanction.lift_reason == "Calmed down"
    assert not Sanction.objects.active().exists()


def test_only_moderators_open_the_sanctions_list(client, resident, liaison, editor, administrator,
                                                 moderator):
    sanction_of = established_resident()
    actions.silence(sanction_of, by=moderator, until=None, reason="Spam links")
    sanction = Sanction.objects.get()
    assert_sent_to_sign_in(client.get(SANCTIONS_URL))
    for user in (liaison, editor, administrator):
        client.force_login(user)
        assert_staff_refused_by_admin(client.get(SANCTIONS_URL))
        assert_staff_refused_by_admin(
            client.post(reverse("moderation_sanction_lift", args=[sanction.pk])))
    client.force_login(resident)
    assert client.get(SANCTIONS_URL).status_code == 403
    assert Sanction.objects.active().count() == 1


# A private message from the queue -------------------------------------------------------------------

def test_a_moderator_messages_a_crisis_posts_author_from_the_queue(client, moderator, board,
                                                                   django_capture_on_commit_callbacks):
    thread = forum_thread(established_resident(), board)
    author = established_resident(display_name="Worried Walter", preferred_language="es")
    post = forum_thread(author, board, title="I can't go on",
                        body="I want to kill myself tonight").posts.get()
    item = post.review_items.get()
    assert item.urgent
    client.force_login(moderator)
    url = reverse("moderation_message_author", args=[item.pk])

    form = client.get(url + "?next=queue").content.decode()
    assert "Hola, Worried Walter:" in form  # the caring template, in the resident's language
    assert "Emergencias: 999" in form  # with the site's help numbers
    assert "Send the message" in form
    # an empty message is refused with a clear message
    assert "This field is required" in client.post(url, {"body": " "}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": "We are here for you. Call 999.", "next": "queue"})
    assert response.status_code == 302 and response["Location"] == "/admin/moderation/queue/"

    notice = Notice.objects.get(user=author, kind="message")
    assert notice.body == "We are here for you. Call 999." and notice.sent_by == moderator
    email = OutboxEmail.objects.get(key=f"moderation:message:{notice.pk}")
    assert email.to == [author.email] and "Un moderador" in email.body
    assert [m.to for m in mail.outbox if "999" in m.body] == [[author.email]]
    entry = ModelLogEntry.objects.get(action="moderation.user.messaged")
    assert entry.user == moderator and entry.label == f"{notice}"
    assert author.display_name not in entry.label and "999" not in str(entry.data)
    # the resident reads it on the site; another resident does not
    client.force_login(author)
    assert "We are here for you" in client.get(reverse("forums:notifications")).content.decode()
    client.force_login(thread.author)
    assert "We are here for you" not in client.get(reverse("forums:notifications")).content.decode()


def test_only_moderators_send_messages(client, board, liaison, editor, resident):
    post, item = held_reply(UserFactory(), forum_thread(established_resident(), board))
    url = reverse("moderation_message_author", args=[item.pk])
    assert_sent_to_sign_in(client.get(url))
    for user in (liaison, editor):
        client.force_login(user)
        assert_staff_refused_by_admin(client.post(url, {"body": "Hello"}))
    assert not Notice.objects.exists()


def test_the_queue_row_says_when_its_author_is_sanctioned_even_with_no_end_date(client, moderator,
                                                                                board):
    author = UserFactory(display_name="Held Harriet")
    held_reply(author, forum_thread(established_resident(), board), body="Held for a reason")
    actions.silence(author, by=moderator, until=None, reason="Spam links")
    client.force_login(moderator)
    content = client.get("/admin/moderation/queue/").content.decode()
    assert "Held Harriet" in content and "<strong>silenced</strong>" in content
    actions.lift(author, "silenced", by=moderator)
    assert "<strong>silenced</strong>" not in client.get("/admin/moderation/queue/").content.decode()
