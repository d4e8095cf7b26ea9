"""Bulk approve and reject in the review queue (Wagtail bulk actions on the ReviewItem snippet)."""

from django import forms
from django.utils.translation import gettext_lazy, ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import actions, permissions
from .models import ReviewItem


class _ReviewBulkAction(SnippetBulkAction):
    models = [ReviewItem]
    template_name = "moderation/admin/confirm_bulk.html"

    def check_perm(self, obj):
        user = self.request.user
        return (permissions.can_moderate(user) and obj.is_open
                and obj.claimed_by_id in (None, user.pk))

    @classmethod
    def get_queryset(cls, model, object_ids):
        return ReviewItem.objects.for_queue().filter(pk__in=object_ids)

    def get_execution_context(self):
        return {"user": self.request.user, **self.cleaned_form.cleaned_data}


class ApproveBulkAction(_ReviewBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the selected posts")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for item in objects:
            actions.approve(item, by=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)s post approved.", "%(count)s posts approved.",
                        num_parent_objects) % {"count": num_parent_objects}


class RejectForm(forms.Form):
    reason = forms.CharField(max_length=500, label=gettext_lazy("Reason (each author is emailed this)"),
                             widget=forms.Textarea(attrs={"rows": 2}))


class RejectBulkAction(_ReviewBulkAction):
    display_name = gettext_lazy("Reject")
    action_type = "reject"
    aria_label = gettext_lazy("Reject the selected posts")
    action_priority = 20
    form_class = RejectForm
    classes = {"serious"}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        for item in objects:
            actions.reject(item, by=user, reason=reason)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)s post rejected; its author is emailed the reason.",
                        "%(count)s posts rejected; their authors are emailed the reason.",
                        num_parent_objects) % {"count": num_parent_objects}
