import pytest
from django.core.cache import cache

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
