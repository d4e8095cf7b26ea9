"""What /healthz and `manage.py health` report: each service's state, and whether the site can
serve (it cannot without its database; without Redis, search, SMTP or the worker it serves,
degraded, and this says which)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")
    return {}


def _search():
    from wagtail.search.backends import get_search_backend

    from search.models import PendingIndexUpdate

    engine = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    state = {"engine": engine, "pending_updates": PendingIndexUpdate.objects.count()}
    if engine == "elasticsearch" and not get_search_backend().es.ping():
        return {"ok": False, **state, "error": "Elasticsearch did not answer"}
    return state


def _outbox():
    from . import emails

    state = emails.state()
    return {"ok": state["oldest_unsent_seconds"] <= settings.HEALTH_OUTBOX_MAX_AGE, **state}


def _worker():
    from . import worker

    state = worker.state()
    state["ok"] = state["ok"] and state["oldest_queued_seconds"] <= settings.HEALTH_QUEUE_MAX_AGE
    return state


CHECKS = {"database": _database, "cache": _cache, "search": _search, "outbox": _outbox,
          "worker": _worker}


def _run(check):
    try:
        result = check()
    except Exception as error:  # a health check reports failures, it does not raise them
        logger.warning("health check %s failed: %s", check.__name__, error)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, **result}


def report():
    """(HTTP status, body): 503 when the database is down, else 200, with "degraded" when any
    other service is."""
    checks = {name: _run(check) for name, check in CHECKS.items()}
    serving = checks["database"]["ok"]
    status = "ok" if all(c["ok"] for c in checks.values()) else ("degraded" if serving else "down")
    return (200 if serving else 503), {"status": status, **checks}
