"""Emails: reminders the day before (once), cancellation notices (once)."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import actions, tasks
from events.models import Rsvp
from tests.factories import UserFactory, event_page

pytestmark = pytest.mark.django_db


def at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def nth_key(event, n):
    """The RSVP key of the event's nth coming date (0 = the first), DST-safe."""
    from events.recurrence import occurrences

    found = occurrences(event, event.start, event.start + timedelta(weeks=n + 2))
    return found[n].key


def tomorrow_at(hour):
    return at(timezone.localdate() + timedelta(days=1), hour)


def test_reminders_go_once_to_people_going_tomorrow(capsys, django_capture_on_commit_callbacks):
    # given an event tomorrow with one person going, one waiting and one not going,
    # and another event in three days
    event = event_page(title="Forum", start=tomorrow_at(18), capacity=1)
    going, waiting, not_going = UserFactory(), UserFactory(), UserFactory()
    actions.respond(event, None, by=going, going=True)
    actions.respond(event, None, by=waiting, going=True)
    actions.respond(event, None, by=not_going, going=False)
    later = event_page(start=at(timezone.localdate() + timedelta(days=3), 18))
    actions.respond(later, None, by=UserFactory(), going=True)

    # when the timer runs the command twice (the outbox sends after each commit)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders")

    # then only the person going tomorrow got one reminder
    assert [m.to for m in mail.outbox] == [[going.email]]
    assert mail.outbox[0].subject == "[Common Ground] Tomorrow: Forum"
    assert "18:00" in mail.outbox[0].body
    assert Rsvp.objects.get(user=going).reminder_sent_at is not None
    assert "Sent 1 event reminder(s)." in capsys.readouterr().out


def test_reminder_for_one_date_of_a_series_and_none_for_a_cancelled_date(
        editor, django_capture_on_commit_callbacks):
    weekly = event_page(title="Support group", start=tomorrow_at(19), frequency="WEEKLY")
    resident, other = UserFactory(), UserFactory()
    actions.respond(weekly, weekly.start, by=resident, going=True)
    actions.respond(weekly, nth_key(weekly, 1), by=other, going=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due_reminders() == 1
    assert [m.to for m in mail.outbox] == [[resident.email]]

    # a week later, that date was cancelled in the meantime: no reminder
    actions.cancel_occurrence(weekly, timezone.localtime(nth_key(weekly, 1)).date(), by=editor)
    assert tasks.send_due_reminders(now=timezone.now() + timedelta(weeks=1)) == 0


def test_the_reminder_task_is_the_same_work():
    event = event_page(start=tomorrow_at(10))
    actions.respond(event, None, by=UserFactory(), going=True)

    result = tasks.send_event_reminders.enqueue()

    assert result.return_value == 1
    assert tasks.send_due_reminders() == 0


def test_cancelling_one_date_tells_only_the_people_of_that_date(editor, client,
                                                                django_capture_on_commit_callbacks):
    # given a weekly group where one person goes next week and another the week after
    weekly = event_page(title="Support group", frequency="WEEKLY")
    next_week, week_after = nth_key(weekly, 0), nth_key(weekly, 1)
    first, second = UserFactory(), UserFactory()
    actions.respond(weekly, next_week, by=first, going=True)
    actions.respond(weekly, week_after, by=second, going=True)

    # when the editor cancels next week's date
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_occurrence(weekly, timezone.localtime(next_week).date(), by=editor,
                                  note="Hall closed")

    # then only the first person hears about it, once, and the page shows the date as cancelled
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([first.email], "[Common Ground] Cancelled: Support group")]
    assert "Hall closed" in mail.outbox[0].body
    assert tasks.send_cancellation_emails.enqueue(weekly.pk).return_value == 0
    html = client.get(weekly.url).text
    assert "Hall closed" in html and "badge--cancelled" in html


def test_cancelling_in_the_admin_tells_everyone_going_or_waiting(administrator, editor, client,
                                                                 django_capture_on_commit_callbacks):
    # given a full event with one person going and one waiting
    event = event_page(title="Training", capacity=1)
    going, waiting = UserFactory(), UserFactory()
    actions.respond(event, None, by=going, going=True)
    actions.respond(event, None, by=waiting, going=True)

    # when "cancelled" is ticked and the page published (by an administrator, or a second editor
    # approving it), as in the admin
    page = event.get_latest_revision_as_object()
    page.is_cancelled = True
    page.cancellation_note = "Trainer unwell"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=administrator)

    # then both are told once, and the page stays with a clear notice
    assert sorted(m.to[0] for m in mail.outbox) == sorted([going.email, waiting.email])
    response = client.get(event.url)
    assert response.status_code == 200
    assert "This event has been cancelled" in response.text and "Trainer unwell" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        event.get_latest_revision_as_object().save_revision(user=editor).publish(user=administrator)
    assert len(mail.outbox) == 2


def test_cancel_actions_check_permission(resident):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.cancel_event(event_page(), by=resident)


def test_the_sweep_tells_of_a_cancellation_whose_task_was_never_enqueued(
        editor, django_capture_on_commit_callbacks):
    # given a date cancelled but its email task lost (the on-commit enqueue never ran)
    weekly = event_page(title="Support group", frequency="WEEKLY")
    going = UserFactory()
    actions.respond(weekly, nth_key(weekly, 0), by=going, going=True)
    actions.respond(weekly, nth_key(weekly, 1), by=UserFactory(), going=True)
    with django_capture_on_commit_callbacks(execute=False):
        actions.cancel_occurrence(weekly, timezone.localtime(nth_key(weekly, 0)).date(), by=editor,
                                  note="Hall closed")
    assert mail.outbox == []

    # when the sweep runs, twice
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_cancellation_emails.enqueue().return_value == 1
        assert tasks.sweep_cancellation_emails.enqueue().return_value == 0

    # then the person of that date is told, once
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([going.email], "[Common Ground] Cancelled: Support group")]
    assert Rsvp.objects.filter(cancellation_sent_at__isnull=False).count() == 1
