"""The demo's year of concern history: real figures on the transparency page, built once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from forums.concerns.demo_history import RESIDENTS
from forums.concerns.models import CloseReason, Concern, OfficialAnswer, State
from forums.models import Notification, Post, Thread
from portal.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _with_history(settings):
    settings.DEMO_CONCERN_HISTORY = True  # off in the other tests' demo city, for speed
HISTORY_AUTHORS = [email for email, _name, _area in RESIDENTS]
STORY_TITLES = ["Needles in the play area", "Groups gathering late", "Street drinking on the Riverside",
                "Cars stopping briefly outside the flats"]


def seed():
    call_command("seed_demo", "--force", stdout=StringIO())


def counted(concerns):
    """What the figures count: published, not closed as a duplicate."""
    return (concerns.exclude(state=State.SUBMITTED)
            .exclude(state=State.CLOSED, close_reason=CloseReason.DUPLICATE).count())


def received_on_page(client):
    html = client.get("/transparency/").content.decode()
    return html.split("<dt>Concerns received</dt><dd>")[1].split("<")[0]


def test_the_transparency_page_shows_the_year_of_history_and_the_story(client):
    # Given the demo city
    seed()

    # When a visitor opens the transparency page (last 12 months, the default)
    received = received_on_page(client)

    # Then "received" is a number: every public history concern and story concern
    history = Concern.objects.filter(thread__author__email__in=HISTORY_AUTHORS)
    story = Concern.objects.exclude(pk__in=history)
    assert 150 <= history.count() <= 250
    assert story.count() == len(STORY_TITLES)
    assert received == str(counted(history) + counted(story))
    assert "<td>suppressed</td>" not in client.get("/transparency/").content.decode().split(
        "Concerns by topic")[1].split("Moderation")[0]


def test_the_history_reads_like_a_year_of_work(calendar_moment):
    # on the 17th: early on the 1st, this month has no concerns yet and the year shows 11 months
    seed()
    history = Concern.objects.filter(thread__author__email__in=HISTORY_AUTHORS)
    now = timezone.now()

    states = {state: history.filter(state=state).count() for state in State.values}
    assert states[State.RESOLVED] > len(history) / 2
    assert states[State.CLOSED] >= 1 and states[State.OPEN] + states[State.ACKNOWLEDGED] >= 1
    assert history.overdue(now, 5).exists()
    months = {c.published_at.strftime("%Y-%m") for c in history}
    assert len(months) == 12
    answers = OfficialAnswer.objects.filter(concern__in=history).select_related("concern")
    hours = sorted((a.created_at - a.concern.published_at).total_seconds() / 3600 for a in answers)
    assert hours[0] >= 1 and hours[-1] > 72  # hours to several days
    assert {a.post.author.partner_id for a in answers.select_related("post__author")} == \
        {a.partner_id for a in answers}  # answered by the routed partner's own liaison
    assert Post.objects.filter(thread__concern__in=history, created_at__gt=now).count() == 0
    assert not OutboxEmail.objects.filter(about__in=[f"concern:{c.pk}" for c in history],
                                          status=OutboxEmail.Status.PENDING).exists()
    assert not Notification.objects.filter(thread__concern__in=history, read_at__isnull=True).exists()


def test_the_story_threads_stay_on_the_first_page_of_the_board(client):
    seed()
    board = Thread.objects.get(title__startswith="Needles in the play area").board

    html = client.get(board.url).content.decode()

    for title in STORY_TITLES:
        assert title in html


def test_seeding_twice_adds_no_history():
    seed()
    first = (Concern.objects.count(), Post.objects.count(), OfficialAnswer.objects.count(),
             OutboxEmail.objects.count())

    seed()

    assert (Concern.objects.count(), Post.objects.count(), OfficialAnswer.objects.count(),
            OutboxEmail.objects.count()) == first
