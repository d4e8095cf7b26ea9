"""What the checks found about a post in the review queue, written when it is shown (issue 19).

A review item stores its notes as codes and parameters (`ReviewItem.notes`): "found" with the
kinds of personal data, "crisis" with the kinds of crisis language, "new-account", a watched
word, the residents' flags counted by reason. The queue, the moderation page and the dashboard
put them into the moderator's language with gettext. `ReviewItem.details` keeps the same notes
in the site's language: the audit log's record, and all an item older than the notes has.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from . import detection
from .choices import FlagReason, ReviewReason

CONTEXT = "review queue"

FOUND, CRISIS, NEW_ACCOUNT, WATCHED_WORD, BLOCKED_WORD, FLAGS = (
    "found", "crisis", "new-account", "watched-word", "blocked-word", "flags")

# The reasons' labels stay plain English in the model (they are keys of the published figures);
# here they are what a moderator reads.
REASON_LABELS = {
    ReviewReason.CRISIS: pgettext_lazy(CONTEXT, "Crisis language"),
    ReviewReason.PERSONAL_DATA: pgettext_lazy(CONTEXT, "Personal details"),
    ReviewReason.WATCHED_WORD: pgettext_lazy(CONTEXT, "Watched word"),
    ReviewReason.NEW_ACCOUNT: pgettext_lazy(CONTEXT, "New account"),
    ReviewReason.FLAGGED: pgettext_lazy(CONTEXT, "Flagged by residents"),
}

# detection.LABELS, for moderators in their language.
KIND_LABELS = {
    detection.Kind.PHONE: pgettext_lazy(CONTEXT, "a phone number"),
    detection.Kind.EMAIL: pgettext_lazy(CONTEXT, "an email address"),
    detection.Kind.ADDRESS: pgettext_lazy(CONTEXT, "a street address"),
    detection.Kind.PLATE: pgettext_lazy(CONTEXT, "a vehicle number plate"),
    detection.Kind.SOCIAL: pgettext_lazy(CONTEXT, "a social media account"),
    detection.Kind.MESSAGING: pgettext_lazy(CONTEXT, "a messaging app contact"),
    detection.Kind.OVERDOSE: pgettext_lazy(CONTEXT, "an overdose happening now"),
    detection.Kind.SUICIDE: pgettext_lazy(CONTEXT, "suicide"),
    detection.Kind.SELF_HARM: pgettext_lazy(CONTEXT, "self-harm"),
}


def found(findings):
    return {"code": FOUND, "kinds": _kinds(findings)}


def crisis(findings):
    return {"code": CRISIS, "kinds": _kinds(findings)}


def new_account():
    return {"code": NEW_ACCOUNT}


def watched_word(phrase):
    return {"code": WATCHED_WORD, "phrase": phrase}


def blocked_word():
    return {"code": BLOCKED_WORD}


def flags(counts):
    """`counts`: {flag reason: how many} (shown by reason: PostgreSQL's jsonb keeps no order)."""
    return {"code": FLAGS, "counts": {reason: counts[reason] for reason in sorted(counts)}}


def _kinds(findings):
    return list(dict.fromkeys(f.kind for f in findings))


def describe(findings):
    """"a phone number and an email address" for `findings` (each kind once), in the current
    language: detection.describe says it in English, for what is stored."""
    return _described(_kinds(findings))


def kind_label(kind):
    """What a finding of `kind` is ("a phone number"), in the current language."""
    return str(KIND_LABELS.get(kind, kind))


def reason_label(reason):
    label = REASON_LABELS.get(reason)
    return str(label) if label is not None else str(reason)


def text(note):
    """One note in the current language."""
    code = note.get("code")
    if code == FOUND:
        return pgettext(CONTEXT, "Found %(things)s") % {"things": _described(note.get("kinds"))}
    if code == CRISIS:
        return pgettext(CONTEXT, "%(reason)s: %(things)s") % {
            "reason": reason_label(ReviewReason.CRISIS), "things": _described(note.get("kinds"))}
    if code == NEW_ACCOUNT:
        return reason_label(ReviewReason.NEW_ACCOUNT)
    if code == WATCHED_WORD:
        return pgettext(CONTEXT, "Watched word “%(phrase)s”") % {"phrase": note.get("phrase", "")}
    if code == BLOCKED_WORD:
        return pgettext(CONTEXT, "Blocked watched word")
    if code == FLAGS:
        return ", ".join(f"{_flag_label(reason)} × {count}"
                         for reason, count in sorted((note.get("counts") or {}).items()))
    return ""


def stored(notes):
    """The notes as `details` keeps them: in the site's language, "; " between them."""
    with translation.override(settings.LANGUAGE_CODE):
        return "; ".join(text(note) for note in notes)[:300]


# Notes that name their item's reason themselves ("Crisis language: suicide", "New account"):
# such a note stands first in place of the label.
_OWN = {ReviewReason.CRISIS: CRISIS, ReviewReason.NEW_ACCOUNT: NEW_ACCOUNT}


def summary(reason, notes):
    """The reason and its notes, in the current language, naming the reason once."""
    parts = [part for part in (text(note) for note in notes) if part]
    own = [text(note) for note in notes if note.get("code") == _OWN.get(reason)]
    if own:
        return "; ".join([own[0], *(part for part in parts if part != own[0])])
    label = reason_label(reason)
    if parts:
        return pgettext(CONTEXT, "%(reason)s: %(things)s") % {"reason": label,
                                                               "things": "; ".join(parts)}
    return label


def _described(kinds):
    labels = [kind_label(kind) for kind in kinds or []]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + f" {_('and')} " + labels[-1]


def _flag_label(reason):
    try:
        return str(FlagReason(reason).label)
    except ValueError:
        return reason
