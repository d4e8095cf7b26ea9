import logging

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import health

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """JSON with the state of each service (portal/health.py); 503 when the site cannot serve."""
    status, body = health.report()
    return JsonResponse(body, status=status)


def english_unprefixed(request, rest):
    """/en/<path>: English lives at the unprefixed address, so the prefixed one redirects there
    (301, query string kept) and no link that names English breaks."""
    target = "/" + rest.lstrip("/\\")  # never "//host": an address on this site only
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def no_database_context():
    """What the 400, 500 and 503 pages show without the database: the built-in crisis text, which
    names the deployment country's emergency number."""
    from django.utils.translation import get_language

    from .country import emergency
    from .models import default_crisis_text

    return {"crisis_text": default_crisis_text(get_language()), "emergency": emergency()}


def server_error(request):
    """500, or a friendly 503 with Retry-After when the database cannot be reached (Django calls
    this while handling the exception, so sys.exc_info() is the error)."""
    # No context processors: whatever broke may break them too.
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(no_database_context()),
                                status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(no_database_context()))


ROBOTS_DISALLOW = ["/admin/", "/accounts/", "/forums/notifications/", "/forums/unsubscribe/",
                   "/forums/concerns/", "/search/"]


def robots_txt(request):
    """Crawlers may read the public site; the sitemap says where it is at the public address."""
    from django.conf import settings
    from django.http import HttpResponse

    from .absolute import absolute
    from .languages import url_code

    # The same paths in every prefixed language (/es/accounts/ ...).
    prefixes = ["", *(f"/{code}" for code, _ in settings.LANGUAGES if url_code(code) == code)]
    disallowed = [prefix + path for prefix in prefixes for path in ROBOTS_DISALLOW]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed), "",
             f"Sitemap: {absolute('/sitemap.xml', request)}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
