"""A moderator's rejection reaches the author in the language on their account (issue 19)."""

import pytest
from django.core import mail

from forums.moderation import actions as moderation_actions
from portal.accounts.roles import Role
from tests.factories import UserFactory, established_resident, forum_thread, held_reply, staff_user

pytestmark = pytest.mark.django_db


def test_a_rejection_is_explained_in_the_authors_language(board, django_capture_on_commit_callbacks):
    thread = forum_thread(established_resident(), board)
    author = UserFactory(preferred_language="es")
    _post, item = held_reply(author, thread, body="Mi publicación larga")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation_actions.reject(item, by=staff_user(Role.MODERATOR), reason="Fuera de tema")

    [email] = mail.outbox
    assert "Tu publicación no se publicó" in email.subject
    assert "Un moderador no publicó tu publicación" in email.body
    assert "Motivo: Fuera de tema" in email.body and "Mi publicación larga" in email.body
