"""Board, thread, forum, feed and notification pages use a fixed number of queries, however many
threads or posts they show."""

import pytest

from forums import actions
from forums.moderation.models import WatchedWord, WordAction
from tests.factories import UserFactory, forum_thread, held_reply

pytestmark = pytest.mark.django_db

# A first page view: most of these are Wagtail's routing walk (site, each page level) and filling
# the caches (the site chrome, topics and neighbourhoods, the route); the budgets pin today's
# figures so any per-item query shows up as a failure.
# Signed in, +1: moderation reads the account's sanctions once and then serves them from the cache.
BOARD_QUERIES = {False: 22, True: 26}
THREAD_QUERIES = {False: 19, True: 25}
# A returning reader's page: the site chrome, topics and neighbourhoods and the page's route come
# from the caches that any earlier page view filled; what is left is loading the page itself and
# its view restrictions (2), the page's own queries and, signed in, the session, the account (with
# its roles and verified flag) and the reading state (the user bar is for staff only).
WARM_QUERIES = {("board", False): 7, ("board", True): 10, ("thread", False): 6, ("thread", True): 10}


def fill_board(board, threads, replies_each=1):
    authors = [UserFactory() for _ in range(3)]
    made = []
    for n in range(threads):
        thread = forum_thread(authors[n % 3], board, title=f"Thread number {n} on the board")
        for r in range(replies_each):
            actions.reply(thread, by=authors[(n + r + 1) % 3], body=f"Reply {r}")
        made.append(thread)
    return made


# The Spanish interface (/es/) costs the same queries as the English one: the same budgets.
LANGUAGES = {"en": ("", '<html lang="en-GB"'), "es": ("/es", '<html lang="es"')}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("count", [2, 12])
@pytest.mark.parametrize("signed_in", [False, True])
def test_board_page_queries_do_not_grow(client, board, resident, django_assert_max_num_queries, count,
                                        signed_in, language):
    prefix, html_lang = LANGUAGES[language]
    threads = fill_board(board, count)
    if signed_in:
        client.force_login(resident)
        for thread in threads:
            actions.mark_read(thread, 1, by=resident)
    with django_assert_max_num_queries(BOARD_QUERIES[signed_in]):
        response = client.get(prefix + board.url)
    html = response.content.decode()
    assert html_lang in html
    assert html.count('<li class="thread-row') == count


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("replies", [1, 15])
@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_queries_do_not_grow(client, board, resident, django_assert_max_num_queries, replies,
                                         signed_in, language):
    prefix, html_lang = LANGUAGES[language]
    (thread,) = fill_board(board, 1, replies_each=replies)
    if signed_in:
        client.force_login(resident)
    with django_assert_max_num_queries(THREAD_QUERIES[signed_in]):
        response = client.get(prefix + thread.get_absolute_url() + "?page=1")
    html = response.content.decode()
    assert html_lang in html
    assert html.count('class="post') - html.count('class="post__') == replies + 1


@pytest.mark.parametrize("replies", [1, 15])
def test_thread_page_with_the_readers_own_held_reply_keeps_the_budget(client, board,
                                                                       django_assert_max_num_queries,
                                                                       replies):
    # Given a thread with replies and, at the end, a reply of the reader's held for review (by a
    # watched word: outside tests/moderation residents are not held as new accounts)
    (thread,) = fill_board(board, 1, replies_each=replies)
    reader = UserFactory()
    WatchedWord.objects.create(phrase="waiting", action=WordAction.HOLD)
    held_reply(reader, thread, body="My reply waiting for a moderator")
    client.force_login(reader)

    # When they open the thread, then it costs what any signed-in reader's page costs
    with django_assert_max_num_queries(THREAD_QUERIES[True]):
        html = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "My reply waiting for a moderator" in html


@pytest.mark.parametrize("count", [2, 12])
def test_forum_index_feeds_and_notifications_queries_do_not_grow(client, board, resident,
                                                                 django_assert_max_num_queries, count):
    threads = fill_board(board, count)
    for thread in threads:
        actions.follow(thread, by=resident)
        actions.reply(thread, by=UserFactory(), body="news")
    thread = threads[0]
    forum_url = board.get_parent().url
    client.force_login(resident)
    for url in [forum_url, forum_url + "feed/rss/", board.url + "feed/atom/",
                thread.get_absolute_url() + "feed/rss/", "/forums/notifications/", "/"]:
        with django_assert_max_num_queries(26):  # the index, first viewed: the caches fill
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("signed_in", [False, True])
def test_returning_readers_pages_read_the_chrome_from_the_cache(client, board, resident,
                                                               django_assert_max_num_queries, signed_in):
    (thread,) = fill_board(board, 1, replies_each=15)
    fill_board(board, 11)
    if signed_in:
        client.force_login(resident)
    for page, url, shown in [("board", board.url, '<li class="thread-row'),
                             ("thread", thread.get_absolute_url() + "?page=1", '<article class="post')]:
        client.get(url)
        with django_assert_max_num_queries(WARM_QUERIES[page, signed_in]):
            response = client.get(url)
        assert response.content.decode().count(shown) == (12 if page == "board" else 16)
