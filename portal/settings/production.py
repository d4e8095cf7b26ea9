"""Production: behind a TLS-terminating proxy, secrets from the environment."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = env.required("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise env.EnvError("SECRET_KEY", "must be at least 50 characters long")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Wagtail's live preview shows our own pages in a frame, so X-Frame-Options stays SAMEORIGIN
# (and CSP frame-ancestors 'self'); Django's check asks for DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

env.required("EMAIL_URL")  # residents must get their confirmation emails
