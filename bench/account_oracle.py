"""Does sign-up, sign-in or password reset take longer for a registered email than for a new one?

    DATABASE_URL=sqlite:////tmp/oracle.sqlite3 python -m bench.account_oracle [--rounds 15]

Uses the development settings (the real password hasher, not the tests' fast one) with email kept
in memory, on the database named by DATABASE_URL (migrated here; use a throwaway one). Each round
posts each form once with a registered and once with an unknown address, from a new client address
each time with the rate limits' counts cleared (this
process's memory cache; leave REDIS_URL unset). Prints the median time per form and address,
and the difference; a difference of a few milliseconds is noise, 100 ms or more is an oracle.
"""

import argparse
import os
import statistics
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("EMAIL_URL", "locmem:")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

KNOWN = "known.resident@oracle.example"
PASSWORD = "a long and careful passphrase"  # noqa: S105 (a throwaway account)


def forms(email, n):
    """(name, URL, data) of each form, for `email` in round `n`."""
    return [
        ("sign-up", "/accounts/signup/", {"email": email, "display_name": f"Oracle {uuid.uuid4().hex[:8]}",
                                          "password1": PASSWORD + "!", "password2": PASSWORD + "!"}),
        ("sign-in (wrong password)", "/accounts/login/", {"login": email, "password": f"wrong {n}"}),
        ("password reset", "/accounts/password/reset/", {"email": email}),
    ]


def time_post(url, data, address):
    cache.clear()  # the per-address and per-email rate limits would answer some posts instead
    client = Client(REMOTE_ADDR=address, HTTP_HOST="127.0.0.1")
    client.get(url)  # the CSRF cookie and a warm session, as a browser has
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 302), (url, response.status_code)
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    call_command("migrate", verbosity=0)
    from allauth.account.models import EmailAddress

    from portal.accounts.models import User

    if not User.objects.filter(email=KNOWN).exists():
        user = User.objects.create_user(KNOWN, PASSWORD, display_name="Known resident")
        EmailAddress.objects.create(user=user, email=KNOWN, verified=True, primary=True)
    times = {}
    for n in range(rounds):
        for label, email in (("known", KNOWN), ("unknown", f"new-{uuid.uuid4().hex[:10]}@oracle.example")):
            for name, url, data in forms(email, n):
                address = f"198.51.{n % 250}.{(hash((label, name)) % 250) + 1}"
                times.setdefault((name, label), []).append(time_post(url, data, address))
    print(f"{'form':<26}{'known (ms)':>12}{'unknown (ms)':>14}{'difference':>12}")
    for name in dict.fromkeys(name for name, _ in times):
        known = statistics.median(times[name, "known"]) * 1000
        unknown = statistics.median(times[name, "unknown"]) * 1000
        print(f"{name:<26}{known:>12.1f}{unknown:>14.1f}{known - unknown:>+12.1f}")


if __name__ == "__main__":
    main()
