"""Benchmark server: production settings, plus a query counter and the baseline view's URL conf.
Only `make bench` uses this module; production URLs and middleware are untouched."""

import warnings

from portal.settings.production import *  # noqa: F403
from portal.settings.production import MIDDLEWARE, STORAGES

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]

# Plain HTTP on a local port, static files without collectstatic.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Static files come from the apps' folders (finders); there is no collected STATIC_ROOT to warn about.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
