"""Publishing: editors submit, a second editor approves; only live pages reach the public."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import Page, Task, Workflow

from portal.accounts.roles import Role
from stories.models import SecondEditorApprovalTask
from tests.factories import report_page, staff_user
from tests.refusals import assert_staff_refused_by_admin

pytestmark = pytest.mark.django_db


def editors_workflow():
    return Workflow.objects.get(name="Editors' approval")


def submit(page, editor):
    page.save_revision(user=editor)
    return editors_workflow().start(page, editor)


@pytest.fixture
def draft_report(editor):
    return report_page(title="Draft quarterly report", live=False)


def test_the_site_uses_the_editors_approval_workflow_not_wagtails_moderators_one():
    root = Page.get_first_root_node()

    assert root.get_workflow() == editors_workflow()
    task = editors_workflow().tasks.get().specific
    assert isinstance(task, SecondEditorApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [Role.EDITOR.value]
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert not Task.objects.filter(name="Moderators approval", active=True).exists()


def test_editors_cannot_publish_directly(editor, draft_report):
    permissions = draft_report.permissions_for_user(editor)

    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_editors_are_offered_submit_for_review_not_publish(client, editor, draft_report):
    client.force_login(editor)

    form = client.get(reverse("wagtailadmin_pages:edit", args=[draft_report.pk]))

    assert form.status_code == 200
    assert 'name="action-submit"' in form.text
    assert 'name="action-publish"' not in form.text


def test_publishing_a_revision_as_an_editor_is_refused(editor, draft_report):
    with pytest.raises(PublishPagePermissionError):
        draft_report.get_latest_revision().publish(user=editor)

    draft_report.refresh_from_db()
    assert not draft_report.live


def test_the_submitter_cannot_approve_their_own_page(editor, draft_report):
    workflow_state = submit(draft_report, editor)
    task_state = workflow_state.current_task_state.specific
    task = task_state.task.specific

    assert task.get_actions(draft_report, editor) == []
    assert not task.get_task_states_user_can_moderate(editor).exists()
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, editor, "approve")
    draft_report.refresh_from_db()
    assert not draft_report.live


def test_the_submitter_is_refused_by_the_admin_approve_action(client, editor, draft_report):
    workflow_state = submit(draft_report, editor)
    client.force_login(editor)

    response = client.post(reverse(
        "wagtailadmin_pages:workflow_action",
        args=[draft_report.pk, "approve", workflow_state.current_task_state.pk],
    ))

    assert_staff_refused_by_admin(response)
    draft_report.refresh_from_db()
    assert not draft_report.live


def test_a_second_editor_approves_and_the_page_goes_live(editor, draft_report):
    second_editor = staff_user(Role.EDITOR)
    workflow_state = submit(draft_report, editor)
    task_state = workflow_state.current_task_state.specific
    task = task_state.task.specific

    assert [name for name, *_ in task.get_actions(draft_report, second_editor)] == [
        "reject", "approve", "approve"
    ]
    task.on_action(task_state, second_editor, "approve")

    draft_report.refresh_from_db()
    assert draft_report.live


def test_moderators_and_liaisons_cannot_approve_pages(editor, moderator, liaison, draft_report):
    submit(draft_report, editor)
    task = editors_workflow().tasks.get().specific

    assert task.get_actions(draft_report, moderator) == []
    assert task.get_actions(draft_report, liaison) == []


def test_an_approved_page_with_a_go_live_date_is_published_by_publish_scheduled(
    editor, draft_report
):
    # Given a report scheduled for a moment that has passed by the time the timer runs
    from django.core.management import call_command
    from django.utils import timezone

    draft_report.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    workflow_state = submit(draft_report, editor)
    task_state = workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, staff_user(Role.EDITOR), "approve")
    draft_report.refresh_from_db()
    assert not draft_report.live  # approved, waiting for its go-live time

    # When the go-live time has passed and publish_scheduled runs
    passed = timezone.now() - datetime.timedelta(seconds=1)
    revision = draft_report.scheduled_revision
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    # Then the report is live
    draft_report.refresh_from_db()
    assert draft_report.live
