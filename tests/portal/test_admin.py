"""Administrators manage users, partners, taxonomy and site settings in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.accounts.models import User
from portal.partners.models import Partner
from tests.factories import NeighbourhoodFactory, PartnerFactory, UserFactory
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_liaison_with_a_partner(client, administrator, partner):
    client.force_login(administrator)
    liaisons = Group.objects.get(name="Liaisons")

    response = client.post(reverse("wagtailusers_users:add"), {
        "email": "new.liaison@example.org",
        "display_name": "New Liaison",
        "first_name": "", "last_name": "",
        "partner": partner.pk,
        "password1": "a-strong-password-99",
        "password2": "a-strong-password-99",
        "groups": [liaisons.pk],
    })

    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="new.liaison@example.org")
    assert user.partner == partner and user.is_liaison


def test_a_liaison_without_a_partner_is_refused_with_a_message(client, administrator):
    client.force_login(administrator)
    user = UserFactory()
    liaisons = Group.objects.get(name="Liaisons")

    response = client.post(reverse("wagtailusers_users:edit", args=[user.pk]), {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": "", "last_name": "",
        "is_active": "on",
        "groups": [liaisons.pk],
    })

    assert response.status_code == 200
    assert "A liaison must belong to a partner organisation." in response.text
    assert not User.objects.get(pk=user.pk).groups.filter(name="Liaisons").exists()


def test_partner_listing_filters_by_kind_and_searches(client, administrator):
    client.force_login(administrator)
    PartnerFactory(name="Northgate Police Team", kind=Partner.Kind.POLICE)
    PartnerFactory(name="Recovery Friends", kind=Partner.Kind.NGO)
    url = reverse("wagtailsnippets_partners_partner:list")

    police = client.get(url, {"kind": "police"})
    searched = client.get(url, {"q": "Recovery"})

    assert "Northgate Police Team" in police.text and "Recovery Friends" not in police.text
    assert "Recovery Friends" in searched.text and "Northgate Police Team" not in searched.text


def test_partner_listing_uses_a_fixed_number_of_queries(client, administrator,
                                                         django_assert_max_num_queries):
    client.force_login(administrator)
    area = NeighbourhoodFactory()
    for n in range(30):
        PartnerFactory(name=f"Partner number {n}").neighbourhoods.add(area)
    url = reverse("wagtailsnippets_partners_partner:list")
    client.get(url)  # warm per-process caches

    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200


def test_editors_cannot_manage_partners_or_users(client, editor):
    client.force_login(editor)

    assert_staff_refused_by_admin(client.get(reverse("wagtailsnippets_partners_partner:add")))
    assert_staff_refused_by_admin(client.get(reverse("wagtailusers_users:index")))


def test_administrator_edits_the_crisis_banner(client, administrator):
    from wagtail.models import Site

    client.force_login(administrator)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["portal", "sitesettings", site.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert "Crisis banner" in page.text
