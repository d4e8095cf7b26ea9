import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from portal.accounts import permissions
from portal.accounts.models import User
from portal.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory, staff_user
from tests.refusals import assert_sent_to_sign_in

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new.resident@example.org",
    "display_name": "Harbour Walker",
    "password1": "correct-horse-battery",
    "password2": "correct-horse-battery",
}


def test_signup_creates_an_unverified_resident_who_cannot_post_until_verified(client):
    # when someone signs up
    response = client.post(reverse("account_signup"), SIGNUP)

    # then they are asked to confirm their address, and may not post yet
    assert response.status_code == 302
    user = User.objects.get(email="new.resident@example.org")
    assert user.display_name == "Harbour Walker"
    assert user.has_role(Role.RESIDENT)
    assert not permissions.can_post(user)
    assert len(mail.outbox) == 1
    assert "confirm" in mail.outbox[0].body.lower()

    # when they follow the link in the email
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/confirm-email/" in w)
    client.post(link)

    # then they may post
    assert EmailAddress.objects.get(user=user).verified
    assert permissions.can_post(user)


def test_signup_keeps_what_was_typed_when_the_display_name_is_taken(client):
    UserFactory(display_name="harbour walker")

    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 200
    assert "That display name is taken" in response.text
    assert 'value="new.resident@example.org"' in response.text
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_signup_with_a_known_email_does_not_reveal_the_account(client, resident):
    # given an existing account, when someone signs up with its address
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": resident.email})

    # then the page looks like any other sign-up, and the owner is emailed instead
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email=resident.email).count() == 1


def test_password_reset_does_not_reveal_whether_an_account_exists(client, resident):
    known = client.post(reverse("account_reset_password"), {"email": resident.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_failed_logins_are_rate_limited(client, resident):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": resident.email, "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": resident.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.LIAISON, Role.EDITOR, Role.ADMINISTRATOR])
def test_staff_without_two_factor_are_kept_out_of_the_admin(client, role):
    user = staff_user(role, mfa=False)
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.LIAISON, Role.EDITOR, Role.ADMINISTRATOR])
def test_staff_with_two_factor_reach_the_admin(client, role):
    client.force_login(staff_user(role, mfa=True))

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200


def test_residents_cannot_reach_the_admin(client, resident):
    client.force_login(resident)

    response = client.get(reverse("wagtailadmin_home"))

    # 403, not a redirect to sign in: allauth sends a signed-in user straight back (a loop)
    assert response.status_code == 403


def test_admin_login_is_allauths_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_sign_in_asks_for_the_authenticator_code(client):
    user = staff_user(Role.MODERATOR, mfa=True)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_a_liaison_needs_a_partner():
    from django.core.exceptions import ValidationError

    from portal.accounts import actions

    user = UserFactory()
    with pytest.raises(ValidationError):
        actions.grant_role(user, Role.LIAISON)


def test_only_administrators_change_roles(moderator, administrator):
    from django.core.exceptions import PermissionDenied

    from portal.accounts import actions

    user = UserFactory()
    with pytest.raises(PermissionDenied):
        actions.grant_role(user, Role.EDITOR, by=moderator)
    actions.grant_role(user, Role.EDITOR, by=administrator)
    assert User.objects.get(pk=user.pk).has_role(Role.EDITOR)


def test_resident_downloads_their_data(client, resident):
    client.force_login(resident)

    response = client.post(reverse("account_export"))

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert data["account"]["display_name"] == resident.display_name


def test_export_needs_a_post_and_a_login(client, resident):
    assert_sent_to_sign_in(client.get(reverse("account_export")))
    assert_sent_to_sign_in(client.post(reverse("account_export")))
    client.force_login(resident)
    assert client.get(reverse("account_export")).status_code == 405


def test_deleting_an_account_anonymises_it_and_signs_out(client, resident):
    client.force_login(resident)
    old_email, old_name = resident.email, resident.display_name

    response = client.post(
        reverse("account_delete"), {"password": PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    user = User.objects.get(pk=resident.pk)
    assert user.is_anonymised and not user.is_active
    assert old_email not in user.email and old_name != user.display_name
    assert not EmailAddress.objects.filter(email=old_email).exists()
    assert not user.has_usable_password()
    assert "_auth_user_id" not in client.session
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="portal.account.anonymised").count() == 1


def test_deleting_an_account_needs_the_password(client, resident):
    client.force_login(resident)

    response = client.post(reverse("account_delete"), {"password": "nope", "confirm": "on"})

    assert response.status_code == 200
    assert "That password is not correct" in response.text
    assert User.objects.get(pk=resident.pk).is_active
