"""Who may do what with stories. Pages themselves are governed by Wagtail's page permissions and
the editors' approval workflow (see portal/accounts/role_setup.py and migrations/0002)."""

from portal.accounts.roles import Role


def can_review_services(user):
    """Editors and administrators keep the support services directory up to date."""
    return bool(user.is_authenticated and user.is_active and (
        user.is_acting_superuser or user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR)
    ))
