"""Forum posts' language (issue 19): detected when written (lingua, English and Spanish), kept on
the post and on the thread (its first post's), shown as `lang` on titles and post bodies, and a
board filter by language that adds no query."""

import re

import pytest
from django.utils import translation

from forums import actions
from forums.models import Post
from tests.factories import UserFactory, forum_thread

pytestmark = pytest.mark.django_db

SPANISH = "Hay jeringuillas usadas junto a los columpios del parque casi todas las mañanas."
ENGLISH = "There are used needles by the swings in the park most mornings."


def test_a_spanish_thread_and_an_english_reply_each_get_their_language(board, resident):
    thread = forum_thread(resident, board, title="Jeringuillas en el parque", body=SPANISH)
    reply = actions.reply(thread, by=UserFactory(), body=ENGLISH)

    thread.refresh_from_db()
    first = Post.objects.filter(thread=thread).order_by("pk").first()
    assert (thread.language, first.language, reply.language) == ("es", "es", "en")


def test_a_text_too_short_to_tell_gets_the_language_of_the_page_it_was_written_on(board, resident):
    thread = forum_thread(resident, board, title="Needles in the park", body=ENGLISH)
    with translation.override("es"):
        short = actions.reply(thread, by=UserFactory(), body="+1")
    with translation.override("en"):
        other = actions.reply(thread, by=UserFactory(), body="+1")

    assert (short.language, other.language) == ("es", "en")


def test_editing_the_first_post_into_another_language_changes_the_threads(board, resident):
    thread = forum_thread(resident, board, title="Needles in the park", body=ENGLISH)
    first = Post.objects.get(thread=thread)

    actions.edit_post(first, by=resident, body=SPANISH)

    thread.refresh_from_db()
    first.refresh_from_db()
    assert (first.language, thread.language) == ("es", "es")


def test_titles_and_bodies_carry_their_lang(client, board, resident):
    thread = forum_thread(resident, board, title="Jeringuillas en el parque", body=SPANISH)
    actions.reply(thread, by=UserFactory(), body=ENGLISH)

    board_html = client.get(board.url).text
    thread_html = client.get(thread.get_absolute_url() + "?page=1").text

    assert re.search(r'<a href="[^"]+" lang="es">Jeringuillas en el parque</a>', board_html)
    assert '<h1 lang="es">Jeringuillas en el parque</h1>' in thread_html
    assert re.findall(r'<div class="post__body prose" lang="(\w+)">', thread_html) == ["es", "en"]


def test_a_board_filters_threads_by_language(client, board, resident):
    forum_thread(resident, board, title="Jeringuillas en el parque", body=SPANISH)
    forum_thread(resident, board, title="Needles in the park", body=ENGLISH)

    spanish = client.get(board.url, {"language": "es"}).text
    english = client.get(board.url, {"language": "en"}).text
    every = client.get(board.url).text

    assert "Jeringuillas en el parque" in spanish and "Needles in the park" not in spanish
    assert "Needles in the park" in english and "Jeringuillas en el parque" not in english
    assert every.count('<li class="thread-row') == 2
    assert '<option value="es" selected>Español</option>' in spanish


def test_an_unknown_language_filters_nothing_and_says_so(client, board, resident):
    forum_thread(resident, board, title="Needles in the park", body=ENGLISH)

    response = client.get(board.url, {"language": "xx"})

    assert response.status_code == 200
    assert response.text.count('<li class="thread-row') == 1


def test_the_language_filter_adds_no_query(client, board, resident, django_assert_num_queries):
    for number in range(3):
        forum_thread(resident, board, title=f"Jeringuillas número {number}", body=SPANISH)
    client.get(board.url)  # fill the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as unfiltered:
        client.get(board.url)
    with CaptureQueriesContext(connection) as filtered:
        response = client.get(board.url, {"language": "es"})

    assert response.text.count('<li class="thread-row') == 3
    assert len(filtered) == len(unfiltered)
