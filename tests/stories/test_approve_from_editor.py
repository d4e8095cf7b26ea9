"""'Approve and Publish' from the page editor: a second editor's approval publishes every time,
and nobody approves a revision they wrote themselves."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import WorkflowState

from portal.accounts.roles import Role
from stories.models import ReportIndexPage, ReportPage
from tests.factories import staff_user, story_index
from tests.refusals import assert_staff_refused_by_admin
from tests.stories.test_admin_editing import report_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_report(client, editor):
    index = story_index(ReportIndexPage, "reports")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "reportpage", index.pk]),
        {**report_form(), "action-submit": "Submit"},
    )
    assert response.status_code == 302
    client.logout()
    return ReportPage.objects.get(slug="quarterly-report-from-the-admin")


def approve_from_editor(client, user, page, **changes):
    client.force_login(user)
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**report_form(**changes), "action-workflow-action": "true",
         "workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
    )


def workflow_status(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).latest("created_at").status


@pytest.mark.parametrize("attempt", range(3))
def test_a_second_editor_approves_from_the_editor_and_the_page_is_live(
    client, submitted_report, attempt
):
    reviewer = staff_user(Role.EDITOR)

    response = approve_from_editor(client, reviewer, submitted_report)

    assert response.status_code == 302
    submitted_report.refresh_from_db()
    assert submitted_report.live
    assert not submitted_report.has_unpublished_changes
    assert workflow_status(submitted_report) == "approved"


def test_the_submitter_approving_from_the_editor_is_refused_and_nothing_is_published(
    client, editor, submitted_report
):
    response = approve_from_editor(client, editor, submitted_report)

    # Wagtail treats an action the user is not offered as a plain save of the draft
    assert response.status_code == 302
    submitted_report.refresh_from_db()
    assert not submitted_report.live
    assert workflow_status(submitted_report) == "in_progress"


def test_a_save_of_the_draft_loaded_before_the_approval_does_not_take_the_page_offline(
    submitted_report,
):
    # Given the page editor's autosave holding the draft it loaded before the approval
    stale_draft = ReportPage.objects.get(pk=submitted_report.pk)
    task_state = WorkflowState.objects.get(object_id=str(submitted_report.pk)) \
        .current_task_state.specific

    # When a second editor approves, and the autosave then writes its copy of the draft
    task_state.task.specific.on_action(task_state, staff_user(Role.EDITOR), "approve")
    stale_draft.save()

    # Then the page stays published
    submitted_report.refresh_from_db()
    assert submitted_report.live
    assert submitted_report.live_revision_id is not None


def test_unpublishing_still_takes_an_approved_page_offline(submitted_report):
    task_state = WorkflowState.objects.get(object_id=str(submitted_report.pk)) \
        .current_task_state.specific
    task_state.task.specific.on_action(task_state, staff_user(Role.EDITOR), "approve")

    ReportPage.objects.get(pk=submitted_report.pk).unpublish()

    submitted_report.refresh_from_db()
    assert not submitted_report.live


def test_a_reviewer_who_changed_the_page_cannot_approve_their_own_changes(
    client, submitted_report
):
    # Given a reviewer who edited the submitted page
    reviewer = staff_user(Role.EDITOR)
    submitted_report.refresh_from_db()
    submitted_report.summary = "The reviewer's own wording."
    submitted_report.save_revision(user=reviewer)
    task_state = WorkflowState.objects.get(object_id=str(submitted_report.pk)) \
        .current_task_state.specific
    task = task_state.task.specific

    # Then they may request changes but not approve, and a third editor may approve
    assert [name for name, *_ in task.get_actions(submitted_report, reviewer)] == ["reject"]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, reviewer, "approve")
    third_editor = staff_user(Role.EDITOR)
    assert "approve" in [name for name, *_ in task.get_actions(submitted_report, third_editor)]
    task.on_action(task_state, third_editor, "approve")
    submitted_report.refresh_from_db()
    assert submitted_report.live
    assert submitted_report.summary == "The reviewer's own wording."


def test_a_reviewer_who_edits_and_approves_in_the_editor_keeps_the_edit_unpublished(
    client, submitted_report
):
    reviewer = staff_user(Role.EDITOR)

    response = approve_from_editor(client, reviewer, submitted_report,
                                   summary="Changed while reviewing.")

    # The edit is saved as a new revision, then the approval is refused (Wagtail's admin answer)
    assert_staff_refused_by_admin(response)
    submitted_report.refresh_from_db()
    assert not submitted_report.live
    assert submitted_report.get_latest_revision_as_object().summary == "Changed while reviewing."
    assert workflow_status(submitted_report) == "in_progress"
