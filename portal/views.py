import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_search():
    from wagtail.search.backends import get_search_backend

    if settings.ELASTICSEARCH_URL and not get_search_backend().es.ping():
        raise RuntimeError("Elasticsearch did not answer")


def _state(check):
    try:
        check()
    except Exception as error:  # a health check reports failures, it does not raise them
        logger.warning("health check %s failed: %s", check.__name__, error)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


@never_cache
def healthz(request):
    """JSON with the state of each service; 503 when the database is down."""
    checks = {
        "database": _state(_check_database),
        "cache": _state(_check_cache),
        "search": _state(_check_search),
    }
    engine = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    checks["search"]["engine"] = engine
    status = 200 if checks["database"]["ok"] else 503
    body = {"status": "ok" if all(c["ok"] for c in checks.values()) else "degraded", **checks}
    return JsonResponse(body, status=status)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # No context processors: whatever broke may break them too.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())


ROBOTS_DISALLOW = ["/admin/", "/accounts/", "/forums/notifications/", "/forums/unsubscribe/",
                   "/forums/concerns/", "/search/"]


def robots_txt(request):
    """Crawlers may read the public site; the sitemap says where it is at the public address."""
    from django.http import HttpResponse

    from .absolute import absolute

    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "",
             f"Sitemap: {absolute('/sitemap.xml', request)}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
