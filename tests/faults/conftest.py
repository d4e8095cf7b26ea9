"""Real servers for the fault tests, started and stopped by the tests: redis-server on a spare
port, aiosmtpd, a TCP relay in front of PostgreSQL (closing it is a database outage as the site
sees one), gunicorn serving the site and `manage.py worker`. Nothing is mocked.

The servers and the site run for the whole session (`fault_env`); each scenario (`faults`)
starts from the migrated database and an empty cache, commits data of its own (the subprocesses
must see it: the tests are transactional, and the database is emptied and its migrated data put
back after each), and leaves every server up for the next. So the scenarios pass alone and in
any order. They run on their own: `make test-faults` (PostgreSQL, `DATABASE_URL=postgres://...`)."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=30, step=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


# --- Redis ---------------------------------------------------------------------------------------

class RedisServer:
    def __init__(self):
        self.port, self.process = free_port(), None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self._answers, what="redis-server")

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def flush(self):
        """Empty every database (each scenario starts with a cold cache)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            assert sock.recv(16).startswith(b"+OK")


# --- SMTP ----------------------------------------------------------------------------------------

class SmtpServer:
    """aiosmtpd, recording each message's recipients and subject. `slow` seconds of delay after
    a message arrives and before the server answers 250 (to kill a worker mid-send)."""

    def __init__(self):
        self.port, self.controller, self.received, self.slow = free_port(), None, [], 0

    def start(self):
        from aiosmtpd.controller import Controller

        server = self

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                import asyncio
                import email

                message = email.message_from_bytes(envelope.content)
                server.received.append((tuple(envelope.rcpt_tos), str(message["Subject"])))
                if server.slow:
                    await asyncio.sleep(server.slow)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def count(self, address):
        return sum(address in to for to, _ in self.received)


# --- a TCP relay in front of PostgreSQL ------------------------------------------------------------

class Relay:
    """Forwards 127.0.0.1:port to PostgreSQL. `down()` closes every connection and refuses new
    ones, as a database restart or a network cut does; `up()` accepts again."""

    def __init__(self, target_port):
        self.port, self.target_port = free_port(), target_port
        self.sockets, self.listener, self.lock = [], None, threading.Lock()
        self.is_up = False

    def up(self):
        self.is_up = True
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        self.is_up = False
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            # shutdown, not only close: the other direction's thread is blocked in recv() on
            # these sockets, and on Linux a close() under it neither wakes it nor sends the FIN,
            # so PostgreSQL would keep the session of a client that had gone
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()


# --- the site ----------------------------------------------------------------------------------

class Site:
    """gunicorn and the worker, with the environment pointing at the servers above."""

    def __init__(self, env, log_dir):
        self.env, self.log_dir = env, log_dir
        self.port = free_port()
        self.web = self.worker = None
        self.url = f"http://127.0.0.1:{self.port}"
        self.marks = {}

    def start_web(self):
        log = open(self.log_dir / "web.log", "ab")  # noqa: SIM115 - closed with the process
        self.web = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "2", "--threads", "4", "--timeout", "60",
             "--graceful-timeout", "5", "--preload"],  # the site loaded once, not per worker
            cwd=ROOT, env=self.env, stdout=log, stderr=log)
        wait_for(self._answers, timeout=60, what="gunicorn")

    def _answers(self):
        try:
            return requests.get(self.url + "/healthz", timeout=5).status_code in (200, 503)
        except requests.RequestException:
            return False

    def start_worker(self):
        log = open(self.log_dir / "worker.log", "ab")  # noqa: SIM115 - closed with the process
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "0.2",
             "--no-startup-delay"], cwd=ROOT, env=self.env, stdout=log, stderr=log)

    def kill_worker(self, sig=signal.SIGKILL):
        self.worker.send_signal(sig)
        self.worker.wait(30)

    def stop(self):
        for process in (self.worker, self.web):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()

    def mark(self):
        """From now on, `log()` returns only what the processes write after this point."""
        self.marks = {name: self._path(name).stat().st_size if self._path(name).exists() else 0
                      for name in ("web", "worker")}

    def log(self, name):
        path = self._path(name)
        if not path.exists():
            return ""
        with path.open("rb") as log:
            log.seek(self.marks.get(name, 0))
            return log.read().decode(errors="replace")

    def _path(self, name):
        return self.log_dir / f"{name}.log"


class Browser:
    """A signed-in (or anonymous) visitor, with the CSRF dance forms need."""

    def __init__(self, site, session_key=None):
        self.site, self.http = site, requests.Session()
        if session_key:
            self.http.cookies.set("sessionid", session_key, domain="127.0.0.1")
        self.statuses = []

    def get(self, path):
        response = self.http.get(self.site.url + path, timeout=30, allow_redirects=False)
        self.statuses.append(response.status_code)
        return response

    def post_form(self, path, data):
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        form_token = re.search(r'name="token" value="([^"]+)"', page.text)
        data = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
        if form_token:
            data.setdefault("token", form_token.group(1))
        response = self.http.post(self.site.url + path, data=data, timeout=30, allow_redirects=False,
                                  headers={"Referer": self.site.url + path})
        self.statuses.append(response.status_code)
        return response

    def errors(self):
        return [status for status in self.statuses if status >= 500]


@pytest.fixture(scope="session")
def fault_env(django_db_setup, django_db_blocker, tmp_path_factory):
    """The servers and the site (gunicorn + worker), up for the whole session. No data: each
    scenario commits its own (`faults`)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the fault tests run on PostgreSQL (DATABASE_URL=postgres://...)")
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    settings_dict = connection.settings_dict
    relay = Relay(int(settings_dict.get("PORT") or 5432))
    relay.up()
    redis_server, smtp = RedisServer(), SmtpServer()
    redis_server.start()
    smtp.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "false",
        "DATABASE_URL": f"postgres://{settings_dict['USER']}@127.0.0.1:{relay.port}/{settings_dict['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_server.port}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "ALLOWED_HOSTS": "127.0.0.1", "BASE_URL": "http://127.0.0.1",
        "OUTBOX_FIRST_RETRY_SECONDS": "1", "OUTBOX_RETRY_SECONDS": "2", "OUTBOX_SEND_TIMEOUT": "3",
        "WORKER_HEARTBEAT_SECONDS": "1", "WORKER_DEAD_AFTER_SECONDS": "4",
        "SEARCH_RETRY_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("ELASTICSEARCH_URL", None)
    site = Site(env, tmp_path_factory.mktemp("faults"))
    try:
        site.start_web()
        site.start_worker()
        yield {"site": site, "redis": redis_server, "smtp": smtp, "relay": relay,
               "blocker": django_db_blocker}
    finally:
        site.stop()
        smtp.stop()
        redis_server.stop()
        relay.down()
        with django_db_blocker.unblock():
            _wait_for_other_sessions_to_end(connection)


def _wait_for_other_sessions_to_end(connection, timeout=5):
    """The site's connections end a moment after its processes: pytest-django can only drop the
    test database once they have. Any still open after `timeout` (the test database is this
    session's alone) are listed and ended."""
    others = ("FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")

    def alone():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {others}")  # noqa: S608 - no input in it
            return cursor.fetchone()[0] == 0

    try:
        wait_for(alone, timeout=timeout, what="the site's database sessions to end")
    except AssertionError:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pid, application_name, client_port, state, backend_start, "  # noqa: S608
                           f"left(query, 80) {others}")
            for row in cursor.fetchall():
                print(f"\nstill connected at the end: {row}")
            cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")  # noqa: S608
    connection.close()


def _site_data():
    """A board with a thread and residents who may post, signed in (committed: the site reads
    it; unique names, though the database is emptied after each scenario)."""
    from django.test import Client

    from tests.factories import established_resident, forum_board, forum_thread

    run = uuid.uuid4().hex[:8]
    board = forum_board(slug=f"faults-{run}", title="Fault board")
    residents = [established_resident(email=f"fault{n}.{run}@example.org", display_name=f"Fault {n} {run}")
                 for n in range(4)]
    thread = forum_thread(residents[0], board, title="Street lights out again")
    sessions = []
    for resident in residents:
        client = Client()
        client.force_login(resident)
        sessions.append(client.cookies["sessionid"].value)
    return {"thread_url": thread.get_absolute_url(), "thread_id": thread.pk, "run": run,
            "residents": residents, "sessions": sessions}


@pytest.fixture
def faults(fault_env):
    """One scenario: the migrated database (put back by pytest-django's serialized rollback), an
    empty cache, data of its own, logs read from here on; every server up again after it."""
    site = fault_env["site"]
    fault_env["redis"].flush()
    site.mark()
    yield {**fault_env, "data": _site_data()}
    if not fault_env["relay"].is_up:
        fault_env["relay"].up()
    if fault_env["redis"].process is None:
        fault_env["redis"].start()
    if fault_env["smtp"].controller is None:
        fault_env["smtp"].start()
    fault_env["smtp"].slow = 0
    if site.worker.poll() is not None:
        site.start_worker()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed scenario shows what the site and the worker logged while it ran."""
    report = yield
    scenario = getattr(item, "funcargs", {}).get("faults")
    if report.when == "call" and report.failed and scenario:
        for name in ("web", "worker"):
            report.sections.append((f"{name}.log during the scenario", scenario["site"].log(name)[-8000:]))
    return report
