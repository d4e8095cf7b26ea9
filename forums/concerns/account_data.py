"""Concerns' part of a resident's data export and account deletion."""

from . import places
from .models import Concern, SatisfactionAnswer


def export_concern_data(sender, user, **kwargs):
    concerns = (Concern.objects.filter(thread__author=user)
                .select_related("thread", "satisfaction", "landmark").order_by("created_at"))
    return {"concerns": [
        {"title": c.thread.title, "state": c.state, "shared_contact_details": c.share_contact,
         "satisfaction": _satisfaction(c), "landmark": c.landmark.name if c.landmark else None,
         "marked_point": [str(c.latitude), str(c.longitude)] if c.latitude is not None else None}
        for c in concerns
    ]}


def _satisfaction(concern):
    try:
        answer = concern.satisfaction
    except SatisfactionAnswer.DoesNotExist:
        return None
    return {"answer": answer.answer, "comment": answer.comment}


def anonymise_concern_data(sender, user, **kwargs):
    """Partners stop seeing the contact details and the exact place; the answers stay in the
    figures, the comments go."""
    Concern.objects.filter(thread__author=user).update(share_contact=False)
    # The exact point may be where the resident lives: only its public, snapped form stays.
    for concern in Concern.objects.filter(thread__author=user, latitude__isnull=False):
        point = places.snap(concern.latitude, concern.longitude)
        concern.latitude, concern.longitude = point.latitude, point.longitude
        concern.save(update_fields=["latitude", "longitude"])
    SatisfactionAnswer.objects.filter(concern__thread__author=user).update(comment="")
