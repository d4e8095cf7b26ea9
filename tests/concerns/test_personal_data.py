"""Reasons on a concern's public timeline and official answers are shown at once, without review:
personal details in them are refused with a message that names what was found."""

import pytest
from django.core.exceptions import ValidationError

from forums.concerns import actions
from forums.concerns.models import ConcernEvent, State
from forums.models import Post

pytestmark = pytest.mark.django_db

DETAILS = "He is at 12 Acacia Avenue, AB12 CDE, ring 07700 900123"


def test_a_resolve_reason_with_personal_details_is_refused(concern, liaison):
    actions.answer(concern, by=liaison, kind="information", body="Looked into it.")
    with pytest.raises(ValidationError, match="a phone number"):
        actions.resolve(concern, by=liaison, reason=DETAILS)
    concern.refresh_from_db()
    assert concern.state != State.RESOLVED
    assert not ConcernEvent.objects.filter(reason__contains="Acacia").exists()


def test_reopen_and_withdraw_reasons_with_personal_details_are_refused(concern, resident, liaison):
    actions.answer(concern, by=liaison, kind="information", body="Looked into it.")
    actions.resolve(concern, by=liaison, reason="Sharps bin installed")
    with pytest.raises(ValidationError, match="a street address"):
        actions.reopen(concern, by=resident, reason="Still dealing at 12 Acacia Avenue")
    actions.reopen(concern, by=resident, reason="More needles today")
    with pytest.raises(ValidationError, match="a vehicle number plate"):
        actions.close(concern, by=resident, reason="withdrawn", note="the car AB12 CDE has gone")
    assert not ConcernEvent.objects.filter(reason__contains="AB12").exists()


def test_an_official_answer_with_personal_details_is_refused(concern, liaison):
    with pytest.raises(ValidationError, match="The answer seems to contain"):
        actions.answer(concern, by=liaison, body=f"We visited. {DETAILS}", kind="action_taken")
    assert not Post.objects.filter(body_source__contains="Acacia").exists()
    post = actions.answer(concern, by=liaison, body="Officers visited the park twice.", kind="action_taken")
    assert post.is_official_response
