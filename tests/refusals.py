"""The one answer each kind of refused request gets, so tests pin it instead of accepting several.

- A visitor is sent to sign in (302 to the login page, coming back afterwards).
- A signed-in account without the right gets 403 on the site, and in the admin when it has no
  admin access at all (residents: portal.accounts.middleware).
- Staff who may use the admin but lack one permission are sent back to the admin dashboard,
  which says "Sorry, you do not have permission to access this area." (Wagtail's own answer)."""

ADMIN_HOME = "/admin/"


def assert_sent_to_sign_in(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), response["Location"]


def assert_staff_refused_by_admin(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"] == ADMIN_HOME, response["Location"]
