"""Tests: fast hashing, immediate background tasks, email in memory, real caches."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {**MAILERS, "smtp": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DEMO_CONCERN_HISTORY = False  # ~7 s per seed_demo; the tests of the history turn it on
BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = BASE_URL

# pytest-xdist: each worker has its own test database (pytest-django adds _gw0, _gw1 to the name;
# SQLite's is in memory) but the workers share one Redis database. Each keeps to its own keys,
# and clearing the cache deletes only those (django-redis's clear() is FLUSHDB, which would
# empty the other worker's cache in the middle of its test).
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _XDIST_WORKER and CACHES["default"]["BACKEND"] == "portal.caching.ResilientRedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.worker_cache.WorkerRedisCache"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += f"-{_XDIST_WORKER}"  # noqa: F405
