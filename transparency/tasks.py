"""Background work: compute the next snapshot of the transparency figures while the page keeps
serving the previous one (dashboard.py explains the caching)."""

from django.core.cache import cache
from django.tasks import task
from django.utils import timezone

from .dashboard import CACHE_VERSION, rebuild_lattice


@task()
def refresh_figures(rolling, threshold, target_days):
    try:
        rebuild_lattice(rolling, threshold, target_days, timezone.now())
    finally:
        cache.delete(f"transparency:{CACHE_VERSION}:refreshing:{rolling}:{threshold}:{target_days}")
