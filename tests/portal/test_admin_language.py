"""Wagtail's admin in the staff member's language (issue 19): the language on the account is the
admin's, the admin's own preference is the account's, and only the portal's languages are offered."""

import pytest
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

from portal.accounts import actions

pytestmark = pytest.mark.django_db


def test_the_admin_speaks_the_language_on_the_staff_members_account(client, editor):
    client.force_login(editor)
    assert '<html lang="en' in client.get("/admin/").text

    actions.update_profile(editor, display_name=editor.display_name, neighbourhood=None,
                           preferred_language="es")
    response = client.get("/admin/")

    assert response.status_code == 200
    assert '<html lang="es"' in response.text
    assert "Buscar" in response.text  # Wagtail's own Spanish


def test_choosing_a_language_in_the_admins_preferences_sets_the_account(editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()

    editor.refresh_from_db()
    assert editor.preferred_language == "es"  # so the portal's emails to them are in Spanish too


def test_the_admin_offers_the_portals_languages_only():
    assert [code for code, _name in get_available_admin_languages()] == ["en", "es"]
