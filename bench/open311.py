"""Open311 benchmark: seed 100,000 public concerns (in bulk, once) published over the last two
years, then time the Open311 endpoints in-process with Django's test client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_open311_bench python bench/open311.py

Prints p50/p90/p99 server time and the queries per request. Options: --requests N (per
endpoint, default 50), --concerns N (default 100,000).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site  # noqa: E402

from forums.concerns.models import Concern, ConcernEvent, ConcernRoute, State  # noqa: E402
from forums.models import BoardPage, ForumIndexPage, Post, Thread  # noqa: E402
from portal import markup  # noqa: E402
from portal.accounts.models import User  # noqa: E402
from portal.partners.models import Partner  # noqa: E402
from portal.taxonomy.models import Neighbourhood, Topic  # noqa: E402

BATCH = 5_000
SPAN_DAYS = 730
STATES = [State.OPEN, State.ACKNOWLEDGED, State.ANSWERED, State.RESOLVED, State.CLOSED]
UNUSABLE = "!"  # noqa: S105 - Django's marker for "no password"


def concern_board():
    board = BoardPage.objects.filter(slug="bench-concerns").first()
    if board:
        return board
    home = Site.objects.get(is_default_site=True).root_page
    forum = ForumIndexPage(title="Benchmark forum (concerns)", slug="bench-concern-forum")
    home.add_child(instance=forum)
    forum.save_revision().publish()
    board = BoardPage(title="Benchmark concerns", slug="bench-concerns", thread_kind="concern")
    forum.add_child(instance=board)
    board.topics = [Topic.objects.get_or_create(slug=f"bench-topic-{n}",
                                                defaults={"name": f"Bench topic {n}"})[0]
                    for n in range(8)]
    board.save_revision().publish()
    return BoardPage.objects.get(pk=board.pk)


def seed(total):
    board = concern_board()
    existing = Concern.objects.filter(thread__board=board).count()
    if existing >= total:
        print(f"Seed: {existing:,} concerns already there, reusing them.")
        return
    started = time.perf_counter()
    author, _ = User.objects.get_or_create(email="open311@bench.example",
                                           defaults={"display_name": "Bench resident",
                                                     "password": UNUSABLE})
    topics = list(board.topics.all())
    areas = [Neighbourhood.objects.get_or_create(slug=f"bench-area-{n}",
                                                 defaults={"name": f"Bench area {n}"})[0]
             for n in range(12)]
    partners = [Partner.objects.get_or_create(slug=f"bench-partner-{n}",
                                              defaults={"name": f"Bench partner {n}"})[0]
                for n in range(4)]
    html = markup.render("A benchmark concern with **some** text.")
    now = timezone.now()
    for first in range(existing, total, BATCH):
        _seed_batch(board, author, topics, areas, partners, html, now,
                    range(first, min(first + BATCH, total)), total)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE forums_thread; ANALYZE forums_post; ANALYZE concerns_concern; "
                           "ANALYZE concerns_concernroute; ANALYZE concerns_concernevent")
    print(f"Seed: {total - existing:,} concerns in {time.perf_counter() - started:.1f} s.")


def _seed_batch(board, author, topics, areas, partners, html, now, numbers, total):
    when = {n: now - timedelta(minutes=n * SPAN_DAYS * 24 * 60 // total) for n in numbers}
    threads = Thread.objects.bulk_create([
        Thread(board=board, title=f"Benchmark concern {n}", slug=f"benchmark-concern-{n}",
               kind="concern", author=author, topic=topics[n % len(topics)],
               neighbourhood=areas[n % len(areas)], last_activity_at=when[n]) for n in numbers])
    Post.objects.bulk_create([Post(thread=t, author=author, body_source="A benchmark concern.",
                                   body_html=html) for t in threads])
    concerns = Concern.objects.bulk_create([
        Concern(thread=t, state=STATES[n % len(STATES)], published_at=when[n])
        for n, t in zip(numbers, threads, strict=True)])
    ConcernRoute.objects.bulk_create([
        ConcernRoute(concern=c, partner=p, routed_at=c.published_at)
        for n, c in zip(numbers, concerns, strict=True) for p in partners[n % 3:n % 3 + 2]])
    ConcernEvent.objects.bulk_create([
        ConcernEvent(concern=c, state=state, summary=summary, actor_label="Common Ground",
                     is_public=public, created_at=c.published_at + timedelta(hours=h))
        for c in concerns
        for state, summary, public, h in ((State.OPEN, "Published", True, 0),
                                          (State.ACKNOWLEDGED, "Claimed", False, 2),
                                          (c.state, "Latest", True, 5))])


def measure(client, url, requests):
    assert client.get(url).status_code == 200, url  # warm up
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        response = client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times, len(queries), len(response.content)


def percentile(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--concerns", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed(args.concerns)
    some_id = Concern.objects.filter(thread__board__slug="bench-concerns").order_by("-pk")[500].pk
    endpoints = [
        ("services.json", "/open311/v2/services.json"),
        ("requests.json (default: 90 days, first 1,000)", "/open311/v2/requests.json"),
        ("requests.json?page_size=100", "/open311/v2/requests.json?page_size=100"),
        ("requests.json?status=closed&service_code=...",
         "/open311/v2/requests.json?status=closed&service_code=bench-topic-3"),
        ("requests/<id>.json", f"/open311/v2/requests/{some_id}.json"),
    ]
    client = Client()
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
          f"{Concern.objects.count():,} concerns")
    print(f"{'endpoint':<48}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'queries':>9}{'KB':>7}")
    for name, url in endpoints:
        times, queries, size = measure(client, url, args.requests)
        print(f"{name:<48}{percentile(times, 50):>8.1f}{percentile(times, 90):>8.1f}"
              f"{percentile(times, 99):>8.1f}{queries:>9}{size // 1024:>7}")
    print(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
