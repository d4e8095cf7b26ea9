"""The admin side of concerns: the liaison inbox (a ModelViewSet filtered to the liaison's
partner), routing rules and response templates (snippets for administrators), log actions."""

from datetime import timedelta

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.log_actions import register_log_actions
from portal.taxonomy.models import Neighbourhood, Topic

from . import jobs, permissions
from .models import WAITING_STATES, Concern, ResponseTemplate, RoutingRule, State
from .routing_admin import partner_names, try_routing

LOG_ACTIONS = {
    "concerns.raised": "Raised a concern",
    "concerns.routed": "Routed a concern",
    "concerns.rerouted": "Re-routed a concern",
    "concerns.claimed": "Claimed or assigned a concern",
    "concerns.state": "Changed a concern's state",
    "concerns.answered": "Answered a concern officially",
    "concerns.note": "Wrote an internal note",
    "concerns.satisfaction": "Answered the satisfaction question",
    "concerns.satisfaction_cleared": "Cleared the satisfaction answer (concern reopened)",
}


@hooks.register("register_log_actions")
def register_concern_log_actions(actions):
    register_log_actions(actions, {action: (label, None) for action, label in LOG_ACTIONS.items()})


# The inbox -------------------------------------------------------------------------------------

AGE_CHOICES = [("week", "Less than a week old"), ("month", "1 week to 30 days old"),
               ("older", "More than 30 days old")]


def _liaisons(request):
    users = User.objects.filter(groups__name=Role.LIAISON, is_active=True, partner__isnull=False)
    if request is not None and not permissions.is_moderator(request.user):
        users = users.filter(partner_id=request.user.partner_id)
    return users.order_by("display_name")


class InboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="Any state")
    topic = django_filters.ModelChoiceFilter(field_name="thread__topic", label="Topic",
                                             queryset=Topic.objects.all())
    neighbourhood = django_filters.ModelChoiceFilter(
        field_name="thread__neighbourhood", label="Neighbourhood",
        queryset=Neighbourhood.objects.all())
    age = django_filters.ChoiceFilter(label="Age", choices=AGE_CHOICES, method="filter_age",
                                      empty_label="Any age")
    overdue = django_filters.BooleanFilter(label="Overdue (no official answer past the target)",
                                           method="filter_overdue")
    claimed_by = django_filters.ModelChoiceFilter(label="Claimed by", queryset=_liaisons)
    is_unmatched = django_filters.BooleanFilter(label="Matched no routing rule")

    class Meta:
        model = Concern
        fields = ["state", "topic", "neighbourhood", "age", "overdue", "claimed_by",
                  "is_unmatched"]

    def filter_age(self, queryset, name, value):
        now = timezone.now()
        week, month = now - timedelta(days=7), now - timedelta(days=30)
        return {
            "week": queryset.filter(published_at__gte=week),
            "month": queryset.filter(published_at__lt=week, published_at__gte=month),
            "older": queryset.filter(published_at__lt=month),
        }.get(value, queryset)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Concern.objects.overdue(timezone.now(), jobs.target_days()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class InboxIndexView(IndexView):
    page_title = "Concerns inbox"

    def get_base_queryset(self):
        concerns = (Concern.objects.exclude(state=State.SUBMITTED)
                    .select_related("thread__board", "thread__topic", "thread__neighbourhood",
                                    "thread__author", "claimed_by")
                    .prefetch_related("routes__partner"))
        user = self.request.user
        if permissions.is_moderator(user):
            return concerns
        if user.is_liaison:
            return concerns.filter(routes__partner_id=user.partner_id)
        return concerns.none()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        self._decorate(page.object_list)
        return paginator, page, page.object_list, is_paginated

    def _decorate(self, concerns):
        """What each row shows that depends on who is looking, computed without queries."""
        user, overdue_before = self.request.user, timezone.now() - timedelta(days=self.target)
        for concern in concerns:
            concern._partner_ids = frozenset(r.partner_id for r in concern.routes.all())
            concern.sent_to = ", ".join(r.partner.name for r in concern.routes.all())
            concern.contact = (concern.thread.author.email
                               if permissions.can_see_contact_details(user, concern) else "")
            concern.is_overdue = bool(concern.state in WAITING_STATES
                                      and concern.first_response_at is None and concern.published_at
                                      and concern.published_at < overdue_before)

    @property
    def target(self):
        if not hasattr(self, "_target"):
            self._target = jobs.target_days()
        return self._target

    def get_edit_url(self, instance):
        """Liaisons work a concern on its public page, where their tools are."""
        return instance.thread.url_under(instance.thread.board.url)


class InboxPermissionPolicy(ModelPermissionPolicy):
    """Concerns change only through actions (on the concern's page): nobody adds, edits or
    deletes one in the admin, not even a superuser."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


register_permission_policy(Concern, InboxPermissionPolicy(Concern))


class ConcernInboxViewSet(ModelViewSet):
    model = Concern
    icon = "mail"
    menu_label = "Concerns inbox"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "concerns"
    name = "concerns_inbox"
    index_view_class = InboxIndexView
    filterset_class = InboxFilterSet
    list_per_page = 100
    list_display = [
        TitleColumn("title", label="Concern", accessor="title",
                    get_url=lambda c: c.thread.url_under(c.thread.board.url)),
        Column("state", label="State", accessor="get_state_display"),
        Column("topic", label="Topic", accessor="thread.topic"),
        Column("neighbourhood", label="Neighbourhood", accessor="thread.neighbourhood"),
        Column("sent_to", label="Sent to"),
        DateColumn("published_at", label="Received", sort_key="published_at"),
        Column("overdue", label="Overdue",
               accessor=lambda c: "Overdue" if c.is_overdue else ""),
        Column("claimed_by", label="Claimed by", accessor="claimed_by"),
        Column("contact", label="Contact (shared)", accessor="contact"),
        Column("flag", label="Rule gap",
               accessor=lambda c: format_html("<strong>{}</strong>", "No rule matched")
               if c.is_unmatched else ""),
    ]
    form_fields = ["state"]  # no add or edit in the admin: actions change concerns


@hooks.register("register_admin_viewset")
def register_inbox():
    return ConcernInboxViewSet()


class RoutingRuleIndexView(SnippetIndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons,
                HeaderButton("Try the rules", url=reverse("concerns_try_routing"), icon_name="search")]


class RoutingRuleViewSet(SnippetViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = "Routing rules"
    menu_order = 160
    add_to_admin_menu = True  # used daily: in the main menu, not under Snippets
    index_view_class = RoutingRuleIndexView
    list_display = ["__str__", Column("partners", label="Partners", accessor=partner_names),
                    "is_active"]
    list_filter = ["topic", "neighbourhood", "is_active", "partners"]

    def get_queryset(self, request):
        return RoutingRule.objects.select_related("topic", "neighbourhood") \
            .prefetch_related("partners")


@hooks.register("register_admin_urls")
def register_try_routing_url():
    return [path("routing-rules/try/", try_routing, name="concerns_try_routing")]


class ResponseTemplateViewSet(SnippetViewSet):
    model = ResponseTemplate
    icon = "doc-full"
    menu_label = "Response templates"
    list_display = ["title", "partner", "topic"]
    list_filter = ["partner", "topic"]


register_snippet(RoutingRuleViewSet)
register_snippet(ResponseTemplateViewSet)
