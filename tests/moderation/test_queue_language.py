"""What the checks found about a post is shown in the moderator's language (issue 19): a review
item stores codes (ReviewItem.notes), its `details` keep the English, and an item older than the
notes shows its details as they were."""

import importlib

import pytest
from django.utils import translation

from forums import actions as forum_actions
from forums.moderation import actions
from forums.moderation.models import ReviewItem, ReviewReason
from portal.accounts.admin_language import to_admin
from tests.factories import UserFactory, established_resident, forum_thread

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/moderation/queue/"


def in_spanish(user):
    user.preferred_language = "es"
    user.save(update_fields=["preferred_language"])
    to_admin(user)  # Wagtail's own preference: the admin's language
    return user


def test_a_moderator_reading_in_spanish_sees_the_reason_in_spanish(client, moderator, board):
    author = established_resident()
    thread = forum_thread(author, board, title="Noise on the estate at night")
    forum_actions.reply(thread, by=author, body="Ring Dave on 07700 900123 about it")
    item = ReviewItem.objects.get(reason=ReviewReason.PERSONAL_DATA)
    assert item.details == "Found a phone number"  # the site's language, whoever reads it
    assert item.notes == [{"code": "found", "kinds": ["phone"]}]

    client.force_login(in_spanish(moderator))
    html = client.get(QUEUE_URL).content.decode()
    assert "Datos personales: Se encontró un número de teléfono" in html
    assert "[un número de teléfono]" in html
    assert "Personal details: Found a phone number" not in html


def test_crisis_language_and_a_new_account_in_spanish(client, moderator, board):
    thread = forum_thread(established_resident(), board)
    forum_actions.reply(thread, by=UserFactory(), body="I want to kill myself tonight")
    item = ReviewItem.objects.get()
    assert item.reason == ReviewReason.CRISIS
    assert item.details == "Crisis language: suicide; New account"
    client.force_login(in_spanish(moderator))
    html = client.get(QUEUE_URL).content.decode()
    assert "Lenguaje de crisis: suicidio; Cuenta nueva" in html


def test_flags_are_counted_in_the_moderators_language(client, moderator, board):
    thread = forum_thread(established_resident(), board)
    post = forum_actions.reply(thread, by=established_resident(), body="Buy cheap watches here")
    actions.flag_post(post, by=established_resident(), reason="spam")
    actions.flag_post(post, by=established_resident(), reason="off-topic")
    item = ReviewItem.objects.get(reason=ReviewReason.FLAGGED)
    assert item.details == "Off-topic × 1, Spam × 1"
    client.force_login(in_spanish(moderator))
    html = client.get(QUEUE_URL).content.decode()
    assert "Reportada por vecinos: Fuera de tema × 1, Spam × 1" in html
    client.force_login(moderator)
    moderator.preferred_language = ""
    moderator.save(update_fields=["preferred_language"])
    to_admin(moderator)
    assert "Flagged by residents: Off-topic × 1, Spam × 1" in client.get(QUEUE_URL).content.decode()


def test_an_item_without_notes_shows_its_details_as_stored(client, moderator, board):
    thread = forum_thread(established_resident(), board)
    post = forum_actions.reply(thread, by=established_resident(), body="A reply")
    ReviewItem.objects.create(post=post, reason=ReviewReason.WATCHED_WORD,
                              details="Checked by hand before the upgrade")
    client.force_login(in_spanish(moderator))
    html = client.get(QUEUE_URL).content.decode()
    assert "Watched word: Checked by hand before the upgrade" in html


@pytest.mark.parametrize(("details", "notes"), [
    ("Found an email address", [{"code": "found", "kinds": ["email"]}]),
    ("New account; Crisis language: an overdose happening now and self-harm",
     [{"code": "new-account"}, {"code": "crisis", "kinds": ["overdose", "self-harm"]}]),
    ("Found a phone number, an email address and a street address",
     [{"code": "found", "kinds": ["phone", "email", "address"]}]),
    ("Watched word “rat”; Blocked watched word",
     [{"code": "watched-word", "phrase": "rat"}, {"code": "blocked-word"}]),
    ("Spam × 2, Someone may be in danger × 1", [{"code": "flags", "counts": {"danger": 1, "spam": 2}}]),
    ("Checked by hand", None),
])
def test_the_migration_reads_old_details(details, notes):
    migration = importlib.import_module("forums.moderation.migrations.0005_review_item_notes")
    assert migration.parse(details) == notes


def test_an_old_item_converted_by_the_migration_shows_in_spanish(client, moderator, board):
    migration = importlib.import_module("forums.moderation.migrations.0005_review_item_notes")
    thread = forum_thread(established_resident(), board)
    post = forum_actions.reply(thread, by=established_resident(), body="A reply")
    from django.apps import apps

    item = ReviewItem.objects.create(post=post, reason=ReviewReason.PERSONAL_DATA,
                                     details="Found a phone number and an email address")
    migration.add_notes(apps, None)
    item.refresh_from_db()
    assert item.notes == [{"code": "found", "kinds": ["phone", "email"]}]
    client.force_login(in_spanish(moderator))
    html = client.get(QUEUE_URL).content.decode()
    assert ("Datos personales: Se encontró un número de teléfono y una dirección de correo "
            "electrónico") in html
    assert item.summary == "Personal details: Found a phone number and an email address"


def test_a_new_accounts_item_names_its_reason_once(thread_for_new_account):
    item = thread_for_new_account
    assert item.summary == "New account"
    with translation.override("es"):
        assert item.summary == "Cuenta nueva"


@pytest.fixture
def thread_for_new_account(board):
    thread = forum_thread(established_resident(), board)
    forum_actions.reply(thread, by=UserFactory(), body="Hello from a new neighbour")
    return ReviewItem.objects.get(reason=ReviewReason.NEW_ACCOUNT)
