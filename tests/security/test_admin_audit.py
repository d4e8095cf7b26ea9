"""Walk every Wagtail admin URL as liaison, moderator, editor and administrator (ids filled in
from seeded data, listings also as CSV and XLSX exports) and check that no page shows a
resident's identity to a role that must not see it."""

import io
import zipfile

import pytest
from django.urls import reverse

from .admin_urls import admin_routes, fill
from .conftest import ANONYMOUS_AUTHOR, ATTENDEE, SHARING_AUTHOR

pytestmark = pytest.mark.django_db

ROLES = ["liaison", "moderator", "editor", "administrator"]
# Administrators manage accounts: the user admin shows every account's address and name.
ACCOUNT_ADMIN = ("wagtailusers_users:",)


def body_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # an XLSX export: the text is in the zipped XML
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace")
                            for name in archive.namelist() if name.endswith(".xml"))
    return content.decode("utf-8", "replace")


def secrets_for(role, view_name):
    """What `role` must not see on the admin view `view_name`."""
    if role == "moderator":
        return []  # moderators see accounts (portal.accounts.permissions.can_see_account)
    if role == "administrator" and view_name.startswith(ACCOUNT_ADMIN):
        return []
    hidden = [ANONYMOUS_AUTHOR.email, ANONYMOUS_AUTHOR.name, ATTENDEE.email]
    if role != "liaison" or not view_name.startswith("concerns_inbox:"):
        hidden.append(SHARING_AUTHOR.email)  # shared with the routed partner's inbox only
    return hidden


def ids_for(view_name, world):
    """The seeded objects an admin view's id parameters name: the residents for the user admin,
    the concerns for the inbox, the event and board for page views, the log entries' objects
    for the others (histories, usage) and the first row of everything else."""
    from forums.moderation.models import ReviewItem, Sanction

    namespace = view_name.split(":")[0]
    if namespace == "wagtailusers_users":
        return [world.anonymous_author.pk, world.sharing_author.pk, world.attendee.pk]
    if namespace == "concerns_inbox":
        return [world.anonymous_concern.pk, world.shared_concern.pk]
    if namespace.startswith(("wagtailadmin_pages", "wagtailadmin_api", "wagtailadmin_explore")):
        return [world.event.pk, world.board.pk]
    if namespace == "wagtailsnippets_moderation_reviewitem":
        return list(ReviewItem.objects.values_list("pk", flat=True)) or [1]
    if namespace == "moderation_sanctions":
        return list(Sanction.objects.values_list("pk", flat=True)) or [1]
    return [1]


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_url_shows_a_residents_identity_to_a_role_that_must_not_see_it(client, world,
                                                                                role):
    client.raise_request_exception = False
    leaks, errors, visited = [], [], 0
    client.force_login(getattr(world, role))
    for route, view_name in admin_routes():
        for address in fill(route, ids_for(view_name, world)):
            for query in ("", "?export=csv", "?export=xlsx"):
                if query and "<" in route:
                    continue
                response = client.get(address + query)
                visited += 1
                if response.status_code >= 500:
                    errors.append((role, address + query, response.status_code))
                if response.status_code != 200:
                    continue
                text = body_text(response)
                leaks += [(role, address + query, secret)
                          for secret in secrets_for(role, view_name) if secret in text]
    assert visited > 300
    assert errors == []
    assert leaks == []


def test_site_history_and_its_exports_name_no_resident(client, world):
    for role in ["moderator", "editor", "administrator"]:
        client.force_login(getattr(world, role))
        for query in ("", "?export=csv", "?export=xlsx"):
            response = client.get(reverse("wagtailadmin_reports:site_history") + query)

            assert response.status_code == 200
            text = body_text(response)
            for person in (ANONYMOUS_AUTHOR, SHARING_AUTHOR, ATTENDEE):
                assert person.email not in text
                assert person.name not in text
