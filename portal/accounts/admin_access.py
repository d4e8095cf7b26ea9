"""Admin views a role must not open, refused with 403 even by direct address. Wagtail checks
model permissions; these rules add what model permissions cannot say (tests/security walks every
admin URL as every role against them)."""

from . import permissions

# view name -> who may open it
RESTRICTED_ADMIN_VIEWS = {
    "wagtailadmin_reports:site_history": permissions.can_view_site_history,
    "wagtailadmin_reports:site_history_results": permissions.can_view_site_history,
    "account_staff_invitations": permissions.can_manage_roles,
}


def refused_admin_view(request):
    match = getattr(request, "resolver_match", None)
    allowed = RESTRICTED_ADMIN_VIEWS.get(match.view_name) if match else None
    return allowed is not None and not allowed(request.user)
