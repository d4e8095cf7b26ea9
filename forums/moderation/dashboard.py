"""The moderator's panel on the Wagtail admin home: how many items wait, how many are urgent and
how many are older than the site's review target, with the most pressing ones linked."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from . import permissions, policy
from .models import ReviewItem

SHOWN = 5


class ReviewQueuePanel(Component):
    name = "review_queue"
    order = 50
    template_name = "moderation/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        target = policy.current_settings().review_target_hours
        overdue_since = timezone.now() - timedelta(hours=target)
        waiting = ReviewItem.objects.open()
        counts = waiting.aggregate(
            total=Count("pk"), urgent=Count("pk", filter=Q(urgent=True)),
            overdue=Count("pk", filter=Q(created_at__lt=overdue_since)))
        pressing = waiting.filter(Q(urgent=True) | Q(created_at__lt=overdue_since)).select_related(
            "post__thread").order_by("-urgent", "created_at", "id")[:SHOWN]
        queue = reverse("wagtailsnippets_moderation_reviewitem:list")
        return {"counts": counts, "pressing": pressing, "target": target, "queue_url": queue,
                "overdue_since": overdue_since}


def panels_for(request, panels):
    if permissions.can_moderate(request.user):
        panels.append(ReviewQueuePanel())
