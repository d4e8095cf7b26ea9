"""The database engine's PostgreSQL path: counting stops at a cap, and the page says so."""

import pytest
from django.db import connection

from search import postgres
from search.engines import DatabaseEngine
from search.sources import Document

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs on PostgreSQL only"),
]


def index(object_id, title, body, **fields):
    DatabaseEngine().index(Document(source="tests.item", object_id=object_id, kind="page", title=title,
                                    url=f"/item-{object_id}/", body=body, **fields))


def test_a_search_with_more_matches_than_the_cap_says_so(client, monkeypatch):
    # Given more matching documents than the engine counts
    monkeypatch.setattr(postgres, "CAP", 3)
    for number in range(5):
        index(str(number), f"Outreach note {number}", "Outreach in Millbrook.")

    # When a visitor searches
    response = client.get("/search/", {"q": "outreach"})

    # Then the count is shown as a lower bound
    assert "3+ results" in response.content.decode()
    assert len(response.context["results"].hits) == 3


def test_title_matches_rank_above_body_matches(client):
    index("1", "Park clean-up", "Volunteers met at the outreach van.")
    index("2", "Outreach van timetable", "Where the van stops each week.")

    response = client.get("/search/", {"q": "outreach van"})

    assert [hit.title for hit in response.context["results"].hits] == [
        "Outreach van timetable", "Park clean-up"]


def test_stemming_phrases_and_filters(client):
    index("1", "Volunteers", "Volunteers are running the harm reduction clinic.", topic="health")
    index("2", "Reduction figures", "Harm figures and a reduction in calls.", topic="safety")

    assert len(client.get("/search/", {"q": "runs"}).context["results"].hits) == 1
    phrase = client.get("/search/", {"q": '"harm reduction"'}).context["results"]
    assert [hit.title for hit in phrase.hits] == ["Volunteers"]
    filtered = client.get("/search/", {"q": "reduction", "topic": "safety"}).context["results"]
    assert [hit.title for hit in filtered.hits] == ["Reduction figures"]
    assert {value.value: value.count for value in filtered.facets["topic"]} == {"health": 1, "safety": 1}


def test_suggestions_complete_title_words(client):
    index("1", "Naloxone training", "Free sessions.")

    suggestions = client.get("/search/suggest/", {"q": "nalox"}).json()["suggestions"]

    assert [suggestion["title"] for suggestion in suggestions] == ["Naloxone training"]
