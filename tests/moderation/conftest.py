import pytest

from tests.factories import forum_board


@pytest.fixture(autouse=True)
def _established_residents():
    """Moderation tests use the real trust levels: new accounts are new."""


@pytest.fixture
def board(db):
    return forum_board()


@pytest.fixture
def other_board(db):
    return forum_board(slug="other", title="Another board")
