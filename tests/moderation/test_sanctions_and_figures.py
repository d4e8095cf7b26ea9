"""Sanctions (silence, suspend, lifting early, with the reason the person sees) and the public
monthly moderation figures on hand-made data."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forums import actions as forum_actions
from forums.moderation import actions, figures
from forums.moderation.models import ReviewItem, ReviewReason, ReviewStatus
from tests.factories import PASSWORD, established_resident, forum_thread

pytestmark = pytest.mark.django_db


def test_a_silenced_resident_reads_but_cannot_post_until_lifted(client, moderator, board):
    # given a thread and a resident a moderator silences for a week
    thread = forum_thread(established_resident(), board)
    resident = established_resident()
    actions.silence(resident, by=moderator, until=timezone.now() + timedelta(days=7),
                    reason="Repeated personal attacks", note="Third warning")
    # when they open the thread, they can read it but there is no reply form
    client.force_login(resident)
    response = client.get(thread.get_absolute_url() + "?page=1")
    assert response.status_code == 200 and 'id="reply"' not in response.content.decode()
    with pytest.raises(PermissionDenied):
        forum_actions.reply(thread, by=type(resident).objects.get(pk=resident.pk), body="Let me in")
    # when the moderator lifts the silence early, they can reply again
    actions.lift(resident, "silenced", by=moderator, reason="Apologised")
    response = client.get(thread.get_absolute_url() + "?page=1")
    assert 'id="reply"' in response.content.decode()
    assert {e.action for e in ModelLogEntry.objects.filter(user=moderator)} >= {
        "moderation.user.silenced", "moderation.user.silenced_lifted"}


def test_a_suspended_account_cannot_sign_in_and_sees_the_reason(client, moderator):
    resident = established_resident()
    actions.suspend(resident, by=moderator, until=timezone.now() + timedelta(days=3),
                    reason="Threats against a neighbour", note="Reported to partners")
    # when they sign in
    response = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD},
                           follow=True)
    # then they are signed out with the reason and the end date, but not the staff note
    content = response.content.decode()
    assert "Your account is suspended" in content and "Threats against a neighbour" in content
    assert "Reported to partners" not in content
    assert "_auth_user_id" not in client.session
    # when the suspension is lifted, they can sign in
    actions.lift(resident, "suspended", by=moderator)
    client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD})
    assert client.get("/").status_code == 200 and "_auth_user_id" in client.session


def test_sanctions_need_a_moderator_a_reason_and_a_future_end(moderator, resident):
    with pytest.raises(PermissionDenied):
        actions.silence(moderator, by=resident, until=timezone.now() + timedelta(days=1), reason="x")
    with pytest.raises(Exception, match="Give a reason"):
        actions.silence(resident, by=moderator, until=timezone.now() + timedelta(days=1), reason="")
    with pytest.raises(Exception, match="future"):
        actions.suspend(resident, by=moderator, until=timezone.now() - timedelta(days=1), reason="x")


def test_moderators_set_a_trust_level_by_hand(moderator, resident, board):
    actions.set_trust_level(resident, 1, by=moderator)
    thread = forum_thread(established_resident(), board)
    assert forum_actions.reply(thread, by=resident, body="Straight through").is_public
    assert ModelLogEntry.objects.filter(action="moderation.user.trust_level").count() == 1


# Figures ---------------------------------------------------------------------------------------

def at(day, hour=12):
    return timezone.make_aware(datetime(2026, 3, day, hour))


def make_item(post, reason, status, created, minutes=None, was_held=False):
    return ReviewItem.objects.create(
        post=post, reason=reason, status=status, created_at=created, was_held=was_held,
        resolved_at=created + timedelta(minutes=minutes) if minutes is not None else None)


def test_monthly_figures_count_decisions_and_the_median_time(board):
    thread = forum_thread(established_resident(), board)
    posts = [forum_actions.reply(thread, by=established_resident(), body=f"post {n}") for n in range(6)]
    make_item(posts[0], ReviewReason.NEW_ACCOUNT, ReviewStatus.APPROVED, at(2), 30, was_held=True)
    make_item(posts[1], ReviewReason.PERSONAL_DATA, ReviewStatus.REJECTED, at(3), 90, was_held=True)
    make_item(posts[2], ReviewReason.FLAGGED, ReviewStatus.HIDDEN, at(4), 10)
    make_item(posts[3], ReviewReason.FLAGGED, ReviewStatus.HIDDEN, at(5), 20)
    make_item(posts[4], ReviewReason.CRISIS, ReviewStatus.OPEN, at(6))
    make_item(posts[5], ReviewReason.NEW_ACCOUNT, ReviewStatus.APPROVED, at(31, 23) - timedelta(days=40),
              60, was_held=True)  # February: not counted in March

    march = figures.monthly_figures(2026, 3)

    assert march["held"] == 2 and march["flagged"] == 2
    assert (march["approved"], march["rejected"], march["hidden"]) == (1, 1, 2)
    assert march["hidden_by_reason"] == {"Flagged by residents": 2}
    assert march["median_minutes_to_review"] == 25  # 10, 20, 30, 90
    assert figures.monthly_figures(2026, 4)["median_minutes_to_review"] is None


def test_recent_months_are_newest_first():
    months = figures.recent_months(3, today=datetime(2026, 1, 15).date())
    assert [m["month"] for m in months] == ["2026-01", "2025-12", "2025-11"]


def test_a_post_hidden_without_the_queue_counts_as_hidden(board, moderator):
    # given a post a moderator hides from its page directly, and one hidden through the queue
    thread = forum_thread(established_resident(), board)
    direct, queued = (forum_actions.reply(thread, by=established_resident(), body=f"post {n}")
                      for n in range(2))
    actions.hide(direct, by=moderator, reason="Names a neighbour")
    ReviewItem.objects.create(post=queued, reason=ReviewReason.FLAGGED)
    actions.hide(queued, by=moderator, reason="Abusive")
    # when the month's figures are read
    today = timezone.localdate()
    month = figures.monthly_figures(today.year, today.month)
    # then both are hidden, each counted once, under its own reason
    assert month["hidden"] == 2
    assert month["hidden_by_reason"] == {"Flagged by residents": 1, "Hidden directly by a moderator": 1}
