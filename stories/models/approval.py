"""The publishing workflow's task: a second editor approves what the first submitted."""

from django.core.exceptions import PermissionDenied
from wagtail.models import AbstractGroupApprovalTask


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """A group approval where the person who submitted the page cannot approve it."""

    class Meta:
        verbose_name = "second editor approval task"
        verbose_name_plural = "second editor approval tasks"

    @staticmethod
    def _submitted_by(obj, user):
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied("Another editor must review a page you submitted.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except the person who submitted the page."
