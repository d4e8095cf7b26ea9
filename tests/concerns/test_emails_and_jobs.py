"""Emails to partners and residents: sent after commit, retried after a failure without losing
or blocking the concern, never duplicated; the overdue digest and escalation job is idempotent."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from forums import actions as forum_actions
from forums.concerns import actions, jobs
from forums.concerns.models import Concern, State
from portal import emails
from portal.models import OutboxEmail
from tests.factories import raised_concern

OUTBOX = {"default": {"BACKEND": "portal.emails.OutboxBackend"}}

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_concern(resident, concern_board, topic, area, rules, liaison, ngo_liaison,
                 django_capture_on_commit_callbacks):
    def make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                                  **kwargs)
    return make


def test_routing_emails_each_partners_liaisons_once(make_concern, liaison, ngo_liaison):
    mail.outbox.clear()
    concern = make_concern()
    recipients = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("[Common Ground] New"))
    assert recipients == sorted([liaison.email, ngo_liaison.email])
    assert all(concern.title in m.subject for m in mail.outbox if m.to[0] in recipients)
    # and the resident (following their concern) hears it was published and where it went
    [to_resident] = [m for m in mail.outbox if m.to == [concern.thread.author.email]]
    assert "Published and sent to" in to_resident.body
    actions.publish(concern.thread)
    emails.retry_due()
    assert len(mail.outbox) == 3


def test_a_failed_email_is_recorded_retried_and_never_blocks(make_concern, settings, liaison):
    # given the mail server is down (nothing listens on port 9 of this machine)
    settings.MAILERS = {**OUTBOX, "smtp": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}}
    mail.outbox.clear()
    # when a concern is raised, it is still open and routed
    concern = make_concern()
    assert Concern.objects.get(pk=concern.pk).state == State.OPEN
    pending = OutboxEmail.objects.filter(status="pending")
    assert pending.count() == 3  # two partners' liaisons and the resident
    assert all(e.attempts == 1 and "ConnectionRefusedError" in e.last_error for e in pending)
    # and when the server is back and the backoff has passed, the retry sends them, once
    settings.MAILERS = {**OUTBOX, "smtp": {
        "BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert emails.retry_due() == 0  # still waiting out the backoff
    pending.update(next_attempt_at=timezone.now())
    emails.retry_due()
    emails.retry_due()
    assert len(mail.outbox) == 3
    assert OutboxEmail.objects.filter(status="sent", attempts=2).count() == 3


def test_the_resident_hears_of_answers_and_changes_while_following(
        make_concern, resident, liaison, django_capture_on_commit_callbacks):
    concern = make_concern()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer(concern, by=liaison, body="Bin installed.", kind="action_taken")
    to_resident = [m for m in mail.outbox if m.to == [resident.email]]
    assert any("Official response: Action taken" in m.subject for m in to_resident)
    forum_actions.unfollow(concern.thread, by=resident)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.resolve(concern, by=liaison)
    assert [m for m in mail.outbox if m.to == [resident.email]] == []


def test_overdue_digest_and_escalation_run_twice_send_once(make_concern, liaison, ngo_liaison, ngo,
                                                         django_capture_on_commit_callbacks):
    concern = make_concern()
    Concern.objects.filter(pk=concern.pk).update(published_at=timezone.now() - timedelta(days=6))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.run()
    sent_first = sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox)
    assert first["overdue"] == 2 and first["digests"] == 2 and first["escalations"] == 1
    assert ("lead@harbour.example", "[Common Ground] Escalation") in sent_first
    assert {liaison.email, ngo_liaison.email} <= {to for to, _ in sent_first}
    with django_capture_on_commit_callbacks(execute=True):
        second = jobs.run()
    assert second["digests"] == 0 and second["escalations"] == 0
    assert len(mail.outbox) == len(sent_first) == 3
    concern.refresh_from_db()
    assert concern.escalated_at is not None


def test_answered_concerns_are_not_overdue(make_concern, liaison, ngo_liaison):
    concern = make_concern()
    actions.answer(concern, by=liaison, body="On it.", kind="information")
    Concern.objects.filter(pk=concern.pk).update(published_at=timezone.now() - timedelta(days=9))
    assert jobs.run()["overdue"] == 0


def test_an_official_answer_reaches_the_resident_in_one_email(make_concern, liaison, resident,
                                                              django_capture_on_commit_callbacks):
    from forums.models import Notification

    concern = make_concern()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer(concern, by=liaison, body="Officers visited the park.", kind="action_taken")
    to_resident = [m for m in mail.outbox if m.to == [resident.email]]
    assert len(to_resident) == 1 and "Official response" in to_resident[0].body
    # and the site still lists the answer among their unread replies
    assert Notification.objects.filter(user=resident, thread=concern.thread, read_at__isnull=True).exists()
