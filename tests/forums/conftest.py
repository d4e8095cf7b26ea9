import pytest

from tests.factories import forum_board


@pytest.fixture
def board(db):
    return forum_board()


@pytest.fixture
def anonymous_board(db):
    return forum_board(slug="concerns", title="Concerns", allow_anonymous=True, thread_kind="concern")
