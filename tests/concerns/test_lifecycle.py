"""The state machine and its public timeline, official answers signed by the organisation,
reopening within 30 days, the satisfaction question, and the forms on the thread page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forums.concerns import actions
from forums.concerns.models import SatisfactionAnswer, State
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def state_of(concern):
    concern.refresh_from_db()
    return concern.state


def test_full_life_with_timeline_signed_by_organisations(concern, resident, liaison, partner):
    # when a liaison claims, answers, and resolves; then the resident reopens
    actions.claim(concern, by=liaison)
    assert state_of(concern) == State.ACKNOWLEDGED
    post = actions.answer(concern, by=liaison, body="Officers visited the park.", kind="action_taken")
    assert state_of(concern) == State.ANSWERED
    actions.resolve(concern, by=liaison, reason="Sharps bin installed")
    assert state_of(concern) == State.RESOLVED
    actions.reopen(concern, by=resident, reason="More needles today")
    assert state_of(concern) == State.OPEN
    # then the public timeline says who (as the organisation), when and why
    public = list(concern.events.filter(is_public=True).values_list("actor_label", "summary"))
    assert public == [
        ("The resident", "Submitted"),
        ("Common Ground", public[1][1]),
        (partner.name, "Acknowledged"),
        (partner.name, "Official response: Action taken"),
        (partner.name, "Resolved"),
        ("The resident", "Reopened by the resident"),
    ]
    assert concern.events.get(summary="Resolved").reason == "Sharps bin installed"
    # and the answer is an official post signed by the organisation, not the liaison
    assert post.is_official_response and post.official_partner == partner
    assert post.public_author_name == partner.name
    assert liaison.display_name not in post.public_author_name + post.staff_badge


def test_liaison_may_sign_with_their_name(concern, liaison):
    post = actions.answer(concern, by=liaison, body="Hello", kind="information", sign_name=True)
    assert post.staff_badge == f"Signed by {liaison.display_name}"


def test_not_actionable_answer_needs_a_reason(concern, liaison):
    with pytest.raises(ValidationError):
        actions.answer(concern, by=liaison, body="Sorry", kind="not_actionable")
    assert state_of(concern) == State.OPEN


@pytest.mark.parametrize("state", [State.SUBMITTED, State.RESOLVED, State.CLOSED])
def test_no_answer_outside_active_states(concern, liaison, state):
    concern.state = state
    concern.save()
    with pytest.raises(PermissionDenied):
        actions.answer(concern, by=liaison, body="Late", kind="information")


def test_refused_transitions(concern, resident, liaison, other_liaison):
    with pytest.raises(PermissionDenied):
        actions.reopen(concern, by=resident)  # not resolved
    with pytest.raises(PermissionDenied):
        actions.resolve(concern, by=resident)  # residents do not resolve
    with pytest.raises(PermissionDenied):
        actions.acknowledge(concern, by=other_liaison)  # not routed to them
    with pytest.raises(PermissionDenied):
        actions.close(concern, by=liaison, reason="withdrawn")  # only the resident withdraws
    with pytest.raises(PermissionDenied):
        actions.close(concern, by=resident, reason="duplicate")
    actions.close(concern, by=resident, reason="withdrawn", note="Sorted it myself")
    assert state_of(concern) == State.CLOSED and concern.close_reason == "withdrawn"
    with pytest.raises(PermissionDenied):
        actions.acknowledge(concern, by=liaison)


def test_reopen_only_within_30_days(concern, resident, liaison):
    actions.answer(concern, by=liaison, kind="information", body="Looked into it.")
    actions.resolve(concern, by=liaison)
    concern.resolved_at = timezone.now() - timedelta(days=31)
    concern.save()
    with pytest.raises(PermissionDenied):
        actions.reopen(concern, by=resident)
    with pytest.raises(PermissionDenied):
        actions.reopen(concern, by=UserFactory())  # another resident
    concern.resolved_at = timezone.now() - timedelta(days=29)
    concern.save()
    actions.reopen(concern, by=resident)
    assert state_of(concern) == State.OPEN


def test_satisfaction_is_asked_once_after_resolution(concern, resident, liaison):
    with pytest.raises(PermissionDenied):
        actions.give_satisfaction(concern, by=resident, answer="yes")
    actions.answer(concern, by=liaison, kind="information", body="Looked into it.")
    actions.resolve(concern, by=liaison)
    actions.give_satisfaction(concern, by=resident, answer="partly", comment="Better now")
    concern.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.give_satisfaction(concern, by=resident, answer="yes")
    assert SatisfactionAnswer.objects.get(concern=concern).answer == "partly"


# Through the pages -----------------------------------------------------------------------------

def test_raising_a_concern_needs_topic_and_area_and_keeps_the_input(client, resident, concern_board):
    client.force_login(resident)
    url = concern_board.url + "new/"
    page = client.get(url).content.decode()
    assert "Share my contact details with the responding partners" in page
    response = client.post(url, {"token": "t1", "title": "Needles again in the park",
                                 "body": "By the swings."})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("This field is required.") == 2
    assert "Needles again in the park" in html


def test_raising_a_concern_routes_it(client, resident, concern_board, topic, area, rules, partner,
                                    django_capture_on_commit_callbacks):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(concern_board.url + "new/", {
            "token": "t2", "title": "Needles again in the park", "body": "By the swings.",
            "topic": topic.pk, "neighbourhood": area.pk, "share_contact": "on"})
    page = client.get(response.url).content.decode()
    assert "Status: <span class=\"concern-state concern-state--open\">Open</span>" in page
    assert partner.name in page
    thread = concern_board.threads.get()
    assert thread.concern.share_contact is True


def test_liaison_answers_on_the_page_and_the_public_sees_the_organisation(
        client, concern, liaison, partner):
    client.force_login(liaison)
    url = concern.thread.get_absolute_url()
    assert "Answer in public for" in client.get(url).content.decode()
    client.post(f"/forums/concerns/{concern.pk}/answer/", {
        "answer-kind": "action_withheld", "answer-body": "We have acted on this.",
        "answer-reason": ""})
    client.logout()
    page = client.get(url).content.decode()
    assert "Official response: Action taken (details withheld)" in page
    assert '<h2 class="post__author" id="post-' in page and partner.name in page
    assert liaison.display_name not in page
    assert "Partner tools" not in page


def test_a_bad_answer_keeps_what_was_typed(client, concern, liaison):
    client.force_login(liaison)
    response = client.post(f"/forums/concerns/{concern.pk}/answer/", {
        "answer-kind": "not_actionable", "answer-body": "Outside our remit, sorry.",
        "answer-reason": ""})
    page = client.get(response.url).content.decode()
    assert "Not saved: Give a reason" in page
    assert "Outside our remit, sorry." in page
    assert state_of(concern) == State.OPEN


def test_the_resident_sees_satisfaction_question_once(client, concern, resident, liaison):
    actions.answer(concern, by=liaison, kind="information", body="Looked into it.")
    actions.resolve(concern, by=liaison)
    client.force_login(resident)
    url = concern.thread.get_absolute_url()
    assert "Was your concern addressed?" in client.get(url).content.decode()
    client.post(f"/forums/concerns/{concern.pk}/satisfaction/",
                {"satisfaction-answer": "yes", "satisfaction-comment": ""})
    page = client.get(url).content.decode()
    assert "You told us: Yes" in page
    assert "Send my answer" not in page


def test_concern_page_queries_do_not_grow_with_timeline_and_notes(
        client, concern, liaison, ngo_liaison, django_assert_max_num_queries):
    url = concern.thread.get_absolute_url() + "?page=1"
    actions.add_note(concern, by=liaison, body="First note")
    client.force_login(liaison)
    client.get(url)
    # Each measured view has a new answer to read, so both move the liaison's read marker: a view
    # with nothing new writes nothing and would make the comparison unfair.
    actions.answer(concern, by=liaison, body="First update", kind="information")
    with django_assert_max_num_queries(80) as few:
        client.get(url)
    for n in range(8):
        actions.add_note(concern, by=ngo_liaison if n % 2 else liaison, body=f"Note {n}", share=True)
        actions.answer(concern, by=liaison, body=f"Update {n}", kind="information")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Note 7" in page and "Update 7" in page


def test_changes_are_in_wagtails_audit_log(concern, liaison):
    from wagtail.models import ModelLogEntry

    actions.answer(concern, by=liaison, body="Done.", kind="action_taken")
    logged = set(ModelLogEntry.objects.filter(object_id=str(concern.pk))
                 .values_list("action", flat=True))
    assert {"concerns.raised", "concerns.routed", "concerns.answered", "concerns.state"} <= logged


def test_discussion_boards_do_not_ask_for_contact_sharing(client, resident):
    from tests.factories import forum_board

    board = forum_board(slug="talk", title="Talk")
    client.force_login(resident)
    page = client.get(board.url + "new/").content.decode()
    assert "Share my contact details" not in page
    assert "Choose a topic (optional)" in page


def test_anonymous_concern_shows_no_account_to_the_public(client, resident, concern_board, topic,
                                                         area, rules, liaison):
    from tests.factories import raised_concern

    concern = raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                             anonymous=True, share_contact=True)
    page = client.get(concern.thread.get_absolute_url()).content.decode()
    assert resident.display_name not in page and resident.email not in page
    assert "The resident" in page


def test_the_resident_marks_an_answered_concern_resolved_from_its_page(client, concern, resident, liaison):
    url = concern.thread.get_absolute_url() + "?page=1"  # not sent on to the first unread post
    client.force_login(resident)
    assert "Mark my concern resolved" not in client.get(url).content.decode()  # no answer yet
    actions.answer(concern, by=liaison, body="Officers visited the park.", kind="action_taken")
    assert "Mark my concern resolved" in client.get(url).content.decode()
    client.post(f"/forums/concerns/{concern.pk}/resolve/", {"resolve-reason": "The needles are gone"})
    assert state_of(concern) == State.RESOLVED
    page = client.get(url).content.decode()
    assert "Was your concern addressed?" in page and "Mark my concern resolved" not in page
    last = concern.events.filter(is_public=True).last()
    assert (last.actor_label, last.summary, last.reason) == ("The resident", "Resolved",
                                                             "The needles are gone")


def test_only_the_author_resolves_and_only_once_answered(concern, resident, liaison):
    actions.answer(concern, by=liaison, body="Officers visited the park.", kind="action_taken")
    with pytest.raises(PermissionDenied):
        actions.resolve(concern, by=UserFactory())
    actions.resolve(concern, by=resident)
    assert state_of(concern) == State.RESOLVED
