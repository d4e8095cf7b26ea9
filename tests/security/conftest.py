import pytest

from tests.factories import forum_board


@pytest.fixture
def board(db):
    return forum_board()


@pytest.fixture
def anonymous_board(db):
    return forum_board(slug="concerns", title="Concerns", allow_anonymous=True)


@pytest.fixture
def behind_one_proxy(settings):
    """The deployment the README prescribes: one proxy in front, appending to X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    return "10.0.0.1"  # the proxy's own address: REMOTE_ADDR of every request
