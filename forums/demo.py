"""Demo forum for the fictional city of Riverton: boards and a few realistic threads.
Idempotent: boards are created if missing; threads only on a board that has none."""

from . import actions
from .models import BoardPage, ForumIndexPage, ThreadKind

BOARDS = [
    # slug, title, intro, kind, anonymous allowed, topics
    ("neighbourhood-concerns", "Neighbourhood concerns",
     "Raise a concern about drugs or alcohol where you live. Partners answer in public.",
     ThreadKind.CONCERN, True,
     ["Drug litter and needles", "Dealing in the street", "Anti-social behaviour", "Alcohol"]),
    ("treatment-and-recovery", "Treatment and recovery support",
     "Getting help, staying well, and supporting someone you love.",
     ThreadKind.DISCUSSION, True, ["Treatment and recovery", "Harm reduction"]),
    ("prevention-and-education", "Prevention and education",
     "Schools, youth work and what works to prevent harm.",
     ThreadKind.DISCUSSION, False, ["Young people and prevention", "Alcohol"]),
    ("events-and-outreach", "Events and outreach",
     "Clean-ups, training sessions and outreach in Riverton.",
     ThreadKind.DISCUSSION, False, ["Harm reduction", "Young people and prevention"]),
]

THREADS = {
    "neighbourhood-concerns": [
        ("resident@riverton.example", "Needles in the play area at Millbrook Park",
         "Twice this week I found used needles by the swings at **Millbrook Park**, near the "
         "east gate. Could the council's pick-up team check it, and is there a sharps bin "
         "that could go nearby? (Demo thread.)",
         "Drug litter and needles", "Millbrook", False,
         [("resident2@riverton.example", "Same here on Saturday morning. I reported it on the "
           "council line but it would be good to hear what happens next."),
          ("police.liaison@riverton.example", "Thanks for raising this. We have passed it to the "
           "council's street team and the neighbourhood officers will include the park in their "
           "patrols this week. (Demo reply.)")]),
        ("resident2@riverton.example", "Groups gathering late behind the Northgate shops",
         "Most evenings after 10pm there is shouting and broken glass behind the row of shops. "
         "People living above feel unsafe walking home. (Demo thread.)",
         "Anti-social behaviour", "Northgate", True, []),
    ],
    "treatment-and-recovery": [
        ("resident2@riverton.example", "How long is the wait for the community clinic?",
         "My brother wants to start treatment. Does anyone know how long the wait is at the "
         "community health clinic at the moment, and can family come to the first appointment? "
         "(Demo thread.)", "Treatment and recovery", None, False,
         [("ngo.liaison@riverton.example", "Families are welcome at the first appointment. Our "
           "peer mentors can also meet your brother while he waits. (Demo reply.)")]),
    ],
    "prevention-and-education": [
        ("resident@riverton.example", "Ideas for a parents' evening on vaping and cannabis",
         "Our primary school is planning a parents' evening. What helped at other schools? "
         "(Demo thread.)", "Young people and prevention", "Millbrook", False, []),
    ],
    "events-and-outreach": [
        ("resident@riverton.example", "Riverside clean-up: who is coming on Sunday?",
         "Meeting at the boathouse at 10am. Gloves and litter pickers provided; sharps are left "
         "to the trained team. (Demo thread.)", "Harm reduction", "Riverside", False, []),
    ],
}

# Threads written in Spanish (issue 19), seeded once each by title, also on an older demo.
SPANISH_THREADS = {
    "treatment-and-recovery": [
        ("residente@riverton.example", "¿Hay grupos de apoyo en español para familias?",
         "Mi hijo empezó un tratamiento hace poco y busco un grupo de apoyo para familias donde "
         "se hable español. ¿Alguien sabe si hay alguno en Riverton? (Hilo de demostración.)",
         "Treatment and recovery", None, False,
         [("ngo.liaison@riverton.example", "Sí: en el grupo de apoyo para familias de los jueves "
           "hay voluntarias que hablan español. También podemos buscarle un mentor que hable "
           "español mientras espera la primera cita. (Respuesta de demostración.)")]),
    ],
    "events-and-outreach": [
        ("residente@riverton.example", "¿Alguien quiere hacer la formación en naloxona conmigo?",
         "Me gustaría aprender a usar la naloxona. ¿Hay más vecinos de Westfield que quieran ir "
         "juntos a la próxima formación? (Hilo de demostración.)",
         "Harm reduction", "Westfield", False,
         [("resident@riverton.example", "I went last month and it was really useful. Go for it! "
           "(Demo reply.)")]),
    ],
}


def seed(demo):
    from .concerns import demo as concerns_demo
    from .moderation import demo as moderation_demo

    moderation_demo.prepare(demo)
    concerns_demo.seed_rules(demo)
    boards = {}
    forum = demo.child_page(
        demo.home, ForumIndexPage, "forum", title="Forum", show_in_menus=True,
        intro="Talk with neighbours and the partnership. Riverton and everyone in these threads "
              "are fictional demo data.",
    )
    for slug, title, intro, kind, anonymous, topic_names in BOARDS:
        board = demo.child_page(forum, BoardPage, slug, title=title, intro=intro, thread_kind=kind,
                                allow_anonymous=anonymous)
        if not board.topics.exists():
            board.topics.set([demo.topics[name] for name in topic_names])
            board.save_revision().publish()
        if not board.threads.exists():
            _seed_threads(demo, board, THREADS.get(slug, []))
        boards[slug] = board
    moderation_demo.seed(demo, boards)
    concerns_demo.seed(demo)  # routing rules and concerns in different states (issue #5)
    # Last, so the other demo threads and posts keep their numbers (the browser tests name them).
    for slug, threads in SPANISH_THREADS.items():
        board = boards[slug]
        _seed_threads(demo, board, [thread for thread in threads
                                    if not board.threads.filter(title=thread[1]).exists()])


def _seed_threads(demo, board, threads):
    for email, title, body, topic, area, anonymous, replies in threads:
        thread = actions.start_thread(
            board, by=demo.users[email], title=title, body=body, topic=demo.topics.get(topic),
            neighbourhood=demo.neighbourhoods.get(area), anonymous=anonymous,
        )
        for reply_email, reply_body in replies:
            actions.reply(thread, by=demo.users[reply_email], body=reply_body)
