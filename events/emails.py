"""The emails the events app sends, through the outbox (portal/emails.py). Plain text, with the
event's local time and a link. Each is queued in the caller's transaction."""

from django.utils import translation
from django.utils.translation import gettext as _

from portal import languages
from portal.emails import absolute_url, queue_email

from . import recurrence


def _queue(rsvp, kind, subject, key):
    """`subject`: a function of the event's title, called in the resident's language."""
    occurrence = recurrence.find_occurrence(rsvp.event, rsvp.occurrence_start)
    language = languages.for_user(rsvp.user)
    with translation.override(language):
        subject = subject(rsvp.event.title)
        event_url = absolute_url(languages.localised(rsvp.event.url or ""))
    context = {
        "rsvp": rsvp,
        "event": rsvp.event,
        "occurrence": occurrence,
        "event_url": event_url,
    }
    queue_email(to=rsvp.user.email, template=f"events/email/{kind}", subject=subject,
                context=context, key=f"events:{kind}:{rsvp.pk}:{key}", about=f"event:{rsvp.event.pk}",
                language=language)


def promoted(rsvp):
    _queue(rsvp, "promoted", lambda title: _("A place is yours: %(title)s") % {"title": title},
           rsvp.status_changed_at.isoformat())


def cancelled(rsvp):
    _queue(rsvp, "cancelled", lambda title: _("Cancelled: %(title)s") % {"title": title}, "")


def reminder(rsvp):
    _queue(rsvp, "reminder", lambda title: _("Tomorrow: %(title)s") % {"title": title}, "")
