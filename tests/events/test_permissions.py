"""Who sees the RSVP list: the organising partners' liaisons, editors and administrators."""

import pytest
from django.contrib.auth.models import AnonymousUser

from events import actions, permissions
from portal.accounts.roles import Role
from tests.factories import UserFactory, event_page, staff_user

pytestmark = pytest.mark.django_db


ATTENDEE_LIST = {
    "visitor": False, "resident": False, "moderator": False, "organising liaison": True,
    "other liaison": False, "editor": True, "administrator": True,
}


@pytest.mark.parametrize(("who", "allowed"), ATTENDEE_LIST.items())
def test_who_sees_the_attendee_list(client, people, organiser, who, allowed):
    # given an event organised by one partner, with a resident going
    event = event_page(title="Forum", partners=[organiser])
    actions.respond(event, None, by=UserFactory(display_name="Going Person"), going=True)
    if people[who]:
        client.force_login(people[who])

    # when they open the list
    response = client.get(event.url + "attendees/")

    # then only the organisers see it; everyone else gets a 403 without names
    assert response.status_code == (200 if allowed else 403)
    assert ("Going Person" in response.text) is allowed
    assert ("Who is coming" in client.get(event.url).text) is allowed


def test_contact_details_only_where_the_resident_agreed(client, editor):
    event = event_page()
    sharer = UserFactory(display_name="Sharer", email="sharer@example.org")
    private = UserFactory(display_name="Private", email="private@example.org")
    actions.respond(event, None, by=sharer, going=True, share_contact=True)
    actions.respond(event, None, by=private, going=True)
    client.force_login(editor)

    html = client.get(event.url + "attendees/").text

    assert "Sharer" in html and "sharer@example.org" in html
    assert "Private" in html and "private@example.org" not in html


@pytest.mark.parametrize(("role", "allowed"), [
    (None, False), (Role.RESIDENT, False), (Role.MODERATOR, False), (Role.LIAISON, False),
    (Role.EDITOR, True), (Role.ADMINISTRATOR, True),
])
def test_who_may_cancel_an_event(role, allowed):
    event = event_page()
    user = UserFactory() if role == Role.RESIDENT else (staff_user(role) if role else None)
    assert permissions.can_cancel_event(user or AnonymousUser(), event) is allowed


def test_rsvp_is_for_verified_accounts_and_open_events(resident, unverified_resident, editor):
    event = event_page()
    assert permissions.can_rsvp(resident, event)
    assert not permissions.can_rsvp(unverified_resident, event)
    assert not permissions.can_rsvp(AnonymousUser(), event)
    actions.cancel_event(event, by=editor)
    event.refresh_from_db()
    assert not permissions.can_rsvp(resident, event)
