"""Forum posts in search: one document per public post. A thread's first post is the "Forum thread"
result, every reply a "Forum post"; both carry the thread's title and show board › thread.

Only what the public sees is indexed: a visible post in a visible thread on a live board no view
restriction covers, and only its rendered text (`body_html`, what the thread page shows: after a
redaction, the redacted text). Forums announce changes through `forums.signals.content_changed`;
a thread's change re-checks each of its posts, and publishing, unpublishing or restricting a
board re-checks the posts under it.
"""

from django.urls import reverse
from django.utils.html import strip_tags

from . import sources
from .indexing import schedule

POST_LABEL = "forums.post"


def public_boards():
    from forums.models import BoardPage

    return BoardPage.objects.live().public()


def public_posts():
    from django.db.models import OuterRef, Subquery

    from forums.models import Post

    first_posts = Post.objects.filter(thread_id=OuterRef("thread_id")).order_by("created_at", "id")
    return (
        Post.objects.public()
        .filter(thread__board__in=public_boards().values("pk"))
        .select_related("thread__board", "thread__topic", "thread__neighbourhood")
        .annotate(first_post_id=Subquery(first_posts.values("id")[:1]))
    )


def post_text(post):
    """The post as readers see it, as plain text (no markup, no unredacted original)."""
    return " ".join(strip_tags(post.body_html).split())


def post_document(post):
    thread = post.thread
    first = post.pk == post.first_post_id
    return sources.Document(
        source=POST_LABEL,
        object_id=str(post.pk),
        kind="thread" if first else "post",
        title=thread.title,
        url=reverse("forums:post", args=[post.pk]),
        body=post_text(post),
        context=f"{thread.board.title} › {thread.title}",
        date=post.created_at,
        topic=thread.topic.slug if thread.topic_id else "",
        neighbourhood=thread.neighbourhood.slug if thread.neighbourhood_id else "",
    )


# Changes ------------------------------------------------------------------------------------


def content_changed(sender, instance=None, **kwargs):
    from forums.models import Post, Thread

    if isinstance(instance, Post):
        schedule(POST_LABEL, instance.pk)
    elif isinstance(instance, Thread):
        schedule_posts(Post.objects.filter(thread_id=instance.pk))


def board_changed(sender, instance, **kwargs):
    from forums.models import Post

    schedule_posts(Post.objects.filter(thread__board_id=instance.pk))


def pages_changed(page_ids):
    """Pages were moved or their privacy changed: re-check the posts of the boards among them."""
    from forums.models import Post

    schedule_posts(Post.objects.filter(thread__board_id__in=list(page_ids)))


def schedule_posts(posts):
    for post_id in posts.values_list("pk", flat=True).iterator(chunk_size=1000):
        schedule(POST_LABEL, post_id)


def register():
    sources.register(
        sources.Source(
            label=POST_LABEL,
            kind="post",
            kind_label="Forum post",
            other_kinds={"thread": "Forum thread"},
            queryset=public_posts,
            build=post_document,
        )
    )


def connect():
    from wagtail.signals import page_published, page_unpublished

    from forums.models import BoardPage
    from forums.signals import content_changed as forum_content_changed

    forum_content_changed.connect(content_changed, dispatch_uid="search_forum_content_changed")
    page_published.connect(board_changed, sender=BoardPage, dispatch_uid="search_board_published")
    page_unpublished.connect(board_changed, sender=BoardPage, dispatch_uid="search_board_unpublished")
