"""Forum threads in search: one document per public thread, holding its title and the text of
its public posts, so a thread is one result however many of its posts match (never the thread
and its first post twice). Results show board › thread and link to the thread.

Only what the public sees is indexed: a visible thread on a live board no view restriction
covers, with at least one visible post, and only the posts' rendered text (`body_html`, what the
thread page shows: after a redaction, the redacted text). Forums announce changes through
`forums.signals.content_changed`; a post's change re-indexes its thread, and publishing,
unpublishing or restricting a board re-checks the threads on it.
"""

from django.utils.html import strip_tags

from . import sources
from .indexing import schedule
from .language import search_language

THREAD_LABEL = "forums.thread"
MAX_BODY = 100_000  # characters of post text kept per thread (the first posts come first)


def public_boards():
    from forums.models import BoardPage

    return BoardPage.objects.live().public()


def public_threads():
    from django.db.models import Exists, OuterRef

    from forums.models import Post, Thread

    return (
        Thread.objects.public()
        .filter(board__in=public_boards().values("pk"))
        .filter(Exists(Post.objects.public().filter(thread_id=OuterRef("pk"))))
        .select_related("board", "topic", "neighbourhood")
    )


def post_text(html):
    """A post as readers see it, as plain text (no markup, no unredacted original)."""
    return " ".join(strip_tags(html).split())


def thread_text(thread):
    from forums.models import Post

    bodies = Post.objects.visible_in(thread).order_by("created_at", "id").values_list("body_html", flat=True)
    return " ".join(post_text(html) for html in bodies)[:MAX_BODY]


def _thread_address(thread):
    """As the site's language links it, whatever the language of the indexing request or task."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return thread.url_under(thread.board.url)


def thread_document(thread):
    return sources.Document(
        source=THREAD_LABEL,
        object_id=str(thread.pk),
        kind="thread",
        title=thread.title,
        url=_thread_address(thread),
        body=thread_text(thread),
        context=f"{thread.board.title} › {thread.title}",
        date=thread.last_activity_at,
        topic=thread.topic.slug if thread.topic_id else "",
        neighbourhood=thread.neighbourhood.slug if thread.neighbourhood_id else "",
        # The language of its first post, detected when written (forums/actions.py).
        language=search_language(thread.language) if thread.language else "",
    )


# Changes ------------------------------------------------------------------------------------


def content_changed(sender, instance=None, **kwargs):
    from forums.models import Post, Thread

    if isinstance(instance, Post):
        schedule(THREAD_LABEL, instance.thread_id)
    elif isinstance(instance, Thread):
        schedule(THREAD_LABEL, instance.pk)


def board_changed(sender, instance, **kwargs):
    from forums.models import Thread

    schedule_threads(Thread.objects.filter(board_id=instance.pk))


def pages_changed(page_ids):
    """Pages were moved or their privacy changed: re-check the threads of the boards among them."""
    from forums.models import Thread

    schedule_threads(Thread.objects.filter(board_id__in=list(page_ids)))


def schedule_threads(threads):
    for thread_id in threads.values_list("pk", flat=True).iterator(chunk_size=1000):
        schedule(THREAD_LABEL, thread_id)


def register():
    sources.register(
        sources.Source(
            label=THREAD_LABEL,
            kind="thread",
            kind_label="Forum thread",
            queryset=public_threads,
            build=thread_document,
        )
    )


def connect():
    from wagtail.signals import page_published, page_unpublished

    from forums.models import BoardPage
    from forums.signals import content_changed as forum_content_changed

    forum_content_changed.connect(content_changed, dispatch_uid="search_forum_content_changed")
    page_published.connect(board_changed, sender=BoardPage, dispatch_uid="search_board_published")
    page_unpublished.connect(board_changed, sender=BoardPage, dispatch_uid="search_board_unpublished")
