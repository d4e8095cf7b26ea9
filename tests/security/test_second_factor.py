"""A staff account has its staff powers only in a session that passed the second factor: signed
in with password and TOTP, or having just set up TOTP. Without it the account acts as a resident
on the site (no internal notes, no staff tools) and the admin sends it to set up or enter its
code."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from forums.concerns.models import InternalNote
from portal.accounts.roles import Role
from tests.conftest import sign_in_without_second_factor
from tests.factories import PASSWORD, staff_user

from .conftest import SHARING_AUTHOR
from .signing_in import code, sign_in, with_authenticator

pytestmark = pytest.mark.django_db


def concern_page(concern):
    return concern.thread.url_under(concern.thread.board.url)


def write_note(client, concern, body):
    return client.post(reverse("forums:concern_action", args=[concern.pk, "note"]), {"note-body": body})


@pytest.fixture
def routed_liaison(world):
    return with_authenticator(staff_user(Role.LIAISON, partner=world.partner, mfa=False))


def test_a_liaison_signed_in_with_password_and_code_uses_the_staff_tools(client, world,
                                                                         routed_liaison):
    sign_in(client, routed_liaison)

    page = client.get(concern_page(world.shared_concern))
    write_note(client, world.shared_concern, "Visited the stop.")

    assert "Internal notes" in page.text
    assert InternalNote.objects.filter(concern=world.shared_concern, author=routed_liaison,
                                       body_source="Visited the stop.").exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_session_that_skipped_the_code_has_no_staff_powers(client, world, routed_liaison):
    sign_in_without_second_factor(client, routed_liaison)

    page = client.get(concern_page(world.shared_concern))
    write_note(client, world.shared_concern, "Should not be saved.")
    admin = client.get(reverse("wagtailadmin_home"))

    assert "Internal notes" not in page.text
    assert SHARING_AUTHOR.email not in page.text  # contact details are a staff power too
    assert not InternalNote.objects.filter(author=routed_liaison).exists()
    assert admin.status_code == 302
    assert admin.url.startswith(reverse("mfa_reauthenticate"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # allauth: on commit
def test_a_liaison_without_an_authenticator_has_no_staff_powers_until_setting_one_up(
        client, world):
    liaison = staff_user(Role.LIAISON, partner=world.partner, mfa=False)
    sign_in(client, liaison)  # no authenticator: the password alone signs in

    before = client.get(concern_page(world.shared_concern))
    admin = client.get(reverse("wagtailadmin_home"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks
    setup = client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    activated = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    after = client.get(concern_page(world.shared_concern))

    assert "Internal notes" not in before.text
    assert admin.status_code == 302 and admin.url.startswith(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 and activated.status_code == 302
    assert "Internal notes" in after.text
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("second_factor, routed_to", [(True, "other"), (False, "first")])
def test_a_moderator_reroutes_only_after_the_second_factor(client, world, second_factor,
                                                          routed_to):
    moderator = with_authenticator(staff_user(Role.MODERATOR, mfa=False))
    if second_factor:
        sign_in(client, moderator)
    else:
        sign_in_without_second_factor(client, moderator)

    client.post(reverse("forums:concern_action", args=[world.shared_concern.pk, "reroute"]),
                {"reroute-partners": [world.other_liaison.partner_id],
                 "reroute-reason": "Wrong partner"})

    expected = world.other_liaison.partner_id if routed_to == "other" else world.partner.pk
    assert list(world.shared_concern.routes.values_list("partner_id", flat=True)) == [expected]


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.LIAISON, Role.EDITOR, Role.ADMINISTRATOR])
def test_no_staff_role_reaches_the_admin_without_the_second_factor(client, role):
    user = with_authenticator(staff_user(role, mfa=False))
    sign_in_without_second_factor(client, user)

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
