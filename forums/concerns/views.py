"""Buttons and forms on a concern's page post here. Each view parses input, calls one action and
goes back to the thread; what was typed is kept (in the session) when it needs correcting."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forums import shortcuts

from . import actions, forms, permissions, public
from .models import Concern

KEPT_INPUT = "concerns_kept_input"


def raise_concern(request):
    """The one address every "Raise a concern" link points to: the form of the site's concern
    board, or a choice when there are several (none: a page saying where else to turn)."""
    boards = public.concern_boards(request)
    if len(boards) == 1:
        return HttpResponseRedirect(boards[0].url + boards[0].reverse_subpage("new_thread"))
    return render(request, "concerns/raise_concern.html", {"boards": boards},
                  status=200 if boards else 404)


def new_concern(request, board):
    """A concern board's new-thread page (its route is the board's "new_thread"): the forum's form
    with the concern's own fields, started through actions.raise_concern."""
    def start(user, board, data):
        return actions.raise_concern(
            board, by=user, title=data["title"], body=data["body"], topic=data["topic"],
            neighbourhood=data["neighbourhood"], anonymous=data.get("anonymous", False),
            token=data["token"], share_contact=data.get("share_contact", False),
            landmark=data.get("landmark"), latitude=data.get("latitude"),
            longitude=data.get("longitude"))

    return shortcuts.new_thread_page(request, board, start,
                                     lambda form: {"concern_map": _concern_map(form)})


def _concern_map(form):
    """What the map on the new-concern form needs (it works without it: the landmark list)."""
    return {
        "tiles": settings.CONCERN_MAP_TILES_URL,
        "attribution": settings.CONCERN_MAP_ATTRIBUTION,
        "landmarks": [{"id": landmark.pk, "name": str(landmark), "lat": float(landmark.latitude),
                       "lng": float(landmark.longitude)}
                      for landmark in form.fields["landmark"].queryset],
    }


def _handlers():
    return {
        "claim": (None, lambda r, c, d: actions.claim(c, by=r.user), "You claimed this concern."),
        "assign": (forms.AssignForm, lambda r, c, d: actions.assign(c, d["assignee"], by=r.user),
                   "The concern is assigned."),
        "acknowledge": (forms.ReasonForm,
                        lambda r, c, d: actions.acknowledge(c, by=r.user, reason=d["reason"]),
                        "The concern is acknowledged."),
        "answer": (forms.AnswerForm, _answer_or_draft, None),  # the message says which
        "note": (forms.NoteForm, lambda r, c, d: actions.add_note(c, by=r.user, body=d["body"],
                                                                 share=d["share"]),
                 "Your note is saved."),
        "resolve": (forms.ReasonForm, lambda r, c, d: actions.resolve(c, by=r.user, reason=d["reason"]),
                    "The concern is marked resolved."),
        "close": (forms.CloseForm, lambda r, c, d: actions.close(c, by=r.user, **d),
                  "The concern is closed."),
        "reopen": (forms.ReasonForm, lambda r, c, d: actions.reopen(c, by=r.user, reason=d["reason"]),
                   "Your concern is open again."),
        "reroute": (forms.RerouteForm,
                    lambda r, c, d: actions.reroute(c, d["partners"], by=r.user, reason=d["reason"]),
                    "The concern is re-routed."),
        "satisfaction": (forms.SatisfactionForm,
                         lambda r, c, d: actions.give_satisfaction(c, by=r.user, **d),
                         "Thank you for your answer."),
    }


@require_POST
def concern_action(request, pk, name):
    handler = _handlers().get(name)
    if handler is None:
        raise Http404("No such action")
    concern = get_object_or_404(Concern.objects.select_related("thread__board", "thread__author"),
                                pk=pk)
    thread_url = concern.thread.url_under(concern.thread.board.url)
    if not request.user.is_authenticated:
        return redirect_to_login(thread_url)
    if not permissions.can_view_concern(request.user, concern):
        raise Http404("No such concern")
    form_class, run, success = handler
    data = {}
    if form_class is not None:
        form = _bind(form_class, request, name)
        if not form.is_valid():
            return _keep(request, name, thread_url, form.errors.get_json_data())
        data = form.cleaned_data
    try:
        result = run(request, concern, data)
    except PermissionDenied as error:
        messages.error(request, str(error) or "You cannot do that.")
    except ValidationError as error:
        return _keep(request, name, thread_url, {"__all__": [{"message": m} for m in error.messages]})
    else:
        messages.success(request, success or result)
    return HttpResponseRedirect(f"{thread_url}#concern")


def _answer_or_draft(request, concern, data):
    if "save_draft" in request.POST:
        actions.save_answer_draft(concern, by=request.user, **data)
        return "Your draft is saved: only your organisation sees it until it is published."
    actions.answer(concern, by=request.user, **data)
    return "Your official answer is posted."


def _bind(form_class, request, name):
    if form_class is forms.AssignForm:
        return forms.AssignForm(request.POST, prefix=name, partner_id=request.user.partner_id)
    return form_class(request.POST, prefix=name)


def _keep(request, name, thread_url, errors):
    """Remember what was typed and what is wrong, and show it again on the thread page."""
    request.session[KEPT_INPUT] = {"name": name, "data": request.POST.dict(), "errors": errors}
    first = next(iter(errors.values()), [{"message": "Check the form."}])[0]["message"]
    messages.error(request, f"Not saved: {first}")
    return HttpResponseRedirect(f"{thread_url}#concern-{name}")



INBOX_PATH = "/admin/concerns/"
BULK_SHOWN_MAX = 500


@require_POST
def inbox_bulk(request):
    """The inbox's bulk buttons: claim or acknowledge the ticked concerns (or every concern shown,
    with "all shown"), one request; each concern is checked on its own and the refused ones are
    named. Back to the inbox with its filters."""
    if not permissions.can_use_inbox(request.user):
        raise PermissionDenied
    back = request.POST.get("next", "")
    if not (back.startswith(INBOX_PATH) and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure())):
        back = INBOX_PATH
    what = request.POST.get("action", "")
    field = "shown" if request.POST.get("all_shown") else "concern"
    ids = {int(v) for v in request.POST.getlist(field)[:BULK_SHOWN_MAX] if v.isdigit()}
    if what not in actions.BULK_ACTIONS:
        messages.error(request, _("Choose “Claim” or “Acknowledge” for the selected concerns."))
        return HttpResponseRedirect(back)
    if not ids:
        messages.error(request, _("Tick at least one concern first."))
        return HttpResponseRedirect(back)
    concerns = list(Concern.objects.filter(pk__in=ids).order_by("published_at", "pk")
                    .select_related("thread__board").prefetch_related("routes"))
    done, refused = actions.bulk(concerns, what, by=request.user)
    if done:
        messages.success(request, (ngettext("Claimed %(count)d concern for your organisation.",
                                            "Claimed %(count)d concerns for your organisation.",
                                            len(done)) if what == "claim" else
                                   ngettext("Acknowledged %(count)d concern.",
                                            "Acknowledged %(count)d concerns.",
                                            len(done))) % {"count": len(done)})
    if refused:
        named = "; ".join(f"{_name(request.user, c)} ({reason})" for c, reason in refused)
        messages.warning(request, ngettext("%(count)d concern was left as it was: %(names)s.",
                                           "%(count)d concerns were left as they were: %(names)s.",
                                           len(refused)) % {"count": len(refused), "names": named})
    return HttpResponseRedirect(back)


def _name(user, concern):
    """A refused concern is named by its title only if the user may read it."""
    if permissions.can_view_concern(user, concern):
        return f"“{concern.title}”"
    return _("concern #%(id)d") % {"id": concern.pk}
