"""Background work: compute the next snapshot of the transparency figures while the page keeps
serving the previous one (dashboard.py explains the caching)."""

from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

from .dashboard import rebuild_lattice, refresh_lock_key


@task()
def refresh_figures(*args):
    """args: (threshold, target_days); a task queued before the rolling 30-day lattice was
    dropped has (rolling, threshold, target_days) and rebuilds the one lattice there is now."""
    threshold, target_days = args[-2:]
    try:
        rebuild_lattice(threshold, target_days, timezone.now())
    finally:
        cache.delete(refresh_lock_key(threshold, target_days))
