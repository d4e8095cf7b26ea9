"""Who may do what with accounts. Deny by default."""

from allauth.mfa.utils import is_mfa_enabled

from .roles import Role


def can_manage_roles(user):
    return user.is_authenticated and user.is_active and (
        user.is_superuser or user.has_role(Role.ADMINISTRATOR)
    )


def is_editor_or_administrator(user):
    """Editors and administrators look after the site's content (stories, events, services)."""
    return bool(user.is_authenticated and user.is_active and (
        user.is_superuser or user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR)
    ))


def can_delete_account(actor, account):
    return actor.is_authenticated and (actor.pk == account.pk or can_manage_roles(actor))


def can_post(user):
    """Residents may post once their email address is verified."""
    from allauth.account.models import EmailAddress

    if not (user.is_authenticated and user.is_active):
        return False
    if hasattr(user, "_has_verified_email"):  # loaded with the signed-in account (backends.py)
        return user._has_verified_email
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def needs_two_factor_setup(user):
    """Staff must set up two-factor authentication before they reach the admin."""
    return user.is_authenticated and user.is_staff_member and not is_mfa_enabled(user)


def is_refused_admin(user):
    """A signed-in account without admin access (a resident): the admin answers 403 rather than
    sending them to sign in again, which would send them straight back (a redirect loop)."""
    return user.is_authenticated and not user.has_perm("wagtailadmin.access_admin")
