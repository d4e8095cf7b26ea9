"""What the events app shows on the home page and on partner pages (see portal/sections.py)."""

from datetime import timedelta

from django.utils import timezone

from portal.translations import localized

from .models import CalendarPage, EventPage
from .recurrence import occurrences

HOME_COUNT = 3
PARTNER_COUNT = 5
WINDOW = timedelta(days=92)


def upcoming_occurrences(events, limit):
    now = timezone.now()
    found = [o for event in events for o in occurrences(event, now, now + WINDOW) if not o.is_cancelled]
    return sorted(found, key=lambda o: o.start)[:limit]


def _live_events():
    return (localized(EventPage.objects.live().public()).filter(is_cancelled=False)
            .prefetch_related("exceptions"))


def home_upcoming(request):
    return {
        "occurrences": upcoming_occurrences(_live_events(), HOME_COUNT),
        "calendar": localized(CalendarPage.objects.live()).first(),
    }


def partner_events(partner):
    return {"occurrences": upcoming_occurrences(_live_events().filter(partners=partner), PARTNER_COUNT)}
