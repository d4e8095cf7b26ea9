"""Receivers: publishing an event, data export and account closure."""

from . import actions
from .models import Rsvp


def event_published(sender, instance, **kwargs):
    actions.event_published(instance)


def collect_rsvps(sender, user, **kwargs):
    rsvps = Rsvp.objects.filter(user=user).select_related("event").order_by("created_at")
    return {"event_rsvps": [
        {"event": rsvp.event.title, "date": rsvp.starts_at.isoformat(), "status": rsvp.status,
         "share_contact": rsvp.share_contact, "answered_at": rsvp.created_at.isoformat()}
        for rsvp in rsvps
    ]}


def forget_rsvps(sender, user, **kwargs):
    actions.remove_user_rsvps(user)
