"""Settings shared by every environment. Configuration comes from the environment (see README)."""

from pathlib import Path
from urllib.parse import urlsplit

from django.utils.csp import CSP

from portal.country import default_language

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env.get("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env.boolean("DEBUG", False)
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.csv_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours: domain apps first so their templates override third-party ones.
    "portal",
    "portal.accounts",
    "portal.partners",
    "portal.taxonomy",
    "forums",
    "forums.moderation",
    "forums.concerns",
    "stories",
    "events",
    "search",
    "transparency",
    # Wagtail
    "wagtail_localize",  # editors translate pages and snippets side by side (issue 19)
    "wagtail_localize.locales",  # replaces wagtail.locales: the admin's locale management
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.apps.PortalUsersAppConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.refuse_hostile_input",  # NUL bytes, huge query strings: 400
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL: /es/... Spanish, unprefixed the default (LANGUAGE_CODE).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.StaffSecurityMiddleware",
    "forums.moderation.middleware.SuspensionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(exist_ok=True)
    # The site and the task worker write to the same file. WAL lets readers go on while one
    # writes; a writer waits for the other (timeout, seconds) instead of failing with "database
    # is locked"; and transactions take the write lock when they begin (IMMEDIATE), because a
    # transaction that read first and then wants to write cannot wait: SQLite fails it at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        env.sqlite_options(env.integer("SQLITE_TIMEOUT", 20)))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Wagtail's database search backend uses PostgreSQL full text (system check postgres.E005).
    INSTALLED_APPS.append("django.contrib.postgres")
    # No JIT compilation: the portal's queries are short, and PostgreSQL compiled any whose cost
    # estimate passed jit_above_cost (Open311's list: 40 ms of compiling for a 35 ms query).
    # Behind a connection pooler that refuses startup options, set jit = off in postgresql.conf
    # instead and POSTGRES_JIT=true here.
    if not env.boolean("POSTGRES_JIT", False):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.url("REDIS_URL", ("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.caching.ResilientRedisCache",  # Redis down: a miss, not an error
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "commonground"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# One TASKS setting serves Django's tasks framework and the django_tasks backport Wagtail uses.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker (manage.py worker, portal/worker.py) enqueues these every so many seconds: the
# only scheduler, so an operator runs web processes and workers and no cron lines.
PERIODIC_TASKS = {
    "outbox retry": ("portal.tasks.retry_outbox", env.integer("OUTBOX_RETRY_SECONDS", 60)),
    "scheduled publishing": ("portal.tasks.publish_scheduled", 60),
    "search index retry": ("search.tasks.retry_pending_updates", env.integer("SEARCH_RETRY_SECONDS", 120)),
    "concern digests and escalation": ("forums.concerns.tasks.run_jobs", 900),
    "event reminders": ("events.tasks.send_event_reminders", 3600),
    # Emails whose on-commit task was never enqueued (the database went away just after commit).
    "reply email sweep": ("forums.tasks.sweep_reply_emails", 600),
    "cancellation email sweep": ("events.tasks.sweep_cancellation_emails", 600),
}
# /healthz says "degraded" when the oldest unsent email or queued task is older than this.
HEALTH_OUTBOX_MAX_AGE = env.integer("HEALTH_OUTBOX_MAX_AGE", 900)
HEALTH_QUEUE_MAX_AGE = env.integer("HEALTH_QUEUE_MAX_AGE", 300)
WORKER_HEARTBEAT_SECONDS = env.integer("WORKER_HEARTBEAT_SECONDS", 10)
# A worker silent this long is dead: its running tasks are queued again.
WORKER_DEAD_AFTER_SECONDS = env.integer("WORKER_DEAD_AFTER_SECONDS", 60)
# A task run by a worker without heartbeat (plain db_worker) is queued again after this.
WORKER_TASK_TIMEOUT_SECONDS = env.integer("WORKER_TASK_TIMEOUT_SECONDS", 900)

# seed_demo adds a year of concern history (about 180 concerns) for the transparency page.
DEMO_CONCERN_HISTORY = True

# Seconds a snapshot of the transparency figures is shown before the next is computed.
TRANSPARENCY_FRESH_FOR = 600

ELASTICSEARCH_URL = env.url("ELASTICSEARCH_URL", ("http", "https"))
ELASTICSEARCH_INDEX_PREFIX = env.get("ELASTICSEARCH_INDEX_PREFIX", "commonground")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX": f"{ELASTICSEARCH_INDEX_PREFIX}-wagtail",
        "TIMEOUT": 5,
    }

# Every email goes through the outbox (portal/emails.py), Wagtail's and Django's included; the
# worker sends it through "smtp", the server of EMAIL_URL.
MAILERS = {"default": {"BACKEND": "portal.emails.OutboxBackend"},
           "smtp": env.mailer("EMAIL_URL", "console:")}
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Common Ground <noreply@commonground.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Common Ground] "  # the one prefix; portal/emails.py adds it to every email
# Seconds after which a message a worker started sending but never finished is sent again.
OUTBOX_SEND_TIMEOUT = env.integer("OUTBOX_SEND_TIMEOUT", 300)
# The first retry after a failed send waits this long; each later one twice as long (max 1 h).
OUTBOX_FIRST_RETRY_SECONDS = env.integer("OUTBOX_FIRST_RETRY_SECONDS", 30)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the account with its roles and verified flag in one query.
    "portal.accounts.backends.ModelBackend",
    "portal.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# allauth: email only, verified before posting, no account enumeration, rate limits on.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "portal.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # portal/emails.py adds EMAIL_SUBJECT_PREFIX
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Common Ground"

# Wagtail
WAGTAIL_SITE_NAME = "Common Ground"
# The public address (portal/absolute.py): empty means "the Wagtail site's root URL", or, in
# development, the address a request came to. Emails sent by the worker use it too.
BASE_URL = env.get("BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL or "http://127.0.0.1:8000"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # allauth owns passwords
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
# No avatars from gravatar.com: staff members' email hashes stay here, and the CSP allows no
# third-party images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt", "pptx"]
# Pages and translatable snippets exist once per content language: English (the default locale,
# served unprefixed) and Spanish (the Spanish tree is served at /es/ from the translated home
# page). wagtail-localize gives editors side-by-side translation; a translation is a page of its
# own, so the same workflows (stories/workflows.py) publish it.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = BASE_URL or None  # None: the Wagtail site's root URL
# Editors cannot publish directly; an approved workflow publishes (stories/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "stories.workflows.publish_approved_page"

# Where a concern happened (forums/concerns/places.py): the public sees a marked point snapped to
# a grid of this many metres; the map shows tiles from this URL template only if one is set
# (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png), so nothing is fetched from a third party
# unless the operator chooses it.
CONCERN_LOCATION_GRID_METRES = env.integer("CONCERN_LOCATION_GRID_METRES", 250)
CONCERN_MAP_TILES_URL = env.get("CONCERN_MAP_TILES_URL", "")
CONCERN_MAP_ATTRIBUTION = env.get("CONCERN_MAP_ATTRIBUTION", "")

# The deployment's country: phone numbers, plates, addresses and emergency numbers (portal/country.py).
PORTAL_COUNTRY = env.country("PORTAL_COUNTRY", "GB")
LANGUAGE_CODE = env.get("LANGUAGE_CODE", default_language(PORTAL_COUNTRY))
TIME_ZONE = env.time_zone("TIME_ZONE", "Europe/London")
USE_I18N = True
# The interface's languages (portal/languages.py). LANGUAGE_CODE (a regional English such as en-gb
# or en-us, from PORTAL_COUNTRY) is served unprefixed; every other language under /<code>/.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# How many proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR). Rate limits
# per network address need the client's address, not the proxy's.
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
# allauth's rate limits (sign-in, sign-up, reset) read their own setting: one value for both, so
# behind a proxy every visitor does not share the proxy's address and its budget.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's live preview frames our own pages
SESSION_COOKIE_HTTPONLY = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if CONCERN_MAP_TILES_URL:  # the map's tiles come from the operator's chosen server
    _tiles = urlsplit(CONCERN_MAP_TILES_URL.replace("{s}", "*"))
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
SECURE_CSP_ADMIN = {**SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The Elasticsearch client logs each failed request and retry with its traceback: while
        # the engine is down, search/engines.py's log_outage says so once a minute instead.
        "elastic_transport": {"level": "ERROR"},
        "elasticsearch": {"level": "ERROR"},
    },
}
