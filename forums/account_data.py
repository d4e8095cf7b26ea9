"""The forums' part of a resident's data export and account deletion."""

from .models import Follow, Notification, Post, ReadMarker, Submission, Thread


def export_forum_data(sender, user, **kwargs):
    threads = Thread.objects.filter(author=user).select_related("board").order_by("created_at")
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    return {
        "forum_threads": [
            {"title": t.title, "board": t.board.title, "created_at": t.created_at.isoformat(),
             "anonymous": t.is_anonymous, "visibility": t.visibility, "url": t.get_absolute_url()}
            for t in threads
        ],
        "forum_posts": [
            {"thread": p.thread.title, "body": p.body_source, "created_at": p.created_at.isoformat(),
             "edited_at": p.edited_at.isoformat() if p.edited_at else None,
             "anonymous": p.is_anonymous, "visibility": p.visibility}
            for p in posts
        ],
        "forum_following": list(Follow.objects.filter(user=user).values_list("thread__title", flat=True)),
    }


def anonymise_forum_data(sender, user, **kwargs):
    """Posts stay readable under the anonymised account's name; what tracked the person goes."""
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    ReadMarker.objects.filter(user=user).delete()
    Submission.objects.filter(user=user).delete()
    Post.objects.filter(author=user, is_anonymous=True).update(author_area="")
    Thread.objects.filter(author=user, is_anonymous=True).update(author_area="")
