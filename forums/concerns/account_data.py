"""Concerns' part of a resident's data export and account deletion."""

from .models import Concern, SatisfactionAnswer


def export_concern_data(sender, user, **kwargs):
    concerns = (Concern.objects.filter(thread__author=user).select_related("thread", "satisfaction")
                .order_by("created_at"))
    return {"concerns": [
        {"title": c.thread.title, "state": c.state, "shared_contact_details": c.share_contact,
         "satisfaction": _satisfaction(c)}
        for c in concerns
    ]}


def _satisfaction(concern):
    try:
        answer = concern.satisfaction
    except SatisfactionAnswer.DoesNotExist:
        return None
    return {"answer": answer.answer, "comment": answer.comment}


def anonymise_concern_data(sender, user, **kwargs):
    """Partners stop seeing the contact details; the answers stay in the figures, the comments go."""
    Concern.objects.filter(thread__author=user).update(share_contact=False)
    SatisfactionAnswer.objects.filter(concern__thread__author=user).update(comment="")
