from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from portal.accounts.roles import Role
from tests.factories import PartnerFactory, UserFactory, staff_user


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached figures live in the cache: every test starts with it empty."""
    cache.clear()
    yield
    cache.clear()


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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that use the demo city run after the other database tests, because once built it
    stays in the database; transactional tests still run last, as pytest-django orders them: they
    empty the database when they finish."""
    items.sort(key=lambda item: (_is_transactional(item), DEMO_CITY in getattr(item, "fixturenames", ())))


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures \
        or "live_server" in fixtures
