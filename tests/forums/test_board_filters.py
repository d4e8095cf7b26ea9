"""A board's topic and neighbourhood filters and its thread list read topics and neighbourhoods
from the cache (portal/taxonomy/cached.py); an editor's change shows on the next page view, and a
bad filter value gets a message, not an error page."""

import pytest

from portal.taxonomy.models import Topic
from tests.factories import NeighbourhoodFactory, TopicFactory, forum_board, forum_thread

pytestmark = pytest.mark.django_db


def options(html, name):
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in select.split("<option")[1:]]


def test_a_board_offers_its_own_topics_or_all_of_them(client):
    litter, dealing = TopicFactory(name="Litter"), TopicFactory(name="Dealing")
    TopicFactory(name="Housing")
    general = forum_board()
    own = forum_board(slug="litter", title="Litter and needles")
    own.topics.set([litter, dealing])
    own.save_revision().publish()

    assert options(client.get(own.url).text, "topic") == ["All topics", "Dealing", "Litter"]
    assert options(client.get(general.url).text, "topic") == ["All topics", "Dealing", "Housing",
                                                               "Litter"]


def test_a_new_topic_and_a_renamed_neighbourhood_show_on_the_next_page(client, resident):
    north = NeighbourhoodFactory(name="Northgate")
    board = forum_board()
    forum_thread(resident, board, title="Needles by the river", neighbourhood=north)
    client.get(board.url)  # fills the cache

    TopicFactory(name="Street drinking")
    north.name = "North Gate"
    north.save()

    html = client.get(board.url).text
    assert "Street drinking" in options(html, "topic")
    assert "North Gate" in options(html, "area")
    assert "· North Gate" in html and "Northgate" not in html


def test_a_deleted_topic_is_no_longer_offered(client):
    TopicFactory(name="Litter")
    board = forum_board()
    client.get(board.url)

    Topic.objects.get(name="Litter").delete()

    assert options(client.get(board.url).text, "topic") == ["All topics"]


def test_an_unknown_filter_value_is_explained_and_keeps_the_list(client, resident):
    board = forum_board()
    forum_thread(resident, board, title="Needles by the river")

    response = client.get(board.url + "?topic=no-such-topic")

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert "Needles by the river" in response.text
