"""Whether this session passed the second factor. allauth records each way a session signed in
(`account_authentication_methods`); a TOTP or recovery code entered at sign-in, on
re-authentication or when setting up the authenticator counts."""

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver

from .mfa import MFA, record_factor


def passed(request):
    session = getattr(request, "session", None)
    if session is None:
        return False
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == MFA for record in records)


@receiver(authenticator_added)
def _record_setup(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP proves the code: the session gets its staff powers without signing in
    again."""
    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        record_factor(request, user, MFA, id=authenticator.pk, type=authenticator.type,
                              activated=True)


@receiver(authenticator_removed)
def _forget_on_removal(sender, request, user, authenticator, **kwargs):
    """Removing the authenticator ends the staff powers of this session."""
    if request is None or not hasattr(request, "session"):
        return
    records = get_authentication_records(request, user)
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        record for record in records if record.get("method") != MFA]
