"""Who may do what with concerns. Deny by default; views, templates and actions ask here.

The people involved: the resident who raised the concern (its thread's author), liaisons of
the partners it is routed to ("routed liaisons"), moderators, administrators, everyone else.
"""

from datetime import timedelta

from django.utils import timezone

from forums import permissions as forum_permissions
from portal.accounts.roles import Role

from .models import ACTIVE_STATES, CloseReason, State

REOPEN_WINDOW = timedelta(days=30)


def _active(user):
    return user.is_authenticated and user.is_active


def is_author(user, concern):
    return _active(user) and concern.thread.author_id == user.pk


def is_routed_liaison(user, concern):
    """A liaison of one of the partners the concern is routed to."""
    return _active(user) and user.is_liaison and user.partner_id in concern.partner_ids()


def is_moderator(user):
    return forum_permissions.can_moderate(user)


def can_use_inbox(user):
    return _active(user) and (user.is_liaison or user.is_moderator)


def can_view_concern(user, concern):
    """The public page: anyone once it is published; before that, its author and moderators."""
    if concern.state != State.SUBMITTED and forum_permissions.can_view_thread(user, concern.thread):
        return True
    return is_author(user, concern) or is_moderator(user)


def can_see_contact_details(user, concern):
    """The resident's email address: only if they shared it, and only to routed liaisons."""
    return concern.share_contact and is_routed_liaison(user, concern)


def can_see_exact_place(user, concern):
    """The point the resident marked on the map: only the routed partners' liaisons (everyone
    else sees it snapped to a coarse grid, places.py)."""
    return is_routed_liaison(user, concern)


def can_see_notes(user, concern):
    return is_routed_liaison(user, concern) or is_moderator(user)


def can_see_note(user, note, concern):
    """Moderators see every note; a routed liaison sees their organisation's notes and those
    another routed partner (or a moderator) shared with the routed partners."""
    if is_moderator(user):
        return True
    if not is_routed_liaison(user, concern):
        return False
    return note.is_shared or (note.partner_id is not None and note.partner_id == user.partner_id)


def can_add_note(user, concern):
    return can_see_notes(user, concern) and concern.state != State.SUBMITTED


def can_claim(user, concern):
    """For the liaison's own organisation: each routed partner claims separately."""
    return is_routed_liaison(user, concern) and concern.state in ACTIVE_STATES


def can_assign(user, concern, assignee):
    """A routed liaison hands the concern to a colleague of the same organisation."""
    return (can_claim(user, concern) and assignee.is_active and assignee.is_liaison
            and assignee.partner_id == user.partner_id)


def can_acknowledge(user, concern):
    return is_routed_liaison(user, concern) and concern.state == State.OPEN


def can_answer(user, concern):
    """Locking a thread stops residents' replies only: the partners can still answer."""
    return (is_routed_liaison(user, concern) and concern.state in ACTIVE_STATES
            and concern.thread.is_public)


def can_refer(user, concern):
    """A routed partner (the default partner included) passes the concern on to another."""
    return can_answer(user, concern)


def can_resolve(user, concern):
    """Once it has an official answer (a "not actionable" answer gives its reason; a referral
    is not an answer): the resident who raised it, routed liaisons and moderators."""
    if concern.state != State.ANSWERED:
        return False
    return is_author(user, concern) or is_routed_liaison(user, concern) or is_moderator(user)


def can_close(user, concern, reason):
    """Staff close duplicates and what the partners cannot act on; the resident withdraws."""
    if concern.state not in (State.SUBMITTED, *ACTIVE_STATES):
        return False
    if reason == CloseReason.WITHDRAWN:
        return is_author(user, concern)
    if reason in (CloseReason.DUPLICATE, CloseReason.NOT_ACTIONABLE):
        return is_routed_liaison(user, concern) or is_moderator(user)
    return False


def can_reopen(user, concern, now=None):
    """The resident, within 30 days of the concern being resolved."""
    if not (is_author(user, concern) and concern.state == State.RESOLVED and concern.resolved_at):
        return False
    return (now or timezone.now()) - concern.resolved_at <= REOPEN_WINDOW


def can_reroute(user, concern):
    return is_moderator(user) and concern.state != State.SUBMITTED


def can_give_satisfaction(user, concern):
    """Asked once, after resolution, of the resident who raised it."""
    return (is_author(user, concern) and concern.state == State.RESOLVED
            and not hasattr_satisfaction(concern))


def hasattr_satisfaction(concern):
    from .models import SatisfactionAnswer

    try:
        return concern.satisfaction is not None
    except SatisfactionAnswer.DoesNotExist:
        return False


def can_manage_routing(user):
    return _active(user) and (user.is_acting_superuser or user.has_role(Role.ADMINISTRATOR))


def can_read_templates(user):
    """Response templates start a liaison's answers: liaisons read their own organisation's
    (administrators manage everyone's through their model permissions)."""
    return _active(user) and user.is_liaison and user.partner_id is not None


def can_read_template(user, template):
    return can_read_templates(user) and template.partner_id == user.partner_id
