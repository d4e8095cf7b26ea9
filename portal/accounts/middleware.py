from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from .permissions import needs_two_factor_setup


class StaffSecurityMiddleware:
    """Keep staff out of the Wagtail admin until they have set up two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")) and needs_two_factor_setup(
            request.user
        ):
            messages.warning(
                request,
                "Staff accounts must use two-factor authentication. "
                "Set up an authenticator app to continue to the admin.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
