"""The site the browser tests drive: production settings, with only what plain HTTP on 127.0.0.1
and a throwaway test needs changed. Security headers (CSP, nosniff, referrer policy) stay as in
production, so the browser tests check what visitors get.

The server runs in a subprocess (see tests/e2e/site.py), configured by the environment as in
production, plus E2E_MAIL_DIR: the folder where each sent email is written as a file.
"""

import warnings
from pathlib import Path

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES, env

# Plain HTTP on a local port: no redirect to HTTPS, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Static files straight from the apps' folders, without collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Every email lands in a folder the tests read; background work runs at once.
MAILERS = {
    **MAILERS,  # noqa: F405 - the outbox, sending through "smtp"
    "smtp": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": env.required("E2E_MAIL_DIR")},
    }
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast sign-ins

# Static files come from the apps' folders (finders); there is no collected STATIC_ROOT to warn about.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

# One cache for both workers, as Redis is in production: cached figures and site chrome agree
# whichever worker answers.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(Path(env.required("E2E_MAIL_DIR")).parent / "cache")}}

# The transparency figures are recomputed on every visit (in the background, which here is at
# once), so a journey sees its own concern counted on its next visit.
TRANSPARENCY_FRESH_FOR = 0
