"""Staff (liaisons, moderators, editors, administrators) never post as "A resident": the option
is not offered in any form, the form refuses a ticked box sent anyway, and the actions refuse it."""

import pytest
from django.core.exceptions import PermissionDenied

from forums import actions
from forums.concerns import actions as concern_actions
from forums.models import Post, Thread
from portal.accounts.roles import Role
from tests.factories import NeighbourhoodFactory, TopicFactory, forum_board, forum_thread, staff_user

pytestmark = pytest.mark.django_db

STAFF_ROLES = [Role.LIAISON, Role.MODERATOR, Role.EDITOR, Role.ADMINISTRATOR]
CHECKBOX = 'name="anonymous"'
REFUSAL = "Staff post under their own name"


@pytest.fixture
def concern_board(db):
    return forum_board(slug="raise-a-concern", title="Raise a concern", allow_anonymous=True,
                       thread_kind="concern")


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_are_not_offered_the_anonymous_option(client, anonymous_board, concern_board,
                                                    resident, role):
    # given a staff member on boards that let residents post anonymously
    member = staff_user(role)
    thread = forum_thread(resident, anonymous_board)
    client.force_login(member)
    # when they open the new-thread form, a thread's reply form and the raise-a-concern form
    pages = [anonymous_board.url + anonymous_board.reverse_subpage("new_thread"),
             thread.get_absolute_url(),
             concern_board.url + concern_board.reverse_subpage("new_thread")]
    for url in pages:
        html = client.get(url).content.decode()
        # then none of them has the "Post anonymously" box
        assert "<form" in html and 'name="body"' in html, url
        assert CHECKBOX not in html, url


def test_a_resident_is_still_offered_it(client, anonymous_board, resident):
    client.force_login(resident)
    html = client.get(anonymous_board.url + anonymous_board.reverse_subpage("new_thread")).content
    assert CHECKBOX in html.decode()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_reply_form_sent_with_the_box_ticked_is_refused_with_the_reason(client, anonymous_board,
                                                                        resident, role):
    # given a staff member who sends a reply with "anonymous" ticked (an old page, or by hand)
    member = staff_user(role)
    thread = forum_thread(resident, anonymous_board)
    client.force_login(member)
    response = client.post(thread.get_absolute_url(), {"body": "Great answer from the police!",
                                                       "anonymous": "on", "token": "t-1"})
    # then nothing is posted, they are told why, and what they typed is kept
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSAL in html
    assert "Great answer from the police!" in html
    assert not Post.objects.filter(author=member).exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_new_thread_sent_with_the_box_ticked_is_refused(client, anonymous_board, role):
    member = staff_user(role)
    client.force_login(member)
    response = client.post(anonymous_board.url + anonymous_board.reverse_subpage("new_thread"), {
        "title": "Residents love the new patrols", "body": "Really, we do.", "anonymous": "on",
        "token": "t-2"})
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Thread.objects.filter(author=member).exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_the_actions_refuse_staff_anonymity(anonymous_board, concern_board, resident, role):
    member = staff_user(role)
    thread = forum_thread(resident, anonymous_board)
    with pytest.raises(PermissionDenied, match=REFUSAL):
        actions.reply(thread, by=member, body="Praise", anonymous=True)
    with pytest.raises(PermissionDenied, match=REFUSAL):
        actions.start_thread(anonymous_board, by=member, title="A long enough title", body="x",
                             anonymous=True)
    with pytest.raises(PermissionDenied, match=REFUSAL):
        concern_actions.raise_concern(concern_board, by=member, title="A long enough title",
                                      body="x", topic=TopicFactory(),
                                      neighbourhood=NeighbourhoodFactory(), anonymous=True)
    assert not Post.objects.filter(author=member).exists()


def test_a_resident_still_posts_anonymously(anonymous_board, resident):
    thread = forum_thread(resident, anonymous_board, anonymous=True)
    assert thread.is_anonymous
