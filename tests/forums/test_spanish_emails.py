"""Every email goes out in the recipient's language (issue 19): the forum's reply digest and
the events' emails for a resident who prefers Spanish, with links to the Spanish pages; someone who
prefers nothing still gets English. (A moderator's rejection: tests/moderation.)"""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import actions as event_actions
from events import emails as event_emails
from events.models import Rsvp
from forums import actions
from tests.factories import UserFactory, event_page, forum_thread

pytestmark = pytest.mark.django_db


def spanish(user):
    user.preferred_language = "es"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_reply_email_is_in_the_followers_language(board, django_capture_on_commit_callbacks):
    reader, english_reader, neighbour = spanish(UserFactory()), UserFactory(), UserFactory()
    thread = forum_thread(reader, board, title="Farolas en Elm Road")
    actions.follow(thread, by=english_reader)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(thread, by=neighbour, body="Yo también lo vi.")

    [to_reader] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Respuestas nuevas en Farolas en Elm Road" in to_reader.subject
    assert f"Hola, {reader.display_name}:" in to_reader.body
    assert "Farolas en Elm Road: 1 respuesta nueva" in to_reader.body
    assert "/es/" in to_reader.body and "Dejar de recibir correos sobre este tema" in to_reader.body
    [to_english] = [m for m in mail.outbox if m.to == [english_reader.email]]
    assert "New replies in Farolas en Elm Road" in to_english.subject and "/es/" not in to_english.body


def test_event_emails_are_in_the_residents_language_with_spanish_dates(django_capture_on_commit_callbacks):
    start = datetime(timezone.localdate().year + 1, 3, 2, 18, 0, tzinfo=timezone.get_current_timezone())
    event = event_page(title="Taller de naloxona", capacity=1, start=start, end=start + timedelta(hours=2))
    going, waiting = UserFactory(), spanish(UserFactory())
    for user in (going, waiting):
        event_actions.respond(event, None, by=user, going=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_actions.respond(event, None, by=going, going=False)  # the place passes to `waiting`
        event_emails.reminder(Rsvp.objects.get(user=waiting))
        event_emails.cancelled(Rsvp.objects.get(user=waiting))

    subjects = sorted(m.subject for m in mail.outbox)
    assert [s.split("] ", 1)[-1] for s in subjects] == sorted([
        "Tienes un lugar: Taller de naloxona", "Mañana: Taller de naloxona", "Cancelado: Taller de naloxona"])
    promoted = next(m for m in mail.outbox if "Tienes un lugar" in m.subject)
    assert "Se liberó un lugar y es tuyo" in promoted.body
    assert "de marzo de" in promoted.body  # "lunes 2 de marzo de 2027, 18:00"
    assert "/es/" in promoted.body
    reminder = next(m for m in mail.outbox if "Mañana" in m.subject)
    assert "Te recordamos que mañana asistirás" in reminder.body
