"""A concern's fixed lists (states, close reasons, answer kinds): imported by models.py and by
timeline.py, which puts the stored timeline into the reader's language."""

from django.db import models
from django.utils.translation import gettext_lazy, pgettext_lazy


class State(models.TextChoices):
    # "concern state": one concern's ("Abierta"); the inbox's tabs use the plain words ("Abiertas")
    SUBMITTED = "submitted", pgettext_lazy("concern state", "Submitted (waiting for moderation)")
    OPEN = "open", pgettext_lazy("concern state", "Open")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("concern state", "Acknowledged")
    ANSWERED = "answered", pgettext_lazy("concern state", "Answered")
    RESOLVED = "resolved", pgettext_lazy("concern state", "Resolved")
    CLOSED = "closed", pgettext_lazy("concern state", "Closed")


ACTIVE_STATES = (State.OPEN, State.ACKNOWLEDGED, State.ANSWERED)


WAITING_STATES = (State.OPEN, State.ACKNOWLEDGED)  # no official answer yet


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", gettext_lazy("Duplicate of another concern")
    NOT_ACTIONABLE = "not_actionable", gettext_lazy("Not something the partners can act on")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn by the resident")


class AnswerKind(models.TextChoices):
    INFORMATION = "information", gettext_lazy("Information")
    ACTION_TAKEN = "action_taken", gettext_lazy("Action taken")
    ACTION_WITHHELD = "action_withheld", gettext_lazy("Action taken (details withheld)")
    REFERRED = "referred", gettext_lazy("Referred to another partner")
    NOT_ACTIONABLE = "not_actionable", gettext_lazy("Not actionable")


class Satisfaction(models.TextChoices):
    YES = "yes", gettext_lazy("Yes")
    PARTLY = "partly", gettext_lazy("Partly")
    NO = "no", gettext_lazy("No")
