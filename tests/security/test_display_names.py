"""Display names cannot impersonate staff, partners, the site's own labels or other members:
normalised (NFKC), no invisible or direction-changing characters, no look-alikes (TR39
skeletons). Checked at sign-up, in account settings and in the admin's user form."""

import pytest

from portal.accounts.admin_views import PortalUserEditForm
from portal.accounts.models import User
from portal.accounts.roles import Role
from tests.factories import PartnerFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

STAFF_NAME = "Sam Carter"
PARTNER = "Riverton Police"


@pytest.fixture
def people(db):
    staff_user(Role.MODERATOR, display_name=STAFF_NAME)
    PartnerFactory(name=PARTNER)
    UserFactory(display_name="Jo Bloggs")


REFUSED = {
    "a partner's name": PARTNER,
    "a partner's name, signed": "Official response: Riverton Police",
    "a role": "Moderator",
    "a role with a look-alike letter": "Mоderator",  # Cyrillic о
    "official": "Official",
    "the anonymous line": "A resident of Northgate",
    "the closed-account label": "Former member",
    "the moderator, with a Cyrillic a": "Sаm Carter",
    "the moderator, in capitals": "SAM CARTER",
    "the moderator, full width": "Ｓａｍ Ｃａｒｔｅｒ",
    "the moderator, with a zero-width space": "Sam\u200bCarter",
    "the moderator, reversed by a right-to-left override": "\u202eretraC maS",
    "zero-width spaces only": "\u200b\u200b\u200b\u200b",
    "a member's name with Greek omicron": "Jο Bloggs",
    "a member's name with an accent": "Jó Bloggs",
    "a member's name with a zero": "J0 Bloggs",
    "a member's name with digit one for l": "Jo B1oggs",
}


def sign_up(client, name):
    return client.post("/accounts/signup/", {
        "email": "newcomer@example.org", "display_name": name,
        "password1": "a fine long passphrase", "password2": "a fine long passphrase"})


@pytest.mark.parametrize("name", REFUSED.values(), ids=REFUSED.keys())
def test_sign_up_refuses_an_impersonating_name(client, people, name):
    response = sign_up(client, name)
    # then the form is shown again with a message under the name, and no account is made
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not User.objects.filter(email="newcomer@example.org").exists()
    # and what they typed is kept
    assert 'value="newcomer@example.org"' in response.content.decode()


@pytest.mark.parametrize("name", REFUSED.values(), ids=REFUSED.keys())
def test_account_settings_refuse_an_impersonating_name(client, people, resident, name):
    client.force_login(resident)
    before = resident.display_name
    response = client.post("/accounts/profile/", {"display_name": name, "neighbourhood": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    resident.refresh_from_db()
    assert resident.display_name == before


@pytest.mark.parametrize("name", ["Moderator", "Sаm Carter", "\u200b\u200b\u200b"])
def test_the_admin_user_form_refuses_an_impersonating_name(people, resident, name):
    form = PortalUserEditForm(instance=resident, data={
        "email": resident.email, "display_name": name, "is_active": "on",
        "groups": [group.pk for group in resident.groups.all()]})
    assert not form.is_valid()
    assert "display_name" in form.errors


def test_the_admin_user_form_accepts_a_fair_name(people, resident):
    form = PortalUserEditForm(instance=resident, data={
        "email": resident.email, "display_name": "Harbour Walker", "is_active": "on",
        "groups": [group.pk for group in resident.groups.all()]})
    assert form.is_valid(), form.errors


def test_a_fair_name_is_stored_normalised(client, people):
    # given a name typed with a ligature, a full-width letter and extra spaces
    response = sign_up(client, "  ﬁona   Ｒiver  ")
    assert response.status_code == 302
    # then it is stored as people read it
    assert User.objects.get(email="newcomer@example.org").display_name == "fiona River"


def test_the_messages_say_what_is_wrong(client, people):
    invisible = sign_up(client, "Sam\u200bCarter").context["form"].errors["display_name"][0]
    assert "invisible characters" in invisible
    blank = sign_up(client, "\u200b\u200b\u200b\u200b").context["form"].errors["display_name"][0]
    assert "letters or numbers" in blank
    partner = sign_up(client, PARTNER).context["form"].errors["display_name"][0]
    assert "partner organisation" in partner
