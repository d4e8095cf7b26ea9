"""Template tags for the thread page: each post's moderation marks (loaded once per page) and
the crisis help panel shown right after someone posts crisis language."""

from django import template

from ..models import Redaction, ReviewItem, ReviewStatus
from ..permissions import can_flag, can_moderate
from ..views import CRISIS_SESSION_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_marks(context, post):
    """{redacted, flagged_by_me, can_flag, open_item, originals} for `post`; the first call on a
    page loads them for every post in `posts` in a fixed number of queries."""
    marks = context.render_context.get("moderation_marks")
    if marks is None:
        marks = _load_marks(context, context.get("posts") or [post])
        context.render_context["moderation_marks"] = marks
    if post.pk not in marks:
        marks.update(_load_marks(context, [post]))
    return marks[post.pk]


def _load_marks(context, posts):
    request = context.get("request")
    user = request.user if request else None
    ids = [p.pk for p in posts]
    moderator = bool(user and can_moderate(user))
    redactions = {}
    edited = [p.pk for p in posts if p.edited_at]  # a redaction sets edited_at: no query otherwise
    for redaction in Redaction.objects.filter(post_id__in=edited).order_by("created_at") if edited else []:
        redactions.setdefault(redaction.post_id, []).append(redaction)
    open_items = {}
    if moderator:
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


@register.inclusion_tag("moderation/crisis_panel.html", takes_context=True)
def crisis_panel(context):
    request = context.get("request")
    show = bool(request and hasattr(request, "session") and request.session.pop(CRISIS_SESSION_KEY, False))
    return {"show": show, "help_numbers": context.get("help_numbers", [])}
