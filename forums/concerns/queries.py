"""Read-only questions about concerns that actions and jobs ask (state changes are actions.py)."""

from portal.accounts.roles import Role

from . import permissions, timeline

SYSTEM_LABEL = "Common Ground"


def actor_label(user, concern):
    """Who did it, as the public sees it: an organisation, the resident or the moderators."""
    if permissions.is_routed_liaison(user, concern):
        return user.partner.name
    if permissions.is_author(user, concern):
        return timeline.RESIDENT_LABEL
    if permissions.is_moderator(user):
        return timeline.MODERATORS_LABEL
    return SYSTEM_LABEL


def _liaisons(partner_id):
    from portal.accounts.models import User

    return User.objects.filter(partner_id=partner_id, is_active=True, groups__name=Role.LIAISON)


def liaison_emails(partner_id):
    return sorted(_liaisons(partner_id).values_list("email", flat=True))


def liaison_emails_by_language(partner_id):
    """{language: sorted addresses} of the partner's liaisons: one email per language."""
    from django.conf import settings

    grouped = {}
    for email, preferred in _liaisons(partner_id).values_list("email", "preferred_language"):
        grouped.setdefault(preferred or settings.LANGUAGE_CODE, []).append(email)
    return {language: sorted(emails) for language, emails in sorted(grouped.items())}
