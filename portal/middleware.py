from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.urls import reverse


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP, with the admin's own policy under /admin/.

    The public site allows no inline scripts. Some Wagtail admin widgets (inline panels, date
    pickers) still write inline scripts, so the admin, reachable only by staff with two-factor
    authentication, uses SECURE_CSP_ADMIN instead. Anyone else who lands under /admin/ (a
    resident refused with our 403 page, say) keeps the public policy.
    """

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config") and _is_admin_for_staff(request):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return super().process_response(request, response)


def _is_admin_for_staff(request):
    user = getattr(request, "user", None)
    return (
        request.path.startswith(reverse("wagtailadmin_home"))
        and user is not None
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
    )
