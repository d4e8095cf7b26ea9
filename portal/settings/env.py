"""Read configuration from the environment, failing loudly with the variable's name."""

import os
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class EnvError(ImproperlyConfigured):
    def __init__(self, name, problem):
        super().__init__(f"Environment variable {name} {problem}.")
        self.name = name


def get(name, default=None):
    value = os.environ.get(name, "").strip()
    return value or default


def required(name):
    value = get(name)
    if value is None:
        raise EnvError(name, "is required in production")
    return value


def boolean(name, default=False):
    value = get(name)
    if value is None:
        return default
    truthy, falsy = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
    if value.lower() in truthy | falsy:
        return value.lower() in truthy
    raise EnvError(name, f"must be true or false, not {value!r}")


def integer(name, default):
    value = get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise EnvError(name, f"must be a whole number, not {value!r}") from None


def csv_list(name, default=()):
    value = get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database(name, default):
    value = get(name, default)
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises several kinds
        raise EnvError(name, f"is not a database URL this portal understands ({error})") from None
    if not config.get("ENGINE"):
        raise EnvError(name, f"names an unknown database scheme in {value!r}")
    return config


def sqlite_options(timeout):
    """OPTIONS for SQLite that the site and the task worker can share (portal/settings/base.py)."""
    return {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE", "timeout": timeout}


def url(name, schemes, default=None):
    value = get(name, default)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes or not (parts.netloc or parts.path):
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise EnvError(name, f"must be a URL starting with {allowed}, not {value!r}")
    return value


def time_zone(name, default):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = get(name, default)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise EnvError(name, f"must be an IANA time zone such as Europe/London, not {value!r}") from None
    return value


def mailer(name, default):
    """Translate EMAIL_URL (smtp://user:pass@host:port, smtps://, submission://, console:,
    locmem:, dummy:) into a Django MAILERS entry (the outbox's transport, MAILERS["smtp"])."""
    value = get(name, default)
    parts = urlsplit(value)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "submission": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise EnvError(name, f"must start with one of {', '.join(sorted(backends))}:, not {value!r}")
    config = {"BACKEND": backends[parts.scheme]}
    if parts.scheme in {"smtp", "smtps", "submission"}:
        try:
            port = parts.port
        except ValueError:
            raise EnvError(name, "has a port that is not a number") from None
        if not parts.hostname:
            raise EnvError(name, "needs a host name")
        config["OPTIONS"] = {
            "host": parts.hostname,
            "port": port or {"smtps": 465, "submission": 587}.get(parts.scheme, 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parts.scheme == "submission",
            "timeout": 10,
        }
    return config


def country(name, default):
    """An ISO 3166-1 alpha-2 country code the phone-number library knows, e.g. GB, US, ES."""
    from portal.country import is_known

    value = get(name, default).upper()
    if not is_known(value):
        raise EnvError(name, f"must be a two-letter ISO 3166-1 country code such as GB, US or ES, "
                             f"not {value!r}")
    return value
