"""Who may do what with stories. Pages themselves are governed by Wagtail's page permissions and
the editors' approval workflow (see portal/accounts/role_setup.py and migrations/0002)."""

from portal.accounts.permissions import is_editor_or_administrator


def can_review_services(user):
    """Editors and administrators keep the support services directory up to date."""
    return is_editor_or_administrator(user)
