"""The transparency dashboard page and the open-data settings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

DEFAULT_THRESHOLD = 5


@register_setting(icon="view")
class TransparencySettings(BaseSiteSetting):
    suppression_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_THRESHOLD, validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=gettext_lazy("Counts below this are published as “fewer than N”, on the transparency page, "
                  "partner pages and in the open data. Other counts are hidden with them so "
                  "that none can be worked out by subtraction."),
                  verbose_name=gettext_lazy("suppression threshold"))

    panels = [FieldPanel("suppression_threshold")]

    class Meta:
        verbose_name = gettext_lazy("transparency settings")


class TransparencyPage(Page):
    """How the partnership is doing, in figures anyone can check and download."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"],
                          verbose_name=gettext_lazy("intro"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = gettext_lazy("transparency page")

    def serve(self, request, *args, **kwargs):
        from .views import serve_dashboard  # the view layer renders; the model stays small

        return serve_dashboard(self, request)
