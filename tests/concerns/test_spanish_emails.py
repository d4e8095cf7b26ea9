"""Concern emails in the recipient's language (issue 19): a liaison who prefers Spanish gets the
routing email in Spanish while a colleague at another partner gets it in English, and a resident
who prefers Spanish hears of the answer in Spanish, with a link to the Spanish page."""

import pytest
from django.core import mail

from forums.concerns import actions
from tests.factories import raised_concern

pytestmark = pytest.mark.django_db


def spanish(user):
    user.preferred_language = "es"
    user.save(update_fields=["preferred_language"])
    return user


def test_routing_and_answers_reach_each_person_in_their_language(
        resident, concern_board, topic, area, rules, liaison, ngo_liaison,
        django_capture_on_commit_callbacks):
    spanish(resident), spanish(ngo_liaison)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        concern = raised_concern(resident, concern_board, topic=topic, neighbourhood=area)

    to = {m.to[0]: m for m in mail.outbox}
    assert "Nueva inquietud para Harbour Lights (test)" in to[ngo_liaison.email].subject
    assert "Se envió una inquietud a Harbour Lights (test)." in to[ngo_liaison.email].body
    assert "/es/" in to[ngo_liaison.email].body
    assert "New concern for" in to[liaison.email].subject
    assert "A concern was sent to" in to[liaison.email].body
    assert "Tu inquietud" in to[resident.email].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer(concern, by=liaison, body="Se instaló un contenedor.", kind="action_taken")
    [email] = [m for m in mail.outbox if m.to == [resident.email]]
    assert "Tu inquietud:" in email.subject
    assert "Recibes estos correos porque sigues este tema" in email.body
    assert "/es/" in email.body
