"""The sanctions list in the Wagtail admin: every silence and suspension, active and ended, with
search by the person's name or email address, filters (active, kind) and a lift button. For
moderators only: it names accounts and says why they were sanctioned."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import permissions
from .models import Sanction, SanctionKind


class SanctionPermissionPolicy(ModelPermissionPolicy):
    """Sanctions are listed, never added, edited or deleted through a generic form (they change
    through moderation's actions). Administrators hold the view permission so that sanctions'
    log entries show in their site history, but the list itself is for moderators."""

    def user_has_permission(self, user, action):
        return (action == "view" and permissions.can_view_sanctions(user)
                and super().user_has_permission(user, action))

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"]).filter(
            Q(groups__name="Moderators") | Q(is_superuser=True)).distinct()


register_permission_policy(Sanction, SanctionPermissionPolicy(Sanction))


class SanctionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), method="filter_state", empty_label=_("Active and ended"),
        choices=[("active", _("Active")), ("ended", _("Ended or lifted"))])
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SanctionKind.choices)

    class Meta:
        model = Sanction
        fields = ["state", "kind"]

    def filter_state(self, queryset, name, value):
        active = Sanction.objects.active(timezone.now()).values("pk")
        if value == "active":
            return queryset.filter(pk__in=active)
        if value == "ended":
            return queryset.exclude(pk__in=active)
        return queryset


class TemplateColumn(Column):
    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["sanction"] = instance
        request = parent_context.get("request")
        context["back"] = request.get_full_path() if request else ""
        return context


class SanctionViewSet(ModelViewSet):
    model = Sanction
    icon = "lock"
    menu_label = _("Sanctions")
    menu_name = "sanctions"
    menu_order = 152
    add_to_admin_menu = True
    url_prefix = "moderation/sanctions"
    name = "moderation_sanctions"
    filterset_class = SanctionFilterSet
    search_fields = ["user__display_name", "user__email", "reason"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False
    list_export = []
    form_fields = ["reason"]  # never used: the policy refuses every form
    ordering = ["-created_at", "-id"]

    @property
    def list_display(self):
        return [
            TemplateColumn("user", "moderation/admin/sanction_user_cell.html", label=_("Account"),
                           sort_key="user__display_name"),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            Column("reason", label=_("Reason")),
            Column("created_by", label=_("By"), accessor=lambda s: s.created_by.display_name
                   if s.created_by else "—"),
            TemplateColumn("created_at", "moderation/admin/sanction_since_cell.html",
                           label=_("Since"), sort_key="created_at"),
            TemplateColumn("until", "moderation/admin/sanction_until_cell.html", label=_("Until"),
                           sort_key="until"),
            TemplateColumn("state", "moderation/admin/sanction_state_cell.html", label=_("State")),
        ]

    def get_queryset(self, request):
        return Sanction.objects.select_related("user", "created_by", "lifted_by")
