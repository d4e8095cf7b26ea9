import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.base import BaseCommand
from django.utils import timezone

from transparency.warming import warm


class Command(BaseCommand):
    help = ("Compute the transparency figures (the page's default views, the partner pages, the "
            "open data) into the cache, so no visitor waits for them. Run at deploy, after migrate.")

    def handle(self, *args, verbosity=1, **options):
        if isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache | DummyCache):
            self.stderr.write("The cache is this process's own memory (REDIS_URL is not set): the web "
                              "server's processes will not see these figures and compute their own.")
        started = time.perf_counter()
        warmed = []

        def report(what, seconds):
            warmed.append(what)
            if verbosity >= 1:
                self.stdout.write(f"  {what}: {seconds:.2f} s")

        warm(timezone.now(), report)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(
                f"Warmed {len(warmed)} transparency figures in {time.perf_counter() - started:.1f} s."))
