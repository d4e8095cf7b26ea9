"""Start the portal for the browser tests: a fresh SQLite database, migrated and seeded with the
demo city, served by gunicorn on a free local port with production-like settings."""

import email
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.e2e.server_settings"
START_TIMEOUT = 60


# The journeys post many times from one address in a few minutes; rate limits have their own
# unit tests (tests/moderation), so the browser site lets members post without waiting.
RELAX_RATE_LIMITS = (
    "from wagtail.models import Site; from forums.moderation.models import ModerationSettings; "
    "s = ModerationSettings.for_site(Site.objects.get(is_default_site=True)); "
    "s.member_reply_interval = s.member_thread_interval = 0; s.posts_per_hour_per_ip = 100000; "
    "s.save()"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(workdir, port):
    """The environment a production server would get, pointing at throwaway resources."""
    environ = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "ELASTICSEARCH_URL"}}
    environ.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=os.environ.get("E2E_DATABASE_URL", f"sqlite:///{workdir / 'e2e.sqlite3'}"),
        EMAIL_URL="locmem:",
        E2E_MAIL_DIR=str(workdir / "mail"),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        BASE_URL=f"http://127.0.0.1:{port}",
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="WARNING",
    )
    return environ


def manage(environ, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, check=True,
                   stdout=subprocess.DEVNULL)


@dataclass
class LiveSite:
    """A running portal: its address, and the email it has sent."""

    url: str
    mail_dir: Path
    environ: dict | None = None

    def manage(self, *args):
        """Run a management command against the running portal's database."""
        manage(self.environ, *args)

    def sent_mail(self):
        """Every message sent so far, oldest first."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for raw in path.read_bytes().split(b"-" * 79 + b"\n"):
                if raw.strip():
                    messages.append(email.message_from_bytes(raw, policy=policy.default))
        return messages

    def last_mail_to(self, address, timeout=10):
        """The newest message sent to `address` (waiting briefly for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.sent_mail() if address in str(m["To"])]
            if found:
                return found[-1]
            time.sleep(0.2)
        raise AssertionError(f"no email was sent to {address}")


def wait_until_up(url, process):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal exited with code {process.returncode} on start-up")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the portal did not answer on {url} within {START_TIMEOUT}s")


def start(workdir, log_file):
    """Migrate, seed and serve; returns the LiveSite and the gunicorn process."""
    port = free_port()
    environ = server_environment(workdir, port)
    manage(environ, "migrate", "--noinput")
    manage(environ, "seed_demo", "--force")
    manage(environ, "shell", "-c", RELAX_RATE_LIMITS)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "2", "--timeout", "60"],
        cwd=ROOT, env=environ, stdout=log_file, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
    except Exception:
        process.terminate()
        raise
    return LiveSite(url=url, mail_dir=workdir / "mail", environ=environ), process
