"""RSS and Atom feeds: latest threads per board and for the whole forum, new posts per thread.
Only public, visible content appears, and authors appear as the public sees them."""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.feeds import PublicAddressFeed

from .models import Post, Thread, Visibility

FEED_SIZE = 30


class _ThreadsFeed(PublicAddressFeed):
    def items(self, obj):
        first_post = Post.objects.filter(thread=OuterRef("pk"), visibility=Visibility.VISIBLE).order_by(
            "created_at", "id").values("id")[:1]
        threads = list(Thread.objects.public().filter(board__path__startswith=obj.path)
                       .select_related("board", "author").annotate(first_post_id=Subquery(first_post))
                       .order_by("-created_at", "-id")[:FEED_SIZE])
        posts = Post.objects.in_bulk([t.first_post_id for t in threads if t.first_post_id])
        for thread in threads:
            thread.first_post = posts.get(thread.first_post_id)
        return threads

    def link(self, obj):
        return obj.url

    def title(self, obj):
        return _("%(title)s – latest threads") % {"title": obj.title}

    def description(self, obj):
        return _("New threads in %(title)s on Common Ground.") % {"title": obj.title}

    subtitle = description

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.first_post.body_html if item.first_post else ""

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.public_author_name

    def item_pubdate(self, item):
        return item.created_at


class ForumThreadsFeed(_ThreadsFeed):
    def get_object(self, request, forum):
        return forum


class ForumThreadsAtomFeed(ForumThreadsFeed):
    feed_type = Atom1Feed


class BoardThreadsFeed(_ThreadsFeed):
    def get_object(self, request, board):
        return board


class BoardThreadsAtomFeed(BoardThreadsFeed):
    feed_type = Atom1Feed


class ThreadPostsFeed(PublicAddressFeed):
    def get_object(self, request, board, thread_id):
        thread = Thread.objects.public().filter(pk=thread_id, board=board).first()
        if thread is None:
            raise Http404("No such thread")
        thread.board = board
        return thread

    def title(self, obj):
        return f"{obj.title} – new posts"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("New posts in the thread “%(title)s” on Common Ground.") % {"title": obj.title}

    subtitle = description

    def items(self, obj):
        posts = list(Post.objects.filter(thread=obj, visibility=Visibility.VISIBLE)
                     .select_related("author").order_by("-created_at", "-id")[:FEED_SIZE])
        for post in posts:
            post.thread = obj
        return posts

    def item_title(self, item):
        return f"{item.public_author_name} in {item.thread.title}"

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"forum-post-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.public_author_name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at


class ThreadPostsAtomFeed(ThreadPostsFeed):
    feed_type = Atom1Feed
