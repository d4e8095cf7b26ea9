"""Who may do what with accounts. Deny by default."""

from allauth.mfa.utils import is_mfa_enabled

from .roles import MANAGED_BY_ADMINISTRATORS, Role


def can_manage_roles(user):
    return user.is_authenticated and user.is_active and (
        user.is_acting_superuser or user.has_role(Role.ADMINISTRATOR)
    )


def can_see_account(viewer, account):
    """Who an account is (its email address, and the name behind its anonymous posts and RSVPs):
    the account itself, moderators and superusers (with staff powers). Liaisons see a resident's
    contact details only where the resident shared them on a concern routed to them
    (forums.concerns.permissions.can_see_contact_details); everyone else sees the public name.
    Every surface that could show an account asks here or records no account at all
    (portal/accounts/audit.py)."""
    if not (viewer.is_authenticated and viewer.is_active):
        return False
    return viewer.pk == account.pk or viewer.is_moderator


def can_view_site_history(user):
    """Wagtail's site history report and its exports list every log entry of the content types
    a role may touch. Liaisons work one partner's concerns and must not read the others'."""
    return user.is_authenticated and user.is_active and (
        user.is_acting_superuser or user.is_moderator or user.has_role(Role.EDITOR)
        or user.has_role(Role.ADMINISTRATOR)
    )


def can_grant_role(actor, role):
    """Superusers grant every role; administrators grant the others, never Administrator."""
    if actor is None:
        return True  # the system itself (migrations, seed_demo, invitations already checked)
    if actor.is_acting_superuser:
        return True
    return can_manage_roles(actor) and role in MANAGED_BY_ADMINISTRATORS


def can_manage_account(actor, account):
    """Editing, deactivating or deleting `account` in the admin: superusers any; administrators
    only accounts that are neither superusers nor administrators."""
    if actor.is_acting_superuser:
        return True
    privileged = account.is_superuser or Role.ADMINISTRATOR in account.role_names
    return can_manage_roles(actor) and not privileged


def is_editor_or_administrator(user):
    """Editors and administrators look after the site's content (stories, events, services)."""
    return bool(user.is_authenticated and user.is_active and (
        user.is_acting_superuser or user.has_role(Role.EDITOR) or user.has_role(Role.ADMINISTRATOR)
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
