"""The admin side of concerns: the liaison inbox (a ModelViewSet filtered to the liaison's
partner), routing rules and response templates (snippets for administrators), log actions."""

from datetime import timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import HistoryView as SnippetHistoryView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.views.snippets import UsageView as SnippetUsageView

from portal.log_actions import register_log_actions
from portal.taxonomy.models import Neighbourhood, Topic

from . import jobs, permissions, views
from .models import (
    ACTIVE_STATES,
    WAITING_STATES,
    Concern,
    ConcernRoute,
    ResponseTemplate,
    RoutingRule,
    State,
)
from .routing_admin import partner_names, try_routing

LOG_ACTIONS = {
    "concerns.raised": gettext_lazy("Raised a concern"),
    "concerns.routed": gettext_lazy("Routed a concern"),
    "concerns.rerouted": gettext_lazy("Re-routed a concern"),
    "concerns.claimed": gettext_lazy("Claimed or assigned a concern"),
    "concerns.state": gettext_lazy("Changed a concern's state"),
    "concerns.answered": gettext_lazy("Answered a concern officially"),
    "concerns.referred": gettext_lazy("Referred a concern to another partner"),
    "concerns.draft_saved": gettext_lazy("Saved a draft answer to a concern"),
    "concerns.note": gettext_lazy("Wrote an internal note"),
    "concerns.satisfaction": gettext_lazy("Answered the satisfaction question"),
    "concerns.satisfaction_cleared": gettext_lazy("Cleared the satisfaction answer (concern reopened)"),
}


@hooks.register("register_log_actions")
def register_concern_log_actions(actions):
    register_log_actions(actions, {action: (label, None) for action, label in LOG_ACTIONS.items()})


# The inbox -------------------------------------------------------------------------------------

AGE_CHOICES = [("week", gettext_lazy("Less than a week old")),
               ("month", gettext_lazy("1 week to 30 days old")),
               ("older", gettext_lazy("More than 30 days old"))]
DUE_SOON = timedelta(days=1)
ANY = "any"
STATE_CHOICES = [*[c for c in State.choices if c[0] != State.SUBMITTED], (ANY, gettext_lazy("Any state"))]
CLAIM_CHOICES = [("mine", gettext_lazy("Claimed by me")), ("unclaimed", gettext_lazy("Unclaimed")),
                 ("colleagues", gettext_lazy("Claimed by a colleague")), (ANY, gettext_lazy("Anyone's"))]


class InboxFilterSet(WagtailFilterSet):
    """The inbox opens on "open, mine and unclaimed": an empty state or claim filter means that
    default (so removing every filter goes back to it); "any" shows everything."""

    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, method="filter_state",
                                        empty_label=gettext_lazy("Open (not resolved or closed)"))
    claim = django_filters.ChoiceFilter(
        label=gettext_lazy("Claimed"), choices=CLAIM_CHOICES, method="filter_claim",
        empty_label=gettext_lazy("Mine and unclaimed (open concerns); anyone's (resolved, closed)"))
    topic = django_filters.ModelChoiceFilter(field_name="thread__topic", label=gettext_lazy("Topic"),
                                             queryset=Topic.objects.all())
    neighbourhood = django_filters.ModelChoiceFilter(
        field_name="thread__neighbourhood", label=gettext_lazy("Neighbourhood"),
        queryset=Neighbourhood.objects.all())
    age = django_filters.ChoiceFilter(label=gettext_lazy("Age"), choices=AGE_CHOICES, method="filter_age",
                                      empty_label=gettext_lazy("Any age"))
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue (no official answer past the target)"),
                                           method="filter_overdue")
    escalated = django_filters.BooleanFilter(label=gettext_lazy("Escalated to a partner's lead"),
                                             method="filter_escalated")
    is_unmatched = django_filters.BooleanFilter(label=gettext_lazy("Matched no routing rule"))

    class Meta:
        model = Concern
        fields = ["state", "claim", "topic", "neighbourhood", "age", "overdue", "escalated",
                  "is_unmatched"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        state = self.form.cleaned_data.get("state")
        if not state:
            queryset = queryset.filter(state__in=ACTIVE_STATES)
        # "Mine and unclaimed" is the default of the open concerns only: resolved and closed
        # concerns were claimed by whoever worked them (the "Resolved" tab showed nothing once
        # someone else had claimed them, and moderators only saw concerns nobody claimed).
        if not self.form.cleaned_data.get("claim") and (not state or state in ACTIVE_STATES):
            queryset = self.filter_claim(queryset, "claim", "mine_or_unclaimed")
        return queryset

    def filter_state(self, queryset, name, value):
        return queryset if value == ANY else queryset.filter(state=value)

    def filter_claim(self, queryset, name, value):
        user = self.request.user
        if value == ANY:
            return queryset
        if not user.is_liaison:  # moderators: claimed by nobody, or by anybody
            unclaimed = ~Exists(ConcernRoute.objects.filter(concern=OuterRef("pk"),
                                                            claimed_by__isnull=False))
            return {"unclaimed": queryset.filter(unclaimed),
                    "mine_or_unclaimed": queryset.filter(unclaimed),
                    "colleagues": queryset.exclude(unclaimed)}.get(value, queryset.none())
        ours = ConcernRoute.objects.filter(concern=OuterRef("pk"), partner_id=user.partner_id)
        mine = Exists(ours.filter(claimed_by=user))
        unclaimed = Exists(ours.filter(claimed_by__isnull=True))
        colleagues = Exists(ours.filter(claimed_by__isnull=False).exclude(claimed_by=user))
        return {"mine": queryset.filter(mine), "unclaimed": queryset.filter(unclaimed),
                "colleagues": queryset.filter(colleagues),
                "mine_or_unclaimed": queryset.filter(mine | unclaimed)}[value]

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

    def filter_escalated(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(escalated_at__isnull=not value)


INBOX_TABS = [("", gettext_lazy("Open")), ("resolved", gettext_lazy("Resolved")),
              ("closed", gettext_lazy("Closed")), (ANY, gettext_lazy("All"))]


class SelectColumn(Column):
    """A checkbox per row for the bulk buttons, tied to the form above the listing (the form
    attribute), with the row's id as "shown" for "every concern shown". Works without JS."""

    def get_value(self, instance):
        label = _("Select “%(title)s”") % {"title": instance.title}
        return format_html(
            '<input type="checkbox" name="concern" value="{}" form="inbox-bulk" '
            'aria-label="{}"><input type="hidden" name="shown" value="{}" form="inbox-bulk">',
            instance.pk, label, instance.pk)


class InboxIndexView(IndexView):
    page_title = gettext_lazy("Concerns inbox")
    template_name = "concerns/admin/inbox_index.html"
    default_ordering = "published_at"  # oldest due first: due = received + the response target
    search_fields = ["thread__title"]
    search_backend_name = None  # the database, on titles only (nothing private is searched)

    @cached_property
    def can_bulk(self):
        """Claiming and acknowledging are for liaisons (moderators are no routed partner)."""
        return self.request.user.is_liaison and permissions.can_use_inbox(self.request.user)

    @cached_property
    def columns(self):
        columns = super().columns
        if self.can_bulk:
            return [SelectColumn("select", label=_("Select")), *columns]
        return columns

    def tabs(self):
        current = self.request.GET.get("state", "")
        return [{"url": f"?state={value}" if value else "?", "label": label,
                 "current": value == current} for value, label in INBOX_TABS]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inbox_tabs"] = self.tabs()
        context["bulk_url"] = reverse("concerns_inbox_bulk")
        return context

    def get_base_queryset(self):
        concerns = (Concern.objects.exclude(state=State.SUBMITTED)
                    .select_related("thread__board", "thread__topic", "thread__neighbourhood",
                                    "thread__author")
                    .prefetch_related("routes__partner", "routes__claimed_by"))
        user = self.request.user
        if permissions.is_moderator(user):
            return concerns
        if user.is_liaison:
            return concerns.filter(routes__partner_id=user.partner_id)
        return concerns.none()

    def order_queryset(self, queryset):
        return super().order_queryset(queryset).order_by(*self._ordering(), "pk")

    def _ordering(self):
        ordering = self.ordering
        return list(ordering) if isinstance(ordering, (list, tuple)) else [ordering]

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        self._decorate(page.object_list)
        return paginator, page, page.object_list, is_paginated

    def to_row_dict(self, item):
        self._decorate([item])
        return super().to_row_dict(item)

    def _decorate(self, concerns):
        """What each row shows that depends on who is looking, computed without queries."""
        user, now = self.request.user, timezone.now()
        moderator = permissions.is_moderator(user)
        for concern in concerns:
            routes = list(concern.routes.all())
            concern._partner_ids = frozenset(r.partner_id for r in routes)
            concern.sent_to = ", ".join(r.partner.name for r in routes)
            concern.contact = (concern.thread.author.email
                               if permissions.can_see_contact_details(user, concern) else "")
            shown = routes if moderator else [r for r in routes if r.partner_id == user.partner_id]
            concern.claimed = "; ".join(
                (f"{r.partner.name}: " if moderator else "") + r.claimed_by.display_name
                for r in shown if r.claimed_by_id)
            concern.is_escalated = any(r.escalated_at for r in shown)
            concern.due_at = (concern.published_at + timedelta(days=self.target)
                              if concern.published_at else None)
            waiting = concern.state in WAITING_STATES and concern.first_response_at is None
            concern.is_overdue = bool(waiting and concern.due_at and concern.due_at < now)
            concern.is_due_soon = bool(waiting and concern.due_at and not concern.is_overdue
                                       and concern.due_at < now + DUE_SOON)
            concern.due_label = ("Overdue" if concern.is_overdue
                                 else "Due soon" if concern.is_due_soon else "")
            concern.topic_area = " · ".join(
                str(x) for x in (concern.thread.topic, concern.thread.neighbourhood) if x)

    @property
    def target(self):
        if not hasattr(self, "_target"):
            self._target = jobs.target_days()
        return self._target

    def get_edit_url(self, instance):
        """Liaisons work a concern on its public page, where their tools are."""
        return instance.thread.url_under(instance.thread.board.url)


def _due_cell(concern):
    if concern.due_at is None:
        return ""
    date = f"{timezone.localtime(concern.due_at):%d %b %Y}"
    if not concern.due_label:
        return format_html('<span class="inbox-nowrap">{}</span>', date)
    kind = "overdue" if concern.is_overdue else "soon"
    return format_html('<span class="inbox-nowrap">{}</span> '
                       '<strong class="inbox-due inbox-due--{}">{}</strong>',
                       date, kind, concern.due_label)


def _state_cell(concern):
    if concern.is_escalated:
        return format_html('{} <strong class="inbox-escalated">Escalated</strong>',
                           concern.get_state_display())
    return concern.get_state_display()


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
    menu_label = gettext_lazy("Concerns inbox")
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "concerns"
    name = "concerns_inbox"
    index_view_class = InboxIndexView
    filterset_class = InboxFilterSet
    list_per_page = 100
    list_display = [
        TitleColumn("title", label=gettext_lazy("Concern"), accessor="title", sort_key="thread__title",
                    classname="inbox-title",
                    get_url=lambda c: c.thread.url_under(c.thread.board.url)),
        Column("topic_area", label=gettext_lazy("Topic · neighbourhood"), accessor="topic_area"),
        Column("state", label=gettext_lazy("State"), accessor=_state_cell, sort_key="state",
               classname="inbox-nowrap"),
        Column("due", label=gettext_lazy("Answer due"), accessor=_due_cell, sort_key="published_at"),
        Column("claimed", label=gettext_lazy("Claimed by"), accessor="claimed"),
        Column("sent_to", label=gettext_lazy("Sent to")),
        Column("contact", label=gettext_lazy("Contact (shared)"), accessor="contact"),
        Column("flag", label=gettext_lazy("Rule gap"),
               accessor=lambda c: format_html("<strong>{}</strong>", "No rule matched")
               if c.is_unmatched else ""),
    ]
    # CSV/XLSX export: the same rows and the same rules as the listing (_decorate): the
    # resident's contact only where they shared it with the exporting liaison's partner.
    list_export = ["title", "topic_area", "state", "published_at", "due_at", "due_label",
                   "is_escalated", "claimed", "sent_to", "contact", "is_unmatched"]
    export_headings = {"title": gettext_lazy("Concern"), "topic_area": gettext_lazy("Topic · neighbourhood"),
                       "published_at": gettext_lazy("Received"), "due_at": gettext_lazy("Answer due"),
                       "due_label": gettext_lazy("Due status"), "is_escalated": gettext_lazy("Escalated"),
                       "claimed": gettext_lazy("Claimed by"), "sent_to": gettext_lazy("Sent to"),
                       "contact": gettext_lazy("Contact (shared)"),
                       "is_unmatched": gettext_lazy("Matched no rule")}
    export_filename = "concerns-inbox"
    form_fields = ["state"]  # no add or edit in the admin: actions change concerns


@hooks.register("insert_global_admin_css")
def inbox_css():
    return format_html('<link rel="stylesheet" href="{}">', static("concerns/inbox_admin.css"))


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
    menu_label = gettext_lazy("Routing rules")
    menu_order = 160
    add_to_admin_menu = True  # used daily: in the main menu, not under Snippets
    index_view_class = RoutingRuleIndexView
    list_display = ["__str__", Column("partners", label=gettext_lazy("Partners"), accessor=partner_names),
                    "is_active"]
    list_filter = ["topic", "neighbourhood", "is_active", "partners"]

    def get_queryset(self, request):
        return RoutingRule.objects.select_related("topic", "neighbourhood") \
            .prefetch_related("partners")


@hooks.register("register_admin_urls")
def register_try_routing_url():
    return [path("routing-rules/try/", try_routing, name="concerns_try_routing"),
            path("concerns-bulk/", views.inbox_bulk, name="concerns_inbox_bulk")]


class ResponseTemplatePermissionPolicy(ModelPermissionPolicy):
    """Administrators manage every partner's templates (model permissions); a liaison reads
    their own organisation's (permissions.can_read_template) and changes none."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action == "view" and permissions.can_read_templates(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return action == "view" and permissions.can_read_template(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(super(ResponseTemplatePermissionPolicy, self).user_has_permission(user, a)
               for a in actions):
            return ResponseTemplate.objects.all()
        if "view" in actions and permissions.can_read_templates(user):
            return ResponseTemplate.objects.filter(partner_id=user.partner_id)
        return ResponseTemplate.objects.none()


register_permission_policy(ResponseTemplate, ResponseTemplatePermissionPolicy(ResponseTemplate))


class _OwnTemplatesOnly:
    """A liaison opens only their organisation's templates, whatever the address says."""

    def get_object(self, *args, **kwargs):
        template = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
                self.request.user, "view", template):
            raise PermissionDenied
        return template


class TemplateIndexView(SnippetIndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "view"]).select_related("partner", "topic")


class TemplateInspectView(_OwnTemplatesOnly, SnippetInspectView):
    pass


class TemplateHistoryView(SnippetHistoryView):
    """Who edited a template is the administrators' business."""

    any_permission_required = ["add", "change", "delete"]


class TemplateUsageView(SnippetUsageView):
    any_permission_required = ["add", "change", "delete"]


class ResponseTemplateViewSet(SnippetViewSet):
    model = ResponseTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Response templates")
    menu_order = 161
    add_to_admin_menu = True  # liaisons use them daily: in the main menu, not under Snippets
    index_view_class = TemplateIndexView
    inspect_view_enabled = True
    inspect_view_class = TemplateInspectView
    history_view_class = TemplateHistoryView
    usage_view_class = TemplateUsageView
    list_display = ["title", "partner", "topic", "kind"]
    list_filter = ["partner", "topic", "kind"]


register_snippet(RoutingRuleViewSet)
register_snippet(ResponseTemplateViewSet)
