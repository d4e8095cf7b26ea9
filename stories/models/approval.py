"""The publishing workflow's task: a second editor approves what the first submitted."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from wagtail.models import AbstractGroupApprovalTask, Revision

APPROVING_ACTIONS = {"approve"}


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """A group approval where neither the person who submitted the page nor the author of the
    revision that would be published can approve it (they may still request changes)."""

    class Meta:
        verbose_name = gettext_lazy("second editor approval task")
        verbose_name_plural = gettext_lazy("second editor approval tasks")

    @staticmethod
    def _submitted_by(obj, user):
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    @staticmethod
    def _wrote_latest_revision(obj, user):
        latest = (Revision.objects.filter(base_content_type=obj.get_base_content_type(),
                                          object_id=str(obj.pk))
                  .order_by("-created_at", "-pk").values_list("user_id", flat=True).first())
        return latest == user.pk

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        actions = super().get_actions(obj, user)
        if actions and self._wrote_latest_revision(obj, user):
            return [action for action in actions if action[0] not in APPROVING_ACTIONS]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(gettext_lazy("Another editor must review a page you submitted."))
        if (user is not None and action_name in APPROVING_ACTIONS
                and self._wrote_latest_revision(task_state.workflow_state.content_object, user)):
            raise PermissionDenied(gettext_lazy("Another editor must approve changes you made."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except the person who submitted the page."
