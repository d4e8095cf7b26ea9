"""Moderation in the Wagtail admin: log actions, the review queue, watched words, bulk actions."""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.log_actions import register_log_actions, with_reason

LOG_ACTIONS = {
    "moderation.post.held": ("Hold post for review", "Held a post for review"),
    "moderation.post.urgent": ("Mark post urgent", "Put a post at the top of the queue"),
    "moderation.post.flagged": ("Flag post", "Flagged a post"),
    "moderation.post.hidden_by_flags": ("Hide post after flags", "Hid a post after enough flags"),
    "moderation.post.hidden": ("Hide post", "Hid a post"),
    "moderation.post.restored": ("Restore post", "Restored a post"),
    "moderation.post.redacted": ("Redact post", "Redacted a post (the original is kept)"),
    "moderation.item.claimed": ("Claim review item", "Claimed a review item"),
    "moderation.item.released": ("Release review item", "Released a review item"),
    "moderation.item.approved": ("Approve post", "Approved a post"),
    "moderation.item.rejected": ("Reject post", "Rejected a post"),
    "moderation.thread.locked": ("Lock thread", "Locked a thread"),
    "moderation.thread.unlocked": ("Unlock thread", "Unlocked a thread"),
    "moderation.thread.moved": ("Move thread", "Moved a thread to another board"),
    "moderation.thread.retitled": ("Retitle thread", "Changed a thread's title"),
    "moderation.user.trust_level": ("Set trust level", "Set an account's trust level"),
    "moderation.user.silenced": ("Silence account", "Silenced an account"),
    "moderation.user.suspended": ("Suspend account", "Suspended an account"),
    "moderation.user.silenced_lifted": ("Lift silence", "Lifted an account's silence"),
    "moderation.user.suspended_lifted": ("Lift suspension", "Lifted an account's suspension"),
}


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    register_log_actions(actions, {
        action: (label, with_reason(message)) for action, (label, message) in LOG_ACTIONS.items()
    })


# The review queue and watched words ---------------------------------------------------------

from datetime import timedelta  # noqa: E402

import django_filters  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.admin.filters import WagtailFilterSet  # noqa: E402
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn  # noqa: E402
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from . import admin_views, bulk_actions  # noqa: E402
from .models import ReviewItem, ReviewReason, WatchedWord  # noqa: E402


class ReviewQueuePermissionPolicy(ModelPermissionPolicy):
    """Review items change only through moderation's actions (the moderation page and the bulk
    approve/reject): nobody adds, edits or deletes one through a generic form, not even a
    superuser."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


register_permission_policy(ReviewItem, ReviewQueuePermissionPolicy(ReviewItem))


AGES = {"1h": timedelta(hours=1), "24h": timedelta(hours=24), "7d": timedelta(days=7)}


class ReviewItemFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(choices=ReviewReason.choices)
    board = django_filters.ModelChoiceFilter(
        field_name="post__thread__board", label="Board",
        queryset=lambda request: _boards())
    age = django_filters.ChoiceFilter(
        label="Waiting", method="filter_age", empty_label="Any time",
        choices=[("1h", "Less than an hour"), ("24h", "Less than a day"), ("7d", "Less than a week"),
                 ("older", "More than a week")])
    urgent = django_filters.BooleanFilter(label="Urgent only")

    class Meta:
        model = ReviewItem
        fields = ["reason", "board", "age", "urgent"]

    def filter_age(self, queryset, name, value):
        now = timezone.now()
        if value == "older":
            return queryset.filter(created_at__lt=now - AGES["7d"])
        return queryset.filter(created_at__gte=now - AGES[value]) if value in AGES else queryset


def _boards():
    from forums.models import BoardPage

    return BoardPage.objects.live().order_by("title")


def review_url(item):
    return reverse("moderation_post", args=[item.post_id])


class ReviewQueueViewSet(SnippetViewSet):
    model = ReviewItem
    icon = "warning"
    menu_label = "Review queue"
    menu_name = "review_queue"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "moderation/queue"
    filterset_class = ReviewItemFilterSet
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        # The id names the row for the bulk-action checkbox (its aria-describedby), as the
        # snippets' own title column does.
        TitleColumn("summary", label="Post", get_url=review_url,
                    accessor=lambda item: item.post.body_source[:120],
                    get_title_id=lambda item: f"snippet_{item.pk}_title"),
        BooleanColumn("urgent"),
        Column("reason", accessor="get_reason_display"),
        Column("details"),
        Column("board", label="Board", accessor=lambda item: item.post.thread.board.title),
        Column("author", label="Author", accessor=lambda item: item.post.author.display_name),
        Column("claimed_by", label="Claimed by",
               accessor=lambda item: item.claimed_by.display_name if item.claimed_by else ""),
        DateColumn("created_at", label="Waiting since"),
    ]

    def get_queryset(self, request):
        return ReviewItem.objects.open().for_queue()


class WatchedWordViewSet(SnippetViewSet):
    model = WatchedWord
    icon = "tag"
    menu_label = "Watched words"
    menu_order = 151
    add_to_admin_menu = True
    list_display = ["phrase", "action", "replacement"]
    list_filter = ["action"]
    search_fields = ["phrase"]
    search_backend_name = None


register_snippet(ReviewQueueViewSet)
register_snippet(WatchedWordViewSet)


@hooks.register("register_admin_urls")
def register_moderation_admin_urls():
    return [
        path("moderation/posts/<int:pk>/", admin_views.moderate_post, name="moderation_post"),
    ]


hooks.register("register_bulk_action", bulk_actions.ApproveBulkAction)
hooks.register("register_bulk_action", bulk_actions.RejectBulkAction)

