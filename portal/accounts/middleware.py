from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .permissions import is_refused_admin, needs_two_factor_setup

ADMIN_SIGN_IN_PATHS = ("/admin/login/", "/admin/logout/")


class StaffSecurityMiddleware:
    """Keep staff out of the Wagtail admin until they have set up two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        if in_admin and not request.path.startswith(ADMIN_SIGN_IN_PATHS) and is_refused_admin(
            request.user
        ):
            raise PermissionDenied("This account cannot use the staff admin.")
        if in_admin and needs_two_factor_setup(request.user):
            messages.warning(
                request,
                "Staff accounts must use two-factor authentication. "
                "Set up an authenticator app to continue to the admin.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
