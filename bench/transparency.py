"""Transparency benchmark: seed 100,000 concerns (with their threads, routes and satisfaction
answers) into the configured database in bulk, once, then time the transparency page in-process
with Django's test client, cold (cache cleared before every request) and warm.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_transparency_bench make bench-transparency

Prints p50/p95/p99 server time and the queries per request. Options: --requests N (warm requests
per scenario, default 200), --cold N (cold requests, default 10), --json.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site  # noqa: E402

from bench.forums import authors  # noqa: E402
from forums.concerns.models import Concern, ConcernRoute, SatisfactionAnswer, State  # noqa: E402
from forums.models import BoardPage, ForumIndexPage, Thread  # noqa: E402
from portal.partners.models import Partner  # noqa: E402
from portal.taxonomy.models import Neighbourhood, Topic  # noqa: E402
from transparency.models import TransparencyPage  # noqa: E402

CONCERNS = 100_000
MONTHS = 24
BATCH = 5_000
PAGE_SLUG = "transparency"


def concern_board():
    forum = ForumIndexPage.objects.filter(slug="bench-concerns-forum").first()
    if forum is None:
        forum = ForumIndexPage(title="Benchmark concerns", slug="bench-concerns-forum")
        Site.objects.get(is_default_site=True).root_page.add_child(instance=forum)
        forum.save_revision().publish()
    board = BoardPage.objects.child_of(forum).filter(slug="bench-concerns").first()
    if board is None:
        board = BoardPage(title="Benchmark concern board", slug="bench-concerns", thread_kind="concern")
        forum.add_child(instance=board)
        board.save_revision().publish()
    return BoardPage.objects.get(pk=board.pk)


def transparency_page():
    """The demo's transparency page (seed_demo makes it), or one made here."""
    page = TransparencyPage.objects.live().first()
    if page is None:
        page = TransparencyPage(title="How we are doing", slug=PAGE_SLUG)
        Site.objects.get(is_default_site=True).root_page.add_child(instance=page)
        page.save_revision().publish()
    return page


def seed():
    """The hook `make bench` calls (bench/run.py, SEEDERS)."""
    seed_concerns(concern_board())
    transparency_page()


def seed_concerns(board):
    if Concern.objects.filter(thread__board=board).count() >= CONCERNS:
        print(f"Seed: {CONCERNS:,} concerns already there, reusing them.")
        return
    started = time.perf_counter()
    Thread.objects.filter(board=board).delete()
    rng = random.Random(9)  # noqa: S311 - repeatable benchmark data, not secrets
    users = authors()
    topics = list(Topic.objects.all()) or [Topic.objects.create(name="Bench topic", slug="bench-topic")]
    areas = list(Neighbourhood.objects.all()) or [Neighbourhood.objects.create(name="Bench", slug="bench")]
    partners = list(Partner.objects.filter(is_active=True)) or [
        Partner.objects.create(name="Bench partner", slug="bench-partner", kind="police")]
    now = timezone.now()
    span = timedelta(days=30 * MONTHS).total_seconds()
    for first in range(0, CONCERNS, BATCH):
        published = [now - timedelta(seconds=rng.random() * span) for _ in range(BATCH)]
        threads = Thread.objects.bulk_create([
            Thread(board=board, title=f"Benchmark concern {first + n}", slug=f"bench-concern-{first + n}",
                   kind="concern", author=users[n % len(users)], topic=rng.choice(topics + [None]),
                   neighbourhood=rng.choice(areas), last_activity_at=when)
            for n, when in enumerate(published)])
        concerns, plans = [], []
        for thread, when in zip(threads, published, strict=True):
            routed = rng.sample(partners, k=min(len(partners), rng.choice([1, 1, 2])))
            hours = [rng.expovariate(1 / 60) if rng.random() < 0.85 else None for _ in routed]
            answered = [when + timedelta(hours=h) for h in hours if h is not None and
                        when + timedelta(hours=h) < now]
            state = (rng.choice([State.RESOLVED, State.RESOLVED, State.ANSWERED]) if answered
                     else State.OPEN)
            concerns.append(Concern(thread=thread, state=state, published_at=when,
                                    first_response_at=min(answered) if answered else None))
            plans.append((routed, hours, when))
        concerns = Concern.objects.bulk_create(concerns)
        routes, answers = [], []
        for concern, (routed, hours, when) in zip(concerns, plans, strict=True):
            for partner, h in zip(routed, hours, strict=True):
                first = when + timedelta(hours=h) if h is not None else None
                first = first if first and first < now else None
                routes.append(ConcernRoute(concern=concern, partner=partner, routed_at=when,
                                           first_response_at=first))
            if concern.state == State.RESOLVED and rng.random() < 0.3:
                answer = rng.choice(["yes", "partly", "no"])
                answers.append(SatisfactionAnswer(concern=concern, answer=answer))
        ConcernRoute.objects.bulk_create(routes)
        SatisfactionAnswer.objects.bulk_create(answers)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE forums_thread; ANALYZE concerns_concern; ANALYZE concerns_concernroute")
    print(f"Seed: {CONCERNS:,} concerns in {time.perf_counter() - started:.1f} s.")


def timed_requests(client, urls, requests, *, cold):
    times, cpu, queries = [], [], []

    def count(execute, sql, *rest):
        queries[-1] += 1
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        for n in range(requests):
            if cold:
                cache.clear()
            queries.append(0)
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(urls[n % len(urls)])
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (urls[n % len(urls)], response.status_code)
    return times, statistics.median(cpu), max(queries)


def percentile(values, p):
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cold", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed()
    page_url = transparency_page().url
    partner = Partner.objects.filter(is_active=True).first()
    urls = [page_url, f"{page_url}?period=month", f"{page_url}?period=year&year={timezone.localdate().year}",
            f"{page_url}?partner={partner.slug}"]
    client = Client()
    results = []
    for name, cold, requests in [("cold (cache cleared)", True, args.cold), ("warm", False, args.requests)]:
        if not cold:
            for url in urls:
                client.get(url)
        load = os.getloadavg()[0]
        times, cpu_p50, queries = timed_requests(client, urls, requests, cold=cold)
        results.append({"scenario": name, "requests": len(times), "p50_ms": round(percentile(times, 50), 1),
                        "p95_ms": round(percentile(times, 95), 1), "p99_ms": round(percentile(times, 99), 1),
                        "cpu_p50_ms": round(cpu_p50, 1), "max_queries": queries,
                        "load_average": round(load, 2)})
    concerns = Concern.objects.count()
    if args.json:
        print(json.dumps({"database": connection.vendor, "concerns": concerns, "results": results}, indent=2))
        return
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); {concerns:,} concerns; "
          f"URLs: {', '.join(urls)}")
    print(f"{'scenario':<24}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'cpu p50':>9}"
          f"{'queries':>9}{'load':>7}")
    for r in results:
        print(f"{r['scenario']:<24}{r['requests']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['p99_ms']:>9}"
              f"{r['cpu_p50_ms']:>9}{r['max_queries']:>9}{r['load_average']:>7}")
    print(f"Load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          "the cache is this process's (locmem unless REDIS_URL is set); cpu p50 is this process's "
          "own CPU time per request, which a busy machine does not inflate.")


if __name__ == "__main__":
    main()
