"""Administrators see each routing rule's partners in the listing and can try the rules."""

import pytest
from django.urls import reverse

from forums.concerns.models import RoutingRule
from tests.factories import NeighbourhoodFactory, PartnerFactory, TopicFactory
from tests.refusals import assert_sent_to_sign_in, assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db

TRY_URL = "/admin/routing-rules/try/"


@pytest.fixture
def alcohol_in_millbrook():
    alcohol, millbrook = TopicFactory(name="Alcohol"), NeighbourhoodFactory(name="Millbrook")
    rule = RoutingRule.objects.create(topic=alcohol, neighbourhood=millbrook)
    rule.partners.set([PartnerFactory(name="Millbrook Police"),
                       PartnerFactory(name="Riverton Recovery Trust")])
    return alcohol, millbrook


def test_the_listing_shows_each_rules_partners_with_a_fixed_number_of_queries(
    client, administrator, alcohol_in_millbrook, django_assert_max_num_queries
):
    for n in range(5):
        RoutingRule.objects.create(topic=TopicFactory(name=f"Topic {n}")).partners.set(
            [PartnerFactory(name=f"Partner {n}")])
    client.force_login(administrator)

    with django_assert_max_num_queries(40):
        html = client.get(reverse("wagtailsnippets_concerns_routingrule:list")).text

    assert "Millbrook Police, Riverton Recovery Trust" in html
    assert "Partner 4" in html
    assert "Try the rules" in html


def test_routing_rules_are_in_the_main_menu(rf, administrator):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = administrator

    top_level = [item.label for item in admin_menu.menu_items_for_request(request)]

    assert "Routing rules" in top_level


def test_an_administrator_tries_the_rules(client, administrator, alcohol_in_millbrook):
    alcohol, millbrook = alcohol_in_millbrook
    client.force_login(administrator)

    html = client.get(TRY_URL, {"topic": alcohol.pk, "neighbourhood": millbrook.pk}).text

    assert ("Concerns about Alcohol in Millbrook go to\n      Millbrook Police, "
            "Riverton Recovery Trust") in html


def test_an_unmatched_try_says_no_partner_receives_them(client, administrator):
    topic, area = TopicFactory(name="Cannabis"), NeighbourhoodFactory(name="Eastfield")
    client.force_login(administrator)

    html = client.get(TRY_URL, {"topic": topic.pk, "neighbourhood": area.pk}).text

    assert "no default partner is set" in html


def test_the_try_form_is_for_administrators_only(client, editor, moderator, liaison):
    assert_sent_to_sign_in(client.get(TRY_URL))
    for user in (editor, moderator, liaison):
        client.force_login(user)
        assert_staff_refused_by_admin(client.get(TRY_URL))
