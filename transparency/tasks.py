"""Background work: compute the next snapshot of the transparency figures while the page keeps
serving the previous one (dashboard.py explains the caching), and the open-data downloads of that
snapshot, so no visitor waits for them (the response times read every answer: seconds at
100,000 concerns)."""

from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

from . import opendata
from .dashboard import rebuild_lattice, refresh_lock_key


@task()
def refresh_figures(*args):
    """args: (threshold, target_days); a task queued before the rolling 30-day lattice was
    dropped has (rolling, threshold, target_days) and rebuilds the one lattice there is now."""
    threshold, target_days = args[-2:]
    now = timezone.now()
    try:
        rebuild_lattice(threshold, target_days, now)
    finally:
        cache.delete(refresh_lock_key(threshold, target_days))
    for by in ("month", "year"):
        opendata.concern_snapshot(by, threshold=threshold, target_days=target_days, now=now)
    opendata.response_time_snapshot(threshold=threshold, target_days=target_days, now=now)
