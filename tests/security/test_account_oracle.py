"""No account oracle: sign-up, sign-in and password reset do the same work and answer the same
way whether or not an address has an account (bench/account_oracle.py measures the time), and
someone guessing a resident's password from elsewhere cannot lock the resident out."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"
NEW_PASSWORD = "a fine long passphrase"


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting the passwords it hashes."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.security.test_account_oracle.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


def test_sign_up_hashes_the_password_and_sends_one_email_either_way(client, counting_hasher):
    # given a registered address
    resident = UserFactory()
    counts = {}
    for label, email in (("known", resident.email), ("unknown", "nobody.yet@example.org")):
        counting_hasher.hashed = 0
        mail.outbox.clear()
        response = Client().post("/accounts/signup/", {
            "email": email, "display_name": f"Someone {label}",
            "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        # then both answer with the same page, send one email to the address, and hash once
        assert response.status_code == 302
        counts[label] = (response["Location"], [m.to for m in mail.outbox], counting_hasher.hashed)
    assert counts["known"][0] == counts["unknown"][0]
    assert counts["known"][1] == [[resident.email]]
    assert counts["unknown"][1] == [["nobody.yet@example.org"]]
    assert counts["known"][2] == counts["unknown"][2] >= 1


def test_sign_in_hashes_as_often_either_way(counting_hasher):
    # (twice each: Django's backend and allauth's both check, or hash a dummy for an unknown one)
    resident = UserFactory()
    counting_hasher.hashed = 0
    Client().post("/accounts/login/", {"login": resident.email, "password": "wrong guess"})
    known = counting_hasher.hashed
    counting_hasher.hashed = 0
    Client().post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong guess"})
    assert known == counting_hasher.hashed >= 1


def test_password_reset_answers_and_mails_the_same_way_either_way():
    resident = UserFactory()
    answers = []
    for email in (resident.email, "nobody@example.org"):
        mail.outbox.clear()
        response = Client().post("/accounts/password/reset/", {"email": email})
        answers.append((response.status_code, response["Location"], [m.to for m in mail.outbox]))
    assert answers[0][:2] == answers[1][:2] == (302, answers[0][1])
    assert answers[0][2] == [[resident.email]] and answers[1][2] == [["nobody@example.org"]]


def test_someone_elsewhere_cannot_lock_a_resident_out():
    # given an attacker guessing a resident's password from their own address until refused
    resident = UserFactory()
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    answers = [attacker.post("/accounts/login/", {"login": resident.email, "password": f"guess {n}"})
               .content.decode() for n in range(6)]
    # then the attacker is stopped after five guesses
    assert TOO_MANY not in answers[4]
    assert TOO_MANY in answers[5]
    # and the resident, from their own address, still signs in
    response = Client(REMOTE_ADDR="198.51.100.20").post(
        "/accounts/login/", {"login": resident.email, "password": PASSWORD})
    assert response.status_code == 302
    assert TOO_MANY not in response.content.decode()
