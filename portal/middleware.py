from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.urls import reverse


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP, with the admin's own policy under /admin/.

    The public site allows no inline scripts. Some Wagtail admin widgets (inline panels, date
    pickers) still write inline scripts, so the admin, reachable only by staff with two-factor
    authentication, uses SECURE_CSP_ADMIN instead.
    """

    def process_response(self, request, response):
        admin_prefix = reverse("wagtailadmin_home")
        if request.path.startswith(admin_prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return super().process_response(request, response)
