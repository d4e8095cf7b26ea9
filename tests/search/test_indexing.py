"""Only live, public pages are in the index, and it follows publishing at once."""

import pytest
from wagtail.models import PageViewRestriction

from search.models import PendingIndexUpdate, SearchDocument

pytestmark = pytest.mark.django_db


def titles_found(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [hit.title for hit in response.context["results"].hits]


def test_a_published_page_can_be_found_by_a_word_in_its_body(client, publish):
    # Given an editor publishes a page
    publish("Naloxone training", intro="Free sessions for families in Riverton every Tuesday.")

    # When a visitor searches for a word from its introduction
    titles = titles_found(client, "families")

    # Then the page is found
    assert titles == ["Naloxone training"]


def test_a_draft_is_never_indexed(client, home, after_commit):
    # Given an editor saves a draft and never publishes it
    from portal.models import StandardPage

    draft = StandardPage(title="Secret draft plan", intro="Unannounced raids", live=False)
    after_commit(home.add_child, instance=draft)
    after_commit(draft.save_revision)

    # Then nothing of it can be found
    assert titles_found(client, "unannounced") == []
    assert not SearchDocument.objects.filter(title__icontains="secret").exists()


def test_unpublishing_removes_the_page_from_results(client, publish, after_commit):
    # Given a published page that can be found
    page = publish("Outreach van timetable", intro="The outreach van visits Millbrook.")
    assert titles_found(client, "millbrook") == ["Outreach van timetable"]

    # When the editor unpublishes it
    after_commit(page.unpublish)

    # Then it is no longer found
    assert titles_found(client, "millbrook") == []


def test_republishing_updates_the_indexed_text(client, publish, after_commit):
    page = publish("Drop-in hours", intro="Open on Mondays.")

    page.intro = "Open on Fridays."
    after_commit(lambda: page.save_revision().publish())

    assert titles_found(client, "mondays") == []
    assert titles_found(client, "fridays") == ["Drop-in hours"]


def test_deleting_a_page_removes_it(client, publish, after_commit):
    page = publish("Old consultation", intro="Consultation about the park.")

    after_commit(page.delete)

    assert titles_found(client, "consultation") == []
    assert not SearchDocument.objects.exists()


def test_a_private_page_and_its_children_leave_the_index(client, publish, after_commit):
    # Given a published section with a child page
    section = publish("Partners only", intro="Briefings")
    publish("Briefing notes", intro="Confidential briefing", parent=section)
    assert titles_found(client, "briefing") != []

    # When an editor restricts the section to signed-in users
    after_commit(PageViewRestriction.objects.create, page=section, restriction_type="login")

    # Then neither can be found by anyone
    assert titles_found(client, "briefing") == []


def test_stream_field_text_is_searchable(client, publish):
    publish("Community rules", body=[("paragraph", "<p>Be kind to your neighbours.</p>")])

    assert titles_found(client, "neighbours") == ["Community rules"]


def test_an_unreachable_engine_records_the_update_and_the_retry_applies_it(publish, monkeypatch):
    # Given an engine that is down
    from search import engines, indexing
    from search.engines import EngineUnavailable

    class DownEngine(engines.DatabaseEngine):
        name = "elasticsearch"

        def index(self, document):
            raise EngineUnavailable("connection refused")

    down = DownEngine()
    monkeypatch.setattr(indexing, "indexing_engines", lambda: [engines.DatabaseEngine(), down])

    # When an editor publishes a page, publishing succeeds and the missed update is recorded
    page = publish("Harm reduction kit", intro="Where to find kits.")
    assert page.live
    pending = PendingIndexUpdate.objects.get()
    assert (pending.engine, pending.object_id) == ("elasticsearch", str(page.pk))

    # When the engine is back and the retry runs, nothing is pending any more
    monkeypatch.setattr(indexing, "indexing_engines", lambda: [engines.DatabaseEngine()])
    assert indexing.retry_pending() == 0


def test_rebuild_indexes_every_public_page_and_nothing_else(publish, home, after_commit):
    from portal.models import StandardPage
    from search import indexing
    from search.engines import DatabaseEngine

    publish("Published one", intro="alpha")
    draft = StandardPage(title="Draft one", intro="alpha", live=False)
    after_commit(home.add_child, instance=draft)
    SearchDocument.objects.all().delete()

    count = indexing.rebuild(DatabaseEngine())

    assert set(SearchDocument.objects.values_list("title", flat=True)) == {"Published one", home.title}
    assert count == 2


def test_a_page_type_joins_with_its_own_result_type_and_facets(client, publish):
    # Given a page type registered with its own type and topic (as stories' pages will be)
    from search import sources
    from tests.factories import TopicFactory

    TopicFactory(name="Housing", slug="housing")
    sources.register_page_type(sources.PageType(
        "portal.standardpage", "report", "Partnership report", describe=lambda page: {"topic": "housing"}))
    try:
        publish("Quarterly figures", intro="Response times improved.")

        response = client.get("/search/", {"q": "response"})
    finally:
        sources.register_page_type(sources.PageType("portal.standardpage", "page", "Page"))

    # Then results show its type and it can be narrowed by topic
    assert "Partnership report" in response.text
    assert 'href="?q=response&amp;topic=housing"' in response.text


def test_stories_and_events_have_their_own_result_types_and_facets(db):
    from search import sources
    from tests.factories import PartnerFactory, TopicFactory, event_page, report_page

    topic, partner = TopicFactory(slug="drug-litter"), PartnerFactory(slug="riverton-police")
    report = sources.page_document(report_page(title="Quarter one", topics=[topic], partners=[partner]))
    assert (report.kind, report.topic, report.partner) == ("report", "drug-litter", "riverton-police")
    assert report.date.date().isoformat() == "2026-03-31"  # the end of its reporting period
    event = sources.page_document(event_page(title="Safety walk", topics=[topic]))
    assert (event.kind, event.topic) == ("event", "drug-litter")
    assert sources.kind_labels()["report"] == "Partnership report"
    assert sources.kind_labels()["event"] == "Event"
