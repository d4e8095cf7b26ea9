"""Search index maintenance.

    manage.py search_index rebuild   rebuild every engine from the sources (Elasticsearch: into a
                                     new index, then the alias switches to it)
    manage.py search_index retry     apply index updates that failed while an engine was down
    manage.py search_index status    documents indexed and updates pending
"""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engines import EngineUnavailable, indexing_engines


class Command(BaseCommand):
    help = "Rebuild the search index, retry failed updates, or show its state."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "retry", "status"])

    def handle(self, *args, action, **options):
        getattr(self, action)()

    def rebuild(self):
        for engine in indexing_engines():
            try:
                count = indexing.rebuild(engine)
            except EngineUnavailable as error:
                raise CommandError(f"The {engine.name} engine is unreachable: {error}") from None
            self.stdout.write(f"{engine.name}: indexed {count} documents")

    def retry(self):
        remaining = indexing.retry_pending()
        self.stdout.write(f"{remaining} index updates still pending")

    def status(self):
        from search.models import PendingIndexUpdate, SearchDocument

        self.stdout.write(f"database: {SearchDocument.objects.count()} documents")
        self.stdout.write(f"pending updates: {PendingIndexUpdate.objects.count()}")
