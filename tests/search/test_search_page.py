"""The search page as visitors use it: queries, facets, filters in the URL, sorting, zero results."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.engines import DatabaseEngine
from search.models import NoResultQuery
from search.sources import Document
from tests.factories import NeighbourhoodFactory, PartnerFactory, TopicFactory

pytestmark = pytest.mark.django_db


def add_document(title, body="", **fields):
    """Test-only content that is not a page: index a Document the way a source would."""
    object_id = fields.pop("object_id", title)
    fields.setdefault("kind", "report")
    DatabaseEngine().index(Document(source="tests.item", object_id=object_id, title=title, body=body,
                                    url=f"/items/{object_id}/", **fields))


@pytest.fixture
def catalogue(db):
    housing = TopicFactory(name="Housing", slug="housing")
    needles = TopicFactory(name="Needle exchange", slug="needle-exchange")
    millbrook = NeighbourhoodFactory(name="Millbrook", slug="millbrook")
    police = PartnerFactory(name="Riverton Police", slug="riverton-police")
    add_document("Housing outreach report", "Outreach workers met forty residents.",
                 topic=housing.slug, neighbourhood=millbrook.slug, partner=police.slug,
                 date=datetime(2025, 3, 1, tzinfo=UTC))
    add_document("Needle bins installed", "New bins near the park, checked by outreach staff.",
                 kind="case_study", topic=needles.slug, neighbourhood=millbrook.slug,
                 date=datetime(2026, 5, 1, tzinfo=UTC))
    add_document("Annual review", "Outreach figures for the year.", topic=housing.slug,
                 date=datetime(2026, 1, 10, tzinfo=UTC))


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [hit.title for hit in response.context["results"].hits]


def test_results_show_type_title_snippet_with_the_words_marked_and_date(client, catalogue):
    response = search(client, q="outreach")

    assert set(titles(response)) == {"Housing outreach report", "Needle bins installed", "Annual review"}
    assert "3 results for “outreach”" in response.text
    assert "<mark>Outreach</mark> workers met forty residents." in response.text
    assert '<time datetime="2025-03-01' in response.text
    assert 'href="/items/Annual review/"' in response.text


def test_facets_count_each_type_topic_neighbourhood_partner_and_year(client, catalogue):
    facets = search(client, q="outreach").context["results"].facets

    assert {v.value: v.count for v in facets["kind"]} == {"report": 2, "case_study": 1}
    assert {v.value: v.count for v in facets["topic"]} == {"housing": 2, "needle-exchange": 1}
    assert {v.value: v.count for v in facets["neighbourhood"]} == {"millbrook": 2}
    assert {v.value: v.count for v in facets["partner"]} == {"riverton-police": 1}
    assert {v.value: v.count for v in facets["year"]} == {"2025": 1, "2026": 2}


def test_facets_show_names_and_links_that_keep_the_query(client, catalogue):
    response = search(client, q="outreach")

    assert "Needle exchange <span class=\"search-facet__count\">(1)</span>" in response.text
    assert 'href="?q=outreach&amp;topic=housing"' in response.text


def test_facets_name_topics_and_neighbourhoods_in_the_page_language(client, catalogue):
    # given topics and a neighbourhood with Spanish names
    from portal.taxonomy.models import Neighbourhood, Topic

    Topic.objects.filter(slug="needle-exchange").update(name_es="Intercambio de jeringuillas")
    Neighbourhood.objects.filter(slug="millbrook").update(name_es="Arroyo del Molino")

    # when the search is made on the Spanish site, in every language
    response = client.get("/es/search/", {"q": "outreach", "languages": "all"})

    # then the facets name them in Spanish
    assert "Intercambio de jeringuillas <span class=\"search-facet__count\">(1)</span>" in response.text
    assert "Arroyo del Molino <span class=\"search-facet__count\">(2)</span>" in response.text


def test_filters_combine_with_the_query_and_stay_in_the_url(client, catalogue):
    response = search(client, q="outreach", topic="housing", year="2026")

    assert titles(response) == ["Annual review"]
    # the selected filter links back to the search without it, keeping the rest
    assert 'href="?q=outreach&amp;year=2026" aria-current="true"' in response.text
    assert 'name="topic" value="housing"' in response.text


def test_a_filter_counts_other_facets_within_it_but_keeps_its_own_alternatives(client, catalogue):
    facets = search(client, q="outreach", topic="housing").context["results"].facets

    assert {v.value: v.count for v in facets["topic"]} == {"housing": 2, "needle-exchange": 1}
    assert {v.value: v.count for v in facets["kind"]} == {"report": 2}


def test_newest_first_sorting(client, catalogue):
    response = search(client, q="outreach", sort="newest")

    assert titles(response) == ["Needle bins installed", "Annual review", "Housing outreach report"]


def test_filters_alone_browse_newest_first(client, catalogue):
    assert titles(search(client, topic="housing")) == ["Annual review", "Housing outreach report"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite FTS5 in development does not stem")
def test_english_stemming_finds_other_forms_of_a_word(client, catalogue):
    assert titles(search(client, q="installing")) == ["Needle bins installed"]


def test_phrase_search_in_quotes(client, catalogue):
    assert titles(search(client, q='"outreach workers"')) == ["Housing outreach report"]
    assert titles(search(client, q='"workers outreach"')) == []


def test_empty_and_whitespace_queries_show_tips_not_an_error(client):
    for q in ["", "   ", "\t\n"]:
        response = search(client, q=q)
        assert "Tips" in response.text
        assert "results" not in response.context


@pytest.mark.parametrize(
    "q",
    [
        "x" * 1000,
        ("outreach " * 120).strip(),
        '"unbalanced quote',
        '""',
        "(outreach",
        "outreach)",
        "[bins]",
        "{a}",
        "outreach AND bins",
        "OR",
        "NOT outreach",
        "out*",
        "*",
        "outreach~",
        "~2",
        "^",
        "-outreach",
        "+bins",
        "a:b",
        "title:outreach",
        "\\",
        "';--",
        "%",
        "_",
        "nécessaire café",
        "مرحبا",
        "漢字",
        "🙂",
        # "\x00outreach": a NUL byte is refused with 400 before the search page
        # (tests/portal/test_worker_and_health.py)
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_return_results_or_none_never_an_error(client, catalogue, q):
    response = search(client, q=q)

    assert "<script>alert(1)</script>" not in response.text


def test_odd_filters_and_pages_are_ignored_not_errors(client, catalogue):
    for params in [{"q": "outreach", "year": "twenty"}, {"q": "outreach", "page": "-3"},
                   {"q": "outreach", "page": "x"}, {"q": "outreach", "page": "99999"},
                   {"q": "outreach", "sort": "drop table"}, {"q": "outreach", "topic": "x" * 500}]:
        search(client, **params)


def test_a_long_query_says_only_part_was_used(client, catalogue):
    response = search(client, q="outreach " + "word " * 300)

    assert "only its first words were used" in response.text


def test_zero_results_suggest_removing_filters_and_show_get_help(client, catalogue, publish):
    # Given a "Get help" page exists
    publish("Get help", slug="get-help", intro="Who to call.")

    # When a filtered search finds nothing
    response = search(client, q="outreach", neighbourhood="nowhere")

    # Then the visitor is offered the search without filters and the Get help page
    assert "Nothing found" in response.text
    assert 'href="?q=outreach">Search again without filters</a>' in response.text
    assert 'href="/get-help/">Get help</a>' in response.text


def test_zero_results_without_a_get_help_page_still_help(client, catalogue):
    response = search(client, q="zebra")

    assert "Nothing found" in response.text
    assert "Get help" not in response.text


def test_a_misspelt_word_gets_a_did_you_mean(client, catalogue):
    response = search(client, q="outrech")

    assert "Did you mean" in response.text
    assert 'href="?q=outreach">outreach</a>' in response.text


def test_searches_are_recorded_and_those_with_no_results_listed(client, catalogue):
    search(client, q="Outreach")
    search(client, q="outreach")
    search(client, q="zebra crossing")

    assert Query.objects.get(query_string="outreach").hits == 2
    assert list(NoResultQuery.objects.values_list("query_string", "hits")) == [("zebra crossing", 1)]


def test_editors_promoted_results_come_first(client, catalogue, publish):
    page = publish("Outreach team contacts", intro="Phone numbers.")
    SearchPromotion.objects.create(query=Query.get("outreach"), page=page, description="Call us.")
    SearchPromotion.objects.create(query=Query.get("outreach"), external_link_url="https://example.org/x",
                                   external_link_text="Partner site")

    response = search(client, q="outreach")

    assert [hit.title for hit in response.context["promoted"]] == ["Outreach team contacts", "Partner site"]
    assert response.text.index("Recommended") < response.text.index("Housing outreach report")


def test_a_promoted_page_that_is_no_longer_public_is_not_shown(client, catalogue, publish, after_commit):
    page = publish("Old contacts", intro="Phone numbers.")
    SearchPromotion.objects.create(query=Query.get("outreach"), page=page)
    after_commit(page.unpublish)

    assert search(client, q="outreach").context["promoted"] == []


def test_pages_of_results(client):
    for number in range(25):
        add_document(f"Meeting {number}", "Residents meeting", date=datetime(2026, 1, 1 + number, tzinfo=UTC))

    first = search(client, q="meeting", sort="newest")
    second = search(client, q="meeting", sort="newest", page=2)

    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert 'rel="next"' in first.text and 'start="21"' in second.text


def test_query_count_does_not_grow_with_the_number_of_results(client, django_assert_max_num_queries):
    # Given many matching documents across facets
    for number in range(40):
        add_document(f"Meeting {number}", "Residents meeting", topic=f"t{number % 7}",
                     neighbourhood=f"n{number % 5}", partner=f"p{number % 3}",
                     date=datetime(2020 + number % 6, 1, 1, tzinfo=UTC))

    # Then one search page costs a fixed number of queries
    with django_assert_max_num_queries(30):
        search(client, q="meeting")


def test_suggestions_as_you_type_are_titles_as_json(client, catalogue):
    response = client.get("/search/suggest/", {"q": "hous"})

    assert response.status_code == 200
    assert response.json()["suggestions"][0]["title"] == "Housing outreach report"
    assert client.get("/search/suggest/", {"q": ""}).json()["suggestions"] == []
    assert client.get("/search/suggest/", {"q": "(*~" * 200}).status_code == 200


def test_the_search_box_on_every_page_leads_here(client):
    response = client.get("/")

    assert 'action="/search/"' in response.text and 'name="q"' in response.text
