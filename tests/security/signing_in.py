"""Signing in the way people do: password, then the authenticator code."""

import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_authenticator(user, secret=SECRET):
    TOTP.activate(user, secret)
    return user


def code(secret=SECRET):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user, *, secret=SECRET):
    """Password, then (when the account asks for it) the TOTP code. Returns the last response."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    if response.url == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": code(secret)})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return response
