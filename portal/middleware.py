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


MAX_QUERY_STRING = 8192  # bytes: what common proxies accept; no page of the portal needs more
MAX_PARAMETER = 2000  # characters in one value (the search page shortens long queries itself)


def refuse_hostile_input(get_response):
    """400, before any view or database query, for query strings a browser never sends: NUL
    bytes (PostgreSQL refuses them in text, which was a 500), a query string over 8 KB, or a
    value over 2,000 characters. Form bodies are checked by each form."""

    def middleware(request):
        if _hostile(request):
            return _bad_request(request)
        return get_response(request)

    return middleware


def _hostile(request):
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING or "\x00" in request.path:
        return True
    try:
        items = list(request.GET.lists())
    except Exception:  # noqa: BLE001 - too many fields, undecodable: Django refuses them too
        return True
    for key, values in items:
        if "\x00" in key or any("\x00" in value or len(value) > MAX_PARAMETER for value in values):
            return True
    return False


def _bad_request(request):
    from django.conf import settings
    from django.http import HttpResponseBadRequest
    from django.template import loader
    from django.utils import translation

    from .views import no_database_context

    # Refused before LocaleMiddleware runs: the language comes from the address here.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return HttpResponseBadRequest(loader.get_template("400.html").render(no_database_context()))
