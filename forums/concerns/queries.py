"""Read-only questions about concerns that actions and jobs ask (state changes are actions.py)."""

from portal.accounts.roles import Role

from . import permissions

SYSTEM_LABEL = "Common Ground"


def actor_label(user, concern):
    """Who did it, as the public sees it: an organisation, the resident or the moderators."""
    if permissions.is_routed_liaison(user, concern):
        return user.partner.name
    if permissions.is_author(user, concern):
        return "The resident"
    if permissions.is_moderator(user):
        return "Moderators"
    return SYSTEM_LABEL


def liaison_emails(partner_id):
    from portal.accounts.models import User

    return sorted(User.objects.filter(partner_id=partner_id, is_active=True,
                                      groups__name=Role.LIAISON).values_list("email", flat=True))
