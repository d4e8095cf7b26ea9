"""Events: a calendar page, event pages (one-off or repeating), exceptions and RSVPs."""

import hashlib
import zoneinfo
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import dateformat
from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .forms import RecurrenceSummaryPanel, WeekdayCheckboxes

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def default_time_zone():
    return settings.TIME_ZONE


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Enter an IANA time zone name such as Europe/London."))


def validate_weekdays(value):
    codes = [code.strip().upper() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in WEEKDAY_CODES]
    if unknown:
        raise ValidationError(
            _("Choose days of the week (not %(codes)s)."),
            params={"codes": ", ".join(unknown)},
        )


def _utc(moment):
    return moment.astimezone(zoneinfo.ZoneInfo("UTC")).isoformat() if moment else ""


class CalendarPage(RoutablePageMixin, Page):
    """The events calendar: upcoming list, month grid, past events and iCalendar feeds.

    The views live in events/views.py. The iCalendar files (`feed.ics`, `event.ics`) have no
    trailing slash, so they are routed in events/urls.py rather than here."""

    intro = models.TextField(blank=True, verbose_name=gettext_lazy("intro"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("calendar page")

    @route("")
    def upcoming(self, request):
        from . import views

        return views.upcoming(request, self)

    @route("month/<int:year>/<int:month>/")
    def month(self, request, year, month):
        from . import views

        return views.month(request, self, year, month)

    @route("past/")
    def past(self, request):
        from . import views

        return views.past(request, self)


class EventPage(RoutablePageMixin, Page):
    """A community forum, workshop, training or meeting; one-off or repeating."""

    class Kind(models.TextChoices):
        COMMUNITY_FORUM = "forum", gettext_lazy("Community forum")
        WORKSHOP = "workshop", gettext_lazy("Workshop")
        TRAINING = "training", gettext_lazy("Training")
        SUPPORT_GROUP = "support", gettext_lazy("Support group")
        OUTREACH = "outreach", gettext_lazy("Outreach")
        OTHER = "other", gettext_lazy("Other")

    class Frequency(models.TextChoices):
        NONE = "", gettext_lazy("Does not repeat")
        DAILY = "DAILY", gettext_lazy("Daily")
        WEEKLY = "WEEKLY", gettext_lazy("Weekly")
        MONTHLY = "MONTHLY", gettext_lazy("Monthly")
        YEARLY = "YEARLY", gettext_lazy("Yearly")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMUNITY_FORUM,
                            verbose_name=gettext_lazy("kind"))
    summary = models.CharField(max_length=255, blank=True, help_text=gettext_lazy("One sentence for lists."),
                               verbose_name=gettext_lazy("summary"))
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
                                verbose_name=gettext_lazy("description"))
    start = models.DateTimeField(help_text=gettext_lazy("When the (first) event starts."),
                                 verbose_name=gettext_lazy("start"))
    end = models.DateTimeField(help_text=gettext_lazy("When the (first) event ends."),
                               verbose_name=gettext_lazy("end"))
    all_day = models.BooleanField(default=False,
                                  help_text=gettext_lazy("Times are ignored; dates are inclusive."),
                                  verbose_name=gettext_lazy("all day"))
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone],
        help_text=gettext_lazy("Repeating events keep their local time across daylight-saving changes."),
        verbose_name=gettext_lazy("time zone"),
    )
    venue_name = models.CharField(max_length=120, blank=True, verbose_name=gettext_lazy("venue name"))
    venue_address = models.TextField(blank=True, verbose_name=gettext_lazy("venue address"))
    accessibility_notes = models.TextField(
        blank=True, help_text=gettext_lazy("Step-free access, hearing loop, quiet room, toilets…"),
        verbose_name=gettext_lazy("accessibility notes")
    )
    online_link = models.URLField(
        blank=True, help_text=gettext_lazy("Shown only to people who have said they are going."),
        verbose_name=gettext_lazy("online link")
    )
    neighbourhood = models.ForeignKey(
        "taxonomy.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events", verbose_name=gettext_lazy("neighbourhood"),
    )
    partners = ParentalManyToManyField("partners.Partner", blank=True, related_name="events",
                                       verbose_name=gettext_lazy("organising partners"))
    topics = ParentalManyToManyField("taxonomy.Topic", blank=True, related_name="events")
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=gettext_lazy("Places per occurrence. Empty: no limit."),
        verbose_name=gettext_lazy("capacity")
    )
    cost = models.CharField(max_length=80, blank=True, default="Free", verbose_name=gettext_lazy("cost"))
    languages = models.CharField(max_length=120, blank=True, default="English",
                                 verbose_name=gettext_lazy("languages"))
    registration_required = models.BooleanField(default=False,
                                                verbose_name=gettext_lazy("registration required"))

    # Recurrence (RFC 5545 RRULE parts)
    frequency = models.CharField(max_length=8, choices=Frequency.choices, blank=True, default="",
                                 verbose_name=gettext_lazy("frequency"))
    interval = models.PositiveSmallIntegerField(default=1, verbose_name=gettext_lazy("interval"))
    weekdays = models.CharField(
        max_length=30, blank=True, validators=[validate_weekdays],
        help_text=gettext_lazy("Weekly: days as MO,TU,WE,TH,FR,SA,SU. Monthly: the weekday of the nth week."),
        verbose_name=gettext_lazy("weekdays"),
    )
    weekday_position = models.SmallIntegerField(
        null=True, blank=True, choices=[(1, gettext_lazy("First")), (2, gettext_lazy("Second")),
                                        (3, gettext_lazy("Third")), (4, gettext_lazy("Fourth")),
                                        (-1, gettext_lazy("Last"))],
        help_text=gettext_lazy("Monthly only: e.g. the first Tuesday. Empty: the same day of the month."),
        verbose_name=gettext_lazy("weekday position"),
    )
    until = models.DateField(null=True, blank=True, help_text=gettext_lazy("Last date it may repeat on."),
                             verbose_name=gettext_lazy("until"))
    count = models.PositiveSmallIntegerField(null=True, blank=True,
                                             help_text=gettext_lazy("Or: how many times in all."),
                                             verbose_name=gettext_lazy("count"))

    is_cancelled = models.BooleanField(default=False, help_text=gettext_lazy("Keeps the page with a notice."),
                                       verbose_name=gettext_lazy("is cancelled"))
    cancellation_note = models.CharField(max_length=255, blank=True,
                                         verbose_name=gettext_lazy("cancellation note"))
    sequence = models.PositiveIntegerField(default=0, editable=False)
    ical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day"),
             FieldPanel("time_zone")],
            heading=gettext_lazy("When"),
        ),
        MultiFieldPanel(
            [RecurrenceSummaryPanel(), FieldPanel("frequency", heading=gettext_lazy("Repeats")),
             FieldPanel("interval", heading=gettext_lazy("Every"),
                        help_text=gettext_lazy("1: every day/week/month; 2: every other one, and so on.")),
             FieldPanel("weekdays", heading=gettext_lazy("On"), widget=WeekdayCheckboxes(),
                        help_text=gettext_lazy("Weekly: tick the days it happens on (none: the day it "
                                               "starts). "
                                  "Monthly with a position below: tick one day.")),
             FieldPanel("weekday_position", heading=gettext_lazy("Which week of the month")),
             FieldRowPanel([FieldPanel("until", heading=gettext_lazy("Until (date)")),
                            FieldPanel("count", heading=gettext_lazy("Or: number of times"))])],
            heading=gettext_lazy("Repeats"), classname="collapsed",
        ),
        InlinePanel("exceptions", heading=gettext_lazy("Cancelled or moved occurrences"),
                    label=gettext_lazy("Exception")),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("accessibility_notes"),
             FieldPanel("online_link"), FieldPanel("neighbourhood")],
            heading=gettext_lazy("Where"),
        ),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("registration_required"), FieldPanel("capacity"), FieldPanel("cost"),
             FieldPanel("languages")],
            heading=gettext_lazy("Taking part"),
        ),
        MultiFieldPanel([FieldPanel("is_cancelled"), FieldPanel("cancellation_note")],
                        heading=gettext_lazy("Cancellation")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.CalendarPage"]
    subpage_types = []

    class Meta:
        verbose_name = gettext_lazy("event page")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must be after the start.")
        if self.frequency and self.until and self.count:
            errors["count"] = _("Give either an end date or a number of times, not both.")
        if self.weekday_position and self.frequency != self.Frequency.MONTHLY:
            errors["weekday_position"] = _("The nth weekday applies to monthly events only.")
        if self.weekday_position and len(self.weekday_codes) != 1:
            errors["weekdays"] = _("For “the first Tuesday” tick exactly one day.")
        if self.interval < 1:
            errors["interval"] = _("Repeat at least every 1.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self._update_sequence()
        return super().save(*args, **kwargs)

    def _update_sequence(self):
        """SEQUENCE goes up when what calendars show changes. It counts from the stored row, not
        from this object, which may come from an older revision."""
        fingerprint = self.compute_ical_fingerprint()
        stored = (EventPage.objects.filter(pk=self.pk).values_list("sequence", "ical_fingerprint").first()
                  if self.pk else None)
        if stored:
            stored_sequence, stored_fingerprint = stored
            changed = stored_fingerprint and fingerprint != stored_fingerprint
            self.sequence = stored_sequence + 1 if changed else stored_sequence
        self.ical_fingerprint = fingerprint

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)

    @property
    def is_repeating(self):
        return bool(self.frequency)

    @property
    def weekday_codes(self):
        return [code.strip().upper() for code in self.weekdays.split(",") if code.strip()]

    @property
    def recurrence_text(self):
        """"Every 2 weeks on Thursday", "Every month on the first Tuesday", "" if one-off; in the
        active language."""
        if not self.frequency:
            return ""
        n = self.interval if self.interval > 1 else 1
        text = {
            "DAILY": ngettext("Every day", "Every %(count)d days", n),
            "WEEKLY": ngettext("Every week", "Every %(count)d weeks", n),
            "MONTHLY": ngettext("Every month", "Every %(count)d months", n),
            "YEARLY": ngettext("Every year", "Every %(count)d years", n),
        }[self.frequency] % {"count": n}
        names = dict(zip(WEEKDAY_CODES, [str(WEEKDAYS[i]) for i in range(7)], strict=True))
        days = [names[code] for code in self.weekday_codes if code in names]
        if days and self.weekday_position:
            text += " " + {
                1: _("on the first %(day)s"), 2: _("on the second %(day)s"),
                3: _("on the third %(day)s"), 4: _("on the fourth %(day)s"),
                -1: _("on the last %(day)s"),
            }[self.weekday_position] % {"day": days[0]}
        elif days:
            text += " " + _("on %(days)s") % {"days": get_text_list(days, _("and"))}
        if self.until:
            text += ", " + _("until %(date)s") % {
                "date": dateformat.format(self.until, pgettext("date format", "j F Y"))}
        elif self.count:
            text += ", " + ngettext("%(count)d time", "%(count)d times", self.count) % {
                "count": self.count}
        return text

    @property
    def duration(self):
        return self.end - self.start

    @property
    def ical_uid(self):
        """Stable for the life of the page: calendar apps match updates by it."""
        return f"event-{self.pk}@commonground"

    def compute_ical_fingerprint(self):
        """What subscribers' calendars show; a change bumps SEQUENCE."""
        parts = [self.title, _utc(self.start), _utc(self.end), self.all_day, self.time_zone,
                 self.venue_name, self.venue_address, self.frequency, self.interval, self.weekdays,
                 self.weekday_position, self.until, self.count, self.is_cancelled, self.summary,
                 self.description, self.kind]
        parts += sorted((str(e.occurrence_date), e.kind, _utc(e.new_start), _utc(e.new_end))
                        for e in self.exceptions.all())
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    @route("")
    def detail(self, request):
        from . import views

        return views.event_detail(request, self)

    @route("rsvp/")
    def rsvp(self, request):
        from . import views

        return views.rsvp(request, self)

    @route("attendees/")
    def attendees(self, request):
        from . import views

        return views.attendees(request, self)

    @route("cancel/")
    def cancel(self, request):
        from . import views

        return views.cancel(request, self)


class EventException(Orderable):
    """One occurrence of a repeating event that is cancelled or moved."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", gettext_lazy("Cancelled")
        MOVED = "moved", gettext_lazy("Moved")

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions",
                        verbose_name=gettext_lazy("event"))
    occurrence_date = models.DateField(help_text=gettext_lazy("The date it would normally happen on "
                                                              "(local)."),
                                                              verbose_name=gettext_lazy("occurrence date"))
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CANCELLED,
                            verbose_name=gettext_lazy("kind"))
    new_start = models.DateTimeField(null=True, blank=True, help_text=gettext_lazy("Moved: new start."),
                                     verbose_name=gettext_lazy("new start"))
    new_end = models.DateTimeField(null=True, blank=True, help_text=gettext_lazy("Moved: new end."),
                                   verbose_name=gettext_lazy("new end"))
    note = models.CharField(max_length=255, blank=True, verbose_name=gettext_lazy("note"))

    panels = [FieldPanel("occurrence_date"), FieldPanel("kind"),
              FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("exception")

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurrence_date}"

    def clean(self):
        super().clean()
        if self.kind == self.Kind.MOVED and not (self.new_start and self.new_end):
            raise ValidationError({"new_start": "A moved occurrence needs a new start and end."})
        if self.new_start and self.new_end and self.new_end < self.new_start:
            raise ValidationError({"new_end": _("The end must be after the start.")})


class Rsvp(models.Model):
    """A resident's answer for an event (occurrence_start empty) or one occurrence of a series."""

    class Status(models.TextChoices):
        GOING = "going", gettext_lazy("Going")
        WAITING = "waiting", gettext_lazy("On the waiting list")
        NOT_GOING = "not_going", gettext_lazy("Not going")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="rsvps",
                              verbose_name=gettext_lazy("event"))
    occurrence_start = models.DateTimeField(null=True, blank=True,
                                            verbose_name=gettext_lazy("occurrence start"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="event_rsvps", verbose_name=gettext_lazy("user"))
    status = models.CharField(max_length=10, choices=Status.choices, verbose_name=gettext_lazy("status"))
    share_contact = models.BooleanField(
        default=False, help_text=gettext_lazy("Let the organisers see your email address."),
        verbose_name=gettext_lazy("share contact")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(verbose_name=gettext_lazy("status changed at"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True,
                                            verbose_name=gettext_lazy("reminder sent at"))
    cancellation_sent_at = models.DateTimeField(null=True, blank=True,
                                                verbose_name=gettext_lazy("cancellation sent at"))

    class Meta:
        ordering = ["status_changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], condition=Q(occurrence_start__isnull=True),
                                    name="one_rsvp_per_event"),
            models.UniqueConstraint(fields=["event", "occurrence_start", "user"],
                                    condition=Q(occurrence_start__isnull=False),
                                    name="one_rsvp_per_occurrence"),
        ]
        indexes = [models.Index(fields=["event", "occurrence_start", "status"])]

    def __str__(self):
        return f"{self.user} – {self.event} ({self.get_status_display()})"

    @property
    def starts_at(self):
        return self.occurrence_start or self.event.start

    @property
    def ends_at(self):
        return self.starts_at + (self.event.end - self.event.start if self.event.end else timedelta())
