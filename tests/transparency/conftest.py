"""Hand-made concerns with known timings, and a published transparency page."""

from datetime import timedelta

import pytest
from wagtail.models import Site

from forums.concerns.models import Concern, ConcernRoute, SatisfactionAnswer, State
from forums.models import Thread
from tests.factories import NeighbourhoodFactory, PartnerFactory, TopicFactory, forum_board
from transparency.models import TransparencyPage


@pytest.fixture
def topic(db):
    return TopicFactory(name="Drug litter")


@pytest.fixture
def other_topic(db):
    return TopicFactory(name="Street drinking")


@pytest.fixture
def area(db):
    return NeighbourhoodFactory(name="Millbrook")


@pytest.fixture
def ngo(db):
    return PartnerFactory(name="Harbour Lights (test)", kind="ngo")


@pytest.fixture
def quiet_partner(db):
    return PartnerFactory(name="Quiet Council (test)", kind="city")


@pytest.fixture
def concern_board(db, topic):
    return forum_board(slug="concerns", title="Concerns", thread_kind="concern")


@pytest.fixture
def make_concern(db, resident, concern_board, topic, area):
    """make_concern(published, {partner: hours to its first answer or None}, ...) -> Concern"""
    count = [0]

    def make(published, answers, *, state=State.OPEN, satisfaction=None, topic=topic,
             neighbourhood=area, close_reason=""):
        count[0] += 1
        thread = Thread.objects.create(board=concern_board, title=f"Concern {count[0]}",
                                       slug=f"concern-{count[0]}", kind="concern", author=resident,
                                       topic=topic, neighbourhood=neighbourhood,
                                       last_activity_at=published)
        firsts = [published + timedelta(hours=h) for h in answers.values() if h is not None]
        concern = Concern.objects.create(thread=thread, state=state, published_at=published,
                                         close_reason=close_reason,
                                         first_response_at=min(firsts) if firsts else None)
        for partner, hours in answers.items():
            ConcernRoute.objects.create(
                concern=concern, partner=partner, routed_at=published,
                first_response_at=None if hours is None else published + timedelta(hours=hours))
        if satisfaction:
            SatisfactionAnswer.objects.create(concern=concern, answer=satisfaction)
        return concern

    return make


@pytest.fixture
def transparency_page(db):
    home = Site.objects.get(is_default_site=True).root_page
    page = TransparencyPage(title="How we are doing", slug="transparency",
                            intro="<p>Figures anyone can check.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
