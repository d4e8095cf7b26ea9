"""The sentences of a concern's timeline, written when it is shown (issue 19).

A `ConcernEvent` stores what happened as a kind and its parameters (partner names, the answer's
kind, the close reason), not as an English sentence: the public page, the liaison inbox and the
resident's email put it into the reader's language with gettext. `summary` keeps the sentence in
the site's language for the open data (Open311 notes) and for rows written before the kinds: an
event without a kind shows its stored summary.

Partners have no Spanish name (only their description has a Spanish field), so names are kept
as they were when the event happened.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from .choices import AnswerKind, CloseReason

CONTEXT = "concern timeline"  # its own translations: "Resolved" here is one concern ("Resuelta")


class Kind:
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    PUBLISHED_UNMATCHED = "published-unmatched"
    REROUTED = "rerouted"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    REFERRED = "referred"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


# Who acted, as stored in `actor_label`: these two are words of ours, the rest are organisations'
# names (and the site's name), shown as they are.
RESIDENT_LABEL = "The resident"
MODERATORS_LABEL = "Moderators"
_ACTOR_LABELS = {
    RESIDENT_LABEL: pgettext_lazy(CONTEXT, "The resident"),
    MODERATORS_LABEL: pgettext_lazy(CONTEXT, "Moderators"),
}

_FIXED = {
    Kind.SUBMITTED: pgettext_lazy(CONTEXT, "Submitted"),
    Kind.ACKNOWLEDGED: pgettext_lazy(CONTEXT, "Acknowledged"),
    Kind.RESOLVED: pgettext_lazy(CONTEXT, "Resolved"),
    Kind.REOPENED: pgettext_lazy(CONTEXT, "Reopened by the resident"),
}


def names(partners):
    """The names a timeline entry keeps of `partners`."""
    return [partner.name for partner in partners]


def joined(names_):
    """"A and B" in the current language."""
    names_ = [name for name in names_ or [] if name]
    if len(names_) <= 1:
        return "".join(names_)
    return ", ".join(names_[:-1]) + f" {_('and')} " + names_[-1]


def text(kind, params):
    """The sentence for an event of `kind` with `params`, in the current language; "" for an
    unknown kind (the caller then shows the stored summary)."""
    params = params or {}
    if kind in _FIXED:
        return str(_FIXED[kind])
    values = {"partners": joined(params.get("partners")), "partner": params.get("partner", ""),
              "name": params.get("name", "")}
    if kind == Kind.PUBLISHED:
        return pgettext(CONTEXT, "Published and sent to %(partners)s") % values
    if kind == Kind.PUBLISHED_UNMATCHED and not values["partners"]:
        return pgettext(CONTEXT, "Published; no routing rule matched and there is no default "
                                 "partner, so it was sent to no partner yet")
    if kind == Kind.PUBLISHED_UNMATCHED:
        return pgettext(CONTEXT, "Published; no routing rule matched, so it was sent to "
                                 "%(partners)s") % values
    if kind == Kind.REROUTED:
        return pgettext(CONTEXT, "Re-routed to %(partners)s") % values
    if kind == Kind.CLAIMED:
        return pgettext(CONTEXT, "Claimed (%(partner)s)") % values
    if kind == Kind.ASSIGNED:
        return pgettext(CONTEXT, "Assigned to %(name)s (%(partner)s)") % values
    if kind == Kind.REFERRED:
        return pgettext(CONTEXT, "Referred to %(partner)s") % values
    if kind == Kind.ANSWERED:
        return pgettext(CONTEXT, "Official response: %(kind)s") % {
            "kind": _choice(AnswerKind, params.get("answer"))}
    if kind == Kind.CLOSED:
        return pgettext(CONTEXT, "Closed: %(reason)s") % {
            "reason": _choice(CloseReason, params.get("reason"))}
    return ""


def stored_text(kind, params):
    """The sentence in the site's language: what `summary` keeps."""
    with translation.override(settings.LANGUAGE_CODE):
        return text(kind, params)


def actor(label):
    """`actor_label` in the current language."""
    translated = _ACTOR_LABELS.get(label)
    return str(translated) if translated is not None else label


def _choice(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""
