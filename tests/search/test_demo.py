import pytest
from django.core.management import call_command

from search import indexing

pytestmark = pytest.mark.django_db


def test_the_demo_site_is_searchable_straight_after_seeding(client, demo_city):
    # Given the demo city was seeded (no task worker running)

    # When a visitor searches for a demo page's title
    response = client.get("/search/", {"q": "accessibility statement"})

    # Then the page is found
    assert "Accessibility statement" in [hit.title for hit in response.context["results"].hits]


def test_the_demo_concern_history_is_searchable_straight_after_seeding(client, settings):
    settings.DEMO_CONCERN_HISTORY = True
    # Given the demo city was seeded, its year of concern history included (seed_demo pauses the
    # per-post index updates because it rebuilds the index at the end)
    settings.DEBUG = True
    call_command("seed_demo")

    # When a visitor searches for words of the history's concerns
    response = client.get("/search/", {"q": "needles underpass"})

    # Then forum posts are found
    assert response.context["results"].total > 0
    assert any("underpass" in hit.title.lower() for hit in response.context["results"].hits)


def test_paused_indexing_schedules_nothing_until_the_block_ends(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with indexing.paused():
            indexing.schedule("post", 1)
        indexing.schedule("post", 2)

    assert [c.args for c in callbacks] == [("post", "2")]
