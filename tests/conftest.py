import os
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from portal.accounts.roles import Role
from tests.factories import PartnerFactory, UserFactory, staff_user


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached figures live in the cache: every test starts with it empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """A request to a Spanish page activates Spanish in the thread, and Django leaves it active
    after the response: every test starts, and ends, in the site's language, so one test's /es/
    page does not turn the next test's English pages, search and emails Spanish."""
    translation.deactivate()
    yield
    translation.deactivate()


def pytest_configure(config):
    """TEST_CLOCK="2027-01-01 00:05" runs the suite from that moment (site time zone, clock
    ticking): how tests that only pass on some days of the month were found. CI runs at any hour,
    so such a test pins its own moment (`calendar_moment`)."""
    if os.environ.get("TEST_CLOCK"):
        from django.conf import settings

        moment = datetime.fromisoformat(os.environ["TEST_CLOCK"])
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        time_machine.travel(moment, tick=True).start()


@pytest.fixture
def calendar_moment(settings):
    """Runs the test on the 17th of a month at 15:00 in the site's time zone, clock ticking: for
    tests about "this month", "today" or "the last twelve months", which would otherwise depend on
    the hour CI runs at (a concern made 10 minutes ago is last month's at 00:05 on the 1st)."""
    moment = datetime(2026, 6, 17, 15, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=True):
        yield moment


_plain_force_login = Client.force_login


def sign_in_without_second_factor(client, user):
    """A session that signed in with a password only (no TOTP entered)."""
    _plain_force_login(client, user)


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Django's test set-up makes every mailer locmem; put the outbox back in front, as in
    production (portal/settings/base.py): mail is written to the outbox and the send task
    delivers it to `mail.outbox` through the "smtp" transport."""
    settings.MAILERS = {"default": {"BACKEND": "portal.emails.OutboxBackend"},
                        "smtp": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch):
    """`client.force_login(user)` stands for signing in with password and TOTP when the account
    has an authenticator: the session records the second factor as allauth does
    (portal/accounts/second_factor.py). Real sign-ins are tested in tests/security and tests/e2e;
    `sign_in_without_second_factor` gives a session that skipped it."""
    def force_login(client, user, backend=None):
        _plain_force_login(client, user, backend)
        if Authenticator.objects.filter(user=user).exists():
            request = HttpRequest()
            request.session = client.session
            record_authentication(request, user, "mfa", type="totp")
            request.session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def unverified_resident(db):
    return UserFactory(verified=False)


@pytest.fixture
def moderator(db):
    return staff_user(Role.MODERATOR)


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Riverton Police (test)", kind="police")


@pytest.fixture
def liaison(db, partner):
    return staff_user(Role.LIAISON, partner=partner)


@pytest.fixture
def editor(db):
    return staff_user(Role.EDITOR)


@pytest.fixture
def administrator(db):
    return staff_user(Role.ADMINISTRATOR)


@pytest.fixture(autouse=True)
def _established_residents(monkeypatch):
    """Outside tests/moderation, residents are treated as established members so other apps'
    tests are not held as new accounts' first posts. tests/moderation/conftest.py overrides this
    fixture to test the real trust levels."""
    from forums.moderation import policy

    monkeypatch.setattr(policy, "is_new", lambda user, config=None: False)


# The demo city --------------------------------------------------------------------------------

DEMO_CITY = "demo_city"


@pytest.fixture(scope="session")
def demo_city(django_db_setup, django_db_blocker):
    """The demo city (`seed_demo`), built once per test session (once per xdist worker) and
    committed; each test that uses it still runs in a transaction that is rolled back. Tests that
    need a different demo (with the concern history) or an empty database seed their own."""
    from forums.moderation import policy

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(policy, "is_new", lambda user, config=None: False)  # as _established_residents
        call_command("seed_demo", "--force", stdout=StringIO())
    cache.clear()
    _DEMO_CITY_IN_DATABASE.append(True)


_DEMO_CITY_IN_DATABASE = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The first transactional test after the demo city starts from the migrated database, as it
    would without the demo: the committed demo city is flushed and the migrations' data (the page
    tree's root and home page, the site, the roles) put back. Transactional tests see what was
    committed, and the demo's page tree under theirs breaks Wagtail's routing.

    A serialized_rollback test is started the same way: it loads the migrations' data itself, but
    the flush that ends a plain transactional test runs post_migrate, which makes the role groups
    again under new ids, and loading the saved ones then breaks their unique names."""
    if item.get_closest_marker("faults"):  # their worker and web processes hold the tables:
        return  # a flush here can deadlock with them; each scenario is set up by the suite itself
    loads_itself = _loads_migrated_data_itself(item)
    if not (loads_itself or (_DEMO_CITY_IN_DATABASE and _is_transactional(item))):
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    serialized = getattr(connection, "_test_serialized_contents", None)
    if loads_itself and serialized is None:  # no test database yet: the test starts on a new one
        return
    with item.config.stash[blocking_manager_key].unblock():
        call_command("flush", "--noinput", verbosity=0, inhibit_post_migrate=True)
        if serialized:  # a serialized_rollback test's own loading then finds each row by its id
            connection.creation.deserialize_db_from_string(serialized)
            _reset_sequences(connection)
    _DEMO_CITY_IN_DATABASE.clear()
    cache.clear()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that use the demo city run after the other database tests, because once built it
    stays in the database; transactional tests still run last, as pytest-django orders them: they
    empty the database when they finish."""
    items.sort(key=lambda item: (_is_transactional(item), DEMO_CITY in getattr(item, "fixturenames", ())))


def _reset_sequences(connection):
    """After rows were loaded with their ids, new rows take the next free id (PostgreSQL)."""
    from django.apps import apps
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


def _loads_migrated_data_itself(item):
    """A serialized_rollback test loads the migrations' data in its own set-up (twice would
    break the roles' unique names)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures \
        or "live_server" in fixtures
