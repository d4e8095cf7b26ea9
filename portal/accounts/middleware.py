from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from . import second_factor
from .admin_access import refused_admin_view
from .permissions import is_refused_admin, needs_two_factor_setup

ADMIN_SIGN_IN_PATHS = ("/admin/login/", "/admin/logout/")


class StaffSecurityMiddleware:
    """Staff powers need a session that passed the second factor: until then a staff account acts
    as a resident on the site and the admin sends it to set up (or enter) its authenticator.
    Admin views a role must not open answer 403 even by direct address (admin_access.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff_member and not second_factor.passed(request):
            user._second_factor_pending = True
        in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        if not in_admin or request.path.startswith(ADMIN_SIGN_IN_PATHS):
            return self.get_response(request)
        if needs_two_factor_setup(user):
            messages.warning(
                request,
                gettext_lazy("Staff accounts must use two-factor authentication. "
                "Set up an authenticator app to continue to the admin."),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        if getattr(user, "_second_factor_pending", False):
            return redirect(f"{reverse('mfa_reauthenticate')}?next={request.path}")
        if is_refused_admin(user):
            raise PermissionDenied(gettext_lazy("This account cannot use the staff admin."))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if refused_admin_view(request):
            raise PermissionDenied(gettext_lazy("Your role cannot open this page."))
        return None
