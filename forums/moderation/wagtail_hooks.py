"""Moderation in the Wagtail admin: log actions, the review queue, watched words, bulk actions."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.log_actions import register_log_actions, with_reason

LOG_ACTIONS = {
    "moderation.post.held": (gettext_lazy("Hold post for review"), gettext_lazy("Held a post for review")),
    "moderation.post.urgent": (gettext_lazy("Mark post urgent"),
                               gettext_lazy("Put a post at the top of the queue")),
    "moderation.post.flagged": (gettext_lazy("Flag post"), gettext_lazy("Flagged a post")),
    "moderation.post.hidden_by_flags": (gettext_lazy("Hide post after flags"),
                                        gettext_lazy("Hid a post after enough flags")),
    "moderation.post.hidden": (gettext_lazy("Hide post"), gettext_lazy("Hid a post")),
    "moderation.post.restored": (gettext_lazy("Restore post"), gettext_lazy("Restored a post")),
    "moderation.post.redacted": (gettext_lazy("Redact post"),
                                 gettext_lazy("Redacted a post (the original is kept)")),
    "moderation.item.claimed": (gettext_lazy("Claim review item"), gettext_lazy("Claimed a review item")),
    "moderation.item.released": (gettext_lazy("Release review item"), gettext_lazy("Released a review item")),
    "moderation.item.still_open": (gettext_lazy("Keep in queue after redaction"),
                                   gettext_lazy("Redacted a post that still needs review")),
    "moderation.item.approved": (gettext_lazy("Approve post"), gettext_lazy("Approved a post")),
    "moderation.item.rejected": (gettext_lazy("Reject post"), gettext_lazy("Rejected a post")),
    "moderation.thread.locked": (gettext_lazy("Lock thread"), gettext_lazy("Locked a thread")),
    "moderation.thread.unlocked": (gettext_lazy("Unlock thread"), gettext_lazy("Unlocked a thread")),
    "moderation.thread.moved": (gettext_lazy("Move thread"), gettext_lazy("Moved a thread to another board")),
    "moderation.thread.retitled": (gettext_lazy("Retitle thread"), gettext_lazy("Changed a thread's title")),
    "moderation.user.trust_level": (gettext_lazy("Set trust level"),
                                    gettext_lazy("Set an account's trust level")),
    "moderation.user.silenced": (gettext_lazy("Silence account"), gettext_lazy("Silenced an account")),
    "moderation.user.suspended": (gettext_lazy("Suspend account"), gettext_lazy("Suspended an account")),
    "moderation.user.silenced_lifted": (gettext_lazy("Lift silence"),
                                        gettext_lazy("Lifted an account's silence")),
    "moderation.user.suspended_lifted": (gettext_lazy("Lift suspension"),
                                         gettext_lazy("Lifted an account's suspension")),
    "moderation.user.messaged": (gettext_lazy("Message resident"),
                                 gettext_lazy("Sent a resident a private message")),
}


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    register_log_actions(actions, {
        action: (label, with_reason(message)) for action, (label, message) in LOG_ACTIONS.items()
    })


# The review queue and watched words ---------------------------------------------------------

from datetime import timedelta  # noqa: E402

import django_filters  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.admin.filters import WagtailFilterSet  # noqa: E402
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from portal.accounts.roles import Role  # noqa: E402

from . import admin_views, bulk_actions, dashboard, permissions, policy, queue_listing  # noqa: E402
from .models import ReviewItem, ReviewReason, ReviewStatus, WatchedWord  # noqa: E402


class ReviewQueuePermissionPolicy(ModelPermissionPolicy):
    """Review items change only through moderation's actions (the moderation page and the bulk
    approve/reject): nobody adds, edits or deletes one through a generic form, not even a
    superuser."""

    def user_has_permission(self, user, action):
        # Administrators hold the view permission so that the queue's entries show in their
        # site history; the queue itself is for moderators.
        return (action == "view" and permissions.can_moderate(user)
                and super().user_has_permission(user, action))

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"]).filter(
            Q(groups__name=Role.MODERATOR.value) | Q(is_superuser=True)).distinct()


register_permission_policy(ReviewItem, ReviewQueuePermissionPolicy(ReviewItem))


AGES = {"1h": timedelta(hours=1), "24h": timedelta(hours=24), "7d": timedelta(days=7)}


class ReviewItemFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Show"), empty_label=gettext_lazy("Waiting"), method="filter_status",
        choices=[("mine", gettext_lazy("Claimed by me")), ("resolved", gettext_lazy("Resolved"))])
    reason = django_filters.ChoiceFilter(label=gettext_lazy("Reason"), choices=ReviewReason.choices)
    board = django_filters.ModelChoiceFilter(
        field_name="post__thread__board", label=gettext_lazy("Board"),
        queryset=lambda request: _boards())
    age = django_filters.ChoiceFilter(
        label=gettext_lazy("Waiting"), method="filter_age", empty_label=gettext_lazy("Any time"),
        choices=[("1h", gettext_lazy("Less than an hour")), ("24h", gettext_lazy("Less than a day")),
                 ("7d", gettext_lazy("Less than a week")), ("older", gettext_lazy("More than a week")),
                 ("overdue", gettext_lazy("Overdue (past the review target)"))])
    urgent = django_filters.BooleanFilter(label=gettext_lazy("Urgent only"))

    class Meta:
        model = ReviewItem
        fields = ["status", "reason", "board", "age", "urgent"]

    def filter_status(self, queryset, name, value):
        """Waiting and resolved items are chosen by the view's queryset; "mine" narrows to the
        items the moderator has claimed."""
        if value == "mine":
            return queryset.filter(claimed_by=self.request.user)
        return queryset

    def filter_age(self, queryset, name, value):
        now = timezone.now()
        if value == "overdue":
            target = timedelta(hours=policy.current_settings().review_target_hours)
            return queryset.filter(created_at__lt=now - target)
        if value == "older":
            return queryset.filter(created_at__lt=now - AGES["7d"])
        return queryset.filter(created_at__gte=now - AGES[value]) if value in AGES else queryset


def _boards():
    from forums.models import BoardPage

    return BoardPage.objects.live().order_by("title")


class ReviewQueueViewSet(SnippetViewSet):
    """The review queue: dense rows with inline actions (queue_listing.py), search, sortable
    columns, "claimed by me" and a tab of resolved items."""

    model = ReviewItem
    icon = "warning"
    menu_label = gettext_lazy("Review queue")
    menu_name = "review_queue"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "moderation/queue"
    filterset_class = ReviewItemFilterSet
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False
    index_template_name = "moderation/admin/queue_index.html"
    search_fields = ["post__body_source", "post__thread__title", "post__author__display_name",
                     "details"]
    search_backend_name = None

    @property
    def list_display(self):
        return queue_listing.columns()

    def get_queryset(self, request):
        queryset = queue_listing.queue_queryset()
        if request.GET.get("status") == "resolved":
            return queryset.exclude(status=ReviewStatus.OPEN).order_by("-resolved_at", "-id")
        return queryset.filter(status=ReviewStatus.OPEN)


class WatchedWordViewSet(SnippetViewSet):
    model = WatchedWord
    icon = "tag"
    menu_label = gettext_lazy("Watched words")
    menu_order = 151
    add_to_admin_menu = True
    list_display = ["phrase", "action", "replacement"]
    list_filter = ["action"]
    search_fields = ["phrase"]
    search_backend_name = None


register_snippet(ReviewQueueViewSet)
register_snippet(WatchedWordViewSet)


@hooks.register("register_admin_viewset")
def register_sanctions_viewset():
    from .sanctions_admin import SanctionViewSet

    return SanctionViewSet()


@hooks.register("register_admin_urls")
def register_moderation_admin_urls():
    return [
        path("moderation/posts/<int:pk>/", admin_views.moderate_post, name="moderation_post"),
        path("moderation/queue/items/<int:pk>/act/", admin_views.queue_act,
             name="moderation_queue_act"),
        path("moderation/queue/items/<int:pk>/message/", admin_views.message_author,
             name="moderation_message_author"),
        path("moderation/sanctions/<int:pk>/lift/", admin_views.lift_sanction,
             name="moderation_sanction_lift"),
    ]


hooks.register("register_bulk_action", bulk_actions.ApproveBulkAction)
hooks.register("register_bulk_action", bulk_actions.RejectBulkAction)



hooks.register("construct_homepage_panels", dashboard.panels_for)
