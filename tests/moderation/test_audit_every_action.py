"""Every moderation action, done through its real view, leaves an audit log entry with a filled
action label; moderators and administrators find it in Wagtail's site history, editors and
liaisons learn no resident's identity there (issue 17)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from forums.moderation.models import ReviewItem, ReviewStatus, Sanction
from tests.factories import UserFactory, established_resident, forum_thread, held_reply

pytestmark = pytest.mark.django_db

SITE_HISTORY = "wagtailadmin_reports:site_history"
RESIDENT_EMAILS = ["first.author@example.org", "held.one@example.org", "held.two@example.org"]


def moderate(client, post, **data):
    response = client.post(reverse("moderation_post", args=[post.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.fixture
def performed(client, moderator, board, other_board):
    """Each moderation action done once through its view, by the moderator. Returns
    {name: (log action, what its entry says)}."""
    author = established_resident(email=RESIDENT_EMAILS[0], display_name="First Author")
    thread = forum_thread(author, board, title="Streetlights out on Mill Lane")
    first = thread.posts.get()
    approve_post, approve_item = held_reply(UserFactory(email=RESIDENT_EMAILS[1]), thread)
    _reject_post, reject_item = held_reply(UserFactory(email=RESIDENT_EMAILS[2]), thread)
    client.force_login(moderator)

    moderate(client, approve_post, action="approve", reason="R-approve ok")
    client.post(reverse("moderation_queue_act", args=[reject_item.pk]),
                {"action": "reject", "reason_text": "R-reject off topic"})
    moderate(client, first, action="hide", reason="R-hide for now")
    moderate(client, first, action="restore", reason="R-restore fine")
    moderate(client, first, action="redact", body="First post, edited.", reason="R-redact a name")
    moderate(client, first, action="retitle", **{"retitle-title": "Streetlights out",
                                                 "retitle-reason": "R-retitle a name"})
    moderate(client, first, action="lock", reason="R-lock heated")
    moderate(client, first, action="move", board=other_board.pk, reason="R-move wrong board")
    moderate(client, first, action="sanction", kind="silenced", days="3", reason="R-silence insults")
    moderate(client, approve_post, action="sanction", kind="suspended", days="2",
             reason="R-suspend threats")
    moderate(client, first, action="lift", kind="silenced", reason="R-lift apologised")
    response = client.post(reverse("moderation_message_author", args=[approve_item.pk]),
                           {"body": "Private words for you only"})
    assert response.status_code == 302

    assert ReviewItem.objects.get(pk=approve_item.pk).status == ReviewStatus.APPROVED
    assert ReviewItem.objects.get(pk=reject_item.pk).status == ReviewStatus.REJECTED
    assert Sanction.objects.count() == 2
    return {
        "approve": ("moderation.item.approved", "R-approve ok"),
        "reject": ("moderation.item.rejected", "R-reject off topic"),
        "hide": ("moderation.post.hidden", "R-hide for now"),
        "restore": ("moderation.post.restored", "R-restore fine"),
        "redact": ("moderation.post.redacted", "R-redact a name"),
        "retitle": ("moderation.thread.retitled", "R-retitle a name"),
        "lock": ("moderation.thread.locked", "R-lock heated"),
        "move": ("moderation.thread.moved", "R-move wrong board"),
        "silence": ("moderation.user.silenced", "R-silence insults"),
        "suspend": ("moderation.user.suspended", "R-suspend threats"),
        "lift": ("moderation.user.silenced_lifted", "R-lift apologised"),
        "message": ("moderation.user.messaged", "Sent a resident a private message"),
    }


def test_every_moderation_action_is_logged_with_a_filled_action_label(performed, moderator):
    for name, (action, says) in performed.items():
        entries = ModelLogEntry.objects.filter(action=action, user=moderator)
        assert entries.count() == 1, name
        entry = entries.get()
        assert registry.get_action_label(action).strip(), name
        assert entry.label.strip(), name
        assert says in entry.message, name
        # no entry is labelled with a resident's name or address
        assert "First Author" not in entry.label and "@" not in entry.label, name
    assert "Private words" not in str(ModelLogEntry.objects.get(action="moderation.user.messaged").data)


@pytest.mark.parametrize("role", ["moderator", "administrator"])
def test_moderators_and_administrators_find_each_action_in_the_site_history(
        performed, role, request):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    for name, (action, says) in performed.items():
        response = client.get(reverse(SITE_HISTORY), {"action": action})
        assert response.status_code == 200
        content = response.content.decode()
        assert says in content, (role, name)
        if role == "administrator":
            assert not any(email in content for email in RESIDENT_EMAILS), (role, name)


def test_editors_see_no_resident_in_the_site_history_and_liaisons_cannot_open_it(
        performed, editor, liaison):
    client = Client()  # not the moderator's browser, with its messages still waiting
    client.force_login(editor)
    for query in ("", "?export=csv"):
        response = client.get(reverse(SITE_HISTORY) + query)
        assert response.status_code == 200
        content = (b"".join(response.streaming_content) if response.streaming
                   else response.content).decode()
        assert not any(email in content for email in RESIDENT_EMAILS)
        assert "First Author" not in content
        assert "R-silence insults" not in content and "Private words" not in content
    client.force_login(liaison)
    assert client.get(reverse(SITE_HISTORY)).status_code == 403  # portal.accounts.admin_access
