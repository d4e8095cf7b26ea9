from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.log_actions import register_log_actions

from . import permissions
from .admin_views import grantable_groups, staff_invitations
from .models import User


def _role_message(text):
    """A log message naming the entry's role (as stored: "editor")."""
    return lambda entry: gettext(text) % {"role": entry.data.get("role")}


LOG_ACTIONS = {
    "portal.account.role_granted": (gettext_lazy("Grant role"),
                                    _role_message(gettext_noop("Granted role %(role)s"))),
    "portal.account.role_revoked": (gettext_lazy("Revoke role"),
                                    _role_message(gettext_noop("Revoked role %(role)s"))),
    "portal.account.anonymised": (
        gettext_lazy("Delete account (anonymise)"),
        gettext_lazy("Account closed at the resident's request; what they wrote was anonymised"),
    ),
    "portal.account.invited": (
        gettext_lazy("Invite to the staff"),
        _role_message(gettext_noop("Invited a person to the staff as %(role)s")),
    ),
    "portal.account.invitation_revoked": (gettext_lazy("Withdraw a staff invitation"),
                                          gettext_lazy("Withdrew a staff invitation")),
    "portal.account.invitation_accepted": (
        gettext_lazy("Accept a staff invitation"),
        _role_message(gettext_noop("Joined the staff as %(role)s by invitation")),
    ),
}


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    register_log_actions(actions, LOG_ACTIONS)


@hooks.register("construct_reports_menu")
def hide_reports_a_role_cannot_open(request, menu_items):
    if not permissions.can_view_site_history(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("before_bulk_action")
def refuse_privileged_bulk_actions(request, action_type, objects, action_class_instance):
    """The user listing's bulk actions (assign role, set active state, delete) follow the same
    limits as the user form: only superusers grant Administrator or touch privileged accounts."""
    if action_class_instance.model is not User:
        return None
    actor = request.user
    if any(not permissions.can_manage_account(actor, account) for account in objects):
        raise PermissionDenied(gettext_lazy("Only a superuser can change administrators' accounts."))
    if action_type == "assign_role":
        group = action_class_instance.cleaned_form.cleaned_data["role"]
        if not grantable_groups(actor).filter(pk=group.pk).exists():
            raise PermissionDenied(gettext_lazy("Only a superuser can grant that role."))
    return None


@hooks.register("register_admin_urls")
def register_invitation_admin_urls():
    return [path("staff-invitations/", staff_invitations, name="account_staff_invitations")]


@hooks.register("register_settings_menu_item")
def register_invitations_menu_item():
    return _InvitationsMenuItem(gettext_lazy("Staff invitations"), reverse("account_staff_invitations"),
                                icon_name="mail", order=610)


class _InvitationsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_manage_roles(request.user)


@hooks.register("on_serve_page", order=-10)  # outside Wagtail's own view restriction check
def refuse_signed_in_accounts_a_restricted_page(serve):
    """A page restricted to signed-in accounts or to some groups answers 403 to a signed-in account
    it does not admit: Wagtail sends it to sign in, and the sign-in page sends a signed-in account
    straight back (a loop). Visitors are still sent to sign in."""

    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        if (request.user.is_authenticated and response.status_code == 302
                and response.url.startswith(resolve_url(settings.WAGTAIL_FRONTEND_LOGIN_URL))):
            raise PermissionDenied(gettext_lazy("This page is not open to your account."))
        return response

    return inner
