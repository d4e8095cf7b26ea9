"""Raising and following a concern: the "Raise a concern" entry points, each concern's state on
board lists (with a filter), when an answer is due, the resident's own concerns on their account
page, the satisfaction answer cleared on reopening, and "send it again" on the verify page."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from forums.concerns import actions
from forums.concerns.models import Concern, SatisfactionAnswer, State
from portal.models import SiteSettings
from tests.factories import UserFactory, forum_board, raised_concern, service_page

pytestmark = pytest.mark.django_db

RAISE_URL = "/forums/concerns/raise/"


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


# Entry points ------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [None, "resident", "liaison", "moderator"])
def test_header_and_home_page_offer_raise_a_concern(client, concern_board, request, role):
    signed_in(client, request.getfixturevalue(role) if role else None)
    for url in ["/", concern_board.url]:
        html = client.get(url).text
        assert f'href="{RAISE_URL}">Raise a concern</a>' in html, url
    home = client.get("/").text
    assert "A concern is not for emergencies." in home


def test_raise_a_concern_goes_to_the_concern_boards_form(client, concern_board, resident):
    client.force_login(resident)
    response = client.get(RAISE_URL)
    assert response.status_code == 302
    assert response.url == concern_board.url + "new/"
    assert client.get(response.url).status_code == 200


def test_a_visitor_is_sent_to_sign_in_on_the_way(client, concern_board):
    response = client.get(RAISE_URL, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_several_concern_boards_offer_a_choice_and_none_says_where_to_write(client, concern_board):
    # Given a second, open concern board
    forum_board(slug="police-concerns", title="Policing concerns", thread_kind="concern",
                forum=concern_board.get_parent())
    # Then the resident chooses between them
    html = client.get(RAISE_URL).text
    assert f'href="{concern_board.url}new/">Concerns</a>' in html
    assert "Policing concerns" in html
    # And with no concern board open, the page says so (404) and gives the contact address
    from forums.models import BoardPage

    BoardPage.objects.filter(thread_kind="concern").update(is_open=False)
    response = client.get(RAISE_URL)
    assert response.status_code == 404
    assert "Concerns cannot be raised on this site at the moment" in response.text


def test_get_help_page_puts_the_concern_beside_the_crisis_numbers(client, concern_board):
    service_page(title="Needle exchange")
    html = client.get("/get-help/").text
    help_now = html[html.index('id="help-now-heading"'):]
    assert 'href="tel:999"' in help_now[:help_now.index("</section>")]
    assert f'<a href="{RAISE_URL}">Raise a concern</a>. A concern is not for emergencies' in help_now


# Board lists: the state of each concern, and a filter ---------------------------------------------

def make_concerns(resident, board, topic, area, liaison):
    opened = raised_concern(resident, board, topic=topic, neighbourhood=area, title="Still open and waiting")
    answered = raised_concern(resident, board, topic=topic, neighbourhood=area, title="Got an answer")
    actions.answer(answered, by=liaison, body="We cleared it.", kind="action_taken")
    closed = raised_concern(resident, board, topic=topic, neighbourhood=area, title="Not ours to act on")
    actions.close(closed, by=liaison, reason="not_actionable", note="Private land")
    return opened, answered, closed


def test_board_list_shows_each_concerns_state_and_filters_by_it(client, concern, concern_board,
                                                               resident, topic, area, liaison):
    make_concerns(resident, concern_board, topic, area, liaison)
    html = client.get(concern_board.url).text
    assert html.count('<span class="concern-state concern-state--open">Open</span>') == 2
    assert '<span class="concern-state concern-state--answered">Answered</span>' in html
    assert '<span class="concern-state concern-state--closed">Closed</span>' in html
    # When a reader filters by state, only those concerns are listed
    html = client.get(concern_board.url, {"state": "answered"}).text
    assert html.count('<li class="thread-row') == 1 and "Got an answer" in html
    assert '<option value="answered" selected>Answered</option>' in html
    # And a made-up state is ignored with a message, not an error
    response = client.get(concern_board.url, {"state": "bogus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_discussion_boards_have_no_state_filter(client, resident):
    board = forum_board()
    assert 'name="state"' not in client.get(board.url).text


def test_board_list_with_states_keeps_its_query_budget(client, concern_board, resident, topic, area,
                                                       liaison, rules, django_assert_max_num_queries):
    from tests.forums.test_query_counts import BOARD_QUERIES

    for _ in range(6):
        make_concerns(resident, concern_board, topic, area, liaison)
    client.get(concern_board.url)  # later views come within the same budget
    with django_assert_max_num_queries(BOARD_QUERIES[False]):
        html = client.get(concern_board.url, {"state": "open"}).text
    assert html.count('<li class="thread-row') == 6


# When an answer is due ---------------------------------------------------------------------------

def due_line(html):
    start = html.index('id="concern-due"')
    return " ".join(html[start:html.index("</p>", start)].split())


def test_concern_page_says_when_an_answer_is_due(client, concern):
    html = client.get(concern.thread.get_absolute_url()).text
    due = timezone.localtime(concern.published_at + timedelta(days=5))
    assert "An official answer is due by <time" in due_line(html)
    assert f'{due:%-d %b %Y, %H:%M}</time> (the partners aim to answer within 5 days)' in due_line(html)
    assert "Overdue" not in due_line(html)


def test_concern_page_says_when_it_is_overdue_using_the_sites_target(client, concern):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.response_target_days = 2
    settings.save()
    Concern.objects.filter(pk=concern.pk).update(published_at=timezone.now() - timedelta(days=3))
    line = due_line(client.get(concern.thread.get_absolute_url()).text)
    assert line.startswith('id="concern-due"> <strong>Overdue:</strong> an official answer was due by')
    assert "within 2 days" in line


def test_answered_concern_says_whether_the_answer_came_in_time(client, concern, liaison):
    actions.answer(concern, by=liaison, body="On it.", kind="information")
    assert "within the 5-day target" in due_line(client.get(concern.thread.get_absolute_url()).text)
    Concern.objects.filter(pk=concern.pk).update(published_at=timezone.now() - timedelta(days=9))
    assert "after the 5-day target" in due_line(client.get(concern.thread.get_absolute_url()).text)


def test_a_concern_waiting_for_moderation_has_no_due_date_yet(client, concern_board, resident, topic,
                                                               area):
    thread = actions.raise_concern(concern_board, by=resident, title="Held for a moderator",
                                   body="text", topic=topic, neighbourhood=area)
    Concern.objects.filter(thread=thread).update(state=State.SUBMITTED, published_at=None)
    client.force_login(resident)
    assert 'id="concern-due"' not in client.get(thread.get_absolute_url() + "?page=1").text


# The resident's own concerns on their account page -------------------------------------------------

def test_account_page_lists_the_residents_own_concerns_only(client, concern, resident, liaison,
                                                            concern_board, topic, area):
    someone_else = UserFactory()
    raised_concern(someone_else, concern_board, topic=topic, neighbourhood=area,
                   title="Someone else's concern")
    actions.answer(concern, by=liaison, body="Done", kind="action_taken")
    client.force_login(resident)
    html = client.get(reverse("account_profile")).text
    section = html[html.index('id="my-concerns-heading"'):]
    assert f'<a href="{concern.thread.get_absolute_url()}">{concern.thread.title}</a>' in section
    assert "<td>Answered</td>" in section
    assert "Someone else's concern" not in html


def test_account_page_without_concerns_points_to_raising_one(client, resident):
    client.force_login(resident)
    html = client.get(reverse("account_profile")).text
    assert f'You have not raised a concern. <a href="{RAISE_URL}">Raise a concern</a>' in html


def test_account_page_needs_sign_in(client):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


# Reopening clears "You told us" ---------------------------------------------------------------------

def test_reopening_clears_the_satisfaction_answer_and_asks_again(client, concern, resident, liaison):
    actions.answer(concern, by=liaison, body="Cleared.", kind="action_taken")
    actions.resolve(concern, by=resident)
    actions.give_satisfaction(concern, by=resident, answer="yes")
    client.force_login(resident)
    url = concern.thread.get_absolute_url() + "?page=1"
    assert "You told us: Yes. Thank you." in client.get(url).text
    # When the resident reopens it
    actions.reopen(concern, by=resident, reason="They are back")
    # Then the old answer is gone (and logged), and not shown
    assert not SatisfactionAnswer.objects.filter(concern=concern).exists()
    assert "You told us" not in client.get(url).text
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="concerns.satisfaction_cleared")
    assert entry.data["answer"] == "yes"
    # And after the next resolution the question is asked again
    actions.answer(concern, by=liaison, body="Cleared again.", kind="action_taken")
    actions.resolve(concern, by=resident)
    assert 'id="concern-satisfaction"' in client.get(url).text


# Verify email: send it again -------------------------------------------------------------------------

def test_verify_page_offers_send_it_again(client):
    html = client.get(reverse("account_email_verification_sent")).text
    assert f'action="{reverse("account_resend_verification")}"' in html
    assert "Send it again</button>" in html


def test_send_it_again_sends_to_an_unconfirmed_address_once_per_period(client, unverified_resident):
    address = EmailAddress.objects.get(user=unverified_resident)
    response = client.post(reverse("account_resend_verification"), {"email": address.email.upper()})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert [m.to for m in mail.outbox] == [[address.email]]
    assert "confirm" in mail.outbox[0].body.lower()
    # A second request within the period sends nothing more but answers the same
    again = client.post(reverse("account_resend_verification"), {"email": address.email},
                        follow=True)
    assert len(mail.outbox) == 1
    assert "we have sent the email again" in again.text


def test_send_it_again_does_not_reveal_which_addresses_have_accounts(client, resident):
    verified = EmailAddress.objects.get(user=resident).email
    answers = []
    for email in [verified, "nobody@example.org"]:
        answers.append(client.post(reverse("account_resend_verification"), {"email": email},
                                   follow=True).text.count("If an account with that address"))
    assert answers == [1, 1]
    assert mail.outbox == []


def test_send_it_again_keeps_a_mistyped_address(client):
    response = client.post(reverse("account_resend_verification"), {"email": "not-an-address"})
    assert response.status_code == 400
    assert 'value="not-an-address"' in response.text
    assert "Enter a valid email address" in response.text


@pytest.mark.parametrize("role", [None, "resident", "liaison", "moderator"])
def test_every_role_sees_states_on_the_board_and_the_due_line(client, concern, concern_board,
                                                              request, role):
    signed_in(client, request.getfixturevalue(role) if role else None)
    board = client.get(concern_board.url).text
    assert '<span class="concern-state concern-state--open">Open</span>' in board
    assert '<option value="open">Open</option>' in board
    page = client.get(concern.thread.get_absolute_url() + "?page=1").text
    assert "An official answer is due by" in due_line(page)
