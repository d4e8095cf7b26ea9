"""Every change to accounts and roles goes through here."""

import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from portal import emails

from . import admin_language, permissions
from .models import FORMER_MEMBER, User
from .roles import Role
from .signals import anonymise_user_data


def make_resident(user):
    """Everyone who signs up is a resident."""
    user.groups.add(Group.objects.get(name=Role.RESIDENT))
    user.__dict__.pop("_role_names", None)


def grant_role(user, role, *, by=None, partner=None):
    """Give `user` a role. A liaison belongs to exactly one partner organisation."""
    role = Role(role)
    if not permissions.can_grant_role(by, role):
        raise PermissionDenied(gettext_lazy("You cannot grant this role."))
    if role == Role.LIAISON:
        partner = partner or user.partner
        if partner is None:
            raise ValidationError(gettext_lazy("A liaison must belong to a partner organisation."))
    with transaction.atomic():
        if role == Role.LIAISON and user.partner_id != partner.pk:
            user.partner = partner
            user.save(update_fields=["partner"])
        user.groups.add(Group.objects.get(name=role))
        log(instance=user, action="portal.account.role_granted", user=by, data={"role": role.value})
    user.__dict__.pop("_role_names", None)
    return user


def revoke_role(user, role, *, by=None):
    role = Role(role)
    if not permissions.can_grant_role(by, role):
        raise PermissionDenied(gettext_lazy("You cannot revoke this role."))
    with transaction.atomic():
        user.groups.remove(Group.objects.get(name=role))
        if role == Role.LIAISON:
            user.partner = None
            user.save(update_fields=["partner"])
        log(instance=user, action="portal.account.role_revoked", user=by, data={"role": role.value})
    user.__dict__.pop("_role_names", None)


def update_profile(user, *, display_name, neighbourhood, preferred_language=None):
    user.display_name = display_name
    user.neighbourhood = neighbourhood
    if preferred_language is not None:
        user.preferred_language = preferred_language
    user.save(update_fields=["display_name", "neighbourhood", "preferred_language"])
    if preferred_language is not None and user.is_staff_member:
        admin_language.to_admin(user)  # Wagtail's admin speaks the same language
    return user


def delete_account(user, *, by):
    """Close the account and anonymise it. What the resident wrote stays, without their name."""
    if not permissions.can_delete_account(by, user):
        raise PermissionDenied(gettext_lazy("You cannot delete this account."))
    with transaction.atomic():
        anonymise_user_data.send(sender=User, user=user)
        for address in {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}:
            emails.forget_address(address)  # the outbox keeps no copy of a closed account's address
        user.email = f"deleted-{secrets.token_hex(12)}@invalid.example"
        user.display_name = FORMER_MEMBER
        user.first_name = user.last_name = ""
        user.neighbourhood = None
        user.is_active = False
        user.is_anonymised = True
        user.set_unusable_password()  # also ends every session: the auth hash changes
        user.save()
        user.groups.clear()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        log(instance=user, action="portal.account.anonymised", user=by)
    return user



def resend_verification(request, email):
    """Send the confirmation email again to an unconfirmed address, at most once per address in
    allauth's `confirm_email` period. Returns whether an email went out; callers must not tell
    the user (that would reveal which addresses have accounts)."""
    from allauth.core import ratelimit

    address = (EmailAddress.objects.filter(email__iexact=email.strip(), verified=False,
                                           user__is_active=True)
               .select_related("user").first())
    if address is None or not ratelimit.consume(request, action="confirm_email",
                                                key=address.email.lower()):
        return False
    address.send_confirmation(request)
    return True
