from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.urls import reverse


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP, with the admin's own policy under /admin/.

    The public site allows no inline scripts. Some Wagtail admin widgets (inline panels, date
    pickers) still write inline scripts, so the admin, reachable only by staff with two-factor
    authentication, uses SECURE_CSP_ADMIN instead. Anyone else under /admin/ (a resident shown
    the refusal page) gets the public site's policy: that page is the site's own template.
    """

    def process_response(self, request, response):
        if _is_admin_screen(request) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return super().process_response(request, response)


def _is_admin_screen(request):
    user = getattr(request, "user", None)
    return (
        request.path.startswith(reverse("wagtailadmin_home"))
        and user is not None
        and user.has_perm("wagtailadmin.access_admin")
    )
