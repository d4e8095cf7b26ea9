"""A partner's public page shows its latest official answers on public concerns, and nothing else."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from forums import actions as forum_actions
from forums.concerns import actions
from forums.concerns.public import latest_official_answers
from forums.models import Visibility
from forums.moderation import actions as moderation
from forums.moderation.models import WatchedWord, WordAction
from tests.factories import forum_board, raised_concern

pytestmark = pytest.mark.django_db


def answer(liaison, concern, body="We visited the park and removed the needles."):
    return actions.answer(concern, by=liaison, body=body, kind="action_taken")


def page(client, partner):
    response = client.get(reverse("partner_detail", args=[partner.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_partner_page_lists_its_answers_with_permalinks(client, concern, liaison, partner):
    # given an official answer by the police on a public concern
    post = answer(liaison, concern, body="We visited **Millbrook Park** & removed the needles.")
    # when a visitor opens the police's page
    html = page(client, partner)
    # then the answer is listed with the concern's title, its kind and a link to the post
    assert "Latest official responses" in html
    assert concern.thread.title in html
    assert f'href="{reverse("forums:post", args=[post.pk])}"' in html
    assert "We visited Millbrook Park &amp; removed the needles." in html
    assert "Action taken" in html


def test_another_partners_answers_never_show(client, concern, ngo_liaison, partner, ngo):
    # given only the NGO answered
    answer(ngo_liaison, concern, body="Our outreach team will visit on Friday.")
    # then the police's page has no responses section, the NGO's has the answer
    assert "Latest official responses" not in page(client, partner)
    assert "Our outreach team will visit on Friday." in page(client, ngo)
    assert latest_official_answers(partner) == []


def test_hidden_answer_and_hidden_concern_never_show(client, concern, liaison, partner, moderator,
                                                    resident, concern_board, topic, area):
    # given two answered concerns: the answer to one is hidden, the other concern is hidden
    hidden_answer = answer(liaison, concern, body="An answer a moderator hid.")
    moderation.hide(hidden_answer, by=moderator, reason="Named a resident")
    second = raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                            title="Broken glass by the bus stop")
    answer(liaison, second, body="An answer on a thread that was hidden later.")
    moderation.hide(second.thread.posts.first(), by=moderator, reason="Off topic")
    # then neither shows on the partner's page
    html = page(client, partner)
    assert "An answer a moderator hid." not in html
    assert "An answer on a thread that was hidden later." not in html
    assert latest_official_answers(partner) == []


def test_concern_whose_first_post_is_held_again_never_shows(concern, liaison, partner, moderator):
    # given an answered concern whose first post goes back to the review queue
    answer(liaison, concern)
    first = concern.thread.posts.order_by("created_at", "id").first()
    WatchedWord.objects.create(phrase="contraband", action=WordAction.HOLD)
    forum_actions.edit_post(first, by=first.author, body="Now about contraband.")
    first.refresh_from_db()
    assert first.visibility == Visibility.PENDING
    # then the answer is not public any more
    assert latest_official_answers(partner) == []


def test_view_restricted_or_unpublished_board_never_shows(concern, liaison, partner, concern_board):
    # given an answer on a board that is then restricted to signed-in users
    answer(liaison, concern, body="Only for signed-in readers.")
    restriction = PageViewRestriction.objects.create(page=concern_board,
                                                     restriction_type=PageViewRestriction.LOGIN)
    assert latest_official_answers(partner) == []
    # and when the restriction goes but the board is unpublished
    restriction.delete()
    assert len(latest_official_answers(partner)) == 1
    concern_board.unpublish()
    assert latest_official_answers(partner) == []


def test_restricted_parent_page_hides_the_board_below_it(liaison, partner, resident, topic, area, rules):
    # given a concern board under a second forum index that is restricted by password
    board = forum_board(slug="private-concerns", title="Private concerns", thread_kind="concern")
    board.topics.set([topic])
    concern = raised_concern(resident, board, topic=topic, neighbourhood=area)
    answer(liaison, concern)
    assert len(latest_official_answers(partner)) == 1
    PageViewRestriction.objects.create(page=board.get_parent(), password="secret",
                                       restriction_type=PageViewRestriction.PASSWORD)
    # then it is not public
    assert latest_official_answers(partner) == []


def test_shows_the_latest_five_newest_first(concern, liaison, partner, resident, concern_board,
                                            topic, area):
    # given seven answers over seven concerns
    for n in range(7):
        c = concern if n == 0 else raised_concern(resident, concern_board, topic=topic,
                                                   neighbourhood=area, title=f"Concern number {n}")
        answer(liaison, c, body=f"Answer number {n}.")
    # then the five newest show, newest first
    shown = [a.post.body_source for a in latest_official_answers(partner)]
    assert shown == [f"Answer number {n}." for n in (6, 5, 4, 3, 2)]


def test_partner_page_query_count_does_not_grow(client, django_assert_max_num_queries, concern,
                                                liaison, partner, resident, concern_board, topic,
                                                area):
    answer(liaison, concern)
    page(client, partner)  # the partner's transparency figures are cached from here on
    with django_assert_max_num_queries(24) as few:
        page(client, partner)
    for n in range(6):
        c = raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                           title=f"Another concern {n}")
        answer(liaison, c, body=f"Answer {n}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client, partner)
    assert html.count('href="/forums/posts/') == 5


def test_demo_police_page_shows_its_answer(client, demo_city):
    html = client.get("/partners/riverton-police-service/").content.decode()
    assert "Latest official responses" in html
    assert "Cars stopping briefly outside the flats on Westfield Road" in html
    assert "Action taken (details withheld)" in html
