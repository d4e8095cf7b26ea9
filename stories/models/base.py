"""What the story pages share: the index pages' filtering and paging, the social image, API fields."""

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

PAGE_SIZE = 10


def names_field(name):
    """An API field listing related objects by name (partners, topics) rather than by id."""
    return APIField(name, serializer=serializers.StringRelatedField(many=True))


def name_field(name, source):
    return APIField(name, serializer=serializers.CharField(source=source, read_only=True,
                                                           default=None))


def active_partners():
    from portal.partners.models import Partner

    return Partner.objects.filter(is_active=True).values_list("slug", "name")


def topics():
    from portal.taxonomy.models import Topic

    return Topic.objects.values_list("slug", "name")


def neighbourhoods():
    from portal.taxonomy.models import Neighbourhood

    return Neighbourhood.objects.values_list("slug", "name")


class AnySlugField(django_filters.fields.ChoiceField):
    """Offers the listed choices but accepts any slug, so a link to a partner or topic that is no
    longer listed (an inactive partner) still filters, to nothing if nothing matches."""

    def valid_value(self, value):
        return True


class SlugFilter(django_filters.ChoiceFilter):
    field_class = AnySlugField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", None)  # the form template adds its own "Any"
        super().__init__(*args, **kwargs)


class ChoiceFilter(django_filters.ChoiceFilter):
    """A filter limited to its choices; any other value is ignored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)


class CheckFilter(django_filters.Filter):
    """A checkbox: ticked applies `method`, unticked leaves the list alone."""

    field_class = forms.BooleanField


class StoryFilterSet(django_filters.FilterSet):
    """Choices given as functions (partners, topics) are read once, when the form is built."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for story_filter in self.filters.values():
            if callable(choices := story_filter.extra.get("choices")):
                story_filter.extra["choices"] = list(choices())


class StoryIndexMixin:
    """An index page of one kind of story: `filterset_class` filters `stories()`, newest first,
    paginated, shown by one template with a card per item (`stories/includes/<card>_card.html`)."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    max_count = 1
    api_fields = [APIField("intro")]

    filterset_class = None
    card_template = ""
    results_heading = ""
    no_results = ""
    has_feeds = False

    def stories(self):
        """The live, public items of this index, in the order they are listed."""
        raise NotImplementedError

    def get_template(self, request, *args, **kwargs):
        return "stories/index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = self.filterset_class(request.GET, queryset=self.stories())
        context["items"] = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page") or 1)
        context["filter_form"] = filterset.form
        context["query"] = self.query_without_page(request)
        return context

    def query_without_page(self, request):
        query = request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class SocialImageMixin(models.Model):
    """The picture shown when a page is shared (Open Graph, Twitter card); on the Promote tab."""

    social_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("Shown when the page is shared (Open Graph, Twitter card)."),
        verbose_name=gettext_lazy("social image"),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True
