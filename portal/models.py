from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock

DEFAULT_CRISIS_TEXT = (
    "In danger now, or someone has overdosed? Call 999. "
    "Need to talk? Free, confidential help is available day and night."
)


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
    crisis_banner_text = models.CharField(max_length=300, default=DEFAULT_CRISIS_TEXT)
    contact_email = models.EmailField(default="hello@commonground.example")
    response_target_days = models.PositiveSmallIntegerField(
        default=5, help_text="Partners aim to answer a concern officially within this many days."
    )
    community_rules_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Where the crisis banner's “More help” link goes on a phone (e.g. Get help); "
                  "empty: the help numbers at the foot of the page."
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The privacy notice, linked from every page's footer."
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The accessibility statement, linked from every page's footer."
    )

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("tagline")], heading="Site"),
        MultiFieldPanel(
            [
                FieldPanel("crisis_banner_enabled"),
                FieldPanel("crisis_banner_text"),
                InlinePanel("help_numbers", label="Help number", min_num=1,
                            help_text="The first is the emergency number: a phone shows it alone."),
                FieldPanel("help_page"),
            ],
            heading="Crisis banner (shown on every page)",
        ),
        FieldPanel("contact_email"),
        FieldPanel("response_target_days"),
        MultiFieldPanel([FieldPanel("community_rules_page"), FieldPanel("privacy_page"),
                         FieldPanel("accessibility_page")], heading="Footer pages"),
    ]

    class Meta:
        verbose_name = "site settings"


DEFAULT_HELP_NUMBERS = [
    ("Emergency (police, ambulance)", "999", "Any time"),
    ("Riverton drug and alcohol helpline (demo)", "0800 000 0000", "24 hours, free"),
    ("Listening line for anyone in distress (demo)", "0800 000 1111", "24 hours, free"),
]


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
