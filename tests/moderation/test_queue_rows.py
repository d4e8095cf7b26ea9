"""The review queue's rows and inline actions: each returns to the same listing (filters kept)
with the next item in view; canned reasons come from the moderation settings; search, sort,
"claimed by me" and the resolved tab; who may act (one outcome per role)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from forums import actions as forum_actions
from forums.models import Visibility
from forums.moderation import actions
from forums.moderation.models import ModerationSettings, ReviewItem, ReviewStatus, Standing
from portal.accounts.roles import Role
from tests.factories import UserFactory, established_resident, forum_thread, held_reply, staff_user
from tests.refusals import assert_sent_to_sign_in, assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/moderation/queue/"


def act_url(item):
    return reverse("moderation_queue_act", args=[item.pk])


@pytest.fixture
def thread(board):
    return forum_thread(established_resident(), board)


@pytest.fixture
def two_held(thread):
    first = held_reply(UserFactory(), thread, body="First held reply")[1]
    second = held_reply(UserFactory(), thread, body="Second held reply")[1]
    return first, second


def test_a_row_shows_title_excerpt_with_findings_reason_board_age_and_standing(client, moderator, board):
    author = established_resident(display_name="Sam from Millbrook")
    thread = forum_thread(author, board, title="Noise on the estate at night")
    forum_actions.reply(thread, by=author, body="Ring Dave on 07700 900123 about it")
    client.force_login(moderator)
    html = client.get(QUEUE_URL).content.decode()
    assert "Noise on the estate at night" in html
    assert "<mark>07700 900123</mark>" in html and "[a phone number]" in html
    assert "Personal details: Found a phone number" in html
    assert board.title in html and "Sam from Millbrook" in html and "Member" in html
    assert "0\xa0minutes" in html


def test_approve_from_the_row_returns_to_the_filtered_queue_at_the_next_item(client, moderator, two_held):
    first, second = two_held
    client.force_login(moderator)
    back = QUEUE_URL + "?reason=new-account"
    response = client.post(act_url(first), {"action": "approve", "back": back, "next_item": second.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{back}#review-{second.pk}"
    first.refresh_from_db()
    assert first.status == ReviewStatus.APPROVED and first.post.visibility == Visibility.VISIBLE
    # and the listing it returns to has the next item's link as the target
    assert f'id="review-{second.pk}"' in client.get(back).content.decode()


def test_the_back_address_is_only_ever_the_queue(client, moderator, two_held):
    first, _ = two_held
    client.force_login(moderator)
    response = client.post(act_url(first), {"action": "approve", "back": "https://evil.example/"})
    assert response["Location"] == QUEUE_URL


def test_reject_needs_a_reason_and_uses_a_canned_or_written_one(client, moderator, two_held):
    first, second = two_held
    client.force_login(moderator)
    response = client.post(act_url(first), {"action": "reject", "back": QUEUE_URL}, follow=True)
    assert "Give a reason" in response.content.decode()
    first.refresh_from_db()
    assert first.is_open
    client.post(act_url(first), {"action": "reject", "reason": "It is spam or advertising."})
    client.post(act_url(second), {"action": "reject", "reason": "It is spam or advertising.",
                                  "reason_text": "Please post this on the events board"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.resolution_reason == "It is spam or advertising."
    assert second.resolution_reason == "Please post this on the events board"


def test_canned_reasons_are_edited_in_the_moderation_settings(client, moderator, two_held):
    settings = ModerationSettings.for_site(__import__("wagtail.models", fromlist=["Site"]).Site.objects.get(
        is_default_site=True))
    settings.canned_reasons = "Not about our neighbourhood\nDuplicate of another thread"
    settings.save()
    client.force_login(moderator)
    html = client.get(QUEUE_URL).content.decode()
    assert "<option>Not about our neighbourhood</option>" in html
    assert "<option>Duplicate of another thread</option>" in html
    assert "It is spam or advertising." not in html


def test_hide_is_offered_for_public_posts_and_hides(client, moderator, thread):
    post = forum_actions.reply(thread, by=established_resident(), body="I want to end my life")
    item = ReviewItem.objects.open().get(post=post)
    client.force_login(moderator)
    assert 'value="hide"' in client.get(QUEUE_URL).content.decode()
    client.post(act_url(item), {"action": "hide", "reason": "It attacks or harasses someone."})
    post.refresh_from_db()
    assert post.visibility == Visibility.HIDDEN


def test_suspend_rejects_the_post_and_suspends_its_author(client, moderator, two_held):
    first, _ = two_held
    client.force_login(moderator)
    client.post(act_url(first), {"action": "suspend", "days": "7", "reason": "It is spam or advertising."})
    first.refresh_from_db()
    assert first.status == ReviewStatus.REJECTED
    standing = Standing.objects.get(user=first.post.author)
    assert standing.is_suspended() and standing.suspension_reason == "It is spam or advertising."


def test_claimed_by_me_and_the_resolved_tab(client, moderator, two_held):
    first, second = two_held
    actions.claim(first, by=moderator)
    actions.approve(second, by=moderator)
    client.force_login(moderator)
    mine = client.get(QUEUE_URL, {"status": "mine"}).content.decode()
    assert "First held reply" in mine and "Second held reply" not in mine
    resolved = client.get(QUEUE_URL, {"status": "resolved"}).content.decode()
    assert "Second held reply" in resolved and "First held reply" not in resolved
    assert "Approved</strong> by" in resolved


def test_search_and_sort(client, moderator, board):
    for title in ("Bins on Elm Street overflowing", "Needles near the playground"):
        held_reply(UserFactory(), forum_thread(established_resident(), board, title=title))
    client.force_login(moderator)
    html = client.get(QUEUE_URL, {"q": "playground"}).content.decode()
    assert "Needles near the playground" in html and "Bins on Elm" not in html
    html = client.get(QUEUE_URL, {"ordering": "-post__thread__title"}).content.decode()
    assert html.index("Needles near the playground") < html.index("Bins on Elm Street")


@pytest.mark.parametrize("role, expected", [
    (None, "sign in"), ("resident", 403), (Role.LIAISON, "admin home"), (Role.EDITOR, "admin home"),
    (Role.MODERATOR, "done")])
def test_who_may_act_from_the_queue(client, two_held, partner, role, expected):
    first, _ = two_held
    if role == "resident":
        client.force_login(established_resident())
    elif role == Role.LIAISON:
        client.force_login(staff_user(role, partner=partner))
    elif role is not None:
        client.force_login(staff_user(role))
    response = client.post(act_url(first), {"action": "approve"})
    if expected == "sign in":
        assert_sent_to_sign_in(response)
    elif expected == "admin home":
        assert_staff_refused_by_admin(response)
    elif expected == "done":
        assert response["Location"] == QUEUE_URL
    else:
        assert response.status_code == expected
    first.refresh_from_db()
    assert first.is_open == (role != Role.MODERATOR)


@pytest.mark.parametrize("count", [3, 40])
def test_the_dense_queue_takes_a_fixed_number_of_queries(client, moderator, thread, count,
                                                         django_assert_max_num_queries):
    newcomers = [UserFactory() for _ in range(3)]
    for n in range(count):
        held_reply(newcomers[n % 3], thread, body=f"Held reply number {n}, call 07700 900{n:03d}")
    client.force_login(moderator)
    with django_assert_max_num_queries(22):
        response = client.get(QUEUE_URL)
    assert response.content.decode().count('value="approve"') == count


def test_the_admin_home_shows_moderators_their_queue_counts(client, moderator, thread, partner):
    # given a held reply waiting two days and a fresh crisis post
    old, item = held_reply(UserFactory(), thread, body="An old held reply")
    ReviewItem.objects.filter(pk=item.pk).update(created_at=item.created_at - timedelta(days=2))
    forum_actions.reply(thread, by=established_resident(), body="I want to end my life")
    # when a moderator opens the admin home
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    # then they see two waiting, one urgent, one overdue, and both listed first
    assert "<strong>2</strong> waiting" in html and "<strong>1</strong> urgent" in html
    assert "<strong>1</strong> overdue" in html and "overdue</a> (waiting more than 24 hours)" in html
    assert html.count('href="/admin/moderation/posts/') >= 2
    # and the overdue link lists only the overdue item
    overdue = client.get(QUEUE_URL, {"age": "overdue"}).content.decode()
    assert "An old held reply" in overdue and "end my life" not in overdue
    # and a liaison's admin home has no such panel
    client.force_login(staff_user(Role.LIAISON, partner=partner))
    assert "Review queue</h2>" not in client.get("/admin/").content.decode()
