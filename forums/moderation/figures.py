"""Public moderation figures per month, aggregated (the transparency dashboard shows them).

`monthly_figures(year, month)` counts, for one calendar month in the site's time zone:
- published: posts written that month that are public now,
- held: posts held for review before anyone saw them,
- flagged: posts that entered the queue because residents flagged them,
- approved / rejected / hidden: review decisions taken that month, `hidden_by_reason` split by
  why the post reached the queue; a post a moderator hid from its page without a queue item (the
  audit log's "moderation.post.hidden" entry) counts as hidden, reason "Hidden directly by a
  moderator",
- median_minutes_to_review: from entering the queue to a decision, for decisions that month
  (None when there were none).
Only counts leave this module: no post, author or moderator is named."""

import statistics
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forums.models import Post, Visibility

from .models import REVIEW_REASON_NAMES, ReviewItem, ReviewReason, ReviewStatus


def month_bounds(year, month):
    tz = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


DIRECT_HIDE = "Hidden directly by a moderator"


def _hidden_directly(start, end, resolved):
    """Posts hidden that month through the audit-logged hide action without a queue decision."""
    logged = set(ModelLogEntry.objects.filter(
        action="moderation.post.hidden", timestamp__gte=start, timestamp__lt=end,
        content_type=ContentType.objects.get_for_model(Post)).values_list("object_id", flat=True))
    from_queue = {str(pk) for pk in resolved.filter(status=ReviewStatus.HIDDEN)
                  .values_list("post_id", flat=True)}
    return len(logged - from_queue)


def monthly_figures(year, month):
    start, end = month_bounds(year, month)
    created = ReviewItem.objects.filter(created_at__gte=start, created_at__lt=end)
    resolved = ReviewItem.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
    decisions = dict(resolved.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    hidden_by_reason = dict(resolved.filter(status=ReviewStatus.HIDDEN).values_list("reason")
                            .annotate(n=Count("id")).values_list("reason", "n"))
    direct = _hidden_directly(start, end, resolved)
    if direct:
        decisions[ReviewStatus.HIDDEN] = decisions.get(ReviewStatus.HIDDEN, 0) + direct
    durations = [(done - began).total_seconds() / 60
                 for began, done in resolved.values_list("created_at", "resolved_at")]
    return {
        "month": f"{year:04d}-{month:02d}",
        "published": Post.objects.filter(created_at__gte=start, created_at__lt=end,
                                         visibility=Visibility.VISIBLE).count(),
        "held": created.filter(was_held=True).count(),
        "flagged": created.filter(reason=ReviewReason.FLAGGED).count(),
        "approved": decisions.get(ReviewStatus.APPROVED, 0) + decisions.get(ReviewStatus.DISMISSED, 0),
        "rejected": decisions.get(ReviewStatus.REJECTED, 0),
        "hidden": decisions.get(ReviewStatus.HIDDEN, 0),
        "redacted": decisions.get(ReviewStatus.REDACTED, 0),
        "hidden_by_reason": {REVIEW_REASON_NAMES[r]: n for r, n in sorted(hidden_by_reason.items())}
        | ({DIRECT_HIDE: direct} if direct else {}),
        "median_minutes_to_review": round(statistics.median(durations)) if durations else None,
    }


def recent_months(count=12, today=None):
    """Figures for the last `count` months, newest first."""
    today = timezone.localdate() if today is None else today
    year, month = today.year, today.month
    out = []
    for _ in range(count):
        out.append(monthly_figures(year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out
