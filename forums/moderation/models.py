"""Moderation: thresholds (a site setting), each account's trust and sanctions, watched words,
flags, the review queue and redactions. Posts themselves stay in forums.models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_CANNED_REASONS = "\n".join([
    "It shares someone's personal details.",
    "It is off-topic for this board.",
    "It is spam or advertising.",
    "It attacks or harasses someone.",
    "It names or accuses someone of a crime.",
])


@register_setting(icon="warning")
class ModerationSettings(BaseSiteSetting):
    """Thresholds moderators tune without a deploy. Defaults follow the moderation issue."""

    held_first_posts = models.PositiveSmallIntegerField(
        default=3, help_text="A new account's first posts wait for a moderator.")
    promote_after_approved_posts = models.PositiveSmallIntegerField(
        default=3, help_text="Approved posts a new resident needs to become a member.")
    promote_after_days = models.PositiveSmallIntegerField(
        default=2, help_text="Days since joining a new resident needs to become a member.")
    flag_threshold = models.PositiveSmallIntegerField(
        default=3, help_text="Flags from different residents that hide a post until reviewed.")
    new_user_thread_interval = models.PositiveIntegerField(
        default=120, help_text="Seconds a new resident waits between new threads.")
    new_user_reply_interval = models.PositiveIntegerField(
        default=30, help_text="Seconds a new resident waits between replies.")
    member_thread_interval = models.PositiveIntegerField(
        default=15, help_text="Seconds a member waits between new threads.")
    member_reply_interval = models.PositiveIntegerField(
        default=5, help_text="Seconds a member waits between replies.")
    flags_per_hour = models.PositiveSmallIntegerField(
        default=20, help_text="Flags one account may raise in an hour.")
    posts_per_hour_per_ip = models.PositiveIntegerField(
        default=60, help_text="Threads and replies from one network address in an hour.")
    review_target_hours = models.PositiveSmallIntegerField(
        default=24, help_text="Hours within which an item in the review queue should be dealt "
                              "with; older items are shown as overdue.")
    canned_reasons = models.TextField(
        default=DEFAULT_CANNED_REASONS, blank=True,
        help_text="Reasons offered in the review queue to reject or hide a post, one a line. "
                  "The author is told the reason; moderators can still write their own.")

    panels = [
        MultiFieldPanel([FieldPanel("held_first_posts"), FieldPanel("promote_after_approved_posts"),
                         FieldPanel("promote_after_days")], heading="Trust levels"),
        FieldPanel("flag_threshold"),
        FieldPanel("review_target_hours"),
        FieldPanel("canned_reasons"),
        MultiFieldPanel([FieldPanel("new_user_thread_interval"), FieldPanel("new_user_reply_interval"),
                         FieldPanel("member_thread_interval"), FieldPanel("member_reply_interval"),
                         FieldPanel("flags_per_hour"), FieldPanel("posts_per_hour_per_ip")],
                        heading="Rate limits"),
    ]

    class Meta:
        verbose_name = "moderation settings"

    @property
    def canned_reason_list(self):
        return [line.strip() for line in self.canned_reasons.splitlines() if line.strip()]


class TrustLevel(models.IntegerChoices):
    NEW = 0, gettext_lazy("New: first posts are held")
    MEMBER = 1, gettext_lazy("Member")
    TRUSTED = 2, gettext_lazy("Trusted")


class Standing(models.Model):
    """An account's trust level and sanctions. No row means a new account in good standing."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="moderation_standing")
    trust_level = models.PositiveSmallIntegerField(choices=TrustLevel.choices,
                                                   default=TrustLevel.NEW)
    level_set_by_hand = models.BooleanField(default=False)
    approved_posts = models.PositiveIntegerField(default=0)
    silenced_until = models.DateTimeField(null=True, blank=True)
    silence_reason = models.CharField(max_length=300, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=300, blank=True)
    staff_note = models.TextField(blank=True, help_text="Only moderators see this.")

    def __str__(self):
        return f"Standing of {self.user_id}"

    def is_silenced(self, now=None):
        return bool(self.silenced_until and self.silenced_until > (now or timezone.now()))

    def is_suspended(self, now=None):
        return bool(self.suspended_until and self.suspended_until > (now or timezone.now()))


class WordAction(models.TextChoices):
    BLOCK = "block", "Block: the author sees why and keeps the text"
    HOLD = "hold", "Hold for review"
    REPLACE = "replace", "Replace with other text"


class WatchedWord(models.Model):
    """A word or phrase moderators watch for, matched whole-word and ignoring case."""

    phrase = models.CharField(max_length=100, unique=True)
    action = models.CharField(max_length=10, choices=WordAction.choices, default=WordAction.HOLD)
    replacement = models.CharField(max_length=100, blank=True,
                                   help_text="For “replace”: the text that takes its place.")
    explanation = models.CharField(max_length=200, blank=True,
                                   help_text="For “block”: shown to the author.")

    panels = [FieldPanel("phrase"), FieldPanel("action"), FieldPanel("replacement"),
              FieldPanel("explanation")]

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase


class FlagReason(models.TextChoices):
    PERSONAL = "personal", gettext_lazy("Personal information about someone")
    HARASSMENT = "harassment", gettext_lazy("Harassment or hate")
    SPAM = "spam", gettext_lazy("Spam")
    OFF_TOPIC = "off-topic", gettext_lazy("Off-topic")
    DANGER = "danger", gettext_lazy("Someone may be in danger")
    OTHER = "other", gettext_lazy("Something else (tell us in a note)")


class Flag(models.Model):
    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="moderation_flag_once")]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"


# Plain English labels: they are the keys of the published moderation figures and of the open
# data's columns (transparency), which must not change with the reader's language.
class ReviewReason(models.TextChoices):
    CRISIS = "crisis", "Crisis language"
    PERSONAL_DATA = "personal-data", "Personal details"
    WATCHED_WORD = "watched-word", "Watched word"
    NEW_ACCOUNT = "new-account", "New account"
    FLAGGED = "flagged", "Flagged by residents"


class ReviewStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("Waiting")
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Rejected")
    HIDDEN = "hidden", gettext_lazy("Hidden")
    REDACTED = "redacted", gettext_lazy("Redacted")
    DISMISSED = "dismissed", gettext_lazy("Kept (flags dismissed)")
    FOLLOWED_UP = "followed-up", "Kept (crisis followed up)"


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReviewStatus.OPEN)

    def for_queue(self):
        return self.select_related("post__author", "post__thread__board", "claimed_by").order_by(
            "-urgent", "created_at", "id")


class ReviewItem(models.Model):
    """A post a moderator must look at: held before anyone saw it, or flagged after."""

    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="review_items")
    reason = models.CharField(max_length=20, choices=ReviewReason.choices)
    details = models.CharField(max_length=300, blank=True,
                               help_text="What the checks found, for the moderator.")
    notes = models.JSONField(default=list, blank=True,
                             help_text="What the checks found, as codes and parameters "
                                       "(moderation/notes.py): shown in the moderator's language. "
                                       "`details` says it in the site's language (and is all an "
                                       "older item has).")
    urgent = models.BooleanField(default=False)
    was_held = models.BooleanField(default=False, help_text="Held before it was public.")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices,
                              default=ReviewStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_reason = models.CharField(max_length=500, blank=True)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        verbose_name = "review item"
        indexes = [models.Index(fields=["status", "-urgent", "created_at"],
                                name="moderation_queue_order")]
        constraints = [models.UniqueConstraint(fields=["post"], condition=Q(status="open"),
                                               name="moderation_one_open_item_per_post")]

    def __str__(self):
        return f"{self.get_reason_display()}: post {self.post_id}"

    @property
    def is_open(self):
        return self.status == ReviewStatus.OPEN

    @property
    def summary(self):
        """The reason and what the checks found, naming the reason once: "Crisis language:
        suicide; Found a phone number", never "Crisis language: Crisis language: suicide"."""
        if self.notes:  # in the current language (notes.py); an older item: its details as stored
            from . import notes

            return notes.summary(self.reason, self.notes)
        label = self.get_reason_display()
        parts = [part.strip() for part in self.details.split(";") if part.strip()]
        own = [part for part in parts if part.startswith(label + ":")]
        if not own:
            return f"{label}: {'; '.join(parts)}" if parts else label
        return "; ".join([own[0], *(part for part in parts if part != own[0])])


class Redaction(models.Model):
    """A moderator's edit of a post. The original stays here, for moderators only."""

    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="redactions")
    original_source = models.TextField()
    original_html = models.TextField()
    original_title = models.CharField(max_length=300, blank=True,
                                      help_text="The thread's title before a moderator changed it.")
    reason = models.CharField(max_length=300)
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Redaction of post {self.post_id}"


class SanctionKind(models.TextChoices):
    SILENCED = "silenced", _("Silenced (can read, cannot post)")
    SUSPENDED = "suspended", _("Suspended (cannot sign in)")


class SanctionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gt=now))


class Sanction(models.Model):
    """One silence or suspension, kept after it ends: the sanctions list and its history.
    `until` empty: no end date. Lifting early sets `lifted_at`; nothing is deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="moderation_sanctions")
    kind = models.CharField(max_length=10, choices=SanctionKind.choices)
    reason = models.CharField(max_length=300, help_text="The person sees this.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(null=True, blank=True, help_text="Empty: no end date.")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    lift_reason = models.CharField(max_length=300, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "kind", "lifted_at"], name="moderation_sanction_user")]

    def __str__(self):
        # No name: log entries show this label in the admin's reports.
        return f"{self.get_kind_display().split(' (')[0]} #{self.pk}"

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.lifted_at is None and (self.until is None or self.until > now)

    @property
    def ended_at(self):
        if self.lifted_at:
            return self.lifted_at
        return self.until if self.until and self.until <= timezone.now() else None


class NoticeKind(models.TextChoices):
    REJECTED = "rejected", _("Post not published")
    MESSAGE = "message", _("Message from the moderators")


class NoticeQuerySet(models.QuerySet):
    SHOWN = 50

    def for_user(self, user):
        """The resident's own notices, unread first, then newest: only ever their own."""
        return list(self.filter(user=user).order_by(
            models.F("read_at").asc(nulls_first=True), "-created_at", "-id")[:self.SHOWN])


class Notice(models.Model):
    """What the moderators tell one resident on the site: a post that was not published (with the
    reason and the author's own text, so nothing they wrote is lost) or a private message. Only
    the resident sees it (and moderators, in the queue); it is never public or indexed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="moderation_notices")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    post = models.ForeignKey("forums.Post", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    thread_title = models.CharField(max_length=300, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True, help_text="The moderators' message.")
    original_text = models.TextField(blank=True, help_text="The author's own text, to copy.")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="moderation_notice_user")]

    def __str__(self):
        # No name: log entries show this label in the admin's reports.
        return f"{self.get_kind_display()} #{self.pk}"
