"""Concern emails: a link to a concern for liaisons, and one email queued to the outbox
(portal/emails.py) in the caller's transaction. Used by actions.py and the periodic jobs."""

from portal import absolute
from portal.emails import queue_email


def admin_link(concern):
    """The concern's page, where a liaison's tools are (the inbox is at /admin/concerns/)."""
    return f"{absolute.base_url()}{concern.thread.get_absolute_url()}"


def queue(key, concern, to, subject, body):
    """Queue one concern email to the outbox (portal/emails.py), in the caller's transaction."""
    return queue_email(to=list(to), template="concerns/email/message", subject=subject,
                       context={"body": body}, key=f"concerns:{key}"[:200],
                       about=f"concern:{concern.pk}" if concern else "")
