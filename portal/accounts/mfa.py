"""Setting up two-factor authentication for an account without the sign-in flow (demo accounts,
tests), through allauth's public model and adapter rather than its private `internal` modules."""

import base64
import secrets

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator


def new_totp_secret():
    """A random base32 secret for an authenticator app, as allauth makes them (20 bytes)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def activate_totp(user, secret):
    """Give `user` an authenticator app with `secret`, stored encrypted as allauth stores it."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )
