"""A year of concern history for the demo city of Riverton (fictional), so the transparency page,
the partner pages and the open data show what a real city's figures look like.

About 200 concerns from a pool of demo residents who are not the accounts the browser journeys
sign in as, spread over the last eleven months (busier lately), answered by the routed partners'
demo liaisons after hours or days, most of them resolved with a satisfaction answer, a few never
answered, a few closed as duplicates. Titles and bodies come from small phrase lists and a fixed
random seed, so every run builds the same history (relative to the day it runs).

Every concern is built through the real actions, so each row is consistent, and then its
timestamps are moved into the past with queryset updates. That is the one place the demo bypasses
the actions: nothing else can make a concern "have happened" last March. The history's outbox
emails are marked sent (the addresses are fictional and the news is months old) and the residents'
reply notifications marked read and emailed, so nothing is mailed after seeding.

Idempotent: the history is built once, when none of its residents has raised a concern.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db.models import Max
from django.utils import timezone

from forums.models import Notification, Post, Thread
from forums.moderation.models import Standing, TrustLevel
from portal.accounts import actions as account_actions
from portal.accounts.models import User

from . import actions
from .models import (
    CloseReason,
    Concern,
    ConcernEmail,
    ConcernEvent,
    ConcernRoute,
    OfficialAnswer,
    SatisfactionAnswer,
    State,
)

SEED = 20260301
COUNT = 200
OLDEST_DAYS = 330  # inside "the last 12 months" whatever the day of the month
MARK = "(Demo history.)"

# email, display name, neighbourhood: residents who only exist to have raised past concerns
RESIDENTS = [
    ("harbour.walker@riverton.example", "Harbour Walker", "Old Harbour"),
    ("quayside.neighbour@riverton.example", "Quayside Neighbour", "Old Harbour"),
    ("millbrook.gardener@riverton.example", "Millbrook Gardener", "Millbrook"),
    ("school.run.parent@riverton.example", "School Run Parent", "Millbrook"),
    ("northgate.shopkeeper@riverton.example", "Northgate Shopkeeper", "Northgate"),
    ("northgate.tenant@riverton.example", "Northgate Tenant", "Northgate"),
    ("riverside.runner@riverton.example", "Riverside Runner", "Riverside"),
    ("boathouse.volunteer@riverton.example", "Boathouse Volunteer", "Riverside"),
    ("st.annes.resident@riverton.example", "St Anne's Resident", "St Anne's"),
    ("church.hall.volunteer@riverton.example", "Church Hall Volunteer", "St Anne's"),
    ("westfield.commuter@riverton.example", "Westfield Commuter", "Westfield"),
    ("westfield.grandparent@riverton.example", "Westfield Grandparent", "Westfield"),
]

PLACES = ["by the bus shelter", "behind the library", "in the underpass", "on the canal path",
          "at the park gate", "by the recycling bins", "in the stairwell of the flats",
          "outside the corner shop", "behind the community centre", "near the station steps",
          "in the multi-storey car park", "by the playground", "on the footbridge",
          "near the health centre", "behind the supermarket"]
TOPICS = {
    "Drug litter and needles": {
        "weight": 5,
        "titles": ["Needles found {place}", "Drug litter {place}", "Used foil and needles {place}",
                   "Sharps left {place}", "Broken syringes {place}"],
        "bodies": ["I found {n} used needles this morning.", "There is drug litter here most days.",
                   "Children walk past here on the way to school.",
                   "I did not touch it and kept my dog away."],
    },
    "Dealing in the street": {
        "weight": 4,
        "titles": ["Dealing {place}", "People waiting to buy drugs {place}",
                   "Suspected dealing {place} in the evenings", "Cars stopping briefly {place}"],
        "bodies": ["It happens most evenings between eight and ten.",
                   "The same handful of people hang around for minutes at a time.",
                   "Neighbours have stopped using this route after dark.",
                   "It has got worse over the last few weeks."],
    },
    "Anti-social behaviour": {
        "weight": 4,
        "titles": ["Shouting and broken glass {place}", "Groups gathering late {place}",
                   "Intimidating behaviour {place}", "Noise late at night {place}"],
        "bodies": ["It goes on past midnight several nights a week.",
                   "Older residents feel unsafe walking home.",
                   "There is broken glass left in the morning.",
                   "We have asked politely and been sworn at."],
    },
    "Alcohol": {
        "weight": 3,
        "titles": ["Street drinking {place}", "Cans and bottles left {place}",
                   "Drinking from early morning {place}"],
        "bodies": ["A group drinks here from late morning.",
                   "Some of them look unwell and could do with support.",
                   "The bins overflow with cans by the afternoon."],
    },
}
ENDINGS = ["Could someone look into it?", "What can be done?", "Thank you for any help.",
           "Is anyone else seeing this?"]
ANSWERS = {
    # partner kind -> (answer kind, body)
    "police": [("action_taken", "Officers from the neighbourhood team visited and will include "
                                "this place in their patrols for the next fortnight."),
               ("action_withheld", "Thank you. We have acted on this information; we cannot say "
                                   "more while our work continues."),
               ("information", "We have shared this with the neighbourhood team. If you see a "
                               "crime happening, call 999.")],
    "ngo": [("action_taken", "Our outreach workers visited and offered support to the people "
                             "there; two accepted a referral."),
            ("information", "Our drop-in is open on weekdays for anyone who wants support, and "
                            "families are welcome.")],
    "city": [("action_taken", "The street cleaning team cleared the area and checked it again "
                              "the next day."),
             ("action_taken", "The sharps team removed the litter safely and added the spot to "
                              "its weekly round."),
             ("referred", "We have passed this to the neighbourhood police team, who are "
                          "better placed to act.")],
    "health": [("information", "Our clinic can see anyone who asks for help; no referral is "
                               "needed.")],
}
RESOLUTIONS = ["Cleared and checked again", "Patrols continue", "Outreach offered",
               "No further reports since"]


@dataclass
class Plan:
    """When each step of one concern happened (hours before the seeding)."""

    published: object
    claimed: object = None
    answers: dict = field(default_factory=dict)  # partner -> time of its official answer
    resolved: object = None
    satisfaction: str = ""
    closed: object = None

    @property
    def last(self):
        return max([self.published, self.claimed, *self.answers.values(), self.resolved,
                    self.closed], key=lambda t: t or self.published)


def seed(demo, board):
    """Build the history once, on the concerns board `board`."""
    residents = _residents(demo)
    if Thread.objects.filter(board=board, author__in=residents).exists():
        return
    rng, now = random.Random(SEED), timezone.now()  # noqa: S311 - made-up demo data, not secrets
    liaisons = _liaisons_by_partner()
    moderator = demo.users["moderator@riverton.example"]
    for days_ago in _publication_days(rng):
        topic = rng.choices(list(TOPICS), weights=[t["weight"] for t in TOPICS.values()])[0]
        author = rng.choice(residents)
        area = rng.choice(list(demo.neighbourhoods.values())) if rng.random() < 0.3 \
            else author.neighbourhood
        thread = actions.raise_concern(
            author, board, title=_title(rng, topic, area), body=_body(rng, topic),
            topic=demo.topics[topic], neighbourhood=area, anonymous=rng.random() < 0.15,
            share_contact=rng.random() < 0.3)
        concern = actions.publish(thread)
        plan = _play(rng, concern, author, liaisons, moderator, now - timedelta(days=days_ago), now)
        _backdate(concern, plan)
    _quieten_mail(board, residents)


def _residents(demo):
    users = []
    for email, name, area in RESIDENTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, display_name=name,
                                            neighbourhood=demo.neighbourhoods[area])
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            account_actions.make_resident(user)
            Standing.objects.update_or_create(user=user, defaults={
                "trust_level": TrustLevel.MEMBER, "level_set_by_hand": True})
        users.append(user)
    return users


def _liaisons_by_partner():
    from portal.accounts.roles import Role

    found = {}
    for user in User.objects.filter(groups__name=Role.LIAISON, is_active=True,
                                    partner__isnull=False).select_related("partner").order_by("pk"):
        found.setdefault(user.partner_id, user)
    return found


def _publication_days(rng):
    """Days before now, oldest first; the density rises towards the present."""
    days = [OLDEST_DAYS * (1 - math.sqrt(rng.random())) for _ in range(COUNT)]
    return sorted((max(d, 0.15) for d in days), reverse=True)


def _title(rng, topic, area):
    return f"{rng.choice(TOPICS[topic]['titles']).format(place=rng.choice(PLACES))} in {area.name}"


def _body(rng, topic):
    sentences = rng.sample(TOPICS[topic]["bodies"], 2)
    text = " ".join(sentences).format(n=rng.choice(["two", "three", "several"]))
    return f"{text} {rng.choice(ENDINGS)} {MARK}"


def _hours(rng, median):
    """A response time: log-normal around `median` hours, from one hour to twelve days."""
    return min(max(rng.lognormvariate(math.log(median), 0.9), 1), 12 * 24)


def _play(rng, concern, author, liaisons, moderator, published, now):
    """Take `concern` through its life with the real actions; return when each step happened."""
    plan = Plan(published=published)
    routes = list(concern.routes.select_related("partner").order_by("pk"))
    if rng.random() < 0.03:
        plan.closed = _before(published + timedelta(hours=_hours(rng, 6)), now)
        actions.close(moderator, concern, reason=CloseReason.DUPLICATE,
                      note="Raised already in another concern.")
        return plan
    never = rng.random() < 0.06
    for index, route in enumerate(routes):
        liaison = liaisons.get(route.partner_id)
        if liaison is None or (index and rng.random() < 0.5):
            continue
        if index == 0 and rng.random() < 0.4:
            claimed = published + timedelta(hours=_hours(rng, 3))
            if claimed < now:
                actions.claim(liaison, concern)
                plan.claimed = claimed
        answered = published + timedelta(hours=_hours(rng, 30 if index == 0 else 60))
        if plan.claimed:
            answered = max(answered, plan.claimed + timedelta(minutes=20))
        if never or answered >= now:
            continue
        kind, body = rng.choice(ANSWERS[route.partner.kind])
        actions.answer(liaison, concern, kind=kind, body=f"{body} (Demo answer.)")
        plan.answers[route.partner] = answered
    _resolve(rng, concern, author, liaisons, plan, now)
    return plan


def _resolve(rng, concern, author, liaisons, plan, now):
    if not plan.answers or rng.random() > 0.85:
        return
    first = min(plan.answers, key=plan.answers.get)
    resolved = max(plan.answers.values()) + timedelta(hours=_hours(rng, 48))
    if resolved >= now:
        return
    actions.resolve(liaisons[first.pk], concern, reason=rng.choice(RESOLUTIONS))
    plan.resolved = resolved
    if rng.random() < 0.8:
        plan.satisfaction = rng.choices(["yes", "partly", "no"], weights=[70, 20, 10])[0]
        actions.give_satisfaction(author, concern, answer=plan.satisfaction)


def _before(moment, now):
    return min(moment, now - timedelta(minutes=30))


def _backdate(concern, plan):
    """Move the rows the actions wrote "now" to when the plan says they happened (see the module
    docstring: the demo's one bypass of the actions)."""
    first_answer = min(plan.answers.values(), default=None)
    Concern.objects.filter(pk=concern.pk).update(
        created_at=plan.published, published_at=plan.published, first_response_at=first_answer,
        resolved_at=plan.resolved, closed_at=plan.closed)
    ConcernRoute.objects.filter(concern=concern).update(routed_at=plan.published)
    events = ConcernEvent.objects.filter(concern=concern)
    events.update(created_at=plan.published)
    if plan.claimed:
        events.filter(summary__startswith="Claimed").update(created_at=plan.claimed)
        events.filter(state=State.ACKNOWLEDGED, post__isnull=True).update(created_at=plan.claimed)
    for partner, answered in plan.answers.items():
        ConcernRoute.objects.filter(concern=concern, partner=partner).update(
            first_response_at=answered)
        OfficialAnswer.objects.filter(concern=concern, partner=partner).update(created_at=answered)
        Post.objects.filter(thread_id=concern.thread_id, official_partner=partner).update(
            created_at=answered)
        events.filter(post__official_partner=partner).update(created_at=answered)
    if plan.resolved:
        events.filter(state=State.RESOLVED).update(created_at=plan.resolved)
    if plan.closed:
        events.filter(state=State.CLOSED).update(created_at=plan.closed)
    if plan.satisfaction:
        SatisfactionAnswer.objects.filter(concern=concern).update(
            created_at=_before(plan.resolved + timedelta(hours=5), timezone.now()))
    Post.objects.filter(thread_id=concern.thread_id, is_official_response=False).update(
        created_at=plan.published)
    last = Post.objects.filter(thread_id=concern.thread_id).aggregate(last=Max("created_at"))["last"]
    Thread.objects.filter(pk=concern.thread_id).update(created_at=plan.published,
                                                       last_activity_at=last or plan.published)
    Notification.objects.filter(thread_id=concern.thread_id).update(
        created_at=plan.last, updated_at=plan.last, read_at=plan.last, emailed_at=plan.last)
    ConcernEmail.objects.filter(concern=concern).update(
        status=ConcernEmail.Status.SENT, created_at=plan.published, sent_at=plan.published)


def _quieten_mail(board, residents):
    """Nothing of the history waits to be mailed (every row was marked in _backdate; this is the
    check that no action wrote one elsewhere)."""
    ConcernEmail.objects.filter(concern__thread__board=board, concern__thread__author__in=residents,
                                status=ConcernEmail.Status.PENDING).update(
        status=ConcernEmail.Status.SENT, sent_at=timezone.now())
