"""The one place that touches allauth's private `internal` modules (tests/portal/test_allauth_api.py
holds every other module to allauth's public API).

allauth 65 has no public API for four things the portal needs, so they are wrapped here, each in
a line or two, to be changed in one place when allauth moves them:
- checking a TOTP code against a secret not yet stored (the invitation form sets up the
  authenticator with the account: `allauth.mfa.totp.internal.auth.validate_totp_code`);
- recording in the session that it passed a factor (signing in an invited person, and a TOTP set
  up while signed in: `allauth.account.internal.flows.login.record_authentication`);
- the sign-in or sign-up waiting for its emailed code in this session
  (`allauth.account.internal.stagekit.unstash_login`, peeking).
Making a secret and storing an authenticator go through allauth's public model and adapter."""

import base64
import secrets

from allauth.account.internal.flows.login import record_authentication
from allauth.account.internal.stagekit import unstash_login
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code

MFA = "mfa"  # the method allauth records for a second factor


def new_totp_secret():
    """A random base32 secret for an authenticator app, as allauth makes them (20 bytes)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def activate_totp(user, secret):
    """Give `user` an authenticator app with `secret`, stored encrypted as allauth stores it."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )


def totp_code_is_valid(secret, code):
    """Whether `code` is the one an authenticator app with `secret` shows now (allauth's window)."""
    return validate_totp_code(secret, code)


def record_factor(request, user, method, **details):
    """Record in the session that `user` passed `method` ("password" or MFA), as allauth's own
    sign-in does, so its re-authentication and the portal's staff check see it."""
    record_authentication(request, user, method, **details)


def pending_login(request):
    """The sign-in or sign-up waiting for confirmation in this session, if any (not consumed)."""
    return unstash_login(request, peek=True)
