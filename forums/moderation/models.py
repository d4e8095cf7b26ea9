"""Moderation: thresholds (a site setting), each account's trust and sanctions, watched words,
flags, the review queue and redactions. Posts themselves stay in forums.models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import notes
from .choices import (  # noqa: F401 - the lists are imported from here as well
    REVIEW_REASON_NAMES,
    FlagReason,
    NoticeKind,
    ReviewReason,
    ReviewStatus,
    SanctionKind,
    TrustLevel,
    WordAction,
)

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
        default=3, help_text=gettext_lazy("A new account's first posts wait for a moderator."),
        verbose_name=gettext_lazy("held first posts"))
    promote_after_approved_posts = models.PositiveSmallIntegerField(
        default=3, help_text=gettext_lazy("Approved posts a new resident needs to become a member."),
        verbose_name=gettext_lazy("promote after approved posts"))
    promote_after_days = models.PositiveSmallIntegerField(
        default=2, help_text=gettext_lazy("Days since joining a new resident needs to become a member."),
        verbose_name=gettext_lazy("promote after days"))
    flag_threshold = models.PositiveSmallIntegerField(
        default=3, help_text=gettext_lazy("Flags from different residents that hide a post until reviewed."),
        verbose_name=gettext_lazy("flag threshold"))
    new_user_thread_interval = models.PositiveIntegerField(
        default=120, help_text=gettext_lazy("Seconds a new resident waits between new threads."),
        verbose_name=gettext_lazy("new user thread interval"))
    new_user_reply_interval = models.PositiveIntegerField(
        default=30, help_text=gettext_lazy("Seconds a new resident waits between replies."),
        verbose_name=gettext_lazy("new user reply interval"))
    member_thread_interval = models.PositiveIntegerField(
        default=15, help_text=gettext_lazy("Seconds a member waits between new threads."),
        verbose_name=gettext_lazy("member thread interval"))
    member_reply_interval = models.PositiveIntegerField(
        default=5, help_text=gettext_lazy("Seconds a member waits between replies."),
        verbose_name=gettext_lazy("member reply interval"))
    flags_per_hour = models.PositiveSmallIntegerField(
        default=20, help_text=gettext_lazy("Flags one account may raise in an hour."),
        verbose_name=gettext_lazy("flags per hour"))
    posts_per_hour_per_ip = models.PositiveIntegerField(
        default=60, help_text=gettext_lazy("Threads and replies from one network address in an hour."),
        verbose_name=gettext_lazy("posts per hour per ip"))
    review_target_hours = models.PositiveSmallIntegerField(
        default=24, help_text=gettext_lazy("Hours within which an item in the review queue should be dealt "
                              "with; older items are shown as overdue."),
                              verbose_name=gettext_lazy("review target hours"))
    canned_reasons = models.TextField(
        default=DEFAULT_CANNED_REASONS, blank=True,
        help_text=gettext_lazy("Reasons offered in the review queue to reject or hide a post, one a line. "
                  "The author is told the reason; moderators can still write their own."),
                  verbose_name=gettext_lazy("canned reasons"))

    panels = [
        MultiFieldPanel([FieldPanel("held_first_posts"), FieldPanel("promote_after_approved_posts"),
                         FieldPanel("promote_after_days")], heading=gettext_lazy("Trust levels")),
        FieldPanel("flag_threshold"),
        FieldPanel("review_target_hours"),
        FieldPanel("canned_reasons"),
        MultiFieldPanel([FieldPanel("new_user_thread_interval"), FieldPanel("new_user_reply_interval"),
                         FieldPanel("member_thread_interval"), FieldPanel("member_reply_interval"),
                         FieldPanel("flags_per_hour"), FieldPanel("posts_per_hour_per_ip")],
                        heading=gettext_lazy("Rate limits")),
    ]

    class Meta:
        verbose_name = gettext_lazy("moderation settings")

    @property
    def canned_reason_list(self):
        return [line.strip() for line in self.canned_reasons.splitlines() if line.strip()]


class Standing(models.Model):
    """An account's trust level and sanctions. No row means a new account in good standing."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="moderation_standing", verbose_name=gettext_lazy("user"))
    trust_level = models.PositiveSmallIntegerField(choices=TrustLevel.choices,
                                                   default=TrustLevel.NEW,
                                                   verbose_name=gettext_lazy("trust level"))
    level_set_by_hand = models.BooleanField(default=False, verbose_name=gettext_lazy("level set by hand"))
    approved_posts = models.PositiveIntegerField(default=0, verbose_name=gettext_lazy("approved posts"))
    silenced_until = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("silenced until"))
    silence_reason = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("silence reason"))
    suspended_until = models.DateTimeField(null=True, blank=True,
                                           verbose_name=gettext_lazy("suspended until"))
    suspension_reason = models.CharField(max_length=300, blank=True,
                                         verbose_name=gettext_lazy("suspension reason"))
    staff_note = models.TextField(blank=True, help_text=gettext_lazy("Only moderators see this."),
                                  verbose_name=gettext_lazy("staff note"))

    def __str__(self):
        return f"Standing of {self.user_id}"

    def is_silenced(self, now=None):
        return bool(self.silenced_until and self.silenced_until > (now or timezone.now()))

    def is_suspended(self, now=None):
        return bool(self.suspended_until and self.suspended_until > (now or timezone.now()))


class WatchedWord(models.Model):
    """A word or phrase moderators watch for, matched whole-word and ignoring case."""

    phrase = models.CharField(max_length=100, unique=True, verbose_name=gettext_lazy("phrase"))
    action = models.CharField(max_length=10, choices=WordAction.choices, default=WordAction.HOLD,
                              verbose_name=gettext_lazy("action"))
    replacement = models.CharField(max_length=100, blank=True,
                                   help_text=gettext_lazy("For “replace”: the text that takes its place."),
                                   verbose_name=gettext_lazy("replacement"))
    explanation = models.CharField(max_length=200, blank=True,
                                   help_text=gettext_lazy("For “block”: shown to the author."),
                                   verbose_name=gettext_lazy("explanation"))

    panels = [FieldPanel("phrase"), FieldPanel("action"), FieldPanel("replacement"),
              FieldPanel("explanation")]

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase


class Flag(models.Model):
    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="flags",
                             verbose_name=gettext_lazy("post"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=gettext_lazy("user"))
    reason = models.CharField(max_length=20, choices=FlagReason.choices, verbose_name=gettext_lazy("reason"))
    note = models.CharField(max_length=500, blank=True, verbose_name=gettext_lazy("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="moderation_flag_once")]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReviewStatus.OPEN)

    def for_queue(self):
        return self.select_related("post__author", "post__thread__board", "claimed_by").order_by(
            "-urgent", "created_at", "id")


class ReviewItem(models.Model):
    """A post a moderator must look at: held before anyone saw it, or flagged after."""

    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="review_items",
                             verbose_name=gettext_lazy("post"))
    reason = models.CharField(max_length=20, choices=ReviewReason.choices,
                              verbose_name=gettext_lazy("reason"))
    details = models.CharField(max_length=300, blank=True,
                               help_text=gettext_lazy("What the checks found, for the moderator."),
                               verbose_name=gettext_lazy("details"))
    notes = models.JSONField(default=list, blank=True,
                             help_text="What the checks found, as codes and parameters "
                                       "(moderation/notes.py): shown in the moderator's language. "
                                       "`details` says it in the site's language (and is all an "
                                       "older item has).")
    urgent = models.BooleanField(default=False, verbose_name=gettext_lazy("urgent"))
    was_held = models.BooleanField(default=False, help_text=gettext_lazy("Held before it was public."),
                                   verbose_name=gettext_lazy("was held"))
    status = models.CharField(max_length=20, choices=ReviewStatus.choices,
                              default=ReviewStatus.OPEN, verbose_name=gettext_lazy("status"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("created at"))
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=gettext_lazy("claimed by"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("claimed at"))
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=gettext_lazy("resolved by"))
    resolved_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("resolved at"))
    resolution_reason = models.CharField(max_length=500, blank=True,
                                         verbose_name=gettext_lazy("resolution reason"))

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("review item")
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
            return notes.summary(self.reason, self.notes)
        # The stored details are in English: so is the reason's name beside them.
        label = REVIEW_REASON_NAMES.get(self.reason, self.reason)
        parts = [part.strip() for part in self.details.split(";") if part.strip()]
        own = [part for part in parts if part.startswith(label + ":")]
        if not own:
            return f"{label}: {'; '.join(parts)}" if parts else label
        return "; ".join([own[0], *(part for part in parts if part != own[0])])


class Redaction(models.Model):
    """A moderator's edit of a post. The original stays here, for moderators only."""

    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, related_name="redactions",
                             verbose_name=gettext_lazy("post"))
    original_source = models.TextField(verbose_name=gettext_lazy("original source"))
    original_html = models.TextField(verbose_name=gettext_lazy("original html"))
    original_title = models.CharField(max_length=300, blank=True,
                                      help_text=gettext_lazy("The thread's title before a moderator changed "
                                                             "it."),
                                                             verbose_name=gettext_lazy("original title"))
    reason = models.CharField(max_length=300, verbose_name=gettext_lazy("reason"))
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=gettext_lazy("redacted by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Redaction of post {self.post_id}"


class SanctionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gt=now))


class Sanction(models.Model):
    """One silence or suspension, kept after it ends: the sanctions list and its history.
    `until` empty: no end date. Lifting early sets `lifted_at`; nothing is deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="moderation_sanctions", verbose_name=gettext_lazy("user"))
    kind = models.CharField(max_length=10, choices=SanctionKind.choices, verbose_name=gettext_lazy("kind"))
    reason = models.CharField(max_length=300, help_text=gettext_lazy("The person sees this."),
                              verbose_name=gettext_lazy("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=gettext_lazy("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("created at"))
    until = models.DateTimeField(null=True, blank=True, help_text=gettext_lazy("Empty: no end date."),
                                 verbose_name=gettext_lazy("until"))
    lifted_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("lifted at"))
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=gettext_lazy("lifted by"))
    lift_reason = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("lift reason"))

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
                             related_name="moderation_notices", verbose_name=gettext_lazy("user"))
    kind = models.CharField(max_length=10, choices=NoticeKind.choices, verbose_name=gettext_lazy("kind"))
    post = models.ForeignKey("forums.Post", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=gettext_lazy("post"))
    thread_title = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("thread title"))
    reason = models.CharField(max_length=500, blank=True, verbose_name=gettext_lazy("reason"))
    body = models.TextField(blank=True, help_text=gettext_lazy("The moderators' message."),
                            verbose_name=gettext_lazy("body"))
    original_text = models.TextField(blank=True, help_text=gettext_lazy("The author's own text, to copy."),
                                     verbose_name=gettext_lazy("original text"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=gettext_lazy("sent by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=gettext_lazy("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("read at"))

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="moderation_notice_user")]

    def __str__(self):
        # No name: log entries show this label in the admin's reports.
        return f"{self.get_kind_display()} #{self.pk}"
