"""Role × admin URL: what each role gets from the admin's reports, listings and account tools,
by direct address (a menu that hides a link is not a permission)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["liaison", "moderator", "editor", "administrator"]
OK = "200"
FORBIDDEN = "403"  # refused by the portal (portal/accounts/admin_access.py)
REFUSED = "refused"  # refused by Wagtail: redirect to the dashboard, "Sorry, you do not have ..."

TABLE = {
    # view name:                                   liaison    moderator  editor     administrator
    "wagtailadmin_reports:site_history":          (FORBIDDEN, OK,        OK,        OK),
    "wagtailadmin_reports:site_history_results":  (FORBIDDEN, OK,        OK,        OK),
    "wagtailadmin_reports:locked_pages":          (REFUSED,   REFUSED,   REFUSED,   OK),
    "wagtailadmin_reports:aging_pages":           (REFUSED,   REFUSED,   OK,        OK),
    "wagtailadmin_reports:workflow":              (REFUSED,   REFUSED,   OK,        OK),
    "wagtailusers_users:index":                   (REFUSED,   REFUSED,   REFUSED,   OK),
    "wagtailusers_users:add":                     (REFUSED,   REFUSED,   REFUSED,   OK),
    "wagtailusers_groups:index":                  (REFUSED,   REFUSED,   REFUSED,   OK),
    "wagtailusers_groups:add":                    (REFUSED,   REFUSED,   REFUSED,   REFUSED),
    "account_staff_invitations":                  (FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "concerns_inbox:index":                       (OK,        OK,        REFUSED,   OK),
    "wagtailsnippets_moderation_reviewitem:list": (REFUSED,   OK,        REFUSED,   REFUSED),
}


@pytest.mark.parametrize("view_name", TABLE)
@pytest.mark.parametrize("role", ROLES)
def test_role_by_admin_url(client, request, role, view_name):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(view_name))

    assert outcome(response) == TABLE[view_name][ROLES.index(role)]


def outcome(response):
    if response.status_code == 302 and response.url == reverse("wagtailadmin_home"):
        return REFUSED
    return str(response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_the_reports_menu_offers_site_history_only_to_roles_that_may_open_it(client, request,
                                                                            role):
    """Wagtail shows the entry to roles that can explore pages; moderators open the report
    from the dashboard's address but have no pages, so no menu entry."""
    client.force_login(request.getfixturevalue(role))

    home = client.get(reverse("wagtailadmin_home")).text

    assert ('"name": "site-history"' in home) is (role in ("editor", "administrator"))
