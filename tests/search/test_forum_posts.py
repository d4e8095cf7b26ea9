"""Forum threads in search: a public thread is one result, found by the words of any of its public
posts, with its board and title; held, hidden and removed text, and the old words of an edited
post, are found by no one."""

import pytest
from wagtail.models import PageViewRestriction

from forums import actions
from forums.models import Post, Visibility
from forums.moderation import actions as moderation
from forums.moderation.models import ReviewItem, WatchedWord, WordAction
from search.models import SearchDocument
from tests.factories import forum_board, forum_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return forum_board(title="Safer streets")


@pytest.fixture
def thread(resident, board, after_commit):
    return after_commit(forum_thread, resident, board, title="Broken lights on Mill Lane",
                        body="The streetlights by the underpass flicker every night.")


def found(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response


def hits(client, q):
    return found(client, q).context["results"].hits


def suggestions(client, q):
    response = client.get("/search/suggest/", {"q": q})
    assert response.status_code == 200
    return response.json()["suggestions"]


def add_reply(thread, author, body, after_commit):
    return after_commit(actions.reply, thread, by=author, body=body)


def test_a_thread_is_found_by_its_first_post_with_board_and_thread_shown(client, thread):
    # When a visitor searches for a word of the first post
    response = found(client, "underpass")

    # Then the thread is found, linked to the thread, with its board and thread named
    [hit] = response.context["results"].hits
    assert hit.kind_label == "Forum thread"
    assert hit.title == "Broken lights on Mill Lane"
    assert hit.url == thread.get_absolute_url()
    assert hit.context == "Safer streets › Broken lights on Mill Lane"
    assert "Safer streets › Broken lights on Mill Lane" in response.content.decode()


def test_a_reply_finds_its_thread_and_its_markup_is_not_indexed(client, thread, resident,
                                                                after_commit):
    # Given a reply with Markdown emphasis and a link
    add_reply(thread, resident, "Reported to the **council** at [the portal](https://example.org).",
              after_commit)

    # When a visitor searches for a word of the reply
    [hit] = hits(client, "council")

    # Then its thread is the result, whose snippet is the text readers see, without markup
    assert (hit.kind_label, hit.title) == ("Forum thread", "Broken lights on Mill Lane")
    assert "council" in hit.snippet and "**" not in hit.snippet
    body = SearchDocument.objects.get(source="forums.thread").body
    assert "<strong>" not in body and "https://example.org" not in body


def test_a_thread_is_one_result_however_many_of_its_posts_match(client, thread, resident, after_commit):
    # Given replies that use the same word as the first post and the title
    add_reply(thread, resident, "The underpass is darker since Monday.", after_commit)
    add_reply(thread, resident, "Mill Lane lights are broken at the underpass again.", after_commit)

    # When a visitor searches for it, filtered to forum threads or not
    for params in ({"q": "underpass"}, {"q": "broken lights underpass", "kind": "thread"}):
        response = client.get("/search/", params)

        # Then the thread is one result, not the thread and its posts
        assert [(hit.kind, hit.title) for hit in response.context["results"].hits] == [
            ("thread", "Broken lights on Mill Lane")]
        assert response.context["results"].total == 1


def withdraw(post, visibility, moderator):
    """Take a public post out of view the way the site does: its author's edit is held for review
    (pending), a moderator hides it, or a moderator rejects the held edit (removed)."""
    if visibility == Visibility.HIDDEN:
        return moderation.hide(post, by=moderator, reason="Off topic")
    WatchedWord.objects.get_or_create(phrase="contraband", action=WordAction.HOLD)
    actions.edit_post(post, by=post.author, body=post.body_source + " Also contraband.")
    if visibility == Visibility.REMOVED:
        item = ReviewItem.objects.get(post=post)
        moderation.reject(item, by=moderator, reason="Off topic")
    post.refresh_from_db()
    assert post.visibility == visibility


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN, Visibility.REMOVED])
def test_held_hidden_and_removed_post_text_is_found_by_no_one(
    client, thread, resident, moderator, visibility, after_commit
):
    # Given a reply with a distinctive word that a moderator holds, hides or removes
    post = add_reply(thread, resident, "Meet behind the zanzibarite warehouse.", after_commit)
    assert [hit.title for hit in hits(client, "zanzibarite")] == ["Broken lights on Mill Lane"]
    after_commit(withdraw, post, visibility, moderator)

    # Then no one finds it: not visitors, residents or moderators, on the page or in suggestions
    for user in (None, resident, moderator):
        if user is not None:
            client.force_login(user)
        assert hits(client, "zanzibarite") == []
        assert "Meet behind" not in found(client, "zanzibarite warehouse").content.decode()
        assert suggestions(client, "zanzibarite") == []
    assert not SearchDocument.objects.filter(body__icontains="zanzibarite").exists()


def test_a_hidden_thread_takes_all_its_posts_out_of_search(client, thread, resident, moderator,
                                                          after_commit):
    add_reply(thread, resident, "A reply about the underpass too.", after_commit)

    after_commit(moderation.hide, thread.posts.first(), by=moderator, reason="Off topic")

    assert hits(client, "underpass") == []
    assert suggestions(client, "broken lights") == []


def test_a_post_shown_again_is_found_again(client, thread, resident, moderator, after_commit):
    post = add_reply(thread, resident, "The zanzibarite shop reopened.", after_commit)
    after_commit(moderation.hide, post, by=moderator, reason="Off topic")

    after_commit(moderation.restore, post, by=moderator)

    assert len(hits(client, "zanzibarite")) == 1


def test_an_edited_post_is_no_longer_found_by_its_old_words(client, thread, resident, after_commit):
    # Given the author edits the first post, replacing a word and the title
    post = Post.objects.get(thread=thread)
    after_commit(actions.edit_post, post, by=resident, body="The lamps by the subway flicker.",
                 title="Flickering lamps")

    # Then the old words find nothing, the new ones find the post under its new title
    assert hits(client, "underpass") == []
    assert suggestions(client, "broken") == []
    assert [hit.title for hit in hits(client, "subway")] == ["Flickering lamps"]


def test_unpublishing_a_board_removes_its_posts_and_republishing_restores_them(
    client, thread, board, after_commit
):
    after_commit(board.unpublish)
    assert hits(client, "underpass") == []

    after_commit(lambda: board.save_revision().publish())
    assert len(hits(client, "underpass")) == 1


def test_posts_on_a_private_board_are_not_indexed(client, thread, board, after_commit):
    after_commit(PageViewRestriction.objects.create, page=board,
                 restriction_type=PageViewRestriction.LOGIN)

    assert hits(client, "underpass") == []
    assert not SearchDocument.objects.filter(source="forums.thread").exists()


def test_a_rebuild_indexes_only_public_posts(client, thread, resident, moderator, after_commit):
    from search import indexing
    from search.engines import database_engine

    hidden = add_reply(thread, resident, "The zanzibarite alley.", after_commit)
    after_commit(moderation.hide, hidden, by=moderator, reason="Off topic")
    add_reply(thread, resident, "Thanks for reporting the underpass.", after_commit)

    indexing.rebuild(database_engine())

    [document] = SearchDocument.objects.filter(source="forums.thread")
    assert document.kind == "thread" and "Thanks for reporting" in document.body
    assert "zanzibarite" not in document.body
    assert hits(client, "zanzibarite") == []


@pytest.mark.parametrize("replies", [2, 25])
def test_the_search_page_query_count_does_not_grow_with_posts(client, thread, resident, after_commit,
                                                              replies, django_assert_max_num_queries):
    # Given a thread with a few or many replies that match
    for number in range(replies):
        add_reply(thread, resident, f"Underpass note {number}.", after_commit)

    # When a visitor searches, the page takes the same handful of queries
    with django_assert_max_num_queries(26):
        response = client.get("/search/", {"q": "underpass"})

    assert response.status_code == 200
    assert len(response.context["results"].hits) == 1


def test_forum_board_fixture_other_board_is_independent(client, resident, after_commit):
    # Given a second board: its posts are found with its own name as context
    other = forum_board(slug="housing", title="Housing")
    after_commit(forum_thread, resident, other, title="Hostel beds", body="Winter hostel beds.")

    [hit] = hits(client, "hostel")

    assert hit.context == "Housing › Hostel beds"
