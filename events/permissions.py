"""Who may do what with events. Deny by default."""

from portal.accounts.permissions import can_post, is_editor_or_administrator


def can_rsvp(user, event):
    """Verified residents (anyone with a confirmed address) RSVP to live, uncancelled events."""
    return can_post(user) and event.live and not event.is_cancelled


def manages_all_events(user):
    """Editors and administrators: every event's RSVP list, and cancelling."""
    return is_editor_or_administrator(user)


def can_see_attendees(user, event):
    """Editors, administrators and the liaisons of the organising partners see the RSVP list."""
    if not (user.is_authenticated and user.is_active):
        return False
    if manages_all_events(user):
        return True
    return user.is_liaison and any(p.pk == user.partner_id for p in event.partners.all())


def can_see_online_link(user, event, rsvp=None):
    """The joining link is for people who said they are going, and for the organisers."""
    going = rsvp is not None and rsvp.user_id == user.pk and rsvp.status == "going"
    return going or can_see_attendees(user, event)


def can_cancel_event(user, event):
    """Editors, administrators and the liaisons of the organising partners cancel an event, or one
    of its dates, at once (an editor can also tick "cancelled" in the admin)."""
    return can_see_attendees(user, event)
