"""Issue 17's liaison bullets not pinned elsewhere: sortable inbox columns, escalation with two
partners' leads (one email each, listing only that partner's concerns), the "Mark resolved"
form only once there is an official answer."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from forums.concerns import actions, jobs
from forums.concerns.models import Concern
from forums.models import Thread
from portal.models import OutboxEmail
from tests.concerns.test_inbox import bulk_concerns
from tests.factories import raised_concern

pytestmark = pytest.mark.django_db

INBOX = "/admin/concerns/"


def _order(page):
    return list(dict.fromkeys(re.findall(r"Concern number \d+", page)))


def test_inbox_columns_sort_by_title_due_date_and_state(client, concern_board, topic, area,
                                                        liaison, partner):
    concerns = bulk_concerns(concern_board, topic, area, [partner], 3)
    now = timezone.now()
    for days, concern in zip([1, 3, 2], concerns, strict=True):
        Concern.objects.filter(pk=concern.pk).update(published_at=now - timedelta(days=days))
    Thread.objects.filter(pk=concerns[2].thread_id).update(title="Concern number 2 (a)")
    actions.acknowledge(concerns[0], by=liaison)
    client.force_login(liaison)
    page = client.get(INBOX).content.decode()
    # the headers are sort links
    assert 'href="?ordering=thread__title"' in page or "ordering=thread__title" in page
    assert _order(client.get(INBOX, {"ordering": "-thread__title"}).content.decode()) == \
        ["Concern number 2", "Concern number 1", "Concern number 0"]
    assert _order(client.get(INBOX, {"ordering": "-published_at"}).content.decode()) == \
        ["Concern number 0", "Concern number 2", "Concern number 1"]
    assert _order(client.get(INBOX, {"ordering": "published_at"}).content.decode()) == \
        ["Concern number 1", "Concern number 2", "Concern number 0"]
    # acknowledged sorts before open
    assert _order(client.get(INBOX, {"ordering": "state"}).content.decode())[0] == \
        "Concern number 0"


def test_escalation_emails_each_partners_lead_once_with_only_its_concerns(
        resident, concern_board, topic, area, rules, liaison, ngo_liaison, ngo, partner):
    partner.escalation_email = "duty.inspector@police.example"
    partner.save()
    concerns = [raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                               title=f"Needles by bench {n}") for n in (1, 2)]
    actions.answer(concerns[1], by=liaison, kind="information", body="We are on it.")
    Concern.objects.filter(pk__in=[c.pk for c in concerns]).update(
        published_at=timezone.now() - timedelta(days=6))
    assert jobs.run()["escalations"] == 2
    emails = {e.to[0]: e.body for e in OutboxEmail.objects.filter(
        key__startswith="concerns:escalation:")}
    assert set(emails) == {"duty.inspector@police.example", "lead@harbour.example"}
    # the police answered bench 2, so only bench 1 is escalated to the police's lead;
    assert "Needles by bench 1" in emails["duty.inspector@police.example"]
    assert "Needles by bench 2" not in emails["duty.inspector@police.example"]
    # the NGO answered neither: both in one email to its lead
    assert "Needles by bench 1" in emails["lead@harbour.example"]


def test_mark_resolved_is_offered_only_after_an_official_answer(client, concern, liaison):
    client.force_login(liaison)
    url = concern.thread.get_absolute_url()
    assert 'id="concern-resolve"' not in client.get(url, follow=True).content.decode()
    actions.answer(concern, by=liaison, kind="not_actionable", reason="Private land",
                   body="This is private land; the owner has been told.")
    assert 'id="concern-resolve"' in client.get(url, follow=True).content.decode()
