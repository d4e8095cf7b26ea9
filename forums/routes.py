"""The URLs that live under forum pages (RoutablePageMixin routes). Each hands over to a view."""

from wagtail.contrib.routable_page.models import path

THREAD = "<int:thread_id>-<slug:slug>/"


class ForumIndexRoutes:
    @path("", name="index")
    def forum_home(self, request):
        from . import views

        return views.forum_index(request, self)

    @path("feed/rss/", name="feed_rss")
    def forum_feed_rss(self, request):
        from . import feeds

        return feeds.ForumThreadsFeed()(request, forum=self)

    @path("feed/atom/", name="feed_atom")
    def forum_feed_atom(self, request):
        from . import feeds

        return feeds.ForumThreadsAtomFeed()(request, forum=self)


class BoardRoutes:
    @path("", name="index")
    def board_home(self, request):
        from . import views

        return views.board(request, self)

    @path("new/", name="new_thread")
    def new_thread(self, request):
        from .models import ThreadKind

        if self.thread_kind == ThreadKind.CONCERN:
            from .concerns import views as concern_views

            return concern_views.new_concern(request, self)
        from . import views

        return views.new_thread(request, self)

    @path("feed/rss/", name="feed_rss")
    def board_feed_rss(self, request):
        from . import feeds

        return feeds.BoardThreadsFeed()(request, board=self)

    @path("feed/atom/", name="feed_atom")
    def board_feed_atom(self, request):
        from . import feeds

        return feeds.BoardThreadsAtomFeed()(request, board=self)

    @path(THREAD, name="thread")
    def thread_page(self, request, thread_id, slug):
        from . import views

        return views.thread(request, self, thread_id, slug)

    @path(THREAD + "follow/", name="follow")
    def thread_follow(self, request, thread_id, slug):
        from . import views

        return views.follow(request, self, thread_id)

    @path(THREAD + "posts/<int:post_id>/edit/", name="edit_post")
    def post_edit(self, request, thread_id, slug, post_id):
        from . import views

        return views.edit_post(request, self, thread_id, post_id)

    @path(THREAD + "feed/rss/", name="thread_feed_rss")
    def thread_feed_rss(self, request, thread_id, slug):
        from . import feeds

        _require_current_address(thread_id, slug)
        return feeds.ThreadPostsFeed()(request, board=self, thread_id=thread_id)

    @path(THREAD + "feed/atom/", name="thread_feed_atom")
    def thread_feed_atom(self, request, thread_id, slug):
        from . import feeds

        _require_current_address(thread_id, slug)
        return feeds.ThreadPostsAtomFeed()(request, board=self, thread_id=thread_id)


def _require_current_address(thread_id, slug):
    """An address made from an earlier title works no more (it may name what was removed)."""
    from django.http import Http404

    from .models import Thread

    if not Thread.objects.filter(pk=thread_id, slug=slug).exists():
        raise Http404("No such thread")
