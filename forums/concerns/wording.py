"""A concern's timeline in the reader's language. Each event is stored once, as written in the
site's language (actions.py: the summary and who acted), so the public page and the emails put
its fixed words into the page's or the recipient's language here and keep the names as stored
(partners, people). A summary this module does not know is shown as stored."""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import AnswerKind, CloseReason


def actor_text(label):
    """Who acted, as the timeline names them: an organisation's name stays as it is."""
    if label == "The resident":
        return _("The resident")
    if label == "Moderators":
        return _("Moderators")
    return label


def _choice(stored, choices):
    """A choice's label in the current language, from its label as stored (the site's)."""
    with translation.override(settings.LANGUAGE_CODE):
        by_stored = {str(choice.label): choice for choice in choices}
    choice = by_stored.get(stored)
    return str(choice.label) if choice is not None else stored


def _patterns():
    return (
        (r"Published and sent to (?P<names>.+)", lambda m: _("Published and sent to %(names)s") % m),
        (r"Published; no routing rule matched, so it was sent to (?P<names>.+)",
         lambda m: _("Published; no routing rule matched, so it was sent to %(names)s") % m),
        (r"Re-routed to (?P<names>.+)", lambda m: _("Re-routed to %(names)s") % m),
        (r"Referred to (?P<name>.+)", lambda m: _("Referred to %(name)s") % m),
        (r"Official response: (?P<kind>.+)", lambda m: _("Official response: %(kind)s") % {
            "kind": _choice(m["kind"], AnswerKind)}),
        (r"Closed: (?P<reason>.+)", lambda m: _("Closed: %(reason)s") % {
            "reason": _choice(m["reason"], CloseReason)}),
        (r"Claimed \((?P<partner>.+)\)", lambda m: _("Claimed (%(partner)s)") % m),
        (r"Assigned to (?P<name>.+) \((?P<partner>[^()]+)\)",
         lambda m: _("Assigned to %(name)s (%(partner)s)") % m),
    )


def summary_text(summary):
    """What happened, in the current language."""
    fixed = {
        "Submitted": _("Submitted"),
        "Acknowledged": pgettext("concern state", "Acknowledged"),
        "Resolved": pgettext("concern state", "Resolved"),
        "Reopened by the resident": _("Reopened by the resident"),
    }
    if summary in fixed:
        return fixed[summary]
    for pattern, translate in _patterns():
        match = re.fullmatch(pattern, summary)
        if match:
            return translate(match.groupdict())
    return summary
