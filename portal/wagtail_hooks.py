"""The outbox in the Wagtail admin (Settings → Outgoing email): messages waiting, failing or
sent, with "Retry now" and "Give up". Administrators only; nobody edits or deletes a message."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import emails
from .log_actions import register_log_actions
from .models import OutboxEmail

CHANGE = "portal.change_outboxemail"


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Messages are read here, and changed only through retry / give up."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and super().user_has_permission(user, "change")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["change"])


register_permission_policy(OutboxEmail, OutboxPermissionPolicy(OutboxEmail))


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=OutboxEmail.Status.choices)
    failing = django_filters.BooleanFilter(label=gettext_lazy("Failed at least once"),
                                           method="filter_failing")

    class Meta:
        model = OutboxEmail
        fields = ["status", "failing"]

    def filter_failing(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(last_error="") if value else queryset.filter(last_error="")


class OutboxIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutboxEmail.Status.PENDING:
            buttons += [
                MenuItem(gettext_lazy("Retry now"), url=reverse("outbox_act", args=[instance.pk, "retry"]),
                         icon_name="resubmit", priority=40),
                MenuItem(gettext_lazy("Give up"), url=reverse("outbox_act", args=[instance.pk, "give-up"]),
                         icon_name="cross", priority=50),
            ]
        return buttons


class OutboxViewSet(SnippetViewSet):
    model = OutboxEmail
    icon = "mail"
    menu_label = gettext_lazy("Outgoing email")
    menu_name = "outbox"
    add_to_settings_menu = True
    url_prefix = "outbox"
    index_view_class = OutboxIndexView
    filterset_class = OutboxFilterSet
    inspect_view_enabled = True
    # Neither the whole address nor the body (a concern's routing email carries the contact
    # details a resident shared with its partner only): administrators diagnose, they do not read.
    inspect_view_fields = ["subject", "masked_to", "status", "attempts", "uncertain_attempts",
                           "last_error", "created_at", "attempted_at", "next_attempt_at",
                           "sent_at", "template"]
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        TitleColumn("subject", label=gettext_lazy("Subject"),
                    get_url=lambda email: reverse("wagtailsnippets_portal_outboxemail:inspect",
                                                  args=[email.pk]),
                    get_title_id=lambda email: f"snippet_{email.pk}_title"),
        Column("to", label=gettext_lazy("To"), accessor="masked_to"),
        Column("status", accessor="get_status_display"),
        Column("attempts"),
        Column("last_error", label=gettext_lazy("Last error"), accessor=lambda email: email.last_error[:80]),
        DateColumn("created_at", label=gettext_lazy("Queued")),
        DateColumn("next_attempt_at", label=gettext_lazy("Next try")),
    ]


register_snippet(OutboxViewSet)

ACTIONS = {
    "retry": (gettext_lazy("Retry now"), emails.retry_now, "portal.outbox.retried",
              gettext_lazy("Trying again now.")),
    "give-up": (gettext_lazy("Give up"), emails.give_up, "portal.outbox.given_up",
                gettext_lazy("This message will not be sent.")),
}


@require_http_methods(["GET", "POST"])
def outbox_act(request, pk, what):
    if not request.user.has_perm(CHANGE) or what not in ACTIONS:
        raise PermissionDenied
    email = get_object_or_404(OutboxEmail, pk=pk)
    label, action, log_action, done = ACTIONS[what]
    if request.method == "POST":
        if action(email):
            log(instance=email, action=log_action, user=request.user)
            messages.success(request, gettext("“%(subject)s”: %(done)s") % {"subject": email.subject,
                                                                             "done": done})
        else:
            messages.warning(request, gettext("“%(subject)s” is no longer waiting to be sent.")
                             % {"subject": email.subject})
        return redirect("wagtailsnippets_portal_outboxemail:list")
    return TemplateResponse(request, "portal/admin/outbox_confirm.html",
                            {"email": email, "label": label, "what": what})


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [path("outbox/<int:pk>/<slug:what>/", outbox_act, name="outbox_act")]


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    register_log_actions(actions, {
        "portal.outbox.retried": ("Retry email now", "Asked for an outgoing email to be sent again now"),
        "portal.outbox.given_up": ("Give up on email", "Gave up on sending an outgoing email"),
    })
