"""Wagtail's users listing: display name, role and partner, filters by role and partner; who
may open it at all; a resident's email address follows the identity rules (can_see_account)."""

import re

import pytest

from portal.accounts.roles import Role
from tests.factories import PartnerFactory, UserFactory, staff_user
from tests.refusals import assert_sent_to_sign_in, assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

USERS = "/admin/users/"


@pytest.fixture
def people(db, partner):
    ngo = PartnerFactory(name="Harbour Lights (test)", kind="ngo")
    return {
        "resident": UserFactory(display_name="Quiet Neighbour", email="quiet@home.example"),
        "police": staff_user(Role.LIAISON, partner=partner, display_name="Officer Lane",
                             email="lane@police.example"),
        "ngo": staff_user(Role.LIAISON, partner=ngo, display_name="Outreach Kim",
                          email="kim@ngo.example"),
        "moderator": staff_user(Role.MODERATOR, display_name="Mod Ana", email="ana@mod.example"),
    }


def _rows(page):
    return set(re.findall(r"(Quiet Neighbour|Officer Lane|Outreach Kim|Mod Ana)", page))


def test_listing_shows_display_name_role_and_partner(client, administrator, people, partner):
    client.force_login(administrator)
    page = client.get(USERS).content.decode()
    row = page[page.index("Officer Lane"):][:1500]
    assert "Liaison" in row and partner.name in row and "lane@police.example" in row
    row = page[page.index("Mod Ana"):][:1500]
    assert "Moderator" in row
    assert ">Display name<" in page or "Display name" in page
    assert ">Partner<" in page or "Partner" in page


def test_filters_by_role_and_partner(client, administrator, people, partner):
    client.force_login(administrator)
    liaisons = client.get(USERS, {"role": Role.LIAISON}).content.decode()
    assert _rows(liaisons) == {"Officer Lane", "Outreach Kim"}
    police = client.get(USERS, {"partner": partner.pk}).content.decode()
    assert _rows(police) == {"Officer Lane"}
    moderators = client.get(USERS, {"role": Role.MODERATOR}).content.decode()
    assert _rows(moderators) == {"Mod Ana"}


def test_administrators_do_not_see_or_search_residents_email(client, administrator, people):
    client.force_login(administrator)
    page = client.get(USERS).content.decode()
    assert "Quiet Neighbour" in page and "quiet@home.example" not in page
    assert "(private: a resident&#x27;s)" in page or "(private: a resident's)" in page
    # searching by the email address finds nothing (it would tell who is behind the name)
    assert "Quiet Neighbour" not in client.get(USERS, {"q": "quiet@home"}).content.decode()
    assert "Quiet Neighbour" in client.get(USERS, {"q": "Quiet"}).content.decode()


def test_superusers_see_residents_email(client, people):
    boss = UserFactory(mfa=True, display_name="Root")
    boss.is_superuser = True
    boss.save()
    client.force_login(boss)
    assert "quiet@home.example" in client.get(USERS).content.decode()
    assert "Quiet Neighbour" in client.get(USERS, {"q": "quiet@home"}).content.decode()


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.LIAISON, Role.EDITOR])
def test_other_staff_cannot_open_the_listing(client, role, people):
    client.force_login(staff_user(role))
    assert_staff_refused_by_admin(client.get(USERS))


def test_residents_and_visitors_cannot_open_it(client, people):
    assert_sent_to_sign_in(client.get(USERS))
    client.force_login(people["resident"])
    assert client.get(USERS).status_code == 403


def test_listing_uses_a_fixed_number_of_queries(client, administrator, people,
                                                django_assert_max_num_queries):
    client.force_login(administrator)
    client.get(USERS)
    with django_assert_max_num_queries(40) as few:
        client.get(USERS)
    for i in range(15):
        staff_user(Role.LIAISON, partner=people["police"].partner, display_name=f"Extra {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Extra 14" in client.get(USERS).content.decode()
