"""Caching that degrades instead of failing.

`CachedValue` is the one way the portal keeps a computed value in the cache: a key, a timeout,
the models whose changes clear it (at once and again after the transaction commits, so no
request puts back what was there before), and a function that builds it on a miss. The site
chrome, the taxonomy lists and moderation's sanctions use it.

`ResilientRedisCache` is the cache backend used when REDIS_URL is set (django-redis underneath).
When Redis cannot be reached every operation is a miss (reads return the default, writes do
nothing), so pages are computed from the database instead of failing. The outage is logged once,
Redis is not asked again for `RETRY_SECONDS` (a blackholed server would otherwise cost a socket
timeout per cache call), and when it answers again that is logged once too.
`is_available()` tells the few callers that must not fail open (rate limits on posting).
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5


class CachedValue:
    """A value kept in the cache under `key` for `timeout` seconds, cleared when any of `models`
    is saved or deleted. `get(build)` returns it, calling `build()` on a miss. With `part`, one
    entry per part (e.g. per user) under the same key prefix; clearing by model change clears
    only the un-parted entry, so parted values are cleared by their owner with `clear(part)`."""

    def __init__(self, key, timeout, models=()):
        self.key, self.timeout, self.models = key, timeout, tuple(models)

    def _key(self, part):
        return self.key if part is None else f"{self.key}:{part}"

    def get(self, build, part=None):
        value = cache.get(self._key(part))
        if value is None:
            value = build()
            cache.set(self._key(part), value, self.timeout)
        return value

    def set(self, value, part=None):
        cache.set(self._key(part), value, self.timeout)

    def clear(self, part=None):
        cache.delete(self._key(part))

    def clear_now_and_on_commit(self, part=None, **signal_kwargs):
        self.clear(part)
        transaction.on_commit(lambda: self.clear(part))

    def connect(self):
        """Clear on every save or delete of `models`; call once from an app's ready()."""
        for model in self.models:
            uid = f"{self.key}.{model._meta.label}"
            post_save.connect(self._changed, sender=model, dispatch_uid=f"{uid}.saved")
            post_delete.connect(self._changed, sender=model, dispatch_uid=f"{uid}.deleted")

    def _changed(self, **kwargs):
        self.clear_now_and_on_commit()


def is_available():
    """False while the cache server is known to be down (always True for local memory)."""
    check = getattr(cache, "is_available", None)
    return check() if check else True


class _Circuit:
    """Whether one Redis server is down, shared by every thread of the process (Django makes one
    cache object per thread), so an outage is logged once per process."""

    def __init__(self):
        self.down_since, self.retry_at = None, 0.0

    def closed(self):
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        now = time.monotonic()
        if self.down_since is None:
            self.down_since = now
            logger.error("Cache server unreachable (%s): serving without the cache, retrying "
                         "every %s s", error.__cause__ or error, RETRY_SECONDS)
        self.retry_at = now + RETRY_SECONDS

    def answered(self):
        if self.down_since is not None:
            logger.warning("Cache server is back after %.0f s", time.monotonic() - self.down_since)
            self.down_since = None


_circuits = {}


class ResilientRedisCache(RedisCache):
    """django-redis, where an unreachable server is a cache miss (see the module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = True  # django-redis then returns the default on ConnectionInterrupted
        self._log_ignored_exceptions = False
        self._circuit = _circuits.setdefault(str(server), _Circuit())

    @property
    def client(self):
        return _GuardedClient(super().client, self._circuit)

    def is_available(self):
        if self._circuit.down_since is not None and self._circuit.closed():
            self.get("portal:caching:probe")  # one try; marks it up again if it answers
        return self._circuit.down_since is None


class _GuardedClient:
    """Wraps django-redis's client: while the server is down it is not asked (until the retry
    time); a connection error opens the circuit, the first success closes it."""

    def __init__(self, client, circuit):
        self._client, self._circuit = client, circuit

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            circuit = self._circuit
            if not circuit.closed():
                raise ConnectionInterrupted(connection=None)
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                circuit.failed(error)
                raise
            circuit.answered()
            return result

        return guarded
