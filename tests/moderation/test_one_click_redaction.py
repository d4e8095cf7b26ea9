"""One-click redaction of what the detector found, from the review queue's row and from the
moderation page: the detail is replaced by a placeholder ("[phone number removed]", in the
board's language), the original is kept for moderators, the redaction is logged, and the post is
published when nothing else holds it or stays in the queue with an item. Works as a plain form
POST and returns to the queue (filters kept) at the next item. Who may do it: moderators only."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from forums import actions as forum_actions
from forums.models import Visibility
from forums.moderation import actions
from forums.moderation.models import Redaction, ReviewItem, ReviewReason, ReviewStatus
from portal.accounts.roles import Role
from tests.factories import UserFactory, established_resident, forum_thread, held_reply, staff_user
from tests.refusals import assert_sent_to_sign_in, assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/moderation/queue/"
NUMBER = "07700 900123"


def act_url(item):
    return reverse("moderation_queue_act", args=[item.pk])


@pytest.fixture
def thread(board):
    return forum_thread(established_resident(), board, title="Noise on the estate at night")


@pytest.fixture
def held(thread):
    """A reply held for a phone number, and a second held item below it in the queue."""
    post = forum_actions.reply(thread, by=established_resident(),
                               body=f"Ring Dave on {NUMBER} about the **noise**.")
    other = held_reply(UserFactory(), thread, body="Second held reply")[1]
    return post, post.review_items.get(), other


def _public_page(client, post):
    client.logout()
    return client.get(reverse("forums:post", args=[post.pk]), follow=True).content.decode()


def test_a_moderator_redacts_one_finding_from_the_queue_row(client, moderator, held):
    post, item, other = held
    client.force_login(moderator)
    # given the queue's row offers the finding with a redact button
    html = client.get(QUEUE_URL).content.decode()
    assert 'name="text" value="07700 900123"' in html and "Redact all findings" in html
    # when the moderator presses it (a plain form POST, no JavaScript)
    back = QUEUE_URL + "?reason=personal-data"
    response = client.post(act_url(item), {"action": "redact", "kind": "phone", "text": NUMBER,
                                           "back": back, "next_item": other.pk})
    # then the queue comes back with its filters, at the next item
    assert response.status_code == 302 and response["Location"] == f"{back}#review-{other.pk}"
    # and the database holds the redacted text, the original for moderators, and the log entry
    post.refresh_from_db()
    item.refresh_from_db()
    assert post.body_source == "Ring Dave on \\[phone number removed\\] about the **noise**."
    assert "<p>Ring Dave on [phone number removed] about the <strong>noise</strong>.</p>" in post.body_html
    redaction = Redaction.objects.get(post=post)
    assert NUMBER in redaction.original_source and redaction.redacted_by == moderator
    assert redaction.reason == "Personal details removed: a phone number"
    assert ModelLogEntry.objects.filter(action="moderation.post.redacted", user=moderator).exists()
    # and nothing else held it: it is published and its item resolved as redacted
    assert post.visibility == Visibility.VISIBLE
    assert item.status == ReviewStatus.REDACTED and item.resolved_by == moderator
    # and the public page shows the placeholder, never the number
    page = _public_page(client, post)
    assert "[phone number removed]" in page and NUMBER not in page and "900123" not in page


def test_redact_all_findings_leaves_a_post_held_for_something_else_in_the_queue(client, moderator, thread):
    # given a newcomer's reply, held as a new account's and for an email address and a phone number
    post, item = held_reply(UserFactory(), thread, body=f"Email jo@example.org or ring {NUMBER}")
    client.force_login(moderator)
    # when the moderator redacts every finding from the row
    response = client.post(act_url(item), {"action": "redact", "back": QUEUE_URL})
    assert response["Location"] == QUEUE_URL
    # then both details are gone from the post
    post.refresh_from_db()
    assert post.body_source == "Email \\[email address removed\\] or ring \\[phone number removed\\]"
    # but the post still waits for approval as a new account's, with its item open (never stranded)
    item.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    assert item.status == ReviewStatus.OPEN and item.reason == ReviewReason.NEW_ACCOUNT


def test_redacting_a_held_threads_title_and_body_from_the_moderation_page(client, moderator, board):
    # given a thread held for a number in its title and an address in its first post
    thread = forum_thread(established_resident(), board, title=f"Call {NUMBER} about the noise",
                          body="It comes from 12 Acacia Avenue every night.")
    post = thread.posts.get()
    assert post.visibility == Visibility.PENDING
    client.force_login(moderator)
    page = client.get(reverse("moderation_post", args=[post.pk])).content.decode()
    assert "Redact all findings" in page and 'name="text" value="12 Acacia Avenue"' in page
    # when the moderator presses "Redact all findings"
    response = client.post(reverse("moderation_post", args=[post.pk]), {"action": "redact_findings"})
    assert response.status_code == 302
    # then the title and the text are redacted, the originals kept, and the thread is published
    thread.refresh_from_db()
    post.refresh_from_db()
    assert thread.title == "Call [phone number removed] about the noise"
    assert post.body_source == "It comes from \\[address removed\\] every night."
    assert thread.is_public and post.visibility == Visibility.VISIBLE
    assert "900123" not in thread.slug
    originals = Redaction.objects.filter(post=post)
    assert {r.original_title for r in originals} == {"", f"Call {NUMBER} about the noise"}
    assert not ReviewItem.objects.open().filter(post=post).exists()
    public = _public_page(client, post)
    assert "[address removed]" in public and "Acacia" not in public and "900123" not in public


def test_a_detail_written_with_escapes_is_found_in_the_source(moderator, thread):
    # given a number written with Markdown emphasis and an entity, which readers see as one number
    post = forum_actions.reply(thread, by=established_resident(), body="Ring 077**00**&#32;900123 now")
    assert post.visibility == Visibility.PENDING
    # when it is redacted in one click
    actions.redact_findings(post, by=moderator)
    # then the whole written form is replaced and the post is published
    post.refresh_from_db()
    assert post.body_source == "Ring \\[phone number removed\\] now"
    assert post.visibility == Visibility.VISIBLE


def test_the_placeholder_is_in_the_boards_language(moderator, board):
    from wagtail.models import Locale

    spanish, _ = Locale.objects.get_or_create(language_code="es")
    board.locale = spanish
    board.save()
    thread = forum_thread(established_resident(), board, title="Ruido en la calle")
    post = forum_actions.reply(thread, by=established_resident(), body=f"Llamen al {NUMBER}")
    actions.redact_findings(post, by=moderator)
    post.refresh_from_db()
    assert post.body_source == "Llamen al \\[número de teléfono eliminado\\]"


def test_a_finding_no_longer_in_the_post_is_refused_with_a_message(client, moderator, held):
    post, item, _ = held
    client.force_login(moderator)
    response = client.post(act_url(item), {"action": "redact", "kind": "phone", "text": "0800 111 222",
                                           "back": QUEUE_URL}, follow=True)
    assert "nothing was redacted" in response.content.decode()
    post.refresh_from_db()
    assert NUMBER in post.body_source and not Redaction.objects.exists()


@pytest.mark.parametrize("role, expected", [
    (None, "sign in"), ("resident", 403), (Role.LIAISON, "admin home"), (Role.EDITOR, "admin home")])
def test_only_moderators_may_redact_in_one_click(client, held, partner, role, expected):
    post, item, _ = held
    if role == "resident":
        client.force_login(established_resident())
    elif role == Role.LIAISON:
        client.force_login(staff_user(role, partner=partner))
    elif role is not None:
        client.force_login(staff_user(role))
    for response in (
            client.post(act_url(item), {"action": "redact", "kind": "phone", "text": NUMBER}),
            client.post(reverse("moderation_post", args=[post.pk]), {"action": "redact_findings"})):
        if expected == "sign in":
            assert_sent_to_sign_in(response)
        elif expected == "admin home":
            assert_staff_refused_by_admin(response)
        else:
            assert response.status_code == expected
    post.refresh_from_db()
    item.refresh_from_db()
    assert NUMBER in post.body_source and item.is_open and post.visibility == Visibility.PENDING
    assert not Redaction.objects.exists()


def test_the_rows_forms_carry_the_csrf_token_a_browser_needs(moderator, held):
    """Django's test client skips CSRF checks unless asked; a browser does not."""
    import re

    from django.test import Client

    post, item, other = held
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    html = client.get(QUEUE_URL).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 4  # approve / reject forms of two rows, and the redact buttons
    response = client.post(act_url(item), {"csrfmiddlewaretoken": tokens[0], "action": "redact",
                                           "back": QUEUE_URL})
    assert response.status_code == 302
    post.refresh_from_db()
    assert "\\[phone number removed\\]" in post.body_source
