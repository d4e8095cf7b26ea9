"""RSVPs: going, not going, capacity, the waiting list, promotion by email, the last-place race."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from events import actions
from events.models import EventException, Rsvp
from events.recurrence import occurrences
from tests.factories import UserFactory, event_page

pytestmark = pytest.mark.django_db


def post_rsvp(client, event, response="going", occurrence="", **extra):
    return client.post(event.url + "rsvp/", {"occurrence": occurrence, "response": response, **extra},
                       follow=True)


def test_resident_says_they_are_going_and_sees_it(client, resident):
    event = event_page(title="Forum", capacity=10)
    client.force_login(resident)

    response = post_rsvp(client, event, share_contact="on")

    assert "You are going" in response.text
    assert "9 places left" in response.text
    rsvp = Rsvp.objects.get(event=event, user=resident)
    assert rsvp.status == "going" and rsvp.share_contact and rsvp.occurrence_start is None


def test_visitor_is_sent_to_sign_in(client):
    event = event_page()

    response = client.post(event.url + "rsvp/", {"response": "going"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Rsvp.objects.exists()


def test_unverified_resident_cannot_rsvp(client, unverified_resident):
    event = event_page()
    client.force_login(unverified_resident)

    response = post_rsvp(client, event)

    assert "confirmed their email address" in response.text
    assert not Rsvp.objects.exists()


def test_rsvp_page_only_accepts_post(client, resident):
    client.force_login(resident)

    assert client.get(event_page().url + "rsvp/").status_code == 405


def test_bad_input_gets_a_clear_message(client, resident):
    event = event_page(frequency="WEEKLY")
    client.force_login(resident)

    no_choice = post_rsvp(client, event, response="maybe")
    junk_date = post_rsvp(client, event, occurrence="not-a-date")
    wrong_date = post_rsvp(client, event, occurrence="20200101T000000Z")

    assert "Choose “Going” or “Not going”" in no_choice.text
    assert "not one of this event&#x27;s dates" in junk_date.text
    assert "not one of this event&#x27;s dates" in wrong_date.text
    assert not Rsvp.objects.exists()


def test_one_date_of_a_repeating_event(client, resident):
    event = event_page(frequency="WEEKLY", capacity=5)
    second = occurrences(event, event.start, event.start + timedelta(weeks=3))[1]
    client.force_login(resident)

    post_rsvp(client, event, occurrence=second.key_param)

    assert Rsvp.objects.get().occurrence_start == second.key


@pytest.mark.parametrize("time_zone", ["America/Chicago", "Europe/London"])
def test_one_date_of_a_repeating_event_in_summer_time(client, resident, time_zone):
    # Given a weekly 18:00 event in July, in a city whose clocks are then ahead of UTC
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(timezone.localdate().year + 1, 7, 6, 18, tzinfo=ZoneInfo(time_zone))
    event = event_page(frequency="WEEKLY", capacity=5, time_zone=time_zone, start=start,
                       end=start + timedelta(hours=2))
    second = occurrences(event, event.start, event.start + timedelta(weeks=3))[1]
    client.force_login(resident)

    # When a resident says they are going to the second date
    post_rsvp(client, event, occurrence=second.key_param)

    # Then the RSVP is for 18:00 on 13 July there (the form's value used to be an hour or five off)
    assert Rsvp.objects.get().occurrence_start == datetime(start.year, 7, 13, 18, tzinfo=ZoneInfo(time_zone))


def test_cancelled_date_and_past_event_refuse_rsvps(resident):
    past_start = timezone.now() - timedelta(days=2)
    past = event_page(start=past_start, end=past_start + timedelta(hours=1))
    weekly = event_page(frequency="WEEKLY",
                        exceptions=[EventException(occurrence_date=timezone.localdate() + timedelta(days=7))])

    with pytest.raises(ValidationError, match="already passed"):
        actions.respond(past, None, by=resident, going=True)
    with pytest.raises(ValidationError, match="cancelled"):
        actions.respond(weekly, weekly.start, by=resident, going=True)


def test_full_event_puts_people_on_the_waiting_list_in_order():
    event = event_page(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()

    statuses = [actions.respond(event, None, by=user, going=True)[0].status
                for user in (first, second, third)]

    assert statuses == ["going", "waiting", "waiting"]


def test_a_freed_place_goes_to_the_first_waiting_with_an_email(django_capture_on_commit_callbacks):
    # given a full event with two people waiting
    event = event_page(title="Naloxone training", capacity=1)
    going, first_waiting, second_waiting = UserFactory(), UserFactory(), UserFactory()
    for user in (going, first_waiting, second_waiting):
        actions.respond(event, None, by=user, going=True)

    # when the person going says they are not going after all
    with django_capture_on_commit_callbacks(execute=True):
        _rsvp, promoted = actions.respond(event, None, by=going, going=False)

    # then the first person waiting has the place and is told by email
    assert promoted.user == first_waiting
    assert dict(Rsvp.objects.values_list("user", "status")) == {
        going.pk: "not_going", first_waiting.pk: "going", second_waiting.pk: "waiting"}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first_waiting.email]
    assert "A place is yours: Naloxone training" in mail.outbox[0].subject


def test_leaving_the_waiting_list_promotes_nobody(django_capture_on_commit_callbacks):
    event = event_page(capacity=1)
    going, waiting = UserFactory(), UserFactory()
    actions.respond(event, None, by=going, going=True)
    actions.respond(event, None, by=waiting, going=True)

    with django_capture_on_commit_callbacks(execute=True):
        actions.respond(event, None, by=waiting, going=False)

    assert Rsvp.objects.get(user=going).status == "going"
    assert mail.outbox == []


def test_saying_going_twice_keeps_your_place():
    event = event_page(capacity=1)
    resident, other = UserFactory(), UserFactory()
    actions.respond(event, None, by=resident, going=True)
    actions.respond(event, None, by=other, going=True)

    rsvp, _ = actions.respond(event, None, by=resident, going=True, share_contact=True)

    assert rsvp.status == "going" and rsvp.share_contact
    assert Rsvp.objects.get(user=other).status == "waiting"


def test_online_link_is_shown_only_to_people_going(client, resident):
    event = event_page(online_link="https://meet.example.org/secret-room")
    visitor_view = client.get(event.url).text
    client.force_login(resident)
    before = client.get(event.url).text

    post_rsvp(client, event)

    assert "secret-room" not in visitor_view and "secret-room" not in before
    assert "secret-room" in client.get(event.url).text


def test_permission_denied_is_raised_by_the_action_for_unverified(unverified_resident):
    with pytest.raises(PermissionDenied):
        actions.respond(event_page(), None, by=unverified_resident, going=True)


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite locks the whole database; the row lock race needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_residents_taking_the_last_place_at_once_only_one_gets_it():
    # given an event with one place and two residents pressing "Going" at the same moment
    event = event_page(capacity=1)
    residents = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    errors = []

    def take_place(user):
        try:
            barrier.wait(timeout=10)
            actions.respond(event, None, by=user, going=True)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_place, args=(user,)) for user in residents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then exactly one is going and the other is waiting
    assert errors == []
    assert sorted(Rsvp.objects.filter(event=event).values_list("status", flat=True)) == ["going", "waiting"]


def test_raising_the_capacity_gives_places_to_people_waiting(
    administrator, editor, django_capture_on_commit_callbacks
):
    event = event_page(capacity=1)
    going, first, second = UserFactory(), UserFactory(), UserFactory()
    for user in (going, first, second):
        actions.respond(event, None, by=user, going=True)

    page = event.get_latest_revision_as_object()
    page.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=administrator)

    assert dict(Rsvp.objects.values_list("user", "status")) == {
        going.pk: "going", first.pk: "going", second.pk: "waiting"}
    assert [m.to for m in mail.outbox] == [[first.email]]


def test_raising_the_capacity_leaves_past_dates_alone(
    administrator, editor, django_capture_on_commit_callbacks
):
    # given a weekly group that began two weeks ago, with someone left waiting on its first date
    start = timezone.now().replace(microsecond=0) - timedelta(weeks=2)
    event = event_page(capacity=1, start=start, end=start + timedelta(hours=1), frequency="WEEKLY")
    first_date = occurrences(event, start, start + timedelta(hours=1))[0].key
    now = timezone.now()
    Rsvp.objects.create(event=event, occurrence_start=first_date, user=UserFactory(), status="going",
                        status_changed_at=now)
    Rsvp.objects.create(event=event, occurrence_start=first_date, user=UserFactory(), status="waiting",
                        status_changed_at=now)

    page = event.get_latest_revision_as_object()
    page.capacity = 5
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=administrator)

    assert Rsvp.objects.filter(status="waiting").count() == 1
    assert mail.outbox == []


def test_people_waiting_see_their_place_in_the_queue(client):
    event = event_page(capacity=1)
    going, first, second = UserFactory(), UserFactory(), UserFactory()
    for user in (going, first, second):
        actions.respond(event, None, by=user, going=True)
    client.force_login(second)

    html = client.get(event.url).text

    assert "On the waiting list</strong> (number 2 in the queue)" in html
