"""The development database (SQLite) is shared by the site and the task worker: a write in one
process waits for the other's transaction instead of failing with "database is locked". Tested
with two real processes on a real file, each configured as Django is configured here."""

import json
import subprocess
import sys

import pytest

from portal.settings import env

HOLD_SECONDS = 1.5
PROCESS = """
import json, sys, time
from django.conf import settings
options = json.loads(sys.argv[3])
settings.configure(USE_TZ=True, DATABASES={"default": {
    "ENGINE": "django.db.backends.sqlite3", "NAME": sys.argv[2], "OPTIONS": options}})
import django
django.setup()
from django.db import OperationalError, connection, transaction

role = sys.argv[1]
if role == "create":
    connection.cursor().execute("CREATE TABLE job (id INTEGER PRIMARY KEY, who TEXT)")
    print(connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
elif role == "worker":  # holds the write lock for a while, as a task saving its results
    with transaction.atomic():
        connection.cursor().execute("INSERT INTO job (who) VALUES ('worker')")
        print("holding the write lock", flush=True)
        time.sleep(float(sys.argv[4]))
else:  # the site: a request that reads, then writes, in one transaction, when told to
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.monotonic()
    try:
        with transaction.atomic():
            cursor = connection.cursor()
            cursor.execute("SELECT COUNT(*) FROM job")
            cursor.execute("INSERT INTO job (who) VALUES ('site')")
    except OperationalError as error:
        print(json.dumps({"error": str(error)}))
    else:
        rows = [r[0] for r in connection.cursor().execute("SELECT who FROM job ORDER BY id")]
        print(json.dumps({"rows": rows, "waited": time.monotonic() - started}))
"""


def run(role, path, options, *extra):
    return subprocess.run([sys.executable, "-c", PROCESS, role, str(path), json.dumps(options),
                           *extra], capture_output=True, text=True, timeout=60, check=True).stdout


def start(role, path, options, *extra):
    return subprocess.Popen([sys.executable, "-c", PROCESS, role, str(path), json.dumps(options),
                             *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def site_writes_while_worker_writes(tmp_path, site_options):
    path = tmp_path / "portal.sqlite3"
    run("create", path, env.sqlite_options(20))
    site = start("site", path, site_options)
    assert site.stdout.readline().strip() == "ready"  # Django set up: no start-up time below
    worker = start("worker", path, env.sqlite_options(20), str(HOLD_SECONDS))
    try:
        assert worker.stdout.readline().strip() == "holding the write lock"
        output, _ = site.communicate("go\n", timeout=60)
        return json.loads(output)
    finally:
        worker.wait(timeout=30)
        site.kill()


def test_the_site_waits_for_the_workers_write_instead_of_failing(tmp_path):
    result = site_writes_while_worker_writes(tmp_path, env.sqlite_options(20))
    assert result.get("rows") == ["worker", "site"], result
    assert result["waited"] >= HOLD_SECONDS / 2  # it waited for the worker's transaction


def test_without_these_options_the_same_write_fails_as_locked(tmp_path):
    # SQLite's defaults (a deferred transaction, a short wait): the test above can fail
    result = site_writes_while_worker_writes(tmp_path, {"timeout": 0.2})
    assert result == {"error": "database is locked"}


def test_the_database_file_is_in_wal_mode(tmp_path):
    assert run("create", tmp_path / "portal.sqlite3", env.sqlite_options(20)).strip() == "wal"


def test_the_default_database_uses_these_options():
    from portal.settings import base

    if not base.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("DATABASE_URL names another database")
    options = base.DATABASES["default"]["OPTIONS"]
    assert {key: options[key] for key in ("init_command", "transaction_mode")} == {
        key: env.sqlite_options(20)[key] for key in ("init_command", "transaction_mode")}
