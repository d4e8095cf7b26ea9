"""Relevance: residents' questions find what they need first (tests/search/relevance.py), on the
database engine (SQLite FTS5 or PostgreSQL, whichever DATABASE_URL names) and on Elasticsearch
when ELASTICSEARCH_URL points at a server. `make bench-search` prints the same pass rate."""

import os

import pytest

from search.engines import DatabaseEngine
from tests.search import relevance

pytestmark = pytest.mark.django_db


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
    from search.elastic import ElasticsearchEngine

    settings.ELASTICSEARCH_INDEX_PREFIX = "commonground-test"
    return ElasticsearchEngine.from_settings()


def test_residents_questions_find_what_they_need_first(engine):
    # Given services, guides, case studies, pages, partners and forum chatter, indexed
    relevance.seed_corpus()
    relevance.rebuild_index(engine)

    # When residents search in their own words
    outcomes = relevance.evaluate(relevance.site_search(engine))

    # Then each finds the result they need among the first few, and no result twice
    assert len(outcomes) >= 30
    assert all(outcome.passed for outcome in outcomes), relevance.report(outcomes)
