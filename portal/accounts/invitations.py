"""Staff invitations: an administrator invites a person to a role by email; the person follows
the link and, in one form, chooses a display name and password and sets up TOTP. Every state
change goes through the actions here."""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal import emails

from . import actions, mfa, permissions
from .audit import log
from .models import StaffInvitation, User
from .roles import Role


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token):
    return emails.absolute_url(reverse("account_accept_invitation", args=[token]))


def invite_staff(by, *, email, role, partner=None):
    """Invite `email` to `role` (a liaison to `partner`); returns (invitation, token). The email
    with the link is sent after commit; the token itself is never stored."""
    role = Role(role)
    if role == Role.RESIDENT or not (permissions.can_manage_roles(by)
                                     and permissions.can_grant_role(by, role)):
        raise PermissionDenied(gettext_lazy("You cannot invite people to this role."))
    if role == Role.LIAISON and partner is None:
        raise ValidationError({"partner": "A liaison must belong to a partner organisation."})
    email = User.objects.normalize_email(email.strip())
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "This address already has an account: give it the role "
                                        "on its page under Users."})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = StaffInvitation.objects.create(
            email=email, role=role, partner=partner if role == Role.LIAISON else None,
            token_hash=_hash(token), invited_by=by,
            expires_at=timezone.now() + timedelta(days=StaffInvitation.VALID_FOR_DAYS))
        log(instance=by, action="portal.account.invited", user=by,
            data={"role": role.value, "invitation": invitation.pk})
        queue_invitation_email(invitation, token)
    return invitation, token


def queue_invitation_email(invitation, token):
    context = {"invitation": invitation, "link": invitation_link(token),
               "valid_days": StaffInvitation.VALID_FOR_DAYS}
    emails.queue_email(to=invitation.email, template="accounts/email/staff_invitation",
                       subject="You are invited to join the staff", context=context,
                       key=f"accounts:invitation:{invitation.pk}", about=f"invitation:{invitation.pk}")


def revoke_invitation(by, invitation):
    if not permissions.can_manage_roles(by):
        raise PermissionDenied(gettext_lazy("Only administrators manage invitations."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log(instance=by, action="portal.account.invitation_revoked", user=by,
            data={"invitation": invitation.pk})


def open_invitation(token):
    """The invitation `token` opens, or None if it is unknown, used, revoked or expired."""
    invitation = (StaffInvitation.objects.select_related("partner", "invited_by")
                  .filter(token_hash=_hash(token or "")).first())
    if invitation is None or not invitation.is_open(timezone.now()):
        return None
    return invitation


def accept_invitation(token, *, display_name, password, totp_secret):
    """Create the invited person's account with a verified address, its role and its TOTP
    authenticator, all or nothing. The TOTP code was checked by the form."""
    with transaction.atomic():
        invitation = open_invitation(token)
        if invitation is None:
            raise PermissionDenied(gettext_lazy("This invitation is not valid any more."))
        invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
        inviter = invitation.invited_by
        if inviter is None or not permissions.can_grant_role(inviter, Role(invitation.role)):
            raise PermissionDenied(gettext_lazy("The person who invited you can no longer grant this role."))
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(gettext_lazy("This address already has an account. Please sign in."))
        user = User.objects.create_user(invitation.email, password, display_name=display_name)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        actions.grant_role(user, invitation.role, by=inviter, partner=invitation.partner)
        mfa.activate_totp(user, totp_secret)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        log(instance=user, action="portal.account.invitation_accepted", user=user,
            data={"role": invitation.role, "invitation": invitation.pk})
    return user
