"""The Elasticsearch engine: mappings, documents and queries checked as the dictionaries sent to
the server (no server needed), and the fallback when the server cannot be reached."""

from datetime import UTC, datetime

import pytest

from search import elastic
from search.engines import DatabaseEngine, Search
from search.models import SearchSynonym
from search.query import parse
from search.sources import Document

pytestmark = pytest.mark.django_db

DOCUMENT = Document(source="tests.item", object_id="7", kind="report", title="Housing outreach",
                    url="/items/7/", body="Outreach workers met residents.", context="Board › Thread",
                    date=datetime(2026, 3, 1, tzinfo=UTC), topic="housing", neighbourhood="millbrook",
                    partner="riverton-police")


def test_the_index_has_english_and_autocomplete_analysers_and_typed_fields():
    body = elastic.build_index("commonground-content-1").to_dict()

    analysers = body["settings"]["analysis"]["analyzer"]
    assert "portal_english" in analysers and "portal_autocomplete" in analysers
    assert body["settings"]["analysis"]["filter"]["portal_english_stemmer"] == {
        "type": "stemmer", "language": "english"}
    properties = body["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "portal_english"
    assert properties["title"]["fields"]["autocomplete"]["analyzer"] == "portal_autocomplete"
    assert properties["body"] == {"type": "text", "analyzer": "portal_english",
                                  "fields": {"spanish": {"type": "text", "analyzer": "portal_spanish"}}}
    for facet in ["kind", "topic", "neighbourhood", "partner"]:
        assert properties[facet] == {"type": "keyword"}
    assert properties["year"] == {"type": "integer"} and properties["date"] == {"type": "date"}
    assert properties["suggest"]["type"] == "completion"


def test_a_document_carries_every_field_and_a_title_suggestion():
    es_document = elastic.to_es_document(DOCUMENT)

    assert es_document.meta.id == "tests.item:7"
    assert es_document.to_dict() | {"date": None} == {
        "source": "tests.item", "object_id": "7", "kind": "report", "title": "Housing outreach",
        "body": "Outreach workers met residents.", "url": "/items/7/", "context": "Board › Thread",
        "date": None, "year": 2026, "topic": "housing", "neighbourhood": "millbrook",
        "partner": "riverton-police", "language": "english", "suggest": {"input": ["Housing outreach"]},
    }


def text_query(body):
    """The words' query, inside the filter that keeps to the page's language."""
    query = body["query"]["function_score"]["query"]
    assert query["bool"]["filter"] == [{"term": {"language": "english"}}]
    return query["bool"]["must"][0]


def fuzzy(word):
    return {"multi_match": {"query": word, "fields": elastic.FIELDS, "fuzziness": "AUTO", "prefix_length": 1}}


def phrase(words):
    return {"multi_match": {"query": words, "fields": elastic.FIELDS, "type": "phrase"}}


def test_words_are_fuzzy_and_all_required_and_quoted_text_is_a_phrase():
    body = elastic.build_search(Search(parse('outreach housing "needle bins"')), "x").to_dict()

    assert text_query(body)["bool"]["must"] == [fuzzy("outreach"), fuzzy("housing"), phrase("needle bins")]


def test_with_match_any_one_word_is_enough():
    body = elastic.build_search(Search(parse("outreach housing"), match_any=True), "x").to_dict()

    assert text_query(body) == {"bool": {"should": [fuzzy("outreach"), fuzzy("housing")],
                                         "minimum_should_match": 1}}


def test_synonyms_editors_keep_are_alternatives_of_the_typed_word():
    # Given editors' synonyms, one of them a phrase
    SearchSynonym.objects.create(word="narcan", synonyms="naloxone, opioid antidote")

    body = elastic.build_search(Search(parse("narcan kit")), "x").to_dict()

    # Then the typed word or any synonym must match, a synonym of two words as a phrase
    assert text_query(body)["bool"]["must"] == [
        {"bool": {"should": [fuzzy("narcan"), fuzzy("naloxone"), phrase("opioid antidote")],
                  "minimum_should_match": 1}},
        fuzzy("kit"),
    ]


def test_services_and_guides_weigh_more_than_forum_threads():
    body = elastic.build_search(Search(parse("needles")), "x").to_dict()

    score = body["query"]["function_score"]
    weights = {item["filter"]["term"]["kind"]: item["weight"] for item in score["functions"]}
    assert score["boost_mode"] == "multiply"
    assert weights["service"] > weights["page"] > 1 and weights["resource"] > weights["page"]
    assert "thread" not in weights  # forum threads keep their text score (weight 1)


def test_operators_typed_by_people_never_reach_the_query_syntax():
    body = elastic.build_search(Search(parse("(a AND b) OR c* ~d title:e")), "x").to_dict()

    queries = [part["multi_match"]["query"] for part in text_query(body)["bool"]["must"]]
    assert queries == ["a", "and", "b", "or", "c", "d", "title", "e"]


def test_filters_are_a_post_filter_and_each_facet_counts_with_the_other_filters():
    request = Search(parse("outreach"), filters={"topic": "housing", "year": "2026"})

    body = elastic.build_search(request, "x").to_dict()

    assert body["post_filter"] == {"bool": {"filter": [{"term": {"topic": "housing"}},
                                                       {"term": {"year": 2026}}]}}
    assert body["aggs"]["topic"] == {
        "filter": {"bool": {"filter": [{"term": {"year": 2026}}]}},
        "aggs": {"values": {"terms": {"field": "topic", "size": 30}}},
    }
    assert set(body["aggs"]) == {"kind", "topic", "neighbourhood", "partner", "year"}


def test_highlighting_escapes_the_text_and_marks_the_words():
    body = elastic.build_search(Search(parse("outreach")), "x").to_dict()

    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert set(body["highlight"]["fields"]) == {"body", "context"}


def test_sorting_paging_and_spelling_suggestions():
    body = elastic.build_search(Search(parse("outrech"), page=3, sort="newest"), "x").to_dict()

    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert (body["from"], body["size"]) == (40, 20)
    assert body["suggest"]["spelling"] == {"text": "outrech",
                                           "term": {"field": "title", "suggest_mode": "popular"}}


def test_title_suggestions_use_the_completion_field():
    body = elastic.build_suggest("hous", "x").to_dict()

    assert body["suggest"]["titles"] == {
        "prefix": "hous", "completion": {"field": "suggest", "skip_duplicates": True, "size": 8}}


def test_index_names_carry_the_prefix(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX_PREFIX = "staging"

    assert elastic.ElasticsearchEngine.from_settings().alias == "staging-content"


def test_when_elasticsearch_is_down_the_page_falls_back_to_the_database_and_says_so(client, settings):
    # Given content in the database index and an Elasticsearch server that does not answer
    DatabaseEngine().index(DOCUMENT)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    # When a visitor searches
    response = client.get("/search/", {"q": "outreach"})

    # Then they get the database's results and a small notice
    assert response.status_code == 200
    assert [hit.title for hit in response.context["results"].hits] == ["Housing outreach"]
    assert "The main search service is not answering" in response.text
    suggestions = client.get("/search/suggest/", {"q": "hous"}).json()["suggestions"]
    assert suggestions[0]["title"] == "Housing outreach"


def test_publishing_succeeds_and_the_update_is_queued_for_retry_when_elasticsearch_is_down(
    client, settings, publish
):
    from search.models import PendingIndexUpdate, SearchDocument

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    page = publish("Drop-in hours", intro="Open on Mondays.")

    assert page.live
    assert SearchDocument.objects.filter(title="Drop-in hours").exists()
    assert PendingIndexUpdate.objects.filter(engine="elasticsearch", object_id=str(page.pk)).exists()


def test_spanish_text_has_spanish_stop_words_and_stemmer():
    body = elastic.build_index("commonground-content-1").to_dict()

    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["portal_spanish"]["filter"] == [
        "lowercase", "portal_spanish_stop", "portal_spanish_stemmer", "asciifolding"]
    assert analysis["filter"]["portal_spanish_stop"] == {"type": "stop", "stopwords": "_spanish_"}
    assert analysis["filter"]["portal_spanish_stemmer"] == {"type": "stemmer", "language": "light_spanish"}
    properties = body["mappings"]["properties"]
    for name in ["title", "body", "context"]:
        assert properties[name]["fields"]["spanish"] == {"type": "text", "analyzer": "portal_spanish"}


def test_a_spanish_search_queries_the_spanish_fields_of_spanish_documents():
    body = elastic.build_search(Search(parse("tratamientos"), language="spanish"), "x").to_dict()

    query = body["query"]["function_score"]["query"]
    assert query["bool"]["filter"] == [{"term": {"language": "spanish"}}]
    assert query["bool"]["must"][0] == {"bool": {"must": [{"multi_match": {
        "query": "tratamientos", "fields": ["title.spanish^3", "context.spanish^1.5", "body.spanish"],
        "fuzziness": "AUTO", "prefix_length": 1}}]}}


def test_every_language_queries_every_languages_fields_without_a_language_filter():
    request = Search(parse("overdoses"), language="spanish", all_languages=True)

    query = elastic.build_search(request, "x").to_dict()["query"]["function_score"]["query"]

    assert query == {"bool": {"must": [{"multi_match": {
        "query": "overdoses", "fields": ["title.spanish^3", "context.spanish^1.5", "body.spanish",
                                         "title^3", "context^1.5", "body"],
        "fuzziness": "AUTO", "prefix_length": 1}}]}}
