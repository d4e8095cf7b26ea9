from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock


def default_crisis_text(language=None):
    """The banner's text for a new site: names the deployment country's emergency number. In the
    site's language (LANGUAGE_CODE), whatever the language of the request that creates the row;
    `language` ("es") for the text shown on a page in another."""
    from .country import emergency

    with translation.override(language or settings.LANGUAGE_CODE):
        return _crisis_text(emergency().number)


def _crisis_text(number):
    return gettext("In danger now, or someone has overdosed? Call %(number)s. "
                   "Need to talk? Free, confidential help is available day and night.") % {
        "number": number}


class HomePage(Page):
    intro = models.TextField(blank=True, help_text=gettext_lazy("A sentence or two under the site name."),
                             verbose_name=gettext_lazy("intro"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=gettext_lazy("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1
    subpage_types = None  # any page type

    class Meta:
        verbose_name = gettext_lazy("home page")

    def get_context(self, request, *args, **kwargs):
        from .sections import sections_for

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for("home", request)
        return context


class StandardPage(Page):
    """A general page: about, community rules, privacy, accessibility statement."""

    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=gettext_lazy("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = gettext_lazy("standard page")


@register_setting(icon="warning")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Settings editors and administrators change without a deploy."""

    site_name = models.CharField(max_length=80, default="Common Ground",
                                 verbose_name=gettext_lazy("site name"))
    tagline = models.CharField(
        max_length=160,
        blank=True,
        default="Police and community organisations working together on drugs and recovery",
        verbose_name=gettext_lazy("tagline"),
    )
    crisis_banner_enabled = models.BooleanField(default=True,
                                                verbose_name=gettext_lazy("crisis banner enabled"))
    crisis_banner_text = models.CharField(max_length=300, default=default_crisis_text,
                                          verbose_name=gettext_lazy("crisis banner text"))
    crisis_banner_text_es = models.CharField(
        gettext_lazy("crisis banner text in Spanish"), max_length=300, blank=True,
        help_text=gettext_lazy("Shown on the Spanish pages; empty: the built-in Spanish text while the text "
                               "above "
                  "is the built-in one, else the text above."))
    emergency_number = models.CharField(
        max_length=20, blank=True,
        help_text=gettext_lazy("Police and ambulance. Leave empty for the country's (PORTAL_COUNTRY), e.g. "
                               "999 or 911."), verbose_name=gettext_lazy("emergency number"))
    crisis_line_number = models.CharField(
        max_length=20, blank=True,
        help_text=gettext_lazy("A short national crisis line named beside it, e.g. 988. Leave empty for the "
                               "country's."), verbose_name=gettext_lazy("crisis line number"))
    contact_email = models.EmailField(default="hello@commonground.example",
                                      verbose_name=gettext_lazy("contact email"))
    response_target_days = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1)],
        help_text=gettext_lazy("Partners aim to answer a concern officially within this many days (at least "
                               "1)."), verbose_name=gettext_lazy("response target days")
    )
    community_rules_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=gettext_lazy("community rules page")
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("Where the crisis banner's “More help” link goes on a phone (e.g. Get help); "
                  "empty: the help numbers at the foot of the page."), verbose_name=gettext_lazy("help page")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("The privacy notice, linked from every page's footer."),
        verbose_name=gettext_lazy("privacy page")
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("The accessibility statement, linked from every page's footer."),
        verbose_name=gettext_lazy("accessibility page")
    )

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("tagline")], heading=gettext_lazy("Site")),
        MultiFieldPanel(
            [
                FieldPanel("crisis_banner_enabled"),
                FieldPanel("crisis_banner_text"),
                FieldPanel("crisis_banner_text_es"),
                FieldPanel("emergency_number"),
                FieldPanel("crisis_line_number"),
                InlinePanel("help_numbers", label=gettext_lazy("Help number"), min_num=1),
                FieldPanel("help_page"),
            ],
            heading=gettext_lazy("Crisis banner (shown on every page)"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("response_target_days"),
        MultiFieldPanel([FieldPanel("community_rules_page"), FieldPanel("privacy_page"),
                         FieldPanel("accessibility_page")], heading=gettext_lazy("Footer pages")),
    ]

    class Meta:
        verbose_name = gettext_lazy("site settings")

    @property
    def crisis_text(self):
        """The banner's text in the page's language while it is still the built-in text (until
        site settings are translatable); an editor's own text as written."""
        from .languages import translated

        if translated(self, "crisis_banner_text") != self.crisis_banner_text:
            return self.crisis_banner_text_es  # an editor's Spanish text, on a Spanish page
        if self.crisis_banner_text.strip() == default_crisis_text():
            return default_crisis_text(translation.get_language())
        return self.crisis_banner_text


def default_help_numbers():
    """(label, number, hours) shown until an editor sets the site's help numbers."""
    from .country import emergency

    numbers = emergency()
    # Lazy: the labels are shown in the page's language (templates translate stored labels that
    # are still these defaults, so a site seeded with them reads in Spanish at /es/ too).
    _ = gettext_lazy
    rows = [(_("Emergency (police, ambulance)"), numbers.number, _("Any time"))]
    if numbers.crisis_line:
        rows.append((_("Suicide and crisis line"), numbers.crisis_line, _("Any time, free")))
    return [*rows,
            (_("Riverton drug and alcohol helpline (demo)"), "0800 000 0000", _("24 hours, free")),
            (_("Listening line for anyone in distress (demo)"), "0800 000 1111", _("24 hours, free"))]


class HelpNumber(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="help_numbers",
                           verbose_name=gettext_lazy("settings"))
    label = models.CharField(max_length=80, verbose_name=gettext_lazy("label"))
    label_es = models.CharField(gettext_lazy("label in Spanish"), max_length=80, blank=True)
    number = models.CharField(max_length=40, verbose_name=gettext_lazy("number"))
    hours = models.CharField(max_length=60, blank=True, verbose_name=gettext_lazy("hours"))
    hours_es = models.CharField(gettext_lazy("hours in Spanish"), max_length=60, blank=True)

    panels = [FieldPanel("label"), FieldPanel("label_es"), FieldPanel("number"), FieldPanel("hours"),
              FieldPanel("hours_es")]

    @property
    def display_label(self):
        """The label in the page's language: the Spanish one an editor wrote, else the label
        (which the template translates while it is one of the built-in labels)."""
        from .languages import translated

        return translated(self, "label")

    @property
    def display_hours(self):
        from .languages import translated

        return translated(self, "hours")

    def __str__(self):
        return f"{self.label}: {self.number}"

    @property
    def tel(self):
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class OutboxEmail(models.Model):
    """One outgoing email (portal/emails.py). Written in the same transaction as the change that
    causes it; the worker sends it, retrying with backoff until it goes or staff give up on it.
    `key` makes each message once-only."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Waiting to be sent")
        SENDING = "sending", gettext_lazy("Being sent")
        SENT = "sent", gettext_lazy("Sent")
        CANCELLED = "cancelled", gettext_lazy("Given up")

    key = models.CharField(max_length=200, unique=True, verbose_name=gettext_lazy("key"))
    template = models.CharField(max_length=200, blank=True,
                                help_text=gettext_lazy("The template it was rendered from."),
                                verbose_name=gettext_lazy("template"))
    about = models.CharField(max_length=64, blank=True, db_index=True,
                             help_text=gettext_lazy('What it is about, e.g. "concern:12", to find it again.'),
                             verbose_name=gettext_lazy("about"))
    to = models.JSONField(default=list, verbose_name=gettext_lazy("to"))
    subject = models.CharField(max_length=255, verbose_name=gettext_lazy("subject"))
    body = models.TextField(verbose_name=gettext_lazy("body"))
    html_body = models.TextField(blank=True, verbose_name=gettext_lazy("html body"))
    headers = models.JSONField(default=dict, blank=True, verbose_name=gettext_lazy("headers"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING,
                              verbose_name=gettext_lazy("status"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=gettext_lazy("attempts"))
    uncertain_attempts = models.PositiveIntegerField(
        default=0, help_text=gettext_lazy("Sends retried after a worker stopped mid-send: the message may "
                             "have gone twice."), verbose_name=gettext_lazy("uncertain attempts"))
    last_error = models.TextField(blank=True, verbose_name=gettext_lazy("last error"))
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True, verbose_name=gettext_lazy("next attempt at"))
    attempted_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("attempted at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=gettext_lazy("sent at"))

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="portal_outbox_due")]
        constraints = [models.CheckConstraint(condition=~models.Q(key=""), name="portal_outbox_key")]
        verbose_name = gettext_lazy("outgoing email")

    def __str__(self):
        return self.subject

    def masked_to(self):
        """The recipients as the admin shows them: enough to tell a mistyped domain, never whose
        address it is (the identity rules of portal/accounts/permissions.py)."""
        return ", ".join(_masked(address) for address in self.to)

    masked_to.short_description = gettext_lazy("To")


def _masked(address):
    local, _, domain = address.rpartition("@")
    return f"{local[:1]}…@{domain}" if local else "…"


class WorkerHeartbeat(models.Model):
    """Each running worker (manage.py worker) writes its beat here; /healthz reads it, and tasks
    left RUNNING by a worker whose beat stopped are queued again."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id


class PeriodicJob(models.Model):
    """When each periodic task (settings.PERIODIC_TASKS) was last enqueued, so that any number of workers
    run each job once per interval."""

    name = models.CharField(max_length=100, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name
