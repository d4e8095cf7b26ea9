"""An administrator invites a person by email to a staff role; the person follows the link and,
in one form, chooses a display name and password and sets up TOTP, then lands in the admin with
their staff powers."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import StaffInvitation, User
from portal.accounts.roles import Role

from .signing_in import code

pytestmark = pytest.mark.django_db

PASSWORD = "river-lantern-harbour-42"


def invite(client, administrator, django_capture_on_commit_callbacks, **fields):
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_staff_invitations"), fields)
    client.logout()
    return response


def link_in(message):
    return next(line.strip() for line in message.body.splitlines() if "/invitation/" in line)


def accept(client, link, **fields):
    page = client.get(link)
    data = {"display_name": "Officer Reyes", "password1": PASSWORD, "password2": PASSWORD,
            "code": code(page.context["secret"]), **fields}
    return page, client.post(link, data)


def test_an_invited_liaison_joins_with_password_and_totp_in_one_flow(
        client, administrator, partner, django_capture_on_commit_callbacks):
    invited = invite(client, administrator, django_capture_on_commit_callbacks,
                     email="reyes@police.example", role=Role.LIAISON, partner=partner.pk)
    [message] = mail.outbox
    link = link_in(message)

    page, done = accept(client, link)

    assert invited.status_code == 302
    assert message.to == ["reyes@police.example"] and "liaison" in message.body
    assert page.status_code == 200 and "authenticator" in page.text
    assert done.status_code == 302 and done.url == reverse("wagtailadmin_home")
    user = User.objects.get(email="reyes@police.example")
    assert user.is_liaison and user.partner == partner and user.display_name == "Officer Reyes"
    assert user.check_password(PASSWORD)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert EmailAddress.objects.filter(user=user, verified=True).exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # signed in, both factors


def test_a_wrong_code_keeps_what_was_typed_and_creates_nothing(
        client, administrator, django_capture_on_commit_callbacks):
    invite(client, administrator, django_capture_on_commit_callbacks,
           email="new.editor@example.org", role=Role.EDITOR)

    _page, response = accept(client, link_in(mail.outbox[0]), code="000000")

    assert response.status_code == 200
    assert "That code is not correct" in response.text
    assert 'value="Officer Reyes"' in response.text
    assert not User.objects.filter(email="new.editor@example.org").exists()


def test_an_invitation_link_works_once(client, administrator,
                                       django_capture_on_commit_callbacks):
    invite(client, administrator, django_capture_on_commit_callbacks,
           email="new.editor@example.org", role=Role.EDITOR)
    link = link_in(mail.outbox[0])
    accept(client, link)
    client.logout()

    response = client.get(link)

    assert response.status_code == 404
    assert "This invitation is not valid" in response.text


def test_an_expired_or_withdrawn_invitation_opens_nothing(
        client, administrator, django_capture_on_commit_callbacks):
    invite(client, administrator, django_capture_on_commit_callbacks,
           email="late@example.org", role=Role.MODERATOR)
    invite(client, administrator, django_capture_on_commit_callbacks,
           email="withdrawn@example.org", role=Role.MODERATOR)
    late_link, withdrawn_link = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    StaffInvitation.objects.filter(email="late@example.org").update(
        expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(administrator)
    withdrawn = StaffInvitation.objects.get(email="withdrawn@example.org")
    client.post(reverse("account_staff_invitations"), {"revoke": withdrawn.pk})
    client.logout()

    assert client.get(late_link).status_code == 404
    assert client.get(withdrawn_link).status_code == 404


def test_a_liaison_invitation_needs_a_partner(client, administrator,
                                               django_capture_on_commit_callbacks):
    response = invite(client, administrator, django_capture_on_commit_callbacks,
                      email="someone@example.org", role=Role.LIAISON)

    assert response.status_code == 200
    assert "A liaison must belong to a partner organisation." in response.text
    assert mail.outbox == [] and not StaffInvitation.objects.exists()


# Who opens the invitations page: tests/security/test_admin_roles.py (account_staff_invitations).
