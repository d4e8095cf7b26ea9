"""What the concern panels on a thread page show, computed once per request and thread."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal import chrome

from . import forms, permissions, places
from .models import (
    WAITING_STATES,
    AnswerDraft,
    AnswerKind,
    CloseReason,
    Concern,
    ResponseTemplate,
)
from .views import KEPT_INPUT

FORMS = {"answer": forms.AnswerForm, "note": forms.NoteForm, "close": forms.CloseForm,
         "resolve": forms.ReasonForm, "acknowledge": forms.ReasonForm, "reopen": forms.ReasonForm,
         "reroute": forms.RerouteForm, "satisfaction": forms.SatisfactionForm,
         "assign": forms.AssignForm}


def panel_for(request, thread):
    if not hasattr(thread, "_concern_panel"):
        thread._concern_panel = _build(request, thread)
    return thread._concern_panel


def _build(request, thread):
    concern = (Concern.objects.select_related("satisfaction", "landmark__neighbourhood")
               .prefetch_related("routes__partner", "routes__claimed_by").filter(thread_id=thread.pk).first())
    if concern is None:
        return None
    concern.thread = thread
    user = request.user
    if not permissions.can_view_concern(user, concern):
        return None
    staff = permissions.can_see_notes(user, concern)
    events = concern.events.select_related("post")
    if not staff:
        events = events.filter(is_public=True)
    close_reasons = [r for r in CloseReason if permissions.can_close(user, concern, r)]
    can = {
        "claim": permissions.can_claim(user, concern),
        "acknowledge": permissions.can_acknowledge(user, concern),
        "answer": permissions.can_answer(user, concern),
        "note": permissions.can_add_note(user, concern),
        "resolve": permissions.can_resolve(user, concern),
        "close": bool(close_reasons),
        "reopen": permissions.can_reopen(user, concern),
        "reroute": permissions.can_reroute(user, concern),
        "satisfaction": permissions.can_give_satisfaction(user, concern),
    }
    can["assign"] = can["claim"]
    panel = {
        "concern": concern, "events": list(events), "can": can, "is_staff": staff,
        "partners": [route.partner for route in concern.routes.all()],
        "is_author": permissions.is_author(user, concern),
        "contact": thread.author.email if permissions.can_see_contact_details(user, concern) else "",
        "notes": [note for note in concern.notes.select_related("author", "partner")
                  if permissions.can_see_note(user, note, concern)] if staff else [],
        "claims": [route for route in concern.routes.all() if route.claimed_by_id],
        "action_url": reverse("forums:concern_action", args=[concern.pk, "NAME"]).replace("NAME/", ""),
        "forms": _forms(request, concern, can, close_reasons),
        "due": answer_due(concern, _target_days(request)),
        "place": places.place_for(user, concern),
    }
    if can["answer"]:
        panel["templates"] = _templates_by_kind(thread, user)
        panel["draft"] = AnswerDraft.objects.filter(concern=concern,
                                                    partner_id=user.partner_id).first()
    return panel


def _templates_by_kind(thread, user):
    """The organisation's templates for this topic (or any topic), grouped by kind of answer:
    [(kind label, [templates])], the templates for any kind last."""
    templates = ResponseTemplate.objects.filter(
        Q(topic_id=thread.topic_id) | Q(topic__isnull=True), partner_id=user.partner_id)
    groups = {}
    for template in sorted(templates, key=lambda t: (t.kind == "", t.kind, t.title)):
        label = template.get_kind_display() if template.kind else _("Any kind of answer")
        groups.setdefault(label, []).append(template)
    return list(groups.items())


def _forms(request, concern, can, close_reasons):
    kept = request.session.pop(KEPT_INPUT, None) if hasattr(request, "session") else None
    built = {}
    for name, form_class in FORMS.items():
        if not can.get(name):
            continue
        kwargs = {"prefix": name}
        if form_class is forms.CloseForm:
            kwargs["reasons"] = close_reasons
        if form_class is forms.AssignForm:
            kwargs["partner_id"] = request.user.partner_id
        if name == "answer":
            kwargs["initial"] = _answer_initial(request, concern)
        if kept and kept.get("name") == name:
            form = form_class(kept["data"], **kwargs)
            form.is_valid()
            for error in kept.get("errors", {}).get("__all__", []):
                form.add_error(None, error["message"])
        else:
            form = form_class(**kwargs)
        built[name] = form
    return built


def _answer_initial(request, concern):
    """The answer form starts from the chosen template (placeholders filled, its kind chosen),
    else from the organisation's saved draft."""
    template = _chosen_template(request)
    if template is not None:
        return {"body": fill_placeholders(template.body, concern, request.user.partner,
                                          _target_days(request)),
                "kind": template.kind or AnswerKind.INFORMATION}
    draft = AnswerDraft.objects.filter(concern=concern, partner_id=request.user.partner_id).first()
    if draft is None:
        return {}
    return {"body": draft.body, "kind": draft.kind or AnswerKind.INFORMATION,
            "reason": draft.reason, "sign_name": draft.sign_name, "refer_to": draft.refer_to_id}


def _chosen_template(request):
    template_id = request.GET.get("template", "")
    if not template_id.isdigit():
        return None
    return ResponseTemplate.objects.filter(pk=template_id,
                                           partner_id=request.user.partner_id).first()


PLACEHOLDER = re.compile(r"\{(" + "|".join(ResponseTemplate.PLACEHOLDERS) + r")\}")


def fill_placeholders(text, concern, partner, target_days):
    """{title}, {neighbourhood}, {partner}, {due_date} -> what the resident sees; any other
    braces are left as they are."""
    thread = concern.thread
    due = answer_due(concern, target_days)
    values = {
        "title": thread.title,
        "neighbourhood": thread.neighbourhood.name if thread.neighbourhood_id else "",
        "partner": partner.name if partner else "",
        "due_date": date_format(timezone.localtime(due.due_at), "j F Y") if due else "",
    }
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


@dataclass(frozen=True, slots=True)
class AnswerDue:
    target_days: int
    due_at: datetime
    answered_at: datetime | None  # the first official answer, if there is one
    is_waiting: bool  # no official answer yet and still open or acknowledged
    is_overdue: bool  # waiting past the due time, or answered after it

    @property
    def answered_in_time(self):
        return self.answered_at is not None and self.answered_at <= self.due_at


def answer_due(concern, target_days, now=None):
    """When the partners should answer (published + the site's response target) and whether
    they are late. None before the concern is published."""
    if concern.published_at is None:
        return None
    now = now or timezone.now()
    due_at = concern.published_at + timedelta(days=target_days)
    answered_at = concern.first_response_at
    waiting = answered_at is None and concern.state in WAITING_STATES
    late = (waiting and now > due_at) or (answered_at is not None and answered_at > due_at)
    return AnswerDue(target_days, due_at, answered_at, waiting, late)


def _target_days(request):
    return chrome.for_request(request)["site_settings"].response_target_days
