"""Pages editors publish: partnership reports, case studies, resources and support services."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.search import index

from portal.blocks import RICH_TEXT_FEATURES, QuoteBlock

from .blocks import KeyFiguresBlock, OutcomeFiguresBlock, StoryBodyBlock

PAGE_SIZE = 10


def names_field(name):
    """An API field listing related objects by name (partners, topics) rather than by id."""
    return APIField(name, serializer=serializers.StringRelatedField(many=True))


def name_field(name, source):
    return APIField(name, serializer=serializers.CharField(source=source, read_only=True,
                                                           default=None))
STALE_AFTER_DAYS = 183  # about six months


def _page_number(request):
    return request.GET.get("page") or 1


def _slug_filter(request, name):
    return (request.GET.get(name) or "").strip()


def choice_filter(request, name, label, options):
    """One <select> of an index page's filter form: options are (value, label) pairs."""
    return {"name": name, "label": label, "options": list(options),
            "selected": _slug_filter(request, name)}


class StoryIndexMixin:
    """Index pages: a filter form, newest first, paginated."""

    def paginate(self, request, items):
        return Paginator(items, PAGE_SIZE).get_page(_page_number(request))

    def query_without_page(self, request):
        query = request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


def social_image_field():
    return models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Shown when the page is shared (Open Graph, Twitter card).",
    )


PROMOTE_PANELS = [*Page.promote_panels, FieldPanel("social_image")]


# Partnership reports -------------------------------------------------------------------------


class ReportIndexPage(StoryIndexMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["stories.ReportPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "report index"

    def filtered_reports(self, request):
        reports = (
            ReportPage.objects.live().public().descendant_of(self)
            .order_by("-period_end", "-first_published_at")
            .prefetch_related("partners", "topics")
        )
        if partner := _slug_filter(request, "partner"):
            reports = reports.filter(partners__slug=partner)
        if topic := _slug_filter(request, "topic"):
            reports = reports.filter(topics__slug=topic)
        year = _slug_filter(request, "year")
        if year.isdigit():
            reports = reports.filter(period_end__year=int(year))
        return reports.distinct()

    def get_context(self, request, *args, **kwargs):
        from portal.partners.models import Partner
        from portal.taxonomy.models import Topic

        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.filtered_reports(request))
        years = ReportPage.objects.live().descendant_of(self).dates("period_end", "year", "DESC")
        context["filters"] = [
            choice_filter(request, "partner", "Partner", Partner.objects.filter(is_active=True)
                          .values_list("slug", "name")),
            choice_filter(request, "year", "Year", [(str(d.year), str(d.year)) for d in years]),
            choice_filter(request, "topic", "Topic", Topic.objects.values_list("slug", "name")),
        ]
        context["query"] = self.query_without_page(request)
        return context


class ReportPage(Page):
    period_start = models.DateField("reporting period from")
    period_end = models.DateField("reporting period to")
    summary = models.TextField(help_text="Two or three sentences: what happened in this period.")
    partners = ParentalManyToManyField("partners.Partner", blank=True, related_name="reports")
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="reports")
    key_figures = StreamField([("figures", KeyFiguresBlock())], blank=True, max_num=1)
    body = StreamField(StoryBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading="Reporting period"),
        FieldPanel("summary"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("key_figures"),
        FieldPanel("body"),
        InlinePanel("documents", label="Attached document"),
    ]
    social_image = social_image_field()
    promote_panels = PROMOTE_PANELS
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["stories.ReportIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("period_start"), APIField("period_end"), APIField("summary"),
        names_field("partners"), names_field("topics"), APIField("key_figures"), APIField("body"),
        APIField("documents"),
    ]

    story_kind = "Partnership report"

    class Meta:
        verbose_name = "partnership report"

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period must end on or after its start."})


class ReportDocument(Orderable):
    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]
    api_fields = [APIField("document")]


# Case studies --------------------------------------------------------------------------------


class OutcomeType(models.TextChoices):
    TREATMENT = "treatment", "More people in treatment"
    OVERDOSES = "overdoses", "Fewer overdoses"
    WELLBEING = "wellbeing", "Better wellbeing and support"
    SAFETY = "safety", "Safer streets"


class CaseStudyIndexPage(StoryIndexMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["stories.CaseStudyPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "case study index"

    def filtered_case_studies(self, request):
        studies = (
            CaseStudyPage.objects.live().public().descendant_of(self)
            .order_by("-first_published_at")
            .select_related("neighbourhood")
            .prefetch_related("partners", "topics")
        )
        if topic := _slug_filter(request, "topic"):
            studies = studies.filter(topics__slug=topic)
        if kind := _slug_filter(request, "partner_kind"):
            studies = studies.filter(partners__kind=kind)
        if outcome := _slug_filter(request, "outcome"):
            studies = studies.filter(outcome_type=outcome)
        return studies.distinct()

    def get_context(self, request, *args, **kwargs):
        from portal.partners.models import Partner
        from portal.taxonomy.models import Topic

        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.filtered_case_studies(request))
        context["filters"] = [
            choice_filter(request, "topic", "Topic", Topic.objects.values_list("slug", "name")),
            choice_filter(request, "partner_kind", "Kind of partner", Partner.Kind.choices),
            choice_filter(request, "outcome", "Outcome", OutcomeType.choices),
        ]
        context["query"] = self.query_without_page(request)
        return context


class CaseStudyPage(Page):
    summary = models.TextField(help_text="One or two sentences for lists and feeds.")
    neighbourhood = models.ForeignKey(
        "taxonomy.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Where it took place.",
    )
    place = models.CharField(max_length=120, blank=True, help_text="e.g. 'Riverton city centre'.")
    programme = models.CharField(max_length=160)
    partners = ParentalManyToManyField("partners.Partner", blank=True, related_name="case_studies")
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="case_studies")
    outcome_type = models.CharField(max_length=20, choices=OutcomeType.choices)
    challenge = RichTextField(features=RICH_TEXT_FEATURES)
    approach = RichTextField(features=RICH_TEXT_FEATURES)
    outcomes = RichTextField(features=RICH_TEXT_FEATURES)
    outcome_figures = StreamField([("figures", OutcomeFiguresBlock())], blank=True, max_num=1)
    quotes = StreamField([("quote", QuoteBlock())], blank=True)
    images = StreamField([("image", ImageBlock())], blank=True)
    lessons = RichTextField("lessons learned", features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("programme"), FieldPanel("place"), FieldPanel("neighbourhood"),
             FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
             FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
             FieldPanel("outcome_type")],
            heading="About the programme",
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("outcome_figures"),
        FieldPanel("quotes"),
        FieldPanel("images"),
        FieldPanel("lessons"),
        InlinePanel("related_links", label="Related case study or report"),
    ]
    social_image = social_image_field()
    promote_panels = PROMOTE_PANELS
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

    story_kind = "Case study"

    class Meta:
        verbose_name = "case study"

    def live_related_pages(self):
        ids = [link.linked_page_id for link in self.related_links.all()]
        return Page.objects.live().public().filter(pk__in=ids).specific()


class CaseStudyRelatedLink(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="related_links")
    linked_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("linked_page", page_type=["stories.CaseStudyPage", "stories.ReportPage"])]
    api_fields = [APIField("linked_page")]


# Resource library ----------------------------------------------------------------------------


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    RESIDENTS = "residents", "Residents"
    POLICE = "police", "Police"
    NGO_STAFF = "ngo_staff", "NGO staff"


class ResourceFormat(models.TextChoices):
    DOCUMENT = "document", "Document"
    LINK = "link", "Web page"
    VIDEO = "video", "Video"


class ResourceIndexPage(StoryIndexMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["stories.ResourcePage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "resource library"

    def filtered_resources(self, request):
        resources = (
            ResourcePage.objects.live().public().descendant_of(self)
            .order_by("title")
            .select_related("document")
            .prefetch_related("topics")
        )
        audience = _slug_filter(request, "audience")
        if audience in Audience.values and audience != Audience.EVERYONE:
            resources = resources.filter(audience__in=[audience, Audience.EVERYONE])
        if topic := _slug_filter(request, "topic"):
            resources = resources.filter(topics__slug=topic)
        if (resource_format := _slug_filter(request, "format")) in ResourceFormat.values:
            resources = resources.filter(resource_format=resource_format)
        return resources.distinct()

    def get_context(self, request, *args, **kwargs):
        from portal.taxonomy.models import Topic

        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.filtered_resources(request))
        context["filters"] = [
            choice_filter(request, "audience", "For", [
                choice for choice in Audience.choices if choice[0] != Audience.EVERYONE
            ]),
            choice_filter(request, "topic", "Topic", Topic.objects.values_list("slug", "name")),
            choice_filter(request, "format", "Format", ResourceFormat.choices),
        ]
        context["query"] = self.query_without_page(request)
        return context


class ResourcePage(Page):
    summary = models.TextField()
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="resources")
    resource_format = models.CharField("format", max_length=20, choices=ResourceFormat.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.URLField(blank=True, help_text="A web page, or a video on YouTube or Vimeo.")
    body = StreamField(StoryBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("resource_format")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("document"),
        FieldPanel("link"),
        FieldPanel("body"),
    ]
    social_image = social_image_field()
    promote_panels = PROMOTE_PANELS
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["stories.ResourceIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("summary"), APIField("audience"), names_field("topics"),
        APIField("resource_format"), APIField("document"), APIField("link"), APIField("body"),
    ]

    class Meta:
        verbose_name = "resource"

    def clean(self):
        super().clean()
        if self.resource_format == ResourceFormat.DOCUMENT and not self.document_id:
            raise ValidationError({"document": "Choose the document for this resource."})
        if self.resource_format in (ResourceFormat.LINK, ResourceFormat.VIDEO) and not self.link:
            raise ValidationError({"link": "Give the address of the page or video."})


# Support services ----------------------------------------------------------------------------


class ServiceType(models.TextChoices):
    TREATMENT = "treatment", "Treatment centre"
    HARM_REDUCTION = "harm_reduction", "Harm reduction"
    SUPPORT_GROUP = "support_group", "Support group"
    HELPLINE = "helpline", "Helpline"
    COUNSELLING = "counselling", "Counselling"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def site_now():
    """Now, in the site's time zone (settings.TIME_ZONE)."""
    return timezone.now().astimezone(ZoneInfo(settings.TIME_ZONE))


class ServiceIndexPage(StoryIndexMixin, Page):
    """The "Get help" page."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["stories.ServicePage"]
    max_count = 1
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "support services directory"

    def filtered_services(self, request):
        services = (
            ServicePage.objects.live().public().descendant_of(self)
            .order_by("title")
            .select_related("neighbourhood", "provider_partner")
            .prefetch_related("opening_hours")
        )
        if (service_type := _slug_filter(request, "type")) in ServiceType.values:
            services = services.filter(service_type=service_type)
        if neighbourhood := _slug_filter(request, "neighbourhood"):
            services = services.filter(neighbourhood__slug=neighbourhood)
        if request.GET.get("free"):
            services = services.filter(is_free=True)
        if request.GET.get("open_now"):
            now = site_now()
            return [service for service in services if service.is_open_at(now)]
        return services

    def get_context(self, request, *args, **kwargs):
        from portal.taxonomy.models import Neighbourhood

        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.filtered_services(request))
        context["filters"] = [
            choice_filter(request, "type", "Type of help", ServiceType.choices),
            choice_filter(request, "neighbourhood", "Neighbourhood",
                          Neighbourhood.objects.values_list("slug", "name")),
        ]
        context["checks"] = [
            {"name": "open_now", "label": "Open now", "checked": bool(request.GET.get("open_now"))},
            {"name": "free", "label": "Free of charge", "checked": bool(request.GET.get("free"))},
        ]
        context["now"] = site_now()
        context["query"] = self.query_without_page(request)
        return context


class ServicePage(Page):
    service_type = models.CharField("type of service", max_length=20, choices=ServiceType.choices)
    provider_partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="services",
        help_text="The partner that runs it, if it is one of ours.",
    )
    provider_name = models.CharField(
        max_length=120, blank=True, help_text="Otherwise, the organisation that runs it."
    )
    offers = models.TextField("what it offers")
    who_for = models.TextField("who it is for")
    address = models.TextField(blank=True, help_text="Leave empty for helplines and online services.")
    neighbourhood = models.ForeignKey(
        "taxonomy.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    is_free = models.BooleanField("free of charge", default=True)
    cost = models.CharField(max_length=160, blank=True, help_text="Charges, if any.")
    languages = models.CharField(max_length=160, default="English")
    referral_needed = models.BooleanField(default=False)
    hours_note = models.CharField(
        max_length=160, blank=True, help_text="e.g. 'Closed on bank holidays'."
    )
    last_checked = models.DateField(
        null=True, blank=True, help_text="When an editor last confirmed these details."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("service_type"),
        MultiFieldPanel(
            [FieldPanel("provider_partner"), FieldPanel("provider_name")], heading="Provider"
        ),
        FieldPanel("offers"),
        FieldPanel("who_for"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("neighbourhood"), FieldPanel("phone"),
             FieldPanel("website")],
            heading="Where and how to reach it",
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("cost"), FieldPanel("languages"),
             FieldPanel("referral_needed")],
            heading="Access",
        ),
        InlinePanel("opening_hours", label="Opening hours"),
        FieldPanel("hours_note"),
        FieldPanel("last_checked"),
    ]
    social_image = social_image_field()
    promote_panels = PROMOTE_PANELS
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
        verbose_name = "support service"

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

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]
    api_fields = [APIField("weekday"), APIField("opens"), APIField("closes")]

    class Meta(Orderable.Meta):
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

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


# Publishing workflow -------------------------------------------------------------------------


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """A group approval where the person who submitted the page cannot approve it."""

    class Meta:
        verbose_name = "second editor approval task"
        verbose_name_plural = "second editor approval tasks"

    @staticmethod
    def _submitted_by(obj, user):
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied("Another editor must review a page you submitted.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except the person who submitted the page."
