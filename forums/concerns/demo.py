"""Demo concerns for Riverton (fictional): routing rules for the demo partners, a default partner,
response templates, and a few concerns in different states with official answers.
Idempotent: rules and templates are made once; the concerns' story is played once."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Site

from forums.models import BoardPage, ThreadKind
from portal.country import emergency

from . import actions, demo_history
from .models import (
    Concern,
    ConcernSettings,
    OfficialAnswer,
    ResponseTemplate,
    RoutingRule,
    State,
)

POLICE = "Riverton Police Service (demo)"
HARBOUR = "Harbour Lights Recovery Trust (demo)"
OUTREACH = "Safe Streets Outreach (demo)"
COUNCIL = "Riverton City Council (demo)"

RULES = [
    # topic (None: any), neighbourhood (None: any), partners
    ("Dealing in the street", None, [POLICE]),
    ("Anti-social behaviour", None, [POLICE]),
    ("Drug litter and needles", None, [COUNCIL, OUTREACH]),
    ("Drug litter and needles", "Millbrook", [POLICE, HARBOUR]),
    ("Alcohol", None, [HARBOUR]),
]
TEMPLATES = [
    (POLICE, "Anti-social behaviour", "Patrols arranged",
     "Thank you for telling us. The neighbourhood team will include this place in its patrols "
     "over the next two weeks. If you see a crime happening, call {emergency}. (Demo template.)",
     "action_taken"),
    (HARBOUR, None, "Outreach visit",
     "Thank you for raising “{title}”. Outreach workers from {partner} will visit "
     "{neighbourhood} and offer support to anyone who wants it. (Demo template.)",
     "action_taken"),
    (HARBOUR, None, "Passed to the police",
     "Thank you for raising this. Part of it is for the police, so {partner} has passed it to "
     "them; they will answer here. (Demo template.)", "referred"),
]
NEW_CONCERNS = [
    ("resident2@riverton.example", "Street drinking on the Riverside benches every afternoon",
     "Groups drink on the benches by the boathouse from lunchtime and leave cans and bottles. "
     "(Demo concern.)", "Alcohol", "Riverside"),
    ("resident@riverton.example", "Cars stopping briefly outside the flats on Westfield Road",
     "Several cars a night stop for a minute outside the flats and drive off. Neighbours think "
     "drugs are being sold. (Demo concern.)", "Dealing in the street", "Westfield"),
]


def seed(demo):
    board = BoardPage.objects.filter(thread_kind=ThreadKind.CONCERN).first()
    if board is None:
        return
    seed_rules(demo)
    for email, title, body, topic, area in NEW_CONCERNS:
        if not board.threads.filter(title=title).exists():
            actions.raise_concern(board, by=demo.users[email], title=title, body=body,
                                  topic=demo.topics[topic], neighbourhood=demo.neighbourhoods[area],
                                  share_contact=email == "resident@riverton.example")
    for thread in board.threads.filter(Q(concern__isnull=True) | Q(concern__state=State.SUBMITTED)):
        actions.publish(thread)
    if not OfficialAnswer.objects.exists():
        _play_story(demo, board)
    if settings.DEMO_CONCERN_HISTORY:
        demo_history.seed(demo, board)  # after the story, so the story's threads stay the newest


def seed_rules(demo):
    """Routing rules, the default partner and response templates: seeded before the forum
    threads, so the demo concerns are routed as soon as they are published."""
    settings = ConcernSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.default_partner_id is None:
        settings.default_partner = demo.partners[COUNCIL]
        settings.save()
    if not RoutingRule.objects.exists():
        for topic, area, partners in RULES:
            rule = RoutingRule.objects.create(topic=demo.topics[topic],
                                              neighbourhood=demo.neighbourhoods.get(area))
            rule.partners.set([demo.partners[name] for name in partners])
    if not ResponseTemplate.objects.exists():
        for partner, topic, title, body, kind in TEMPLATES:
            body = body.replace("{emergency}", emergency().number)  # the deployment's number
            ResponseTemplate.objects.create(partner=demo.partners[partner], title=title, body=body,
                                            topic=demo.topics.get(topic), kind=kind)


def _play_story(demo, board):
    police = demo.users["police.liaison@riverton.example"]
    harbour = demo.users["ngo.liaison@riverton.example"]
    resident = demo.users["resident@riverton.example"]

    def concern(title_start):
        return Concern.objects.select_related("thread").get(
            thread__board=board, thread__title__startswith=title_start)

    needles = concern("Needles in the play area")
    actions.claim(needles, by=police)
    actions.answer(needles, by=harbour, kind="action_taken", body=(
        "Our outreach team checked the park with the council's sharps team on Friday and a "
        "sharps bin is being installed by the east gate. (Demo answer.)"))
    actions.resolve(needles, by=police, reason="Sharps bin installed; patrols continue")
    actions.give_satisfaction(needles, by=resident, answer="yes")

    actions.claim(concern("Groups gathering late"), by=police)

    actions.answer(concern("Cars stopping briefly"), by=police, kind="action_withheld", sign_name=True,
                   body="Thank you. We have acted on this information; we cannot say more while "
                        "our work continues. (Demo answer.)")
