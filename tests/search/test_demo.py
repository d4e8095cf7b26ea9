import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_demo_site_is_searchable_straight_after_seeding(client, settings):
    # Given the demo city was seeded (no task worker running)
    settings.DEBUG = True
    call_command("seed_demo")

    # When a visitor searches for a demo page's title
    response = client.get("/search/", {"q": "accessibility statement"})

    # Then the page is found
    assert "Accessibility statement" in [hit.title for hit in response.context["results"].hits]
