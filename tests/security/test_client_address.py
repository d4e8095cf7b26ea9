"""One client address for every rate limit: allauth's and the forum's, behind a proxy."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from forums.moderation import ratelimit
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CLIENTS = [f"203.0.113.{n}" for n in range(1, 13)]
TOO_MANY = "Too many failed login attempts"


def test_allauth_counts_the_same_proxies_as_the_portal():
    assert django_settings.ALLAUTH_TRUSTED_PROXY_COUNT == django_settings.TRUSTED_PROXY_COUNT


def test_twelve_clients_behind_the_proxy_each_have_their_own_sign_in_budget(behind_one_proxy):
    # given 12 clients behind the proxy, each mistyping their password twice (24 failures: more
    # than the 10 a minute one address may make)
    resident = UserFactory()
    for address in CLIENTS:
        client = Client(REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR=address)
        for attempt in range(2):
            response = client.post("/accounts/login/", {"login": f"{address}@example.org",
                                                        "password": f"wrong {attempt}"})
            # then each is told the password is wrong, never that there were too many attempts
            assert response.status_code == 200
            assert TOO_MANY not in response.content.decode()
    # and a 13th client still signs in
    client = Client(REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD})
    assert response.status_code == 302


def test_twelve_clients_behind_the_proxy_each_have_their_own_sign_up_budget(behind_one_proxy):
    # given 12 clients behind the proxy, each signing up twice (24 sign-ups: more than the 20 a
    # minute one address may make)
    for address in CLIENTS:
        client = Client(REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR=address)
        for n in range(2):
            local = f"new{n}-{address.replace('.', '-')}"
            response = client.post("/accounts/signup/", {
                "email": f"{local}@example.org", "display_name": f"Newcomer {local}",
                "password1": "a fine long passphrase", "password2": "a fine long passphrase"})
            # then every sign-up goes through to "confirm your email"
            assert response.status_code == 302, response.content.decode()[:500]


def test_the_forum_limiter_asks_allauth_for_the_client_address(rf, behind_one_proxy):
    # given two clients behind the proxy
    first = rf.get("/", REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = rf.get("/", REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR="203.0.113.2")
    # then the forum's posting limits count each client's own address, not the proxy's
    assert ratelimit.client_ip(first) == "203.0.113.1"
    assert ratelimit.client_ip(second) == "203.0.113.2"
    # and a forged entry further left is ignored
    forged = rf.get("/", REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.3")
    assert ratelimit.client_ip(forged) == "203.0.113.3"


def test_a_request_without_a_usable_address_is_counted_by_its_connection(rf, behind_one_proxy):
    request = rf.get("/", REMOTE_ADDR=behind_one_proxy, HTTP_X_FORWARDED_FOR="not-an-address")
    assert ratelimit.client_ip(request) == behind_one_proxy
