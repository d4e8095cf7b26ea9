"""Settings come from the environment; bad values stop start-up with a message naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x" * 64


def start_django(settings_module, **environ):
    """Start Django in a fresh process with the given environment; return (exit code, output)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, **environ)
    script = "import django; django.setup(); print('started')"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "not a url"),
        ("DATABASE_URL", "mongodb://localhost/portal"),
        ("REDIS_URL", "localhost:6379"),
        ("ELASTICSEARCH_URL", "elastic-host:9200"),
        ("EMAIL_URL", "smtp://:25"),
        ("EMAIL_URL", "carrier-pigeon://loft"),
        ("TIME_ZONE", "Mars/Olympus_Mons"),
        ("DEBUG", "perhaps"),
    ],
)
def test_a_bad_value_stops_start_up_and_names_the_variable(name, value):
    code, output = start_django("portal.settings.dev", **{name: value})

    assert code != 0
    assert f"Environment variable {name}" in output


def test_production_refuses_to_start_without_a_secret_key():
    code, output = start_django("portal.settings.production", SECRET_KEY="", EMAIL_URL="smtp://m.example.org")

    assert code != 0
    assert "Environment variable SECRET_KEY is required in production" in output


def test_good_values_start(tmp_path):
    code, output = start_django(
        "portal.settings.production",
        SECRET_KEY=GOOD_SECRET,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        EMAIL_URL="smtp://mailer:secret@mail.example.org:587",
        TIME_ZONE="Europe/Berlin",
        ALLOWED_HOSTS="portal.example.org",
    )

    assert code == 0, output
    assert "started" in output


PRODUCTION_HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz", secure=True, HTTP_HOST="portal.example.org")
print(json.dumps({k.lower(): v for k, v in response.headers.items()}))
"""


def test_production_sends_security_headers(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=GOOD_SECRET,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="portal.example.org",
        EMAIL_URL="smtp://mail.example.org:587",
    )
    result = subprocess.run([sys.executable, "-c", PRODUCTION_HEADERS_SCRIPT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    headers = json.loads(result.stdout.strip().splitlines()[-1])

    assert headers["strict-transport-security"].startswith("max-age=63072000")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    csp = headers["content-security-policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "object-src 'none'" in csp and "frame-ancestors 'self'" in csp


def database_options(**environ):
    script = ("import django, json; django.setup(); from django.conf import settings; "
              "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "POSTGRES_JIT"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **environ)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_connections_turn_jit_off_unless_asked():
    url = "postgres://postgres@127.0.0.1:5432/portal"

    assert database_options(DATABASE_URL=url).get("options") == "-c jit=off"
    assert "options" not in database_options(DATABASE_URL=url, POSTGRES_JIT="true")
    assert "options" not in database_options()  # SQLite
