"""Search that understands residents, on the search page: editors' synonyms (kept in the admin,
applied at once), results with some of the words when none has them all, partners as results."""

import pytest
from django.urls import reverse

from search.models import SearchDocument, SearchSynonym
from search.permissions import can_edit_synonyms
from tests.factories import NeighbourhoodFactory, PartnerFactory, resource_page, service_page

pytestmark = pytest.mark.django_db


def hits(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.title for hit in response.context["results"].hits]


@pytest.fixture
def guides(after_commit):
    after_commit(resource_page, title="How to use a naloxone kit",
                 summary="Giving naloxone when someone has overdosed on opioids.")
    after_commit(service_page, title="Riverside needle and syringe programme",
                 offers="Free clean needles and syringes.")


def test_a_synonym_editors_add_applies_at_once_and_goes_when_deleted(client, guides):
    assert titles(hits(client, "narcan")) == []

    synonym = SearchSynonym.objects.create(word="Narcan", synonyms="Naloxone,  opioid antidote ")
    assert (synonym.word, synonym.synonyms) == ("narcan", "naloxone, opioid antidote")
    assert titles(hits(client, "narcan")) == ["How to use a naloxone kit"]

    synonym.delete()
    assert titles(hits(client, "narcan")) == []


def test_when_no_result_has_every_word_results_with_some_say_so(client, guides):
    # When a resident types words no single page has all of
    response = hits(client, "needles zanzibar")

    # Then pages with some of them are shown, and the page says why
    assert titles(response) == ["Riverside needle and syringe programme"]
    assert response.context["results"].some_words
    assert "No result has all of your words" in response.text


def test_results_with_every_word_say_nothing_about_some_words(client, guides):
    response = hits(client, "clean needles")

    assert titles(response) == ["Riverside needle and syringe programme"]
    assert "No result has all of your words" not in response.text


def test_a_stemmed_word_is_marked_in_the_snippet(client, guides):
    response = hits(client, "syringe")

    assert "<mark>syringes</mark>" in str(response.context["results"].hits[0].snippet)


# Partners --------------------------------------------------------------------------------


@pytest.fixture
def recovery_trust(after_commit):
    def create():
        partner = PartnerFactory(name="Harbour Lights Recovery Trust", kind="ngo",
                                 description="Recovery groups and a needle exchange.",
                                 escalation_email="lead-secret@example.org")
        partner.neighbourhoods.add(NeighbourhoodFactory(name="Millbrook"))
        return partner

    return after_commit(create)


def test_partners_are_found_by_name_description_and_area_linking_to_their_page(client, recovery_trust):
    for q in ("harbour lights", "recovery groups", "millbrook"):
        [hit] = hits(client, q).context["results"].hits
        assert (hit.title, hit.kind_label, hit.url) == (
            "Harbour Lights Recovery Trust", "Partner", f"/partners/{recovery_trust.slug}/")


def test_a_partners_private_escalation_address_is_never_indexed(client, recovery_trust):
    assert titles(hits(client, "secret")) == []
    assert not SearchDocument.objects.filter(body__icontains="lead-secret").exists()


def test_an_inactive_or_deleted_partner_leaves_search(client, recovery_trust, after_commit):
    recovery_trust.is_active = False
    after_commit(recovery_trust.save)
    assert titles(hits(client, "harbour")) == []

    recovery_trust.is_active = True
    after_commit(recovery_trust.save)
    assert titles(hits(client, "harbour")) == ["Harbour Lights Recovery Trust"]

    after_commit(recovery_trust.delete)
    assert titles(hits(client, "harbour")) == []
    assert not SearchDocument.objects.filter(source="partners.partner").exists()


# Synonyms in the admin -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("resident", False), ("moderator", False), ("liaison", False), ("editor", True),
     ("administrator", True)],
)
def test_who_keeps_the_synonyms(request, role, allowed):
    assert can_edit_synonyms(request.getfixturevalue(role)) is allowed


def test_an_editor_adds_a_synonym_in_the_admin_and_search_uses_it(client, editor, guides):
    client.force_login(editor)

    listing = client.get(reverse("wagtailsnippets_search_searchsynonym:list"))
    assert listing.status_code == 200
    response = client.post(reverse("wagtailsnippets_search_searchsynonym:add"),
                           {"word": "narcan", "synonyms": "naloxone", "both_ways": "on"})
    assert response.status_code == 302

    client.logout()
    assert titles(hits(client, "narcan")) == ["How to use a naloxone kit"]


def test_a_synonym_without_words_is_refused_and_what_was_typed_kept(client, editor):
    client.force_login(editor)

    response = client.post(reverse("wagtailsnippets_search_searchsynonym:add"),
                           {"word": "!!!", "synonyms": "naloxone, kit"})

    assert response.status_code == 200
    assert "Type a word or phrase with letters or numbers." in response.text
    assert 'value="naloxone, kit"' in response.text
    assert not SearchSynonym.objects.exists()


def test_a_moderator_cannot_open_the_synonyms(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("wagtailsnippets_search_searchsynonym:list"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("wagtailsnippets_search_searchsynonym:list"))

    assert response.status_code == 302
    assert "login" in response.url
