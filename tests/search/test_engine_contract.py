"""The contract both engines keep. Runs on the database engine always, and on Elasticsearch when
ELASTICSEARCH_URL points at a server (marked `elasticsearch`, skipped otherwise)."""

import os
from datetime import UTC, datetime

import pytest

from search.engines import DatabaseEngine, Search
from search.models import SearchSynonym
from search.query import parse
from search.sources import Document

pytestmark = pytest.mark.django_db


def es_engine(settings):
    from search.elastic import ElasticsearchEngine

    settings.ELASTICSEARCH_INDEX_PREFIX = "commonground-test"
    return ElasticsearchEngine.from_settings()


@pytest.fixture(params=[
    "database",
    pytest.param("elasticsearch", marks=[
        pytest.mark.elasticsearch,
        pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL"),
    ]),
])
def engine(request, settings):
    if request.param == "database":
        return DatabaseEngine()
    engine = es_engine(settings)
    engine.rebuild([])
    return engine


def doc(object_id, title, body, **fields):
    return Document(source="tests.item", object_id=object_id, title=title, body=body,
                    url=f"/items/{object_id}/", kind=fields.pop("kind", "report"),
                    date=fields.pop("date", datetime(2026, 1, 1, tzinfo=UTC)), **fields)


def found(engine, q, **kwargs):
    return [hit.title for hit in engine.search(Search(parse(q), **kwargs)).hits]


def test_index_search_and_remove(engine):
    engine.index(doc("1", "Outreach report", "Workers met residents in Millbrook."))
    engine.index(doc("2", "Park clean-up", "Volunteers collected needles."))
    engine.refresh()

    assert found(engine, "millbrook") == ["Outreach report"]

    engine.remove("tests.item", "1")
    engine.refresh()
    assert found(engine, "millbrook") == []


def test_indexing_again_replaces_the_text(engine):
    engine.index(doc("1", "Drop-in", "Open Mondays"))
    engine.index(doc("1", "Drop-in", "Open Fridays"))
    engine.refresh()

    assert found(engine, "mondays") == []
    assert found(engine, "fridays") == ["Drop-in"]


def test_facets_and_filters(engine):
    engine.index(doc("1", "Outreach A", "outreach", topic="housing", date=datetime(2025, 1, 1, tzinfo=UTC)))
    engine.index(doc("2", "Outreach B", "outreach", topic="housing", kind="case_study"))
    engine.index(doc("3", "Outreach C", "outreach", topic="needles"))
    engine.refresh()

    results = engine.search(Search(parse("outreach"), filters={"topic": "housing"}))

    assert results.total == 2
    assert {v.value: v.count for v in results.facets["topic"]} == {"housing": 2, "needles": 1}
    assert {v.value: v.count for v in results.facets["kind"]} == {"report": 1, "case_study": 1}
    assert {v.value: v.count for v in results.facets["year"]} == {"2025": 1, "2026": 1}


def test_rebuild_replaces_everything(engine):
    engine.index(doc("1", "Stale", "old words"))
    engine.rebuild([doc("2", "Fresh", "new words")])
    engine.refresh()

    assert found(engine, "words") == ["Fresh"]


def test_a_removed_object_that_was_never_indexed_is_fine(engine):
    engine.remove("tests.item", "404")


def test_suggestions_complete_titles(engine):
    engine.index(doc("1", "Housing outreach", "text"))
    engine.refresh()

    assert [s["title"] for s in engine.suggest("hous")] == ["Housing outreach"]


# Search that understands residents: word forms, synonyms, any-word matching, kinds of result.


def test_other_forms_of_a_word_are_found(engine):
    engine.index(doc("1", "Needle bins", "A bin for a used needle."))
    engine.index(doc("2", "Clean kits", "Free syringes and swabs."))
    engine.refresh()

    assert found(engine, "needles") == ["Needle bins"]
    assert found(engine, "syringe") == ["Clean kits"]


def test_editors_synonyms_find_the_words_the_site_uses(engine):
    # Given a page that says "naloxone", and synonyms editors keep
    engine.index(doc("1", "Naloxone kits", "Free kits at the pharmacy."))
    engine.index(doc("2", "Needle bins", "Where to put used needles."))
    engine.refresh()
    SearchSynonym.objects.create(word="narcan", synonyms="naloxone")
    SearchSynonym.objects.create(word="sharps", synonyms="needle", both_ways=False)

    # Then the residents' words find it, and a one-way synonym works only one way
    assert found(engine, "narcan") == ["Naloxone kits"]
    assert found(engine, "narcan kit") == ["Naloxone kits"]
    assert found(engine, "sharps") == ["Needle bins"]
    engine.index(doc("3", "Sharps team", "Collects sharps."))
    engine.refresh()
    assert found(engine, "needle") == ["Needle bins"]


def test_a_synonym_of_several_words_is_a_phrase(engine):
    engine.index(doc("1", "Syringe service", "Swap used needles."))
    engine.index(doc("2", "Service times", "Open daily. Syringe disposal bins outside."))
    engine.refresh()
    SearchSynonym.objects.create(word="needle exchange", synonyms="syringe service")

    assert found(engine, "needle exchange") == ["Syringe service"]


def test_any_word_matching_ranks_documents_with_more_of_the_words_first(engine):
    engine.index(doc("1", "Park lights", "The park lights are out."))
    engine.index(doc("2", "Park benches", "New benches in the park, lights repaired and litter picked."))
    engine.index(doc("3", "Unrelated", "Market day."))
    engine.refresh()

    assert found(engine, "park lights litter") == ["Park benches"]
    assert found(engine, "park lights litter zebra") == []
    assert found(engine, "park lights litter zebra", match_any=True)[:1] == ["Park benches"]
    assert "Unrelated" not in found(engine, "park lights litter zebra", match_any=True)


def test_a_service_ranks_above_a_forum_thread_with_the_same_words(engine):
    engine.index(doc("1", "Naloxone training", "Naloxone training at the pharmacy.", kind="thread"))
    engine.index(doc("2", "Naloxone training", "Naloxone training at the pharmacy.", kind="service"))
    engine.refresh()

    assert [hit.kind for hit in engine.search(Search(parse("naloxone training"))).hits] == [
        "service", "thread"]
