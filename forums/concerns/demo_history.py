"""A year of concern history for the demo city of Riverton (fictional), so the transparency page,
the partner pages and the open data show what a real city's figures look like.

180 concerns from a pool of demo residents who are not the accounts the browser journeys
sign in as, spread over the last twelve calendar months (busier lately), answered by the routed partners'
demo liaisons after hours or days, most of them resolved with a satisfaction answer, a few never
answered, a few closed as duplicates. Titles and bodies come from small phrase lists and a fixed
random seed, so every run builds the same history (relative to the day it runs).

Every concern is built through the real actions, so each row is consistent, and then its
timestamps are moved into the past with queryset updates. That is the one place the demo bypasses
the actions: nothing else can make a concern "have happened" last March. The history's outbox
emails are marked sent at the concern's publication (the addresses are fictional and the news is
months old) and the residents' reply notifications marked read and emailed, so nothing is mailed
after seeding. The audit log is left as written: it records when the demo was built.

Idempotent: the history is built once, when none of its residents has raised a concern.
"""

import calendar
import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db.models import Max
from django.utils import timezone

from forums.models import Notification, Post, Thread
from forums.moderation.models import Standing, TrustLevel
from portal.accounts import actions as account_actions
from portal.accounts.models import User
from portal.country import emergency
from portal.models import OutboxEmail

from . import actions
from .models import (
    CloseReason,
    Concern,
    ConcernEvent,
    ConcernRoute,
    OfficialAnswer,
    SatisfactionAnswer,
    State,
)
from .timeline import Kind

SEED = 20260301
MONTHLY = [7, 8, 9, 10, 12, 13, 15, 16, 18, 20, 24, 28]  # oldest first, 180 in all
DUPLICATED = ("Drug litter and needles", "Anti-social behaviour")  # reported twice, now and then
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
# Each topic is raised in a few neighbourhoods (where it is a problem in this made-up city), so
# each topic x neighbourhood x partner of the year has a dozen concerns, not a handful.
TOPICS = {
    "Drug litter and needles": {
        "areas": ["Millbrook", "Northgate", "Old Harbour", "St Anne's"],
        "titles": ["Needles found {place}", "Drug litter {place}", "Used foil and needles {place}",
                   "Sharps left {place}", "Broken syringes {place}"],
        "bodies": ["I found {n} used needles this morning.", "There is drug litter here most days.",
                   "Children walk past here on the way to school.",
                   "I did not touch it and kept my dog away."],
    },
    "Dealing in the street": {
        "areas": ["Northgate", "Westfield", "Old Harbour"],
        "titles": ["Dealing {place}", "People waiting to buy drugs {place}",
                   "Suspected dealing {place} in the evenings", "Cars stopping briefly {place}"],
        "bodies": ["It happens most evenings between eight and ten.",
                   "The same handful of people hang around for minutes at a time.",
                   "Neighbours have stopped using this route after dark.",
                   "It has got worse over the last few weeks."],
    },
    "Anti-social behaviour": {
        "areas": ["Northgate", "Riverside", "St Anne's", "Westfield"],
        "titles": ["Shouting and broken glass {place}", "Groups gathering late {place}",
                   "Intimidating behaviour {place}", "Noise late at night {place}"],
        "bodies": ["It goes on past midnight several nights a week.",
                   "Older residents feel unsafe walking home.",
                   "There is broken glass left in the morning.",
                   "We have asked politely and been sworn at."],
    },
    "Alcohol": {
        "areas": ["Riverside", "Old Harbour", "Millbrook"],
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
                               "crime happening, call {emergency}.")],
    "ngo": [("action_taken", "Our outreach workers visited and offered support to the people "
                             "there; two accepted a referral."),
            ("information", "Our drop-in is open on weekdays for anyone who wants support, and "
                            "families are welcome.")],
    "city": [("action_taken", "The street cleaning team cleared the area and checked it again "
                              "the next day."),
             ("action_taken", "The sharps team removed the litter safely and added the spot to "
                              "its weekly round."),
             # A real referral names the partner and routes the concern to it (actions.refer);
             # the history keeps this one an information answer so its figures stay as planned.
             ("information", "We have passed this to the neighbourhood police team, who are "
                             "better placed to act.")],
    "health": [("information", "Our clinic can see anyone who asks for help; no referral is "
                               "needed.")],
}
RESOLUTIONS = {"police": "Patrols continue", "ngo": "Outreach offered",
               "city": "Cleared and checked again", "health": "Clinic appointment offered"}


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
    by_area = {}
    for user in residents:
        by_area.setdefault(user.neighbourhood_id, []).append(user)
    for published, topic, area in _schedule(rng, demo, now):
        neighbours = by_area.get(area.pk)
        author = rng.choice(neighbours if neighbours and rng.random() < 0.7 else residents)
        thread = actions.raise_concern(
            board, by=author, title=_title(rng, topic, area), body=_body(rng, topic),
            topic=demo.topics[topic], neighbourhood=area, anonymous=rng.random() < 0.15,
            share_contact=rng.random() < 0.3)
        concern = actions.publish(thread)
        plan = _play(rng, concern, topic, author, liaisons, moderator, published, now)
        _backdate(concern, plan)


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


def _schedule(rng, demo, now):
    """[(published, topic name, neighbourhood)], oldest first. Each of the last twelve calendar
    months gets its share (MONTHLY; this month in proportion to how much of it has passed, the
    rest going to the month before), and every topic x neighbourhood of TOPICS the same number of
    concerns, so the year's figures per topic, neighbourhood and partner are well above the
    suppression threshold: a real city's page, where mostly the small monthly cells are hidden."""
    starts = _month_starts(now)
    counts, times = list(MONTHLY), []
    local = timezone.localtime(now)
    elapsed = (now - timedelta(hours=2) - starts[-1]) / timedelta(
        days=calendar.monthrange(local.year, local.month)[1])
    moved = counts[-1] - round(counts[-1] * max(0, min(elapsed, 1)))
    counts[-1], counts[-2] = counts[-1] - moved, counts[-2] + moved
    for count, start, end in zip(counts, starts, [*starts[1:], now], strict=True):
        end = min(end, now - timedelta(hours=2))
        times += sorted(start + (end - start) * rng.random() for _ in range(count))
    units = [(topic, demo.neighbourhoods[area]) for topic, spec in TOPICS.items()
             for area in spec["areas"]]
    mixed = []
    while len(mixed) < len(times):
        rng.shuffle(units)
        mixed += units
    return [(when, topic, area) for when, (topic, area) in zip(times, mixed, strict=False)]


def _month_starts(now):
    """The first moments of the last twelve months (oldest first) and of the month now."""
    local = timezone.localtime(now)
    year, month, starts = local.year, local.month, []
    for _ in range(12):
        starts.insert(0, datetime(year, month, 1, tzinfo=local.tzinfo))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts


def _title(rng, topic, area):
    return f"{rng.choice(TOPICS[topic]['titles']).format(place=rng.choice(PLACES))} in {area.name}"


def _body(rng, topic):
    sentences = rng.sample(TOPICS[topic]["bodies"], 2)
    text = " ".join(sentences).format(n=rng.choice(["two", "three", "several"]))
    return f"{text} {rng.choice(ENDINGS)} {MARK}"


def _hours(rng, median):
    """A response time: log-normal around `median` hours, from one hour to twelve days."""
    return min(max(rng.lognormvariate(math.log(median), 0.9), 1), 12 * 24)


def _play(rng, concern, topic, author, liaisons, moderator, published, now):
    """Take `concern` through its life with the real actions; return when each step happened."""
    plan = Plan(published=published)
    routes = list(concern.routes.select_related("partner").order_by("pk"))
    if topic in DUPLICATED and rng.random() < 0.04:
        plan.closed = _before(published + timedelta(hours=_hours(rng, 6)), now)
        actions.close(concern, by=moderator, reason=CloseReason.DUPLICATE,
                      note="Raised already in another concern.")
        return plan
    never = rng.random() < 0.05
    for index, route in enumerate(routes):
        liaison = liaisons.get(route.partner_id)
        if liaison is None or (index and rng.random() < 0.1):
            continue
        if index == 0 and rng.random() < 0.4:
            claimed = published + timedelta(hours=_hours(rng, 3))
            if claimed < now:
                actions.claim(concern, by=liaison)
                plan.claimed = claimed
        answered = published + timedelta(hours=_hours(rng, 30 if index == 0 else 60))
        if plan.claimed:
            answered = max(answered, plan.claimed + timedelta(minutes=20))
        if never or answered >= now:
            continue
        kind, body = rng.choice(ANSWERS[route.partner.kind])
        body = body.replace("{emergency}", emergency().number)
        actions.answer(concern, by=liaison, kind=kind, body=f"{body} (Demo answer.)")
        plan.answers[route.partner] = answered
    _resolve(rng, concern, author, liaisons, plan, now)
    return plan


def _resolve(rng, concern, author, liaisons, plan, now):
    if not plan.answers or rng.random() > 0.9:
        return
    first = min(plan.answers, key=plan.answers.get)
    resolved = max(plan.answers.values()) + timedelta(hours=_hours(rng, 48))
    if resolved >= now:
        return
    reason = rng.choice([RESOLUTIONS[first.kind], "No further reports since"])
    actions.resolve(concern, by=liaisons[first.pk], reason=reason)
    plan.resolved = resolved
    if rng.random() < 0.85:
        plan.satisfaction = rng.choices(["yes", "partly", "no"], weights=[70, 20, 10])[0]
        actions.give_satisfaction(concern, by=author, answer=plan.satisfaction)


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
        events.filter(kind=Kind.CLAIMED).update(created_at=plan.claimed)
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
    OutboxEmail.objects.filter(about=f"concern:{concern.pk}").update(
        status=OutboxEmail.Status.SENT, created_at=plan.published, sent_at=plan.published)

