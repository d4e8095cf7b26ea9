"""Read-only questions about events (state changes are actions.py)."""

from .models import Rsvp


def going_count(event, key):
    return Rsvp.objects.filter(event=event, occurrence_start=key, status=Rsvp.Status.GOING).count()
