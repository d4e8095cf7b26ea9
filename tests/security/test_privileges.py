"""Only superusers grant superuser or the Administrators role, or touch privileged accounts;
administrators manage the other roles. Every path that grants a role is tried: the user create
and edit forms, the group forms, the user listing's bulk actions, the grant_role action and staff
invitations."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from portal.accounts import actions, invitations
from portal.accounts.models import User
from portal.accounts.roles import Role
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-strong-password-99"
# Wagtail answers a refusal inside its admin (PermissionDenied in a view or hook) with a redirect
# to the dashboard and "Sorry, you do not have permission to access this area."
ADMIN_HOME = "/admin/"


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, mfa=True)


def group(role):
    return Group.objects.get(name=role)


def create(client, email, **fields):
    return client.post(reverse("wagtailusers_users:add"), {
        "email": email, "display_name": email.split("@")[0], "first_name": "", "last_name": "",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, **fields})


def edit(client, user, **fields):
    return client.post(reverse("wagtailusers_users:edit", args=[user.pk]), {
        "email": user.email, "display_name": user.display_name, "first_name": "",
        "last_name": "", "is_active": "on", **fields})


def bulk(client, action, users, data=None):
    url = reverse("wagtail_bulk_action", args=["accounts", "user", action])
    query = "&".join(f"id={user.pk}" for user in users)
    return client.post(f"{url}?{query}", data or {})


# The user forms ---------------------------------------------------------------------------------

def test_an_administrator_cannot_make_a_superuser_on_the_create_form(client, administrator):
    client.force_login(administrator)

    form = client.get(reverse("wagtailusers_users:add"))
    response = create(client, "climber@example.org", is_superuser="on")

    assert 'name="is_superuser"' not in form.text
    assert response.status_code == 302
    assert User.objects.get(email="climber@example.org").is_superuser is False


def test_an_administrator_cannot_make_a_superuser_on_the_edit_form(client, administrator):
    resident = UserFactory()
    client.force_login(administrator)

    response = edit(client, resident, is_superuser="on")

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.is_superuser is False


def test_an_administrator_cannot_grant_the_administrators_role_on_either_form(
        client, administrator):
    resident = UserFactory()
    client.force_login(administrator)

    created = create(client, "climber@example.org", groups=[group(Role.ADMINISTRATOR).pk])
    edited = edit(client, resident, groups=[group(Role.ADMINISTRATOR).pk])

    assert created.status_code == 200 and edited.status_code == 200
    assert "Select a valid choice" in created.text and "Select a valid choice" in edited.text
    assert not User.objects.filter(email="climber@example.org").exists()
    assert not resident.groups.filter(name=Role.ADMINISTRATOR).exists()


def test_an_administrator_grants_the_other_roles(client, administrator):
    resident = UserFactory()
    client.force_login(administrator)

    response = edit(client, resident, groups=[group(Role.EDITOR).pk, group(Role.MODERATOR).pk])

    assert response.status_code == 302
    assert set(resident.groups.values_list("name", flat=True)) == {Role.EDITOR, Role.MODERATOR}


@pytest.mark.parametrize("target", ["superuser", "administrator"])
def test_an_administrator_cannot_edit_or_delete_a_privileged_account(client, administrator,
                                                                     superuser, target):
    account = superuser if target == "superuser" else staff_user(Role.ADMINISTRATOR)
    client.force_login(administrator)

    page = client.get(reverse("wagtailusers_users:edit", args=[account.pk]))
    takeover = edit(client, account, email="mine@example.org", password1=NEW_PASSWORD,
                    password2=NEW_PASSWORD)
    delete = client.post(reverse("wagtailusers_users:delete", args=[account.pk]))

    assert [page.url, takeover.url, delete.url] == [ADMIN_HOME] * 3  # Wagtail's refusal
    account.refresh_from_db()
    assert account.email != "mine@example.org" and account.check_password(NEW_PASSWORD) is False


def test_a_superuser_grants_superuser_and_administrator(client, superuser):
    resident = UserFactory()
    client.force_login(superuser)

    response = edit(client, resident, is_superuser="on", groups=[group(Role.ADMINISTRATOR).pk])

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.is_superuser and resident.groups.filter(name=Role.ADMINISTRATOR).exists()


# The group forms --------------------------------------------------------------------------------

def test_an_administrator_cannot_create_or_change_groups(client, administrator):
    client.force_login(administrator)
    liaisons = group(Role.LIAISON)

    add = client.post(reverse("wagtailusers_groups:add"), {"name": "Shadow admins"})
    change = client.post(reverse("wagtailusers_groups:edit", args=[liaisons.pk]),
                         {"name": "Liaisons", "permissions": []})

    assert [add.url, change.url] == [ADMIN_HOME] * 2
    assert not Group.objects.filter(name="Shadow admins").exists()


# Bulk actions on the user listing ---------------------------------------------------------------

def test_an_administrator_cannot_bulk_assign_the_administrators_role(client, administrator):
    residents = [UserFactory(), UserFactory()]
    client.force_login(administrator)

    response = bulk(client, "assign_role", residents, {"role": group(Role.ADMINISTRATOR).pk})

    assert response.url == ADMIN_HOME
    assert not group(Role.ADMINISTRATOR).user_set.filter(pk__in=[r.pk for r in residents]).exists()


def test_an_administrator_bulk_assigns_another_role(client, administrator):
    residents = [UserFactory(), UserFactory()]
    client.force_login(administrator)

    response = bulk(client, "assign_role", residents, {"role": group(Role.EDITOR).pk})

    assert response.status_code == 302
    assert group(Role.EDITOR).user_set.filter(pk__in=[r.pk for r in residents]).count() == 2


def test_an_administrator_cannot_bulk_deactivate_a_superuser_or_an_administrator(
        client, administrator, superuser):
    other_administrator = staff_user(Role.ADMINISTRATOR)
    client.force_login(administrator)

    response = bulk(client, "set_active_state", [superuser, other_administrator],
                    {"mark_as_active": "False"})

    assert response.url == ADMIN_HOME
    assert User.objects.filter(pk__in=[superuser.pk, other_administrator.pk],
                               is_active=True).count() == 2


def test_a_superuser_bulk_assigns_the_administrators_role(client, superuser):
    resident = UserFactory()
    client.force_login(superuser)

    response = bulk(client, "assign_role", [resident], {"role": group(Role.ADMINISTRATOR).pk})

    assert response.status_code == 302
    assert resident.groups.filter(name=Role.ADMINISTRATOR).exists()


# Actions: grant_role and invitations ------------------------------------------------------------

@pytest.mark.parametrize("role, allowed", [
    (Role.ADMINISTRATOR, False), (Role.EDITOR, True), (Role.MODERATOR, True), (Role.LIAISON, True)])
def test_grant_role_follows_the_same_rule(administrator, partner, role, allowed):
    resident = UserFactory()

    if allowed:
        actions.grant_role(resident, role, by=administrator, partner=partner)
        assert resident.groups.filter(name=role).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.grant_role(resident, role, by=administrator, partner=partner)
        assert not resident.groups.filter(name=role).exists()


@pytest.mark.parametrize("actor", ["moderator", "liaison", "editor"])
def test_other_staff_grant_no_role(request, actor):
    resident = UserFactory()

    with pytest.raises(PermissionDenied):
        actions.grant_role(resident, Role.MODERATOR, by=request.getfixturevalue(actor))


def test_an_administrator_cannot_invite_an_administrator(client, administrator):
    client.force_login(administrator)

    form = client.get(reverse("account_staff_invitations"))
    response = client.post(reverse("account_staff_invitations"),
                           {"email": "new.admin@example.org", "role": Role.ADMINISTRATOR})

    assert 'value="Administrators"' not in form.text
    assert response.status_code == 200 and "Select a valid choice" in response.text
    with pytest.raises(PermissionDenied):
        invitations.invite_staff(administrator, email="new.admin@example.org",
                                 role=Role.ADMINISTRATOR)
