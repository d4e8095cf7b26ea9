"""Role × admin URL: what each role gets from the admin's reports, listings and account tools,
by direct address (a menu that hides a link is not a permission)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["liaison", "moderator", "editor", "administrator"]
OK, FORBIDDEN = 200, 403

TABLE = {
    # view name:                                   liaison    moderator  editor     administrator
    "wagtailadmin_reports:site_history":          (FORBIDDEN, OK,        OK,        OK),
    "wagtailadmin_reports:site_history_results":  (FORBIDDEN, OK,        OK,        OK),
    "wagtailadmin_reports:locked_pages":          (FORBIDDEN, FORBIDDEN, OK,        OK),
    "wagtailadmin_reports:aging_pages":           (FORBIDDEN, FORBIDDEN, OK,        OK),
    "wagtailadmin_reports:workflow":              (FORBIDDEN, FORBIDDEN, OK,        OK),
    "wagtailusers_users:index":                   (FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "wagtailusers_users:add":                     (FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "wagtailusers_groups:index":                  (FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "wagtailusers_groups:add":                    (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "account_staff_invitations":                  (FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "concerns_inbox:index":                       (OK,        OK,        FORBIDDEN, OK),
    "wagtailsnippets_moderation_reviewitem:list": (FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN),
}


@pytest.mark.parametrize("view_name", TABLE)
@pytest.mark.parametrize("role", ROLES)
def test_role_by_admin_url(client, request, role, view_name):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(view_name))

    assert response.status_code == TABLE[view_name][ROLES.index(role)]


@pytest.mark.parametrize("role", ROLES)
def test_the_reports_menu_offers_site_history_only_to_roles_that_may_open_it(client, request,
                                                                            role):
    client.force_login(request.getfixturevalue(role))

    home = client.get(reverse("wagtailadmin_home")).text

    assert (reverse("wagtailadmin_reports:site_history") in home) is (role != "liaison")
