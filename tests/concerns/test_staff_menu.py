"""Snippets staff use daily have their own admin menu items: routing rules for administrators,
response templates for liaisons (their own organisation's) and administrators; hidden and
refused for everyone else."""

import pytest

from forums.concerns.models import ResponseTemplate
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

RULES = "/admin/snippets/concerns/routingrule/"
TEMPLATES = "/admin/snippets/concerns/responsetemplate/"


def _menu(client):
    """The admin's main menu (Wagtail renders it as JSON for the sidebar)."""
    page = client.get("/admin/").content.decode()
    start = page.index('id="wagtail-sidebar-props"')
    return page[start:page.index("</script>", start)]


@pytest.fixture
def templates(partner, other_partner):
    return [ResponseTemplate.objects.create(partner=partner, title="Police: patrol booked",
                                            body="We will patrol {neighbourhood}."),
            ResponseTemplate.objects.create(partner=other_partner, title="Elsewhere: outreach",
                                            body="Outreach in {neighbourhood}.")]


def test_administrators_have_both_in_the_menu(client, administrator, templates):
    client.force_login(administrator)
    menu = _menu(client)
    assert f'"{RULES}"' in menu and f'"{TEMPLATES}"' in menu
    assert "Routing rules" in menu and "Response templates" in menu
    page = client.get(TEMPLATES).content.decode()
    assert "Police: patrol booked" in page and "Elsewhere: outreach" in page


def test_liaisons_have_templates_of_their_organisation_only(client, liaison, templates):
    ours, theirs = templates
    client.force_login(liaison)
    menu = _menu(client)
    assert f'"{TEMPLATES}"' in menu and f'"{RULES}"' not in menu
    page = client.get(TEMPLATES).content.decode()
    assert "Police: patrol booked" in page and "Elsewhere: outreach" not in page
    inspect = client.get(f"{TEMPLATES}inspect/{ours.pk}/")
    assert inspect.status_code == 200 and "We will patrol" in inspect.content.decode()
    # another partner's template, editing, adding, deleting, its history: refused
    for url in (f"{TEMPLATES}inspect/{theirs.pk}/", f"{TEMPLATES}edit/{ours.pk}/",
                f"{TEMPLATES}add/", f"{TEMPLATES}delete/{ours.pk}/",
                f"{TEMPLATES}history/{ours.pk}/", RULES):
        assert_staff_refused_by_admin(client.get(url))
    assert ResponseTemplate.objects.count() == 2


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_other_staff_neither_see_nor_open_them(client, role, request, templates):
    client.force_login(request.getfixturevalue(role))
    menu = _menu(client)
    assert f'"{TEMPLATES}"' not in menu and f'"{RULES}"' not in menu
    for url in (TEMPLATES, RULES, f"{TEMPLATES}inspect/{templates[0].pk}/"):
        assert_staff_refused_by_admin(client.get(url))


def test_residents_get_403(client, resident, templates):
    client.force_login(resident)
    assert client.get(TEMPLATES).status_code == 403
    assert client.get(RULES).status_code == 403
