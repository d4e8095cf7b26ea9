"""`make bench`: serve the portal with gunicorn on PostgreSQL and load each page with wrk.

    python -m bench.run [--duration 10] [--connections 4] [--workers 2]

Creates the database named in BENCH_DATABASE_URL when missing (default
postgres://postgres@127.0.0.1:5432/cg_bench), migrates it, seeds the demo city and every module in
bench.pages.SEEDERS, starts gunicorn with bench.settings on a free local port, then for each page
in bench.pages.PAGES: checks it answers 200, reads its query count (X-Bench-Queries), warms it
up and runs wrk. Prints a table: latency percentiles, requests per second, queries per page,
and the workers' peak resident memory (the high-water mark after that page's run).
"""

import argparse
import importlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .middleware import HEADER
from .pages import PAGES, SEEDERS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cg_bench"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def bench_environment(port):
    environ = {k: v for k, v in os.environ.items() if k not in {"ELASTICSEARCH_URL"}}
    environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        SECRET_KEY=secrets.token_urlsafe(50),
        EMAIL_URL="dummy:",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
    )
    if os.environ.get("BENCH_REDIS_URL"):
        environ["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    else:
        environ.pop("REDIS_URL", None)
    return environ


def create_database(url):
    """CREATE DATABASE for the URL's database name if it does not exist yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')  # name from our own configuration


def manage(environ, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, check=True,
                   stdout=subprocess.DEVNULL)


def run_seeders(environ):
    for module in SEEDERS:
        if find_spec(module) is None:
            print(f"  (skipping {module}: not written yet)")
            continue
        code = (f"import django; django.setup(); import {module} as m; "
                f"getattr(m, 'seed', lambda: print('  ({module} has no seed())'))()")
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, check=True)


def resolve_path(environ, path):
    """A page's address: `path` itself, or what the function named "module:function" returns."""
    if path.startswith("/"):
        return path
    module, function = path.split(":")
    code = f"import django; django.setup(); import {module} as m; print(m.{function}())"
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environ, check=True,
                            capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1]


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(environ, port, workers):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--access-logfile", "-" if os.environ.get("BENCH_LOG") else "/dev/null"],
        cwd=ROOT, env=environ,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn exited on start-up") from None
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 60 seconds")


def query_count(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our local server
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}; fix it before benchmarking it")
        return int(response.headers[HEADER])


def worker_peak_memory_mb(master_pid):
    """The largest VmHWM (peak resident set) among gunicorn's worker processes, in MB."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return max(peaks, default=0.0)


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(url, duration, connections):
    output = subprocess.run(
        ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{duration}s", url],
        capture_output=True, text=True, check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    """Latency percentiles (ms), requests per second and non-2xx count from `wrk --latency`."""
    percentiles = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", output, re.MULTILINE))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "p50": milliseconds(percentiles["50"]),
        "p90": milliseconds(percentiles["90"]),
        "p99": milliseconds(percentiles["99"]),
        "rps": rps,
        "errors": int(errors.group(1)) if errors else 0,
    }


def warm_up(url, times=20):
    for _ in range(times):
        urllib.request.urlopen(url, timeout=10).read()  # noqa: S310


def print_table(rows, baseline_p50):
    header = (f"{'page':<32} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'req/s':>8} "
              f"{'x base':>7} {'queries':>7} {'peak MB':>8}")
    print("\n" + header + "\n" + "-" * len(header))
    for name, result in rows:
        ratio = result["p50"] / baseline_p50 if baseline_p50 else 0
        flag = f"  ({result['errors']} non-2xx)" if result["errors"] else ""
        print(f"{name:<32} {result['p50']:>8.2f} {result['p90']:>8.2f} {result['p99']:>8.2f} "
              f"{result['rps']:>8.1f} {ratio:>7.1f} {result['queries']:>7} {result['memory']:>8.1f}{flag}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    options = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does this)")

    port = free_port()
    environ = bench_environment(port)
    print(f"Preparing {environ['DATABASE_URL']} ...")
    create_database(environ["DATABASE_URL"])
    manage(environ, "migrate", "--noinput")
    manage(environ, "seed_demo", "--force")
    run_seeders(environ)
    pages = [(name, resolve_path(environ, path)) for name, path in PAGES]
    process = start_gunicorn(environ, port, options.workers)
    try:
        rows = []
        for name, path in pages:
            url = f"http://127.0.0.1:{port}{path}"
            queries = query_count(url)
            warm_up(url)
            print(f"  {name}: {options.duration}s with {options.connections} connections ...")
            result = run_wrk(url, options.duration, options.connections)
            result.update(queries=queries, memory=worker_peak_memory_mb(process.pid))
            rows.append((name, result))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    print_table(rows, rows[0][1]["p50"])
    print(f"\n{options.workers} gunicorn sync workers, {options.connections} connections, "
          f"{options.duration}s per page; peak MB = highest worker VmHWM after that page's run; "
          f"x base = p50 / baseline p50.")


if __name__ == "__main__":
    importlib.invalidate_caches()
    main()
