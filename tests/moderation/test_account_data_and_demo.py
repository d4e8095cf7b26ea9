"""A resident's moderation data in their export and after account deletion; the demo queue."""

import pytest
from django.core.management import call_command

from forums import actions as forum_actions
from forums.moderation import actions
from forums.moderation.models import Flag, FlagReason, ReviewItem, ReviewReason
from portal.accounts import actions as account_actions
from portal.accounts import queries as account_queries
from tests.factories import established_resident, forum_thread

pytestmark = pytest.mark.django_db


def test_export_lists_flags_and_deletion_clears_their_notes(board):
    thread = forum_thread(established_resident(), board)
    post = forum_actions.reply(thread, by=established_resident(), body="A reply")
    flagger = established_resident()
    actions.flag_post(post, by=flagger, reason=FlagReason.OTHER, note="My neighbour Jo says so")

    exported = account_queries.export_user_data(flagger)
    assert exported["moderation"]["flags"][0]["note"] == "My neighbour Jo says so"

    account_actions.delete_account(flagger, by=flagger)
    assert Flag.objects.get().note == ""


def test_the_demo_fills_the_review_queue_once(settings, demo_city):
    settings.DEBUG = True
    reasons = set(ReviewItem.objects.open().values_list("reason", flat=True))
    assert {ReviewReason.PERSONAL_DATA, ReviewReason.FLAGGED} <= reasons
    count = ReviewItem.objects.count()
    call_command("seed_demo")
    assert ReviewItem.objects.count() == count
