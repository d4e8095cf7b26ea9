"""Case studies: one programme, the challenge, the approach and its outcomes."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import RICH_TEXT_FEATURES, QuoteBlock
from portal.translations import under

from ..blocks import OutcomeFiguresBlock
from .base import (
    ChoiceFilter,
    SlugFilter,
    SocialImageMixin,
    StoryFilterSet,
    StoryIndexMixin,
    name_field,
    names_field,
    topics,
)


class OutcomeType(models.TextChoices):
    TREATMENT = "treatment", _("More people in treatment")
    OVERDOSES = "overdoses", _("Fewer overdoses")
    WELLBEING = "wellbeing", _("Better wellbeing and support")
    SAFETY = "safety", _("Safer streets")


def partner_kinds():
    from portal.partners.models import Partner

    return Partner.Kind.choices


class CaseStudyFilter(StoryFilterSet):
    topic = SlugFilter(field_name="topics__slug", label=_("Topic"), choices=topics)
    partner_kind = ChoiceFilter(field_name="partners__kind", label=_("Kind of partner"),
                                choices=partner_kinds)
    outcome = ChoiceFilter(field_name="outcome_type", label=_("Outcome"), choices=OutcomeType.choices)


class CaseStudyIndexPage(StoryIndexMixin, Page):
    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))

    subpage_types = ["stories.CaseStudyPage"]
    filterset_class = CaseStudyFilter
    card_template = "stories/includes/case_study_card.html"
    results_heading = _("Case studies")
    no_results = _("No case studies match these filters.")
    has_feeds = True

    class Meta:
        verbose_name = gettext_lazy("case study index")

    def stories(self):
        return (
            under(CaseStudyPage.objects.live().public(), self)
            .order_by("-first_published_at")
            .select_related("neighbourhood")
            .prefetch_related("partners", "topics")
            .distinct()
        )


class CaseStudyPage(SocialImageMixin, Page):
    summary = models.TextField(help_text=gettext_lazy("One or two sentences for lists and feeds."),
                               verbose_name=gettext_lazy("summary"))
    neighbourhood = models.ForeignKey(
        "taxonomy.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("Where it took place."), verbose_name=gettext_lazy("neighbourhood"),
    )
    place = models.CharField(max_length=120, blank=True,
                             help_text=gettext_lazy("e.g. 'Riverton city centre'."),
                             verbose_name=gettext_lazy("place"))
    programme = models.CharField(max_length=160, verbose_name=gettext_lazy("programme"))
    partners = ParentalManyToManyField("partners.Partner", blank=True, related_name="case_studies")
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="case_studies")
    outcome_type = models.CharField(max_length=20, choices=OutcomeType.choices,
                                    verbose_name=gettext_lazy("outcome type"))
    challenge = RichTextField(features=RICH_TEXT_FEATURES, verbose_name=gettext_lazy("challenge"))
    approach = RichTextField(features=RICH_TEXT_FEATURES, verbose_name=gettext_lazy("approach"))
    outcomes = RichTextField(features=RICH_TEXT_FEATURES, verbose_name=gettext_lazy("outcomes"))
    outcome_figures = StreamField([("figures", OutcomeFiguresBlock())], blank=True, max_num=1,
                                  verbose_name=gettext_lazy("outcome figures"))
    quotes = StreamField([("quote", QuoteBlock())], blank=True, verbose_name=gettext_lazy("quotes"))
    images = StreamField([("image", ImageBlock())], blank=True, verbose_name=gettext_lazy("images"))
    lessons = RichTextField(gettext_lazy("lessons learned"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("programme"), FieldPanel("place"), FieldPanel("neighbourhood"),
             FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
             FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
             FieldPanel("outcome_type")],
            heading=gettext_lazy("About the programme"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("outcome_figures"),
        FieldPanel("quotes"),
        FieldPanel("images"),
        FieldPanel("lessons"),
        InlinePanel("related_links", label=gettext_lazy("Related case study or report")),
    ]
    search_fields = [
        *Page.search_fields, index.SearchField("summary"), index.SearchField("programme"),
        index.SearchField("challenge"), index.SearchField("approach"), index.SearchField("outcomes"),
    ]
    parent_page_types = ["stories.CaseStudyIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("summary"), APIField("place"), name_field("neighbourhood", "neighbourhood.name"),
        APIField("programme"),
        names_field("partners"), names_field("topics"), APIField("outcome_type"), APIField("challenge"),
        APIField("approach"), APIField("outcomes"), APIField("outcome_figures"),
        APIField("quotes"), APIField("images"), APIField("lessons"), APIField("related_links"),
    ]

    story_kind = _("Case study")

    class Meta:
        verbose_name = gettext_lazy("case study")

    def live_related_pages(self):
        ids = [link.linked_page_id for link in self.related_links.all()]
        return Page.objects.live().public().filter(pk__in=ids).specific()


class CaseStudyRelatedLink(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="related_links",
                       verbose_name=gettext_lazy("page"))
    linked_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+",
                                    verbose_name=gettext_lazy("linked page"))

    panels = [PageChooserPanel("linked_page", page_type=["stories.CaseStudyPage", "stories.ReportPage"])]
    api_fields = [APIField("linked_page")]
