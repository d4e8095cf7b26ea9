"""Calendar and event views. Wagtail routes to them through the pages' routes (models.py)."""

import calendar as pycalendar
from datetime import UTC, date, timedelta
from itertools import groupby
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from portal import absolute
from portal.partners.models import Partner
from portal.taxonomy.models import Neighbourhood, Topic
from portal.translations import under

from . import actions, ical, permissions, recurrence
from .models import CalendarPage, EventPage, Rsvp

UPCOMING_DAYS = 92
PAST_DAYS = 366
PAST_PER_PAGE = 30


class CalendarFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *EventPage.Kind.choices])
    partner = forms.ModelChoiceField(required=False, queryset=Partner.objects.filter(is_active=True),
                                     to_field_name="slug", empty_label="Any partner")
    topic = forms.ModelChoiceField(required=False, queryset=Topic.objects.all(), to_field_name="slug",
                                   empty_label="Any topic")
    neighbourhood = forms.ModelChoiceField(required=False, queryset=Neighbourhood.objects.all(),
                                           to_field_name="slug", empty_label="Anywhere")

    def filter(self, events):
        self.is_valid()  # an unknown value in one filter leaves the others working
        data = getattr(self, "cleaned_data", {})
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("partner"):
            events = events.filter(partners=data["partner"])
        if data.get("topic"):
            events = events.filter(topics=data["topic"])
        if data.get("neighbourhood"):
            events = events.filter(neighbourhood=data["neighbourhood"])
        return events

    @property
    def query_string(self):
        """The active filters, for links and feeds ("" when none)."""
        self.is_valid()
        values = {}
        for name, value in getattr(self, "cleaned_data", {}).items():
            if value:
                values[name] = getattr(value, "slug", value)
        return urlencode(values)


def events_under(calendar_page):
    """Live, public events of a calendar with what listing them needs, in a fixed number of queries."""
    return (
        under(EventPage.objects.live().public(), calendar_page).distinct()
        .select_related("neighbourhood")
        .prefetch_related("partners", "topics", "exceptions")
    )


def occurrences_between(events, window_start, window_end):
    found = [o for event in events for o in recurrence.occurrences(event, window_start, window_end)]
    return sorted(found, key=lambda o: (o.start, o.event.title))


def by_day(occurrences):
    def local_day(occurrence):
        return timezone.localtime(occurrence.start).date()

    return [(day, list(items)) for day, items in groupby(occurrences, key=local_day)]


def _calendar_context(request, page, filters, **extra):
    query = filters.query_string
    feed_path = page.url + "feed.ics" + (f"?{query}" if query else "")
    absolute_feed = absolute.absolute(feed_path, request)
    return {
        "page": page,
        "filters": filters,
        "query_string": query,
        "feed_url": feed_path,
        "webcal_url": "webcal://" + absolute_feed.split("://", 1)[1],
        "today": timezone.localdate(),
        **extra,
    }


def upcoming(request, page):
    filters = CalendarFilterForm(request.GET or None)
    now = timezone.now()
    events = filters.filter(events_under(page))
    found = occurrences_between(events, now, now + timedelta(days=UPCOMING_DAYS))
    context = _calendar_context(request, page, filters, days=by_day(found), view="upcoming")
    return TemplateResponse(request, "events/calendar_page.html", context)


def month(request, page, year, month):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404("No such month")
    filters = CalendarFilterForm(request.GET or None)
    tz = timezone.get_current_timezone()
    month_start, month_end = recurrence.month_bounds(year, month, tz)
    events = list(filters.filter(events_under(page)))
    found = occurrences_between(events, month_start, month_end)
    first_year, last_year = years_with_events(events, timezone.localdate().year)
    on_day = {day: items for day, items in by_day(found)}
    weeks = [
        [{"date": day, "in_month": day.month == month, "occurrences": on_day.get(day, [])} for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    first = date(year, month, 1)
    previous_month = first - timedelta(days=1)
    next_month = first + timedelta(days=32)
    context = _calendar_context(
        request, page, filters, view="month", weeks=weeks, month_start=first,
        previous_month=previous_month if first_year <= previous_month.year <= last_year else None,
        next_month=next_month if first_year <= next_month.year <= last_year else None,
        has_events=bool(found),
        noindex=bool(filters.query_string) or not first_year <= year <= last_year,
        weekday_names=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    )
    return TemplateResponse(request, "events/calendar_month.html", context)


def years_with_events(events, this_year):
    """(first, last) year the month grid offers: from the first event to the last occurrence
    (a series without end: next year), always including this year. Months outside are not
    linked from the grid and are marked noindex, so crawlers do not walk months forever."""
    if not events:
        return this_year, this_year
    first = min(timezone.localtime(event.start).year for event in events)
    ends = [recurrence.last_end(event) for event in events]
    last = max(this_year + 1 if end is None else timezone.localtime(end).year for end in ends)
    return min(first, this_year), max(last, this_year)


def past(request, page):
    filters = CalendarFilterForm(request.GET or None)
    now = timezone.now()
    events = filters.filter(events_under(page))
    found = [o for o in occurrences_between(events, now - timedelta(days=PAST_DAYS), now) if o.end <= now]
    paginator = Paginator(list(reversed(found)), PAST_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = _calendar_context(request, page, filters, view="past", days=by_day(page_obj.object_list),
                                page_obj=page_obj)
    return TemplateResponse(request, "events/calendar_past.html", context)


def calendar_feed(request, page):
    filters = CalendarFilterForm(request.GET or None)
    now = timezone.now()
    events = [event for event in filters.filter(events_under(page))
              if (recurrence.last_end(event) is None or recurrence.last_end(event) > now)]
    name = page.title if not filters.query_string else f"{page.title} (filtered)"
    body = ical.to_ics(ical.calendar_for(events, name=name, base_url=_base_url(request)))
    return _ics_response(body, "events.ics")


def event_ics(request, event):
    event = EventPage.objects.prefetch_related("exceptions").get(pk=event.pk)
    body = ical.to_ics(ical.calendar_for([event], name=event.title, base_url=_base_url(request)))
    return _ics_response(body, f"{event.slug}.ics")


def ics_file(request, page_path, name):
    """Find the live, public page at `page_path` and serve its iCalendar file."""
    page = Page.find_for_request(request, "/" + page_path)
    if page is None or not page.live:
        raise Http404("No such calendar")
    page = page.specific
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404("No such calendar")
    if name == "feed" and isinstance(page, CalendarPage):
        return calendar_feed(request, page)
    if name == "event" and isinstance(page, EventPage):
        return event_ics(request, page)
    raise Http404("No such calendar")


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request):
    return absolute.base_url(request)


def event_detail(request, event):
    now = timezone.now()
    if event.is_repeating:
        upcoming_dates = recurrence.occurrences(event, now, now + timedelta(days=UPCOMING_DAYS))[:12]
    else:
        upcoming_dates = recurrence.occurrences(event, event.start - timedelta(1), event.end + timedelta(1))
    rsvps = _user_rsvps(request.user, event)
    going_counts = _going_counts(event)
    positions = _waiting_positions(event, rsvps)
    dates = [_date_context(event, o, rsvps, going_counts, now, positions) for o in upcoming_dates]
    context = {
        "page": event,
        "dates": dates,
        "can_rsvp": permissions.can_rsvp(request.user, event),
        "can_see_attendees": permissions.can_see_attendees(request.user, event),
        "can_cancel": not event.is_cancelled and event.pk is not None
                      and permissions.can_cancel_event(request.user, event),
        "show_online_link": any(permissions.can_see_online_link(request.user, event, r)
                                for r in rsvps.values())
                            or permissions.can_see_attendees(request.user, event),
        "google_calendar_url": _google_calendar_url(request, event, upcoming_dates),
    }
    return TemplateResponse(request, "events/event_page.html", context)


def _user_rsvps(user, event):
    if not user.is_authenticated or event.pk is None:  # previews of new pages have no pk
        return {}
    return {r.occurrence_start: r for r in Rsvp.objects.filter(event=event, user=user)}


def _going_counts(event):
    if event.pk is None:
        return {}
    rows = (Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING)
            .values("occurrence_start").annotate(n=Count("pk")))
    return {row["occurrence_start"]: row["n"] for row in rows}


def _waiting_positions(event, rsvps):
    """{occurrence key: the user's place on its waiting list}, in one query."""
    waiting_keys = [key for key, rsvp in rsvps.items() if rsvp.status == Rsvp.Status.WAITING]
    if not waiting_keys:
        return {}
    with_key = Q(occurrence_start__in=[k for k in waiting_keys if k is not None])
    if None in waiting_keys:
        with_key |= Q(occurrence_start__isnull=True)
    queue = (Rsvp.objects.filter(with_key, event=event, status=Rsvp.Status.WAITING)
             .order_by("status_changed_at", "pk").values_list("occurrence_start", "user_id"))
    positions, seen = {}, {}
    for key, user_id in queue:
        seen[key] = seen.get(key, 0) + 1
        if user_id == rsvps[key].user_id:
            positions[key] = seen[key]
    return positions


def _date_context(event, occurrence, rsvps, going_counts, now, positions):
    going = going_counts.get(occurrence.key, 0)
    return {
        "waiting_position": positions.get(occurrence.key),
        "occurrence": occurrence,
        "rsvp": rsvps.get(occurrence.key),
        "going": going,
        "places_left": None if event.capacity is None else max(event.capacity - going, 0),
        "is_past": occurrence.end <= now,
    }


def _google_calendar_url(request, event, upcoming_dates):
    occurrence = next((o for o in upcoming_dates if not o.is_cancelled), None)
    if occurrence is None:
        return None
    if event.all_day:
        dates = (f"{occurrence.local_start:%Y%m%d}/"
                 f"{occurrence.local_end.date() + timedelta(days=1):%Y%m%d}")
    else:
        dates = "/".join(f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
                         for moment in (occurrence.start, occurrence.end))
    params = {"action": "TEMPLATE", "text": event.title, "dates": dates,
              "details": absolute.absolute(event.url, request),
              "location": ", ".join(p for p in [event.venue_name, event.venue_address] if p)}
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


class RsvpForm(forms.Form):
    occurrence = forms.CharField(required=False)
    response = forms.ChoiceField(choices=[("going", "Going"), ("not_going", "Not going")])
    share_contact = forms.BooleanField(required=False)

    def clean_occurrence(self):
        try:
            return recurrence.parse_key(self.cleaned_data["occurrence"])
        except ValueError as error:
            raise ValidationError("That date is not one of this event's dates.") from error


@require_POST
def rsvp(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        problem = form.errors.get("occurrence") or ["Choose “Going” or “Not going” for one of the dates."]
        messages.error(request, problem[0])
        return redirect(event.url)
    try:
        answer, _promoted = actions.respond(
            event, form.cleaned_data["occurrence"], by=request.user,
            going=form.cleaned_data["response"] == "going",
            share_contact=form.cleaned_data["share_contact"],
        )
    except PermissionDenied as error:
        messages.error(request, str(error) or "You cannot RSVP to this event.")
        return redirect(event.url)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event.url)
    messages.success(request, _confirmation(answer))
    return redirect(event.url + "#dates")


def _confirmation(answer):
    if answer.status == Rsvp.Status.GOING:
        return "You are going. We will email you a reminder the day before."
    if answer.status == Rsvp.Status.WAITING:
        return "Every place is taken, so you are on the waiting list. We will email you if one comes free."
    return "Thanks for letting us know you are not going."


def attendees(request, event):
    if not permissions.can_see_attendees(request.user, event):
        raise PermissionDenied("Only the organisers can see who is coming.")
    event = EventPage.objects.prefetch_related("exceptions").get(pk=event.pk)
    rsvps = (Rsvp.objects.filter(event=event).exclude(status=Rsvp.Status.NOT_GOING)
             .select_related("user").order_by("occurrence_start", "status", "status_changed_at", "pk"))
    groups = []
    for key, items in groupby(rsvps, key=lambda r: r.occurrence_start):
        items = list(items)
        groups.append({
            "occurrence": recurrence.find_occurrence(event, key) if key else None,
            "key": key,
            "going": [r for r in items if r.status == Rsvp.Status.GOING],
            "waiting": [r for r in items if r.status == Rsvp.Status.WAITING],
        })
    return TemplateResponse(request, "events/attendees.html", {"page": event, "groups": groups})


class CancelForm(forms.Form):
    occurrence = forms.CharField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note for the people going (optional)", required=False, max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the event page and in the email: why, or what to do instead.",
    )


def cancel(request, event):
    """Confirm, then cancel the whole event, or with `occurrence` one date of a repeating event.
    The page says so at once and the people going or waiting are emailed."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_cancel_event(request.user, event):
        raise PermissionDenied("Only editors and the organisers can cancel an event.")
    event = EventPage.objects.prefetch_related("exceptions").get(pk=event.pk)
    data = request.POST if request.method == "POST" else None
    try:
        occurrence = _occurrence_to_cancel(event, (data or request.GET).get("occurrence", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event.url)
    form = CancelForm(data, initial={"occurrence": occurrence.key_param if occurrence else ""})
    if form.is_valid():
        return _cancel(request, event, occurrence, form.cleaned_data["note"])
    return TemplateResponse(request, "events/cancel.html", {
        "page": event, "form": form, "occurrence": occurrence,
        "people_to_tell": _people_to_tell(event, occurrence),
        "coming_dates": [] if occurrence else _coming_dates(event),
    })


def _occurrence_to_cancel(event, key_param):
    """The date to cancel (None: the whole event), or ValidationError saying why it cannot be."""
    try:
        key = recurrence.parse_key(key_param)
    except ValueError as error:
        raise ValidationError("That date is not one of this event's dates.") from error
    if event.is_cancelled:
        raise ValidationError("This event is already cancelled.")
    if key is None:
        return None
    occurrence = recurrence.find_occurrence(event, key)
    if occurrence is None:
        raise ValidationError("That date is not one of this event's dates.")
    if occurrence.is_cancelled:
        raise ValidationError("That date is already cancelled.")
    if occurrence.end <= timezone.now():
        raise ValidationError("That date has already passed.")
    return occurrence


def _cancel(request, event, occurrence, note):
    if occurrence is None:
        actions.cancel_event(event, by=request.user, note=note)
        messages.success(request, "The event is cancelled. Everyone going or waiting is being emailed.")
    else:
        actions.cancel_occurrence(event, occurrence.key.astimezone(event.tz).date(), by=request.user,
                                  note=note)
        day = dateformat.format(occurrence.local_start, "l j F")
        messages.success(request, f"{day} is cancelled. Everyone going or waiting that day is being emailed.")
    return redirect(event.url + "#dates")


def _people_to_tell(event, occurrence):
    rsvps = Rsvp.objects.filter(event=event, status__in=[Rsvp.Status.GOING, Rsvp.Status.WAITING])
    if occurrence is not None:
        return rsvps.filter(occurrence_start=occurrence.key).count()
    not_over = Q(occurrence_start__isnull=True) | Q(occurrence_start__gt=timezone.now() - event.duration)
    return rsvps.filter(not_over).count()


def _coming_dates(event):
    if not event.is_repeating:
        return []
    now = timezone.now()
    return [o for o in recurrence.occurrences(event, now, now + timedelta(days=UPCOMING_DAYS))[:12]
            if not o.is_cancelled]
