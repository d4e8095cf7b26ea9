"""The resource library: documents, web pages and videos, each for an audience."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.translations import under

from ..blocks import StoryBodyBlock
from .base import (
    ChoiceFilter,
    SlugFilter,
    SocialImageMixin,
    StoryFilterSet,
    StoryIndexMixin,
    names_field,
    topics,
)


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    RESIDENTS = "residents", _("Residents")
    POLICE = "police", _("Police")
    NGO_STAFF = "ngo_staff", _("NGO staff")


class ResourceFormat(models.TextChoices):
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Web page")
    VIDEO = "video", _("Video")


class ResourceFilter(StoryFilterSet):
    audience = ChoiceFilter(label=_("For"), method="for_audience", choices=[
        choice for choice in Audience.choices if choice[0] != Audience.EVERYONE
    ])
    topic = SlugFilter(field_name="topics__slug", label=_("Topic"), choices=topics)
    format = ChoiceFilter(field_name="resource_format", label=_("Format"), choices=ResourceFormat.choices)

    def for_audience(self, queryset, name, audience):
        """Resources for everyone are for every audience too."""
        return queryset.filter(audience__in=[audience, Audience.EVERYONE])


class ResourceIndexPage(StoryIndexMixin, Page):
    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))

    subpage_types = ["stories.ResourcePage"]
    filterset_class = ResourceFilter
    card_template = "stories/includes/resource_card.html"
    results_heading = _("Resources")
    no_results = _("No resources match these filters.")

    class Meta:
        verbose_name = gettext_lazy("resource library")

    def stories(self):
        return (
            under(ResourcePage.objects.live().public(), self)
            .order_by("title")
            .select_related("document")
            .prefetch_related("topics")
            .distinct()
        )


class ResourcePage(SocialImageMixin, Page):
    summary = models.TextField(verbose_name=gettext_lazy("summary"))
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE,
                                verbose_name=gettext_lazy("audience"))
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="resources")
    resource_format = models.CharField(gettext_lazy("format"), max_length=20, choices=ResourceFormat.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=gettext_lazy("document")
    )
    link = models.URLField(blank=True, help_text=gettext_lazy("A web page, or a video on YouTube or Vimeo."),
                           verbose_name=gettext_lazy("link"))
    body = StreamField(StoryBodyBlock(), blank=True, verbose_name=gettext_lazy("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("resource_format")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("document"),
        FieldPanel("link"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["stories.ResourceIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("summary"), APIField("audience"), names_field("topics"),
        APIField("resource_format"), APIField("document"), APIField("link"), APIField("body"),
    ]

    class Meta:
        verbose_name = gettext_lazy("resource")

    def clean(self):
        super().clean()
        if self.resource_format == ResourceFormat.DOCUMENT and not self.document_id:
            raise ValidationError({"document": "Choose the document for this resource."})
        if self.resource_format in (ResourceFormat.LINK, ResourceFormat.VIDEO) and not self.link:
            raise ValidationError({"link": "Give the address of the page or video."})
