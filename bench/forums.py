"""Forum benchmark: seed 10,000 threads and 200,000 posts into the configured database (in bulk,
once), then time board and thread pages in-process with Django's test client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_forums_bench make bench-forums

Prints p50/p90/p99 server time and the queries per page, for a visitor and a signed-in resident,
in English (/...) and in Spanish (/es/...: the same board, with the Spanish interface).
Options: --requests N (per scenario, default 200), --json (machine-readable output for `make bench`).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site  # noqa: E402

from forums.models import (  # noqa: E402
    BoardPage,
    Follow,
    ForumIndexPage,
    Notification,
    Post,
    PostRevision,
    ReadMarker,
    Submission,
    Thread,
)
from portal import markup  # noqa: E402
from portal.accounts import actions as account_actions  # noqa: E402
from portal.accounts.models import User  # noqa: E402

THREADS = 10_000
POSTS = 200_000
LONG_THREAD_POSTS = 50
AUTHORS = 500
BATCH = 5_000
UNUSABLE = "!"  # noqa: S105 - Django's marker for "no password"; bench authors never sign in


def board_page():
    forum = ForumIndexPage.objects.filter(slug="bench-forum").first()
    if forum is None:
        home = Site.objects.get(is_default_site=True).root_page
        forum = ForumIndexPage(title="Benchmark forum", slug="bench-forum")
        home.add_child(instance=forum)
        forum.save_revision().publish()
    board = BoardPage.objects.child_of(forum).filter(slug="bench-board").first()
    if board is None:
        board = BoardPage(title="Benchmark board", slug="bench-board")
        forum.add_child(instance=board)
        board.save_revision().publish()
    return BoardPage.objects.get(pk=board.pk)


def authors():
    existing = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
    if len(existing) >= AUTHORS:
        return existing
    User.objects.bulk_create(
        [User(email=f"author{n}@bench.example", display_name=f"Bench author {n}", password=UNUSABLE)
         for n in range(len(existing), AUTHORS)]
    )
    users = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        ignore_conflicts=True,
    )
    account_actions.make_resident(users[0])
    return users


def seed():
    """The hook `make bench` calls (bench/run.py, SEEDERS): the benchmark board, filled once."""
    seed_posts(board_page())


def long_thread_path():
    """The 50-post thread's first page (the board's oldest thread), for bench/pages.py."""
    board = board_page()
    thread = Thread.objects.filter(board=board).order_by("pk").first()
    return thread.url_under(board.url) + "?page=1"


def seed_posts(board):
    if Thread.objects.filter(board=board, last_post__isnull=False).count() >= THREADS:
        print(f"Seed: {THREADS:,} threads already there, reusing them.")
        return
    started = time.perf_counter()
    users = authors()
    html = markup.render("A benchmark post with **some** text and a link to https://example.org.")
    now = timezone.now()
    _clear(board)
    threads = Thread.objects.bulk_create(
        [Thread(board=board, title=f"Benchmark thread number {n}", slug=f"benchmark-thread-{n}",
                author=users[n % AUTHORS], last_activity_at=now - timezone.timedelta(minutes=n))
         for n in range(THREADS)],
        batch_size=BATCH,
    )
    threads_by_id = {thread.pk: thread for thread in threads}
    per_thread = (POSTS - LONG_THREAD_POSTS) // (THREADS - 1)
    counts = [LONG_THREAD_POSTS] + [per_thread] * (THREADS - 1)
    counts[-1] += POSTS - sum(counts)
    batch = []
    for thread, count in zip(threads, counts, strict=True):
        for n in range(count):
            batch.append(Post(thread=thread, author=users[(thread.pk + n) % AUTHORS],
                              body_source="A benchmark post.", body_html=html))
        if len(batch) >= BATCH:
            _insert_posts(batch, threads_by_id)
            batch = []
    _insert_posts(batch, threads_by_id)
    for thread in threads:
        thread.reply_count -= 1
    Thread.objects.bulk_update(threads, ["last_post", "reply_count"], batch_size=BATCH)
    if connection.vendor == "postgresql":
        # As autovacuum would soon after a bulk load: fresh statistics, and a visibility map so
        # counts and id lists are index-only scans. One statement each (VACUUM refuses to run
        # inside the implicit transaction of a multi-statement string).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE forums_thread")
            cursor.execute("VACUUM ANALYZE forums_post")
    print(f"Seed: {THREADS:,} threads and {POSTS:,} posts in {time.perf_counter() - started:.1f} s.")


def _clear(board):
    """Delete an earlier, partial seed quickly (SQL deletes, no per-row cascade in Python)."""
    threads = Thread.objects.filter(board=board)
    for model in (ReadMarker, Follow, Notification):
        model.objects.filter(thread__in=threads)._raw_delete(connection.alias)
    for model in (PostRevision, Submission):
        model.objects.filter(post__thread__in=threads)._raw_delete(connection.alias)
    threads.update(last_post=None)
    Post.objects.filter(thread__in=threads)._raw_delete(connection.alias)
    threads._raw_delete(connection.alias)


def _insert_posts(batch, threads_by_id):
    """Insert posts; each thread remembers its latest post and counts its replies."""
    for post in Post.objects.bulk_create(batch, batch_size=BATCH):
        thread = threads_by_id[post.thread_id]
        thread.last_post_id = max(thread.last_post_id or 0, post.pk)
        thread.reply_count += 1  # posts so far; the first is not a reply (see seed)


def measure(client, urls, requests):
    """[ms] for `requests` GETs spread over `urls`, and the queries of one of them."""
    for url in urls[:3]:
        assert client.get(url).status_code == 200, url  # warm up
    queries = []

    def timed(execute, sql, *rest):
        started = time.perf_counter()
        try:
            return execute(sql, *rest)
        finally:
            queries.append((time.perf_counter() - started) * 1000)

    with connection.execute_wrapper(timed):
        response = client.get(urls[0])
    assert response.status_code == 200, (urls[0], response.status_code)
    times, cpu = [], []
    for n in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    return times, len(queries), sum(queries), statistics.median(cpu)


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    board = board_page()
    seed_posts(board)
    long_thread = Thread.objects.filter(board=board).order_by("pk").first()
    board_urls = [board.url] + [f"{board.url}?page={n}" for n in random.sample(range(2, 300), 20)]
    thread_urls = [long_thread.url_under(board.url) + "?page=1"]
    resident = User.objects.filter(email__endswith="@bench.example").order_by("pk").first()
    visitor, signed_in = Client(), Client()
    signed_in.force_login(resident)
    results = []
    for language, prefix in [("en", ""), ("es", "/es")]:
        for name, client in [("visitor", visitor), ("resident", signed_in)]:
            for page, urls in [("board page", board_urls), ("50-post thread page", thread_urls)]:
                times, queries, sql_ms, cpu_p50 = measure(client, [prefix + url for url in urls],
                                                          args.requests)
                results.append({"page": page, "who": name, "language": language,
                                "requests": len(times),
                                "p50_ms": round(percentile(times, 50), 1),
                                "p90_ms": round(percentile(times, 90), 1),
                                "p99_ms": round(percentile(times, 99), 1), "queries": queries,
                                "sql_ms_one_request": round(sql_ms, 1),
                                "python_cpu_p50_ms": round(cpu_p50, 1)})
    if args.json:
        print(json.dumps({"database": connection.vendor, "results": results}, indent=2))
        return
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
          f"{Thread.objects.filter(board=board).count():,} threads, "
          f"{Post.objects.filter(thread__board=board).count():,} posts on the board")
    print(f"{'page':<22}{'who':<10}{'lang':<6}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'queries':>9}"
          f"{'sql ms':>8}{'cpu p50':>9}")
    for r in results:
        print(f"{r['page']:<22}{r['who']:<10}{r['language']:<6}{r['p50_ms']:>8}{r['p90_ms']:>8}{r['p99_ms']:>8}"
              f"{r['queries']:>9}{r['sql_ms_one_request']:>8}{r['python_cpu_p50_ms']:>9}")
    print(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(times include database round trips and rendering; cpu p50 is this process's own CPU time, "
          "which waiting for a busy machine does not inflate)")


if __name__ == "__main__":
    main()
