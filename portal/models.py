from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock


def default_crisis_text():
    """The banner's text for a new site: names the deployment country's emergency number."""
    from .country import emergency

    return (f"In danger now, or someone has overdosed? Call {emergency().number}. "
            "Need to talk? Free, confidential help is available day and night.")


class HomePage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two under the site name.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1
    subpage_types = None  # any page type

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from .sections import sections_for

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for("home", request)
        return context


class StandardPage(Page):
    """A general page: about, community rules, privacy, accessibility statement."""

    intro = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "standard page"


@register_setting(icon="warning")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Settings editors and administrators change without a deploy."""

    site_name = models.CharField(max_length=80, default="Common Ground")
    tagline = models.CharField(
        max_length=160,
        blank=True,
        default="Police and community organisations working together on drugs and recovery",
    )
    crisis_banner_enabled = models.BooleanField(default=True)
    crisis_banner_text = models.CharField(max_length=300, default=default_crisis_text)
    emergency_number = models.CharField(
        max_length=20, blank=True,
        help_text="Police and ambulance. Leave empty for the country's (PORTAL_COUNTRY), e.g. 999 or 911.")
    crisis_line_number = models.CharField(
        max_length=20, blank=True,
        help_text="A short national crisis line named beside it, e.g. 988. Leave empty for the country's.")
    contact_email = models.EmailField(default="hello@commonground.example")
    response_target_days = models.PositiveSmallIntegerField(
        default=5, help_text="Partners aim to answer a concern officially within this many days."
    )
    community_rules_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("tagline")], heading="Site"),
        MultiFieldPanel(
            [
                FieldPanel("crisis_banner_enabled"),
                FieldPanel("crisis_banner_text"),
                FieldPanel("emergency_number"),
                FieldPanel("crisis_line_number"),
                InlinePanel("help_numbers", label="Help number", min_num=1),
            ],
            heading="Crisis banner (shown on every page)",
        ),
        FieldPanel("contact_email"),
        FieldPanel("response_target_days"),
        FieldPanel("community_rules_page"),
    ]

    class Meta:
        verbose_name = "site settings"


def default_help_numbers():
    """(label, number, hours) shown until an editor sets the site's help numbers."""
    from .country import emergency

    numbers = emergency()
    rows = [("Emergency (police, ambulance)", numbers.number, "Any time")]
    if numbers.crisis_line:
        rows.append(("Suicide and crisis line", numbers.crisis_line, "Any time, free"))
    return [*rows,
            ("Riverton drug and alcohol helpline (demo)", "0800 000 0000", "24 hours, free"),
            ("Listening line for anyone in distress (demo)", "0800 000 1111", "24 hours, free")]


class HelpNumber(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="help_numbers")
    label = models.CharField(max_length=80)
    number = models.CharField(max_length=40)
    hours = models.CharField(max_length=60, blank=True)

    panels = [FieldPanel("label"), FieldPanel("number"), FieldPanel("hours")]

    def __str__(self):
        return f"{self.label}: {self.number}"

    @property
    def tel(self):
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
