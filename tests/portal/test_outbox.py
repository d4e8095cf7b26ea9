"""The outbox (portal/emails.py): written with the change, sent after commit, once per key,
retried with backoff when the mail server is down, visible to administrators in the admin."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage, mail_admins, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal import emails
from portal.models import OutboxEmail
from tests.factories import PASSWORD

OUTBOX = {"default": {"BACKEND": "portal.emails.OutboxBackend"}}

pytestmark = pytest.mark.django_db

DOWN = {**OUTBOX, "smtp": {
    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}}  # nothing listens
UP = {**OUTBOX, "smtp": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def queue(key="test:1", to="ann@example.org"):
    return emails.queue_email(to=to, template="moderation/email/rejected", key=key,
                              context={"author": {"display_name": "Ann"}, "thread_title": "Bins",
                                       "item": {"resolution_reason": "Off topic"},
                                       "post": {"body_source": "My text"}, "rules_url": "/r/"})


def test_an_email_is_sent_once_per_key_with_the_one_prefix():
    assert queue() is True
    assert queue() is False

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ann@example.org"], "[Common Ground] Your post was not published")]
    assert "My text" in mail.outbox[0].body
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        queue()
        raise RuntimeError("the change failed")

    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_nothing_is_sent_before_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        queue()
        assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_mail_server_outage_is_retried_with_backoff_until_it_goes(settings):
    # given the mail server is down
    settings.MAILERS = DOWN
    queue()
    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == (OutboxEmail.Status.PENDING, 1)
    assert "ConnectionRefusedError" in email.last_error
    first_wait = email.next_attempt_at - timezone.now()
    assert timedelta(seconds=25) < first_wait <= timedelta(seconds=30)

    # the second failure waits twice as long
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    assert emails.retry_due() == 0
    email.refresh_from_db()
    assert email.attempts == 2
    assert timedelta(seconds=55) < email.next_attempt_at - timezone.now() <= timedelta(seconds=60)

    # when the server is back, nothing goes before the backoff ends, then it goes once
    settings.MAILERS = UP
    assert emails.retry_due() == 0
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    assert emails.retry_due() == 1
    assert emails.retry_due() == 0
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (OutboxEmail.Status.SENT, 3, "")


def test_a_send_left_unfinished_by_a_dead_worker_is_sent_again_and_counted(settings):
    settings.MAILERS = DOWN
    queue()
    # a worker claimed it and died before it could say how it went
    OutboxEmail.objects.update(status=OutboxEmail.Status.SENDING,
                               attempted_at=timezone.now() - timedelta(seconds=60))
    settings.MAILERS = UP
    assert emails.retry_due() == 0  # it may still be sending: wait OUTBOX_SEND_TIMEOUT
    OutboxEmail.objects.update(attempted_at=timezone.now() - timedelta(seconds=301))

    assert emails.retry_due() == 1

    email = OutboxEmail.objects.get()
    assert (email.status, email.uncertain_attempts) == (OutboxEmail.Status.SENT, 1)
    assert emails.state()["uncertain_sends"] == 1


def test_closing_an_account_removes_its_address_from_the_outbox(client, resident, settings):
    settings.MAILERS = DOWN
    queue(key="test:resident", to=resident.email)
    queue(key="test:both", to=[resident.email, "liaison@example.org"])
    client.force_login(resident)

    client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})

    assert not OutboxEmail.objects.filter(to__icontains=resident.email.split("@")[0]).exists()
    alone = OutboxEmail.objects.get(key="test:resident")
    assert (alone.status, alone.to, alone.body) == (OutboxEmail.Status.CANCELLED, [], "")
    assert OutboxEmail.objects.get(key="test:both").to == ["liaison@example.org"]


def test_password_reset_with_the_mail_server_down_answers_and_keeps_the_email(client, resident,
                                                                           settings):
    settings.MAILERS = DOWN

    response = client.post(reverse("account_reset_password"), {"email": resident.email})

    assert response.status_code == 302
    email = OutboxEmail.objects.get()
    assert email.to == [resident.email] and email.status == OutboxEmail.Status.PENDING
    assert email.subject.startswith("[Common Ground] ") and "[Common Ground] [" not in email.subject
    assert "/accounts/password/reset/key/" in email.body


def test_administrators_see_the_outbox_and_retry_or_give_up(client, administrator, settings):
    settings.MAILERS = DOWN
    queue(key="test:a")
    queue(key="test:b", to="bob@example.org")
    first, second = OutboxEmail.objects.order_by("pk")
    client.force_login(administrator)

    listing = client.get(reverse("wagtailsnippets_portal_outboxemail:list"))
    assert listing.status_code == 200
    assert "b…@example.org" in listing.text and "ConnectionRefusedError" in listing.text
    assert "bob@example.org" not in listing.text  # who it is for is not the administrator's to read

    settings.MAILERS = UP
    client.post(reverse("outbox_act", args=[first.pk, "retry"]))
    client.post(reverse("outbox_act", args=[second.pk, "give-up"]))

    assert [m.to for m in mail.outbox] == [["ann@example.org"]]
    assert OutboxEmail.objects.get(pk=second.pk).status == OutboxEmail.Status.CANCELLED


@pytest.mark.parametrize("role", ["editor", "moderator", "liaison"])
def test_other_staff_cannot_see_or_act_on_the_outbox(client, role, request):
    queue()
    client.force_login(request.getfixturevalue(role))

    listing = client.get(reverse("wagtailsnippets_portal_outboxemail:list"))
    act = client.post(reverse("outbox_act", args=[OutboxEmail.objects.get().pk, "give-up"]))

    # Wagtail's admin answers a refusal by sending staff to the dashboard with a message
    assert (listing.status_code, listing["Location"]) == (302, reverse("wagtailadmin_home"))
    assert (act.status_code, act["Location"]) == (302, reverse("wagtailadmin_home"))
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_mail_sent_by_django_goes_through_the_outbox_and_the_send_task(settings):
    # given the mail server is down, a plain send_mail (as Wagtail and Django send) is kept
    settings.MAILERS = DOWN
    sent = send_mail("Hello", "Plain text", None, ["ann@example.org"],
                     html_message="<p>Plain text</p>")

    assert sent == 1
    email = OutboxEmail.objects.get()
    assert (email.to, email.subject, email.body, email.html_body, email.status) == (
        ["ann@example.org"], "[Common Ground] Hello", "Plain text", "<p>Plain text</p>", "pending")
    assert email.key.startswith("message:") and email.attempts == 1
    assert mail.outbox == []
    # and the worker delivers it through the real transport once the server is back
    settings.MAILERS = UP
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    assert emails.retry_due() == 1
    assert [(m.to, m.subject, m.alternatives[0][0]) for m in mail.outbox] == [
        (["ann@example.org"], "[Common Ground] Hello", "<p>Plain text</p>")]


def test_mail_sent_inside_a_change_is_written_with_it(django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        send_mail("Hello", "Text", None, ["ann@example.org"])
        raise RuntimeError("the change failed")

    assert not OutboxEmail.objects.exists()
    assert [(m.subject, m.to) for m in mail.outbox] == []


def test_cc_stays_a_header_and_each_bcc_recipient_gets_a_copy_of_their_own():
    mail_admins("Disk full", "Body")  # Django adds the prefix itself: it is not doubled
    EmailMessage("Minutes", "Body", to=["ann@example.org"], cc=["bob@example.org"],
                 bcc=["cy@example.org", "di@example.org"]).send()

    assert [(m.to, m.extra_headers.get("Cc"), m.subject) for m in mail.outbox[-3:]] == [
        (["ann@example.org", "bob@example.org"], "bob@example.org", "[Common Ground] Minutes"),
        (["cy@example.org"], "bob@example.org", "[Common Ground] Minutes"),
        (["di@example.org"], "bob@example.org", "[Common Ground] Minutes"),
    ]
    assert all("cy@example.org" not in m.message().as_string() for m in mail.outbox[-3:-1])
    assert OutboxEmail.objects.filter(subject="[Common Ground] Minutes").count() == 3


def test_wagtails_workflow_notifications_go_through_the_outbox(
        editor, django_capture_on_commit_callbacks):
    from wagtail.models import Workflow

    from portal.accounts.roles import Role
    from tests.factories import report_page, staff_user

    second_editor = staff_user(Role.EDITOR)
    page = report_page(title="Draft quarterly report", live=False)
    page.save_revision(user=editor)
    workflow_state = Workflow.objects.get(name="Editors' approval").start(page, editor)
    task_state = workflow_state.current_task_state.specific
    OutboxEmail.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, second_editor, "approve")

    email = OutboxEmail.objects.get(to=[editor.email])
    assert "Draft quarterly report" in email.subject and email.status == "sent"
    assert [m.to for m in mail.outbox] == [[editor.email]]
