import pytest

from portal.accounts.roles import Role
from tests.factories import (
    NeighbourhoodFactory,
    PartnerFactory,
    TopicFactory,
    forum_board,
    raised_concern,
    routing_rule,
    staff_user,
)


@pytest.fixture
def topic(db):
    return TopicFactory(name="Drug litter")


@pytest.fixture
def area(db):
    return NeighbourhoodFactory(name="Millbrook")


@pytest.fixture
def concern_board(db, topic):
    board = forum_board(slug="concerns", title="Concerns", thread_kind="concern",
                        allow_anonymous=True)
    board.topics.set([topic])  # a ParentalManyToManyField: stored only with the revision
    board.save_revision().publish()
    return board


@pytest.fixture
def ngo(db):
    return PartnerFactory(name="Harbour Lights (test)", kind="ngo",
                          escalation_email="lead@harbour.example")


@pytest.fixture
def ngo_liaison(db, ngo):
    return staff_user(Role.LIAISON, partner=ngo)


@pytest.fixture
def other_partner(db):
    return PartnerFactory(name="Elsewhere Trust (test)")


@pytest.fixture
def other_liaison(db, other_partner):
    return staff_user(Role.LIAISON, partner=other_partner)


@pytest.fixture
def rules(db, partner, ngo, topic, area):
    """Drug litter in Millbrook goes to the police and the NGO."""
    return [routing_rule([partner], topic=topic, neighbourhood=area),
            routing_rule([ngo], topic=topic)]


@pytest.fixture
def concern(db, resident, concern_board, topic, area, rules, liaison, ngo_liaison):
    return raised_concern(resident, concern_board, topic=topic, neighbourhood=area)
