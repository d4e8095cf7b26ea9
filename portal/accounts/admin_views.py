"""Wagtail's user admin with the portal's own fields, and its limits on granting privileges:
only superusers make superusers or administrators, or touch their accounts."""

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView, UserColumn, UserFilterSet
from wagtail.users.views.users import DeleteView as WagtailDeleteView
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from portal.partners.models import Partner

from . import invitations, permissions
from .forms import StaffInvitationForm
from .models import StaffInvitation
from .roles import Role

PORTAL_FIELDS = ["display_name", "neighbourhood", "partner"]


def grantable_groups(actor):
    """The groups `actor` may put accounts in: every one for superusers; the roles
    administrators manage for them."""
    groups = Group.objects.order_by("name")
    if actor is not None and actor.is_acting_superuser:
        return groups
    return groups.filter(name__in=[role for role in Role if permissions.can_grant_role(actor, role)])


class OptionalNamesMixin:
    """The portal uses display names; legal names are optional. A non-superuser sees neither
    the superuser box nor the groups it may not grant."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
        if for_user is not None and not for_user.is_acting_superuser:
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                self.fields["groups"].queryset = grantable_groups(for_user)

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        if any(group.name == Role.LIAISON for group in groups) and not cleaned.get("partner"):
            self.add_error("partner", gettext_lazy("A liaison must belong to a partner organisation."))
        return cleaned


class PortalUserCreationForm(OptionalNamesMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PORTAL_FIELDS)


class PortalUserEditForm(OptionalNamesMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PORTAL_FIELDS)


class PortalCreateView(CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class PortalEditView(EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not permissions.can_manage_account(request.user, self.object):
            raise PermissionDenied(gettext_lazy("Only a superuser can change this account."))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class PortalDeleteView(WagtailDeleteView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not permissions.can_manage_account(request.user, self.get_object()):
            raise PermissionDenied(gettext_lazy("Only a superuser can delete this account."))


class PortalUserFilterSet(UserFilterSet):
    """Wagtail's user filters, plus the portal's role and partner."""

    role = django_filters.ChoiceFilter(label=gettext_lazy("Role"), choices=Role.choices,
                                       field_name="groups__name", distinct=True)
    partner = django_filters.ModelChoiceFilter(label=gettext_lazy("Partner"),
                                               queryset=Partner.objects.order_by("name"))

    class Meta(UserFilterSet.Meta):
        fields = ["role", "partner"]


def _roles(account):
    names = account.role_names
    labels = [str(Role(name).label) for name in Role.values if name in names]
    if account.is_superuser:
        labels.append(str(gettext_lazy("Superuser")))
    return ", ".join(labels)


class PortalUserIndexView(WagtailUserIndexView):
    """The users listing: display name, role and partner, filtered by role and partner. An
    account's email address (who they are) is shown only where the identity rules allow it
    (permissions.can_see_account) or the account is staff; searching by email likewise."""

    def get_base_queryset(self):
        return (super().get_base_queryset().select_related("partner")
                .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name"))))

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset,
                                                                               page_size)
        for account in page.object_list:  # role names from the prefetched groups
            account._role_names = frozenset(g.name for g in account.groups.all())
        return paginator, page, page.object_list, is_paginated

    @cached_property
    def viewer_sees_every_account(self):
        return self.request.user.is_moderator

    def email_shown(self, account):
        return account.is_staff_member or permissions.can_see_account(self.request.user, account)

    @cached_property
    def search_fields(self):
        if self.viewer_sees_every_account:
            return {"display_name", "email", "first_name", "last_name"}
        return {"display_name"}

    @cached_property
    def columns(self):
        _UserColumn = self._get_title_column_class(UserColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="user"),
            _UserColumn("name", accessor="display_name", label=gettext_lazy("Display name"),
                        sort_key="display_name", get_url=self.get_edit_url, classname="name"),
            Column("email", label=gettext_lazy("Email"),
                   accessor=lambda u: u.email if self.email_shown(u)
                   else gettext_lazy("(private: a resident's)")),
            Column("roles", label=gettext_lazy("Role"), accessor=_roles),
            Column("partner", label=gettext_lazy("Partner"),
                   accessor=lambda u: u.partner.name if u.partner_id else "",
                   sort_key="partner__name"),
            BooleanColumn("is_active", label=gettext_lazy("Active"), sort_key="is_active",
                          classname="status"),
            DateColumn("last_login", label=gettext_lazy("Last login"), sort_key="last_login",
                       classname="last-login"),
        ]


class UserViewSet(WagtailUserViewSet):
    index_view_class = PortalUserIndexView
    filterset_class = PortalUserFilterSet
    add_view_class = PortalCreateView
    edit_view_class = PortalEditView
    delete_view_class = PortalDeleteView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm


def staff_invitations(request):
    """Invite a person to a staff role, and see and withdraw the invitations still open."""
    if not permissions.can_manage_roles(request.user):
        raise PermissionDenied
    roles = [role for role in Role if role != Role.RESIDENT
             and permissions.can_grant_role(request.user, role)]
    form = StaffInvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and "revoke" in request.POST:
        invitation = StaffInvitation.objects.filter(pk=request.POST["revoke"]).first()
        if invitation is not None:
            invitations.revoke_invitation(request.user, invitation)
            messages.success(request, gettext("The invitation of %(email)s was withdrawn.")
                             % {"email": invitation.email})
        return redirect("account_staff_invitations")
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = invitations.invite_staff(request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, gettext("An invitation was sent to %(email)s.")
                             % {"email": invitation.email})
            return redirect("account_staff_invitations")
    now = timezone.now()
    pending = [invitation for invitation in StaffInvitation.objects.select_related(
        "partner", "invited_by").filter(accepted_at=None, revoked_at=None, expires_at__gt=now)]
    return TemplateResponse(request, "accounts/admin/staff_invitations.html", {
        "page_title": gettext("Staff invitations"), "header_title": gettext("Staff invitations"),
        "header_icon": "mail", "form": form, "pending": pending,
    })
