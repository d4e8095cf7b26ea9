"""Concerns: a thread on a concern board, routed to the partners who can act on it.

A `Concern` sits beside its `forums.Thread` (one to one). Its state changes only through
`concerns.actions`; every change writes a `ConcernEvent`, the public timeline. `ConcernRoute`
says which partners a concern went to (and when each first answered), `RoutingRule` decides
that. Emails go through the outbox (portal/emails.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import timeline
from .choices import (  # noqa: F401 - the lists are imported from here as well
    ACTIVE_STATES,
    WAITING_STATES,
    AnswerKind,
    CloseReason,
    Satisfaction,
    State,
)


class ConcernQuerySet(models.QuerySet):
    def routed_to(self, partner_id):
        return self.filter(routes__partner_id=partner_id)

    def overdue(self, now, target_days):
        from datetime import timedelta

        return self.filter(state__in=WAITING_STATES, first_response_at__isnull=True,
                           published_at__lt=now - timedelta(days=target_days))


class Concern(models.Model):
    thread = models.OneToOneField("forums.Thread", on_delete=models.CASCADE,
                                  related_name="concern", verbose_name=gettext_lazy("thread"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.SUBMITTED,
                             db_index=True, verbose_name=gettext_lazy("state"))
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True,
                                    verbose_name=gettext_lazy("close reason"))
    share_contact = models.BooleanField(
        gettext_lazy("share my contact details with the responding partners"), default=False,
        help_text=gettext_lazy("Only the partners this concern is routed to see them; never the public."))
    partners = models.ManyToManyField("partners.Partner", through="ConcernRoute",
                                      related_name="concerns")
    landmark = models.ForeignKey("taxonomy.Landmark", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 help_text=gettext_lazy("The public place the resident chose, if any."),
                                 verbose_name=gettext_lazy("landmark"))
    # The point the resident marked on the map: only the routed partners' liaisons see it;
    # everyone else sees it snapped to a coarse grid (places.py).
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True,
                                   verbose_name=gettext_lazy("latitude"))
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True,
                                    verbose_name=gettext_lazy("longitude"))
    is_unmatched = models.BooleanField(
        default=False, help_text=gettext_lazy("No routing rule matched: it went to the default partner."),
        verbose_name=gettext_lazy("is unmatched"))
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True,
                                        help_text=gettext_lazy("When it became visible and was routed."),
                                        verbose_name=gettext_lazy("published at"))
    first_response_at = models.DateTimeField(null=True, blank=True,
                                             verbose_name=gettext_lazy("first response at"))
    resolved_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("resolved at"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("closed at"))
    escalated_at = models.DateTimeField(
        null=True, blank=True, help_text=gettext_lazy("When a partner's lead was first told it is overdue."),
        verbose_name=gettext_lazy("escalated at"))

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("reroute_concern", "Can re-route concerns")]

    def __str__(self):
        return self.thread.title

    def get_absolute_url(self):
        return self.thread.get_absolute_url()

    @property
    def title(self):
        return self.thread.title

    def partner_ids(self):
        """The routed partners' ids, read once (prefetched `routes` are used when present)."""
        if not hasattr(self, "_partner_ids"):
            self._partner_ids = frozenset(route.partner_id for route in self.routes.all())
        return self._partner_ids

    def route_for(self, partner_id):
        """The route to one partner (its claim, its answer time), from prefetched `routes`."""
        return next((r for r in self.routes.all() if r.partner_id == partner_id), None)


class ConcernRoute(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="routes",
                                verbose_name=gettext_lazy("concern"))
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="+",
                                verbose_name=gettext_lazy("partner"))
    routed_at = models.DateTimeField(verbose_name=gettext_lazy("routed at"))
    first_response_at = models.DateTimeField(null=True, blank=True,
                                             verbose_name=gettext_lazy("first response at"))
    # Each routed partner claims the concern separately: a claim belongs to an organisation.
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="claimed_routes",
                                   verbose_name=gettext_lazy("claimed by"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("claimed at"))
    escalated_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("escalated at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concern", "partner"],
                                               name="concerns_route_once")]

    def __str__(self):
        return f"{self.concern_id} -> {self.partner_id}"


class ConcernEvent(models.Model):
    """One entry of the timeline. `actor_label` is what the public sees (an organisation,
    "The resident", "Moderators"); `actor` is kept for staff and the audit log. What happened is
    `kind` and `params`, put into the reader's language when shown (`text`, concerns/timeline.py);
    `summary` is the same sentence in the site's language (and all an event older than the kinds
    has)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events",
                                verbose_name=gettext_lazy("concern"))
    state = models.CharField(max_length=20, choices=State.choices, verbose_name=gettext_lazy("state"))
    summary = models.CharField(max_length=200, verbose_name=gettext_lazy("summary"))
    kind = models.CharField(max_length=30, blank=True,
                            help_text="What happened (concerns/timeline.py: Kind); empty on old rows.")
    params = models.JSONField(default=dict, blank=True,
                              help_text="The kind's parameters: partner names, the answer's kind...")
    reason = models.TextField(blank=True, verbose_name=gettext_lazy("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+", verbose_name=gettext_lazy("actor"))
    actor_label = models.CharField(max_length=120, verbose_name=gettext_lazy("actor label"))
    post = models.ForeignKey("forums.Post", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=gettext_lazy("post"))
    is_public = models.BooleanField(default=True, verbose_name=gettext_lazy("is public"))
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"))

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.summary}"

    @property
    def text(self):
        """What happened, in the current language (the stored summary for an old row)."""
        return (timeline.text(self.kind, self.params) if self.kind else "") or self.summary

    @property
    def actor_text(self):
        """Who did it, in the current language."""
        return timeline.actor(self.actor_label)


class OfficialAnswer(models.Model):
    post = models.OneToOneField("forums.Post", on_delete=models.CASCADE,
                                related_name="official_answer", verbose_name=gettext_lazy("post"))
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="answers",
                                verbose_name=gettext_lazy("concern"))
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+",
                                verbose_name=gettext_lazy("partner"))
    kind = models.CharField(max_length=20, choices=AnswerKind.choices, verbose_name=gettext_lazy("kind"))
    reason = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("reason"))
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"))

    def __str__(self):
        return f"{self.get_kind_display()} by {self.partner_id} on {self.concern_id}"


class InternalNote(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="notes",
                                verbose_name=gettext_lazy("concern"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=gettext_lazy("author"))
    partner = models.ForeignKey("partners.Partner", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=gettext_lazy("partner"))
    body_source = models.TextField(verbose_name=gettext_lazy("body source"))
    body_html = models.TextField(verbose_name=gettext_lazy("body html"))
    is_shared = models.BooleanField(
        gettext_lazy("share with the other routed partners"), default=False,
        help_text=gettext_lazy("Otherwise only your organisation (and moderators) see it."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Note on {self.concern_id}"


class SatisfactionAnswer(models.Model):
    concern = models.OneToOneField(Concern, on_delete=models.CASCADE, related_name="satisfaction",
                                   verbose_name=gettext_lazy("concern"))
    answer = models.CharField(max_length=10, choices=Satisfaction.choices,
                              verbose_name=gettext_lazy("answer"))
    comment = models.TextField(blank=True, max_length=2000, verbose_name=gettext_lazy("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.concern_id}: {self.answer}"


class RoutingRule(models.Model):
    """Topic × neighbourhood -> partners. An empty topic or neighbourhood matches any; every
    matching rule adds its partners (a police service and an NGO often share a concern)."""

    topic = models.ForeignKey("taxonomy.Topic", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+", help_text=gettext_lazy("Empty: any topic."),
                              verbose_name=gettext_lazy("topic"))
    neighbourhood = models.ForeignKey("taxonomy.Neighbourhood", null=True, blank=True,
                                      on_delete=models.CASCADE, related_name="+",
                                      help_text=gettext_lazy("Empty: any neighbourhood."),
                                      verbose_name=gettext_lazy("neighbourhood"))
    partners = models.ManyToManyField("partners.Partner", related_name="+")
    is_active = models.BooleanField(default=True, verbose_name=gettext_lazy("is active"))

    panels = [FieldPanel("topic"), FieldPanel("neighbourhood"), FieldPanel("partners"),
              FieldPanel("is_active")]

    class Meta:
        ordering = ["topic__name", "neighbourhood__name", "id"]

    def __str__(self):
        topic = self.topic.name if self.topic_id else "Any topic"
        area = self.neighbourhood.name if self.neighbourhood_id else "anywhere"
        return f"{topic} in {area}"


class ResponseTemplate(models.Model):
    PLACEHOLDERS = ("title", "neighbourhood", "partner", "due_date")

    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="+",
                                verbose_name=gettext_lazy("partner"))
    topic = models.ForeignKey("taxonomy.Topic", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+", help_text=gettext_lazy("Empty: for any topic."),
                              verbose_name=gettext_lazy("topic"))
    kind = models.CharField(gettext_lazy("kind of answer"), max_length=20, choices=AnswerKind.choices,
                            blank=True, help_text=gettext_lazy("Empty: for any kind of answer."))
    title = models.CharField(max_length=120, verbose_name=gettext_lazy("title"))
    body = models.TextField(help_text=gettext_lazy("Markdown. Edit it before you post: it starts the answer. "
                                      "Placeholders: {title} (the concern's public title), "
                                      "{neighbourhood}, {partner} (your organisation), "
                                      "{due_date} (when an answer is due)."),
                                      verbose_name=gettext_lazy("body"))

    panels = [FieldPanel("partner"), FieldPanel("topic"), FieldPanel("kind"), FieldPanel("title"),
              FieldPanel("body")]

    class Meta:
        ordering = ["partner__name", "title"]

    def __str__(self):
        return self.title


class AnswerDraft(models.Model):
    """An official answer saved but not yet published: one per routed partner, so a colleague
    can finish and publish it."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="drafts",
                                verbose_name=gettext_lazy("concern"))
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="+",
                                verbose_name=gettext_lazy("partner"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+", verbose_name=gettext_lazy("author"))
    kind = models.CharField(max_length=20, choices=AnswerKind.choices, blank=True,
                            verbose_name=gettext_lazy("kind"))
    body = models.TextField(blank=True, verbose_name=gettext_lazy("body"))
    reason = models.CharField(max_length=300, blank=True, verbose_name=gettext_lazy("reason"))
    refer_to = models.ForeignKey("partners.Partner", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=gettext_lazy("refer to"))
    sign_name = models.BooleanField(default=False, verbose_name=gettext_lazy("sign name"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concern", "partner"],
                                               name="concerns_one_draft_per_partner")]

    def __str__(self):
        return f"Draft answer on {self.concern_id} by {self.partner_id}"


@register_setting(icon="mail")
class ConcernSettings(BaseSiteSetting):
    default_partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("Concerns that match no routing rule go here (and are flagged in the inbox)."),
        verbose_name=gettext_lazy("default partner"))

    panels = [FieldPanel("default_partner")]

    class Meta:
        verbose_name = gettext_lazy("concern settings")
