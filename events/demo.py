"""Demo events for Riverton (fictional): a weekly support group with one cancelled date, a
monthly community forum and a one-off naloxone training. Dates are relative to today, so the
calendar always has something coming. Idempotent."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import actions
from .models import CalendarPage, EventException, EventPage

HARBOUR_LIGHTS = "Harbour Lights Recovery Trust (demo)"
POLICE = "Riverton Police Service (demo)"
COUNCIL = "Riverton City Council (demo)"
OUTREACH = "Safe Streets Outreach (demo)"


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def seed(demo):
    calendar = demo.child_page(
        demo.home, CalendarPage, "events", title="Events", show_in_menus=True,
        intro="Community forums, support groups and trainings run by the partnership. "
              "All events and organisations here are fictional demo data.",
    )
    today = timezone.localdate()
    _support_group(demo, calendar, today)
    _community_forum(demo, calendar, today)
    training = _training(demo, calendar, today)
    resident = demo.users.get("resident@riverton.example")
    if resident and not training.rsvps.filter(user=resident).exists():
        actions.respond(training, None, by=resident, going=True)


def _event(demo, calendar, slug, partners, topics, **fields):
    existing = calendar.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = EventPage(slug=slug, **fields)
    page.partners = [demo.partners[name] for name in partners if name in demo.partners]
    page.topics = [demo.topics[name] for name in topics if name in demo.topics]
    calendar.add_child(instance=page)
    page.save_revision().publish()
    return page


def _support_group(demo, calendar, today):
    first = _next_weekday(today - timedelta(weeks=8), 3)  # a Thursday eight weeks ago
    cancelled_on = _next_weekday(today, 3) + timedelta(weeks=1)
    exception = EventException(occurrence_date=cancelled_on, kind=EventException.Kind.CANCELLED,
                               note="No meeting this week: the hall is closed for repairs.")
    return _event(
        demo, calendar, "family-support-group", [HARBOUR_LIGHTS],
        ["Treatment and recovery"],
        title="Family support group", kind=EventPage.Kind.SUPPORT_GROUP,
        summary="A weekly, confidential group for families and friends of people who use drugs.",
        description="<p>Come as you are. Tea, biscuits and people who understand. "
                    "Facilitated by trained volunteers (demo).</p>",
        start=_at(first, 18, 30), end=_at(first, 20, 0),
        venue_name="Old Harbour Community Hall (demo)", venue_address="12 Quay Street, Riverton",
        accessibility_notes="Step-free entrance, hearing loop, accessible toilet.",
        neighbourhood=demo.neighbourhoods.get("Old Harbour"),
        frequency=EventPage.Frequency.WEEKLY, weekdays="TH", cost="Free", languages="English, Polish",
        exceptions=[exception],
    )


def _community_forum(demo, calendar, today):
    start = today.replace(day=1) - timedelta(days=70)
    first_tuesday = _next_weekday(start.replace(day=1), 1)
    return _event(
        demo, calendar, "community-safety-forum", [POLICE, COUNCIL],
        ["Dealing in the street", "Anti-social behaviour"],
        title="Community safety forum", kind=EventPage.Kind.COMMUNITY_FORUM,
        summary="Meet your neighbourhood police team and the council; ask questions, hear what changed.",
        description="<p>Each month the partnership reports back on the concerns raised on Common "
                    "Ground and answers questions in person (demo).</p>",
        start=_at(first_tuesday, 19), end=_at(first_tuesday, 20, 30),
        venue_name="Millbrook Library (demo)", venue_address="1 Library Lane, Riverton",
        accessibility_notes="Lift to the first floor; British Sign Language on request.",
        online_link="https://meet.example.org/riverton-forum",
        neighbourhood=demo.neighbourhoods.get("Millbrook"),
        frequency=EventPage.Frequency.MONTHLY, weekdays="TU", weekday_position=1,
    )


def _training(demo, calendar, today):
    day = today + timedelta(days=10)
    return _event(
        demo, calendar, "naloxone-training", [OUTREACH, POLICE], ["Harm reduction"],
        title="Naloxone training for residents", kind=EventPage.Kind.TRAINING,
        summary="Learn to recognise an opioid overdose and use naloxone. You leave with a kit.",
        description="<p>A joint police and outreach training (demo). Three hours, hands on.</p>",
        start=_at(day, 10), end=_at(day, 13),
        venue_name="Northgate Youth Centre (demo)", venue_address="40 North Road, Riverton",
        accessibility_notes="Ground floor, step-free.",
        neighbourhood=demo.neighbourhoods.get("Northgate"),
        capacity=12, registration_required=True, cost="Free",
    )
