"""A small world with residents whose identity staff must not learn: an anonymous concern whose
author shared nothing, a concern whose author shared their address with the partner it is routed
to, and an RSVP whose attendee did not share their contact details."""

from types import SimpleNamespace

import pytest

from events import actions as event_actions
from forums.concerns import actions as concern_actions
from portal.accounts.roles import Role
from tests.factories import (
    NeighbourhoodFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    event_page,
    forum_board,
    raised_concern,
    routing_rule,
    staff_user,
)

ANONYMOUS_AUTHOR = SimpleNamespace(email="quiet.neighbour@example.org", name="Quiet Neighbour")
SHARING_AUTHOR = SimpleNamespace(email="open.sharer@example.org", name="Open Sharer")
ATTENDEE = SimpleNamespace(email="rsvp.attendee@example.org", name="Evening Attendee")


@pytest.fixture
def world(db, partner, liaison, moderator, editor, administrator, monkeypatch):
    from forums.moderation import policy

    # Published at once whatever moderation settings an earlier test (the demo city) left in the
    # database: these residents' posts are about identity, not about new accounts being held.
    monkeypatch.setattr(policy, "is_new", lambda user, config=None: False)
    topic = TopicFactory(name="Drug litter")
    area = NeighbourhoodFactory(name="Millbrook")
    board = forum_board(slug="concerns", title="Concerns", thread_kind="concern",
                        allow_anonymous=True)
    board.topics.set([topic])
    board.save_revision().publish()
    other_partner = PartnerFactory(name="Elsewhere Trust (test)")
    other_liaison = staff_user(Role.LIAISON, partner=other_partner)
    routing_rule([partner], topic=topic, neighbourhood=area)

    anonymous_author = UserFactory(email=ANONYMOUS_AUTHOR.email, display_name=ANONYMOUS_AUTHOR.name,
                                   neighbourhood=area)
    sharing_author = UserFactory(email=SHARING_AUTHOR.email, display_name=SHARING_AUTHOR.name)
    attendee = UserFactory(email=ATTENDEE.email, display_name=ATTENDEE.name)
    anonymous_concern = raised_concern(anonymous_author, board, topic=topic, neighbourhood=area,
                                       title="Needles behind the library", anonymous=True)
    shared_concern = raised_concern(sharing_author, board, topic=topic, neighbourhood=area,
                                    title="Dealing at the bus stop", share_contact=True)
    concern_actions.add_note(shared_concern, by=liaison, body="Called the resident back.")
    # A sanction and a moderator's message: the sanctions list and the site history name them
    from forums.moderation import actions as moderation_actions

    moderation_actions.silence(anonymous_author, by=moderator, until=None, reason="Spam links")
    moderation_actions.send_message(anonymous_author, by=moderator, body="We are here to help.")
    event = event_page(title="Harm reduction evening")
    rsvp, _ = event_actions.respond(event, None, by=attendee, going=True, share_contact=False)
    return SimpleNamespace(
        partner=partner, liaison=liaison, other_liaison=other_liaison, moderator=moderator,
        editor=editor, administrator=administrator, board=board,
        anonymous_author=anonymous_author, sharing_author=sharing_author, attendee=attendee,
        anonymous_concern=anonymous_concern, shared_concern=shared_concern, event=event,
        rsvp=rsvp)

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
