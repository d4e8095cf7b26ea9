"""Cancelling an event, or one date of a repeating event, through the "Cancel this event" and
"Cancel this date" buttons: who may, what the page then says, who is emailed."""

from datetime import UTC, timedelta

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from events import actions
from events.models import EventPage
from events.recurrence import occurrences
from tests.factories import UserFactory, event_page

pytestmark = pytest.mark.django_db


MAY_CANCEL = {
    "visitor": False, "resident": False, "moderator": False, "other liaison": False,
    "organising liaison": True, "editor": True, "administrator": True,
}


@pytest.fixture
def forum(organiser):
    """A one-off event with one resident going."""
    event = event_page(title="Community forum", partners=[organiser])
    going = UserFactory(email="going@example.org")
    actions.respond(event, None, by=going, going=True)
    return event


def sign_in(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


@pytest.mark.parametrize(("who", "allowed"), MAY_CANCEL.items())
def test_the_cancel_button_shows_only_to_those_who_may_cancel(client, people, forum, who, allowed):
    sign_in(client, people, who)

    html = client.get(forum.url).text

    assert (f'href="{forum.url}cancel/"' in html) is allowed


@pytest.mark.parametrize(("who", "allowed"), MAY_CANCEL.items())
def test_cancelling_through_the_button_as_every_role(client, people, forum, who, allowed,
                                                     django_capture_on_commit_callbacks):
    # given someone signed in (or not) on the confirmation page
    sign_in(client, people, who)
    confirmation = client.get(forum.url + "cancel/")

    # when they confirm with a note
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(forum.url + "cancel/", {"occurrence": "", "note": "Hall flooded"})

    forum.refresh_from_db()
    if who == "visitor":
        # then a visitor is sent to sign in, and nothing changes
        assert confirmation.status_code == 302 and confirmation["Location"].startswith("/accounts/login/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert not forum.is_cancelled and mail.outbox == []
    elif not allowed:
        # then a signed-in account without the right is refused, and nothing changes
        assert confirmation.status_code == 403 and response.status_code == 403
        assert not forum.is_cancelled and mail.outbox == []
    else:
        # then the event is cancelled at once, logged, and the person going is emailed
        assert confirmation.status_code == 200
        assert "1 person going or waiting will be emailed" in confirmation.text
        assert response.status_code == 302 and response["Location"] == forum.url + "#dates"
        assert forum.is_cancelled and forum.cancellation_note == "Hall flooded"
        entry = PageLogEntry.objects.get(page=forum, action="events.cancelled")
        assert entry.user_id == people[who].pk
        assert [(m.to, m.subject) for m in mail.outbox] == [
            (["going@example.org"], "[Common Ground] Cancelled: Community forum")]
        assert "Hall flooded" in mail.outbox[0].body
        page = client.get(forum.url).text
        assert "This event has been cancelled" in page and "Hall flooded" in page
        assert f'href="{forum.url}cancel/"' not in page


@pytest.fixture
def weekly(organiser):
    return event_page(title="Support group", frequency="WEEKLY", partners=[organiser])


def coming_keys(event, n):
    found = occurrences(event, event.start, event.start + timedelta(weeks=n + 1))
    return [o.key for o in found[:n]]


@pytest.mark.parametrize("who", ["organising liaison", "editor"])
def test_cancel_this_date_cancels_only_that_date_and_tells_only_its_people(
        client, people, weekly, who, django_capture_on_commit_callbacks):
    first_key, second_key = coming_keys(weekly, 2)
    first, second = UserFactory(email="first@example.org"), UserFactory(email="second@example.org")
    actions.respond(weekly, first_key, by=first, going=True)
    actions.respond(weekly, second_key, by=second, going=True)
    sign_in(client, people, who)
    key_param = first_key.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    # the event page offers "Cancel this date" for each coming date
    page = client.get(weekly.url).text
    assert f'href="{weekly.url}cancel/?occurrence={key_param}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(weekly.url + "cancel/", {"occurrence": key_param, "note": "Hall closed"})

    assert response.status_code == 302
    weekly = EventPage.objects.get(pk=weekly.pk)
    assert not weekly.is_cancelled
    dates = occurrences(weekly, weekly.start, weekly.start + timedelta(weeks=2))
    assert [o.is_cancelled for o in dates[:2]] == [True, False]
    assert [m.to for m in mail.outbox] == [["first@example.org"]]
    assert "Hall closed" in client.get(weekly.url).text


def test_cancel_this_date_is_refused_to_a_liaison_of_another_partner(client, people, weekly):
    sign_in(client, people, "other liaison")
    key_param = coming_keys(weekly, 1)[0].astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    response = client.post(weekly.url + "cancel/", {"occurrence": key_param})

    assert response.status_code == 403
    assert not weekly.exceptions.exists()


def test_a_date_that_is_not_the_events_is_explained(client, editor, weekly):
    client.force_login(editor)

    response = client.post(weekly.url + "cancel/", {"occurrence": "20200101T000000Z"}, follow=True)

    assert "That date is not one of this event&#x27;s dates." in response.text
    assert not EventPage.objects.get(pk=weekly.pk).exceptions.exists()


def test_a_too_long_note_keeps_what_was_typed(client, editor, forum):
    client.force_login(editor)
    note = "Sorry, " + "x" * 300

    response = client.post(forum.url + "cancel/", {"occurrence": "", "note": note})

    assert response.status_code == 200
    assert "Ensure this value has at most 255 characters" in response.text
    assert note in response.text
    assert not EventPage.objects.get(pk=forum.pk).is_cancelled


def test_the_admin_offers_cancel_this_event_in_the_listing_and_the_editor(client, editor, forum):
    client.force_login(editor)
    link = f'href="{forum.url}cancel/"'

    assert link in client.get(f"/admin/pages/{forum.get_parent().pk}/").text
    assert link in client.get(f"/admin/pages/{forum.pk}/edit/").text
