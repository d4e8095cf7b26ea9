"""Public threads for sitemap.xml (portal/urls.py puts the sitemaps together)."""

from portal.sitemaps import PublicAddressSitemap

from .models import BoardPage, Thread


class ThreadSitemap(PublicAddressSitemap):
    """Visible threads on live boards no view restriction covers, busiest first."""

    limit = 5000

    def items(self):
        boards = {board.pk: board for board in BoardPage.objects.live().public()}
        threads = (Thread.objects.public().filter(board_id__in=list(boards))
                   .only("id", "slug", "board_id", "last_activity_at")
                   .order_by("-last_activity_at", "-id"))
        return _WithBoards(threads, boards)

    def location(self, obj):
        return obj.url_under(obj.board_url)

    def lastmod(self, obj):
        return obj.last_activity_at


class _WithBoards:
    """The threads queryset, sliced by the sitemap's paginator, each given its board's URL from
    the boards already loaded (no query per thread)."""

    def __init__(self, threads, boards):
        self.threads, self.urls = threads, {pk: board.url for pk, board in boards.items()}

    def count(self):
        return self.threads.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        page = list(self.threads[key])
        for thread in page:
            thread.board_url = self.urls[thread.board_id]
        return page
