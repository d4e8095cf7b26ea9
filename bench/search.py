"""Search benchmark: seed pages (and optionally forum posts) on PostgreSQL and print p50/p95 of the
database engine for typical queries, then the relevance pass rate: residents' questions
(tests/search/relevance.py) against a small corpus, in a fresh PostgreSQL database
(<name>_relevance) and a fresh SQLite file (var/bench-relevance.sqlite3), and on Elasticsearch
when ELASTICSEARCH_URL is set.

    make bench-search                              # 2,000 pages, database cg_search_bench
    .venv/bin/python bench/search.py --posts 200000   # plus 200,000 forum posts (20,000 threads)
    .venv/bin/python bench/search.py --relevance-only # the pass rates only

--posts writes threads and posts (~60 words each, 10% with the phrase) to the forum tables in
bulk, then indexes them through the forum search source (search/forum_source.py).
"""

import argparse
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cg_search_bench"

WORDS = (  # noqa: SIM905 - easier to read and edit as one string
    "outreach housing needle exchange naloxone recovery treatment police patrol community safety "
    "residents meeting council park school youth service support helpline family alcohol drugs "
    "overdose harm reduction clinic volunteer partnership report review figures response concern "
    "street lighting litter dealing cannabis heroin cocaine prescription pharmacy doctor nurse "
    "counselling mental health employment training shelter hostel rough sleeping winter summer "
    "market station bridge river estate library church mosque gym football club night day weekend "
    "officer liaison charity trust volunteers survey results funding grant plan strategy action "
    "update progress complaint praise thanks question answer information advice guide leaflet"
).split()
PHRASE = "harm reduction"
QUERIES = {
    "one word": ("outreach", {}),
    "two words": ("needle exchange", {}),
    "synonym": ("narcan", {}),
    "some words": ("needle zanzibarite", {}),
    "phrase": (f'"{PHRASE}"', {}),
    "facet filter": ("recovery", {"year": "2024"}),
}


def prepare_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length))


def seed_pages(count, rng):
    from portal.models import HomePage, StandardPage

    home = HomePage.objects.get()
    existing = StandardPage.objects.filter(slug__startswith="bench-").count()
    for number in range(existing, count):
        published = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(0, 6 * 365))
        body = sentence(rng, rng.randrange(80, 160))
        if number % 10 == 0:
            body += f" {PHRASE} {sentence(rng, 10)}"
        home.add_child(instance=StandardPage(
            title=sentence(rng, rng.randrange(3, 7)).capitalize(), slug=f"bench-{number}",
            intro=sentence(rng, 20), live=True, first_published_at=published, last_published_at=published,
        ))
    return count - existing


def seed_posts(count, rng):
    """Threads of ten posts on one board, written straight to the forum tables (the posting
    actions would take hours at this size), then indexed through the forum search source."""
    from django.db import connection

    from forums.models import Post, Thread
    from portal.accounts.models import User
    from portal.taxonomy.models import Neighbourhood, Topic

    board = bench_board()
    author, _ = User.objects.get_or_create(email="bench@example.org", defaults={"display_name": "Bench"})
    topics = [Topic.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
              for slug in ("housing", "needles", "safety", "recovery")]
    areas = [Neighbourhood.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]
             for slug in ("millbrook", "riverside", "old-town", "northfield", "eastgate")]
    existing = Post.objects.filter(thread__board=board).count()
    now = datetime.now(UTC)
    for start in range(existing, count, 2000):
        threads = Thread.objects.bulk_create(
            Thread(board=board, title=sentence(rng, 5).capitalize(), author=author, last_activity_at=now,
                   topic=rng.choice(topics), neighbourhood=rng.choice(areas))
            for _ in range(start, min(count, start + 2000), 10)
        )
        posts = []
        for thread in threads:
            for _ in range(10):
                body = sentence(rng, rng.randrange(20, 100))
                if rng.random() < 0.1:
                    body += f" {PHRASE} {sentence(rng, 5)}"
                posts.append(Post(thread=thread, author=author, body_source=body, body_html=f"<p>{body}</p>"))
        Post.objects.bulk_create(posts[: count - start])
        print(f"  {min(count, start + 2000)} posts", flush=True)
    with connection.cursor() as cursor:  # spread the posts over six years (auto_now_add set them to now)
        cursor.execute("UPDATE forums_post SET created_at = timestamptz '2020-01-01 00:00+00' "
                       "+ ((id * 7919) % (6 * 525600)) * interval '1 minute'")
    return count - existing


def bench_board():
    from forums.models import BoardPage, ForumIndexPage
    from portal.models import HomePage

    board = BoardPage.objects.filter(slug="bench-board").first()
    if board is None:
        forum = ForumIndexPage(title="Bench forum", slug="bench-forum")
        HomePage.objects.get().add_child(instance=forum)
        board = BoardPage(title="Bench board", slug="bench-board")
        forum.add_child(instance=board)
    return board


def index_posts():
    """Index every public thread (with its posts) through the forum source, in batches."""
    from search import forum_source, postgres
    from search.models import SearchDocument

    SearchDocument.objects.filter(source=forum_source.THREAD_LABEL).delete()
    batch = []
    for thread in forum_source.public_threads().iterator(chunk_size=2000):
        document = forum_source.thread_document(thread)
        batch.append(SearchDocument(source=document.source, object_id=document.object_id,
                                    **document.as_fields()))
        if len(batch) == 2000:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    postgres.update_vectors(SearchDocument.objects.filter(source=forum_source.THREAD_LABEL))
    return SearchDocument.objects.filter(source=forum_source.THREAD_LABEL).count()


def measure(runs):
    from search import engines
    from search.engines import Search
    from search.query import parse

    print(f"\n{'query':<14}{'results':>9}{'p50 ms':>9}{'p95 ms':>9}   (database engine, {runs} runs)")
    for label, (text, filters) in QUERIES.items():
        timings, total = [], 0
        for run in range(runs + 3):
            started = time.perf_counter()
            results = engines.search(Search(parse(text), filters=filters))
            elapsed = (time.perf_counter() - started) * 1000
            total = results.total_label
            if run >= 3:  # warm-up runs are not counted
                timings.append(elapsed)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
        print(f"{label:<14}{total:>9}{statistics.median(timings):>9.1f}{p95:>9.1f}")


def relevance_databases(url):
    """A fresh PostgreSQL database beside the benchmark's, and a fresh SQLite file."""
    import psycopg

    name = url.rsplit("/", 1)[1] + "_relevance"
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    sqlite_file = ROOT / "var" / "bench-relevance.sqlite3"
    sqlite_file.parent.mkdir(exist_ok=True)
    for path in sqlite_file.parent.glob(sqlite_file.name + "*"):
        path.unlink()
    return {"PostgreSQL": url.rsplit("/", 1)[0] + "/" + name, "SQLite": f"sqlite:///{sqlite_file}"}


def relevance_everywhere(url):
    """Each database in its own process (settings read DATABASE_URL once)."""
    for label, database_url in relevance_databases(url).items():
        print(f"\nRelevance on {label}:", flush=True)
        subprocess.run([sys.executable, __file__, "--relevance-here"], check=False,
                       env={**os.environ, "DATABASE_URL": database_url})


def relevance_here():
    """Seed the relevance corpus into this (empty) database, index it and run the questions on
    the database engine, and on Elasticsearch when ELASTICSEARCH_URL is set."""
    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    from django.conf import settings

    from search.engines import DatabaseEngine
    from tests.search import relevance

    started = time.perf_counter()
    relevance.seed_corpus()
    engines = [DatabaseEngine()]
    if settings.ELASTICSEARCH_URL:
        from search.elastic import ElasticsearchEngine

        engines.append(ElasticsearchEngine.from_settings())
    print(f"  seeded and indexed in {time.perf_counter() - started:.0f} s")
    for engine in engines:
        relevance.rebuild_index(engine)
        search = relevance.site_search(engine if engine.name != "database" else None)
        timings = []

        def timed(query, search=search, timings=timings):
            begun = time.perf_counter()
            hits = search(query)
            timings.append((time.perf_counter() - begun) * 1000)
            return hits

        outcomes = relevance.evaluate(timed)
        timings.sort()
        print(f"  {engine.name}: {relevance.report(outcomes)}")
        print(f"  {engine.name}: {len(timings)} questions, p50 {statistics.median(timings):.1f} ms, "
              f"max {timings[-1]:.1f} ms")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=0)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--relevance-only", action="store_true", help="only the relevance pass rates")
    parser.add_argument("--relevance-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if args.relevance_here:
        return relevance_here()
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    if args.relevance_only:
        return relevance_everywhere(url)
    if not url.startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    prepare_database(url)

    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.INFO)  # one line per created page is noise here
    call_command("migrate", verbosity=0)
    rng = random.Random(8)  # noqa: S311 - benchmark text, not secrets
    started = time.perf_counter()
    added = seed_pages(args.pages, rng)
    if added:
        from search import indexing
        from search.engines import DatabaseEngine

        print(f"Seeded {added} pages; indexing…", flush=True)
        indexing.rebuild(DatabaseEngine())
    added_posts = seed_posts(args.posts, rng) if args.posts else 0
    if added_posts:
        print(f"Seeded {added_posts} posts; indexing…", flush=True)
        index_posts()
    from search.models import SearchDocument

    print(f"Seeding took {time.perf_counter() - started:.0f} s; {SearchDocument.objects.count()} documents "
          f"({added_posts} new posts)")
    measure(args.runs)
    relevance_everywhere(url)


if __name__ == "__main__":
    main()
