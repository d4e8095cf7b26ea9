"""Moderation's fixed lists (reasons, statuses, kinds): imported by models.py and by notes.py,
which puts stored review notes into the reader's language."""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _


class TrustLevel(models.IntegerChoices):
    NEW = 0, gettext_lazy("New: first posts are held")
    MEMBER = 1, gettext_lazy("Member")
    TRUSTED = 2, gettext_lazy("Trusted")


class WordAction(models.TextChoices):
    BLOCK = "block", gettext_lazy("Block: the author sees why and keeps the text")
    HOLD = "hold", gettext_lazy("Hold for review")
    REPLACE = "replace", gettext_lazy("Replace with other text")


class FlagReason(models.TextChoices):
    PERSONAL = "personal", gettext_lazy("Personal information about someone")
    HARASSMENT = "harassment", gettext_lazy("Harassment or hate")
    SPAM = "spam", gettext_lazy("Spam")
    OFF_TOPIC = "off-topic", gettext_lazy("Off-topic")
    DANGER = "danger", gettext_lazy("Someone may be in danger")
    OTHER = "other", gettext_lazy("Something else (tell us in a note)")


class ReviewReason(models.TextChoices):
    CRISIS = "crisis", _("Crisis language")
    PERSONAL_DATA = "personal-data", _("Personal details")
    WATCHED_WORD = "watched-word", _("Watched word")
    NEW_ACCOUNT = "new-account", _("New account")
    FLAGGED = "flagged", _("Flagged by residents")


# The reasons' plain English names: the keys of the published moderation figures and of the open
# data's columns (transparency), which must not change with the reader's language (the labels
# above are these, translated). The checks' stored details start with them too.
REVIEW_REASON_NAMES = {
    ReviewReason.CRISIS: "Crisis language",
    ReviewReason.PERSONAL_DATA: "Personal details",
    ReviewReason.WATCHED_WORD: "Watched word",
    ReviewReason.NEW_ACCOUNT: "New account",
    ReviewReason.FLAGGED: "Flagged by residents",
}


class ReviewStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("Waiting")
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Rejected")
    HIDDEN = "hidden", gettext_lazy("Hidden")
    REDACTED = "redacted", gettext_lazy("Redacted")
    DISMISSED = "dismissed", gettext_lazy("Kept (flags dismissed)")
    FOLLOWED_UP = "followed-up", gettext_lazy("Kept (crisis followed up)")


class SanctionKind(models.TextChoices):
    SILENCED = "silenced", _("Silenced (can read, cannot post)")
    SUSPENDED = "suspended", _("Suspended (cannot sign in)")


class NoticeKind(models.TextChoices):
    REJECTED = "rejected", _("Post not published")
    MESSAGE = "message", _("Message from the moderators")
