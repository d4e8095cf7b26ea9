"""The support services directory ("Get help"): who offers what help, where, and when it is open."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.translations import under

from .base import (
    CheckFilter,
    ChoiceFilter,
    SlugFilter,
    SocialImageMixin,
    StoryFilterSet,
    StoryIndexMixin,
    name_field,
    neighbourhoods,
)

STALE_AFTER_DAYS = 183  # about six months


class ServiceType(models.TextChoices):
    TREATMENT = "treatment", _("Treatment centre")
    HARM_REDUCTION = "harm_reduction", _("Harm reduction")
    SUPPORT_GROUP = "support_group", _("Support group")
    HELPLINE = "helpline", _("Helpline")
    COUNSELLING = "counselling", _("Counselling")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def site_now():
    """Now, in the site's time zone (settings.TIME_ZONE)."""
    return timezone.now().astimezone(ZoneInfo(settings.TIME_ZONE))


class ServiceFilter(StoryFilterSet):
    type = ChoiceFilter(field_name="service_type", label=_("Type of help"), choices=ServiceType.choices)
    neighbourhood = SlugFilter(field_name="neighbourhood__slug", label=_("Neighbourhood"),
                               choices=neighbourhoods)
    open_now = CheckFilter(label=_("Open now"), method="open_now_only")
    free = CheckFilter(label=_("Free of charge"), method="free_only")

    def open_now_only(self, queryset, name, ticked):
        if not ticked:
            return queryset
        now = site_now()
        return queryset.filter(pk__in=[service.pk for service in queryset if service.is_open_at(now)])

    def free_only(self, queryset, name, ticked):
        return queryset.filter(is_free=True) if ticked else queryset


class ServiceIndexPage(StoryIndexMixin, Page):
    """The "Get help" page."""

    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))

    subpage_types = ["stories.ServicePage"]
    filterset_class = ServiceFilter
    card_template = "stories/includes/service_card.html"
    results_heading = _("Services")
    no_results = _("No services match these filters. Try removing a filter, or call one "
                              "of the helplines at the top of the page.")
    shows_opening_times = True
    shows_help_now = True  # the get-help page: crisis numbers and where a concern goes, first

    class Meta:
        verbose_name = gettext_lazy("support services directory")

    def stories(self):
        return (
            under(ServicePage.objects.live().public(), self)
            .order_by("title")
            .select_related("neighbourhood", "provider_partner")
            .prefetch_related("opening_hours")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["now"] = site_now()
        return context


class ServicePage(SocialImageMixin, Page):
    service_type = models.CharField(gettext_lazy("type of service"), max_length=20,
                                    choices=ServiceType.choices)
    provider_partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="services",
        help_text=gettext_lazy("The partner that runs it, if it is one of ours."),
        verbose_name=gettext_lazy("provider partner"),
    )
    provider_name = models.CharField(
        max_length=120, blank=True, help_text=gettext_lazy("Otherwise, the organisation that runs it."),
        verbose_name=gettext_lazy("provider name")
    )
    offers = models.TextField(gettext_lazy("what it offers"))
    who_for = models.TextField(gettext_lazy("who it is for"))
    address = models.TextField(blank=True,
                               help_text=gettext_lazy("Leave empty for helplines and online services."),
                               verbose_name=gettext_lazy("address"))
    neighbourhood = models.ForeignKey(
        "taxonomy.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=gettext_lazy("neighbourhood")
    )
    phone = models.CharField(max_length=40, blank=True, verbose_name=gettext_lazy("phone"))
    website = models.URLField(blank=True, verbose_name=gettext_lazy("website"))
    is_free = models.BooleanField(gettext_lazy("free of charge"), default=True)
    cost = models.CharField(max_length=160, blank=True, help_text=gettext_lazy("Charges, if any."),
                            verbose_name=gettext_lazy("cost"))
    languages = models.CharField(max_length=160, default="English", verbose_name=gettext_lazy("languages"))
    referral_needed = models.BooleanField(default=False, verbose_name=gettext_lazy("referral needed"))
    hours_note = models.CharField(
        max_length=160, blank=True, help_text=gettext_lazy("e.g. 'Closed on bank holidays'."),
        verbose_name=gettext_lazy("hours note")
    )
    last_checked = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("When an editor last confirmed these details."),
        verbose_name=gettext_lazy("last checked")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("service_type"),
        MultiFieldPanel(
            [FieldPanel("provider_partner"), FieldPanel("provider_name")], heading=gettext_lazy("Provider")
        ),
        FieldPanel("offers"),
        FieldPanel("who_for"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("neighbourhood"), FieldPanel("phone"),
             FieldPanel("website")],
            heading=gettext_lazy("Where and how to reach it"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("cost"), FieldPanel("languages"),
             FieldPanel("referral_needed")],
            heading=gettext_lazy("Access"),
        ),
        InlinePanel("opening_hours", label=gettext_lazy("Opening hours")),
        FieldPanel("hours_note"),
        FieldPanel("last_checked"),
    ]
    search_fields = [
        *Page.search_fields, index.SearchField("offers"), index.SearchField("who_for"),
        index.FilterField("service_type"),
    ]
    parent_page_types = ["stories.ServiceIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("service_type"), APIField("provider_partner"), APIField("provider"),
        APIField("offers"), APIField("who_for"), APIField("address"),
        name_field("neighbourhood", "neighbourhood.name"),
        APIField("phone"), APIField("website"), APIField("is_free"), APIField("cost"),
        APIField("languages"), APIField("referral_needed"), APIField("opening_hours"),
        APIField("hours_note"), APIField("last_checked"),
    ]

    class Meta:
        verbose_name = gettext_lazy("support service")

    def clean(self):
        super().clean()
        if not (self.provider_partner_id or self.provider_name):
            raise ValidationError({"provider_name": "Choose a partner or name the organisation."})

    @property
    def provider(self):
        return self.provider_partner.name if self.provider_partner_id else self.provider_name

    @property
    def tel(self):
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    def is_open_at(self, moment):
        """Whether the service is open at an aware datetime, judged in the site's time zone."""
        local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
        return any(period.covers(local) for period in self.opening_hours.all())

    def is_open_now(self):
        return self.is_open_at(timezone.now())

    def is_stale(self, today=None):
        today = today or site_now().date()
        return self.last_checked is None or self.last_checked < stale_before(today)


def stale_before(today):
    return today - datetime.timedelta(days=STALE_AFTER_DAYS)


class OpeningHours(Orderable):
    """One opening period. A period that closes at or before it opens runs past midnight;
    opening and closing at the same time means open all day."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="opening_hours",
                       verbose_name=gettext_lazy("page"))
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, verbose_name=gettext_lazy("weekday"))
    opens = models.TimeField(verbose_name=gettext_lazy("opens"))
    closes = models.TimeField(verbose_name=gettext_lazy("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]
    api_fields = [APIField("weekday"), APIField("opens"), APIField("closes")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("opening hours")
        verbose_name_plural = gettext_lazy("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def crosses_midnight(self):
        return self.closes <= self.opens

    def covers(self, local):
        """Whether this period includes `local`, a datetime in the site's time zone. Compares
        wall-clock times, so a period keeps its hours across daylight-saving changes."""
        wall = local.replace(tzinfo=None)
        for start_day in (wall.date(), wall.date() - datetime.timedelta(days=1)):
            if start_day.weekday() != self.weekday:
                continue
            start = datetime.datetime.combine(start_day, self.opens)
            end = datetime.datetime.combine(start_day, self.closes)
            if self.crosses_midnight:
                end += datetime.timedelta(days=1)
            if start <= wall < end:
                return True
        return False
