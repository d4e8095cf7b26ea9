"""The Redis cache of one pytest-xdist worker (see portal/settings/test.py)."""

from portal.caching import ResilientRedisCache


class WorkerRedisCache(ResilientRedisCache):
    def clear(self):
        """Delete this worker's keys (its KEY_PREFIX) only, not the whole shared database."""
        self.delete_pattern("*")
