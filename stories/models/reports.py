"""Partnership reports: what the partnership did in a reporting period, with key figures."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.translations import under

from ..blocks import KeyFiguresBlock, StoryBodyBlock
from .base import (
    ChoiceFilter,
    SlugFilter,
    SocialImageMixin,
    StoryFilterSet,
    StoryIndexMixin,
    active_partners,
    names_field,
    topics,
)


class ReportFilter(StoryFilterSet):
    partner = SlugFilter(field_name="partners__slug", label=_("Partner"), choices=active_partners)
    year = ChoiceFilter(field_name="period_end__year", label=_("Year"))
    topic = SlugFilter(field_name="topics__slug", label=_("Topic"), choices=topics)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.dates("period_end", "year", "DESC")
        self.filters["year"].extra["choices"] = [(str(day.year), str(day.year)) for day in years]


class ReportIndexPage(StoryIndexMixin, Page):
    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))

    subpage_types = ["stories.ReportPage"]
    filterset_class = ReportFilter
    card_template = "stories/includes/report_card.html"
    results_heading = _("Reports")
    no_results = _("No reports match these filters.")
    has_feeds = True

    class Meta:
        verbose_name = gettext_lazy("report index")

    def stories(self):
        return (
            under(ReportPage.objects.live().public(), self)
            .order_by("-period_end", "-first_published_at")
            .prefetch_related("partners", "topics")
            .distinct()
        )


class ReportPage(SocialImageMixin, Page):
    period_start = models.DateField(gettext_lazy("reporting period from"))
    period_end = models.DateField(gettext_lazy("reporting period to"))
    summary = models.TextField(help_text=gettext_lazy("Two or three sentences: what happened in this "
                                                      "period."), verbose_name=gettext_lazy("summary"))
    partners = ParentalManyToManyField("partners.Partner", blank=True, related_name="reports")
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="reports")
    key_figures = StreamField([("figures", KeyFiguresBlock())], blank=True, max_num=1,
                              verbose_name=gettext_lazy("key figures"))
    body = StreamField(StoryBodyBlock(), blank=True, verbose_name=gettext_lazy("body"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")],
                      heading=gettext_lazy("Reporting period")),
        FieldPanel("summary"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("key_figures"),
        FieldPanel("body"),
        InlinePanel("documents", label=gettext_lazy("Attached document")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["stories.ReportIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("period_start"), APIField("period_end"), APIField("summary"),
        names_field("partners"), names_field("topics"), APIField("key_figures"), APIField("body"),
        APIField("documents"),
    ]

    story_kind = _("Partnership report")

    class Meta:
        verbose_name = gettext_lazy("partnership report")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period must end on or after its start."})


class ReportDocument(Orderable):
    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="documents",
                       verbose_name=gettext_lazy("page"))
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=gettext_lazy("document"))

    panels = [FieldPanel("document")]
    api_fields = [APIField("document")]
