"""What each post on a thread page shows about moderation, worked out once per page in bulk."""

from .models import Redaction, ReviewItem, ReviewStatus
from .permissions import can_flag, can_moderate


def marks_for(user, posts):
    """{post id: {redacted, originals, can_flag, is_moderator, open_item}} for `posts`, in at most
    two queries whatever their number (none when no post was edited and the user moderates not)."""
    ids = [p.pk for p in posts]
    moderator = bool(user and can_moderate(user))
    redactions = {}
    edited = [p.pk for p in posts if p.edited_at]  # a redaction sets edited_at: no query otherwise
    for redaction in Redaction.objects.filter(post_id__in=edited).order_by("created_at") if edited else []:
        redactions.setdefault(redaction.post_id, []).append(redaction)
    open_items = {}
    if moderator and ids:
        open_items = dict(ReviewItem.objects.filter(post_id__in=ids, status=ReviewStatus.OPEN)
                          .values_list("post_id", "id"))
    return {
        p.pk: {
            "redacted": p.pk in redactions,
            "originals": redactions.get(p.pk, []) if moderator else [],
            "can_flag": bool(user and can_flag(user, p)),
            "is_moderator": moderator,
            "open_item": open_items.get(p.pk),
        }
        for p in posts
    }
