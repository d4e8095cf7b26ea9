"""Relevance: a small Riverton of services, guides, case studies, a report, pages, partners and
forum chatter, and the questions residents type, each with the result a resident needs among the
first few. Used by tests/search/test_relevance.py (SQLite, PostgreSQL and Elasticsearch when
configured) and by bench/search.py, which prints the pass rate.

The expectations were written before the engines were tuned: they say what a resident looking for
help should see first, not what an engine happens to return.
"""

from dataclasses import dataclass

SERVICES = [
    ("Riverside needle and syringe programme",
     "Free clean needles and syringes, sharps bins and advice on safe disposal. Swap used needles.",
     "Anyone who injects drugs."),
    ("Naloxone kits at Millbrook pharmacy",
     "Free naloxone kits and a short training session on reversing an opioid overdose.",
     "Anyone who uses opioids, and their friends and family."),
    ("Riverton community drug treatment service",
     "Assessment, treatment and recovery plans for drug and alcohol problems, including opioid "
     "substitution with methadone or buprenorphine.", "Adults living in Riverton."),
    ("Eastgate detoxification unit",
     "Medically supervised detoxification and withdrawal from alcohol and drugs, 7 to 14 days.",
     "Adults referred by their doctor or the treatment service."),
    ("Northfield alcohol advice drop-in",
     "Confidential advice for people worried about their drinking or a family member's drinking.",
     "Anyone."),
    ("Family support group for relatives of drug users",
     "Weekly meetings for parents, partners and children affected by someone's drug use.",
     "Relatives and friends."),
    ("Youth counselling service",
     "Counselling for young people about drugs, alcohol, stress and mental health.",
     "Young people aged 11 to 25."),
    ("Rough sleeping outreach team",
     "Street outreach to people sleeping rough: emergency shelter beds, hostel referrals and "
     "health checks.", "People sleeping on the streets."),
]
RESOURCES = [
    ("How to use a naloxone kit",
     "A step-by-step guide to giving naloxone when someone has overdosed on opioids, and what to "
     "do until the ambulance arrives."),
    ("Safe disposal of discarded needles",
     "What to do when you find a used needle or syringe in a park or street: do not touch it, "
     "report it, and how the sharps team collects it."),
    ("Talking to your teenager about drugs",
     "A guide for parents on starting the conversation about cannabis, alcohol and other drugs."),
    ("Spotting the signs of an overdose",
     "Breathing, colour and responsiveness: how to recognise an opioid overdose and when to call "
     "the emergency number."),
    ("Understanding methadone treatment",
     "What opioid substitution treatment involves, how prescriptions are collected and how long "
     "it lasts."),
]
CASE_STUDIES = [
    ("Cleaner parks after a sharps bin pilot in Millbrook",
     "Reports of discarded needles fell after bins were installed in three parks."),
    ("Diverting people arrested for possession into treatment",
     "Police referred people found with drugs to treatment instead of court."),
]
REPORTS = [
    ("Quarterly partnership report: January to March",
     "Concerns received, answered and resolved, and the outreach work done this quarter."),
]
PAGES = [
    ("Get help in a crisis",
     "Emergency numbers and where to get urgent help for an overdose or a mental health crisis."),
    ("How to report drug dealing",
     "Tell the police about dealing in your street, anonymously if you prefer."),
]
PARTNERS = [
    ("Riverton Police", "police",
     "Neighbourhood policing teams for Riverton: patrols, enforcement against dealing, diversion."),
    ("Harbour Lights Recovery Trust", "ngo",
     "A charity running recovery groups, a needle exchange and housing support."),
    ("Riverton Community Health", "health",
     "The community health service that runs the drug clinic and the pharmacy naloxone scheme."),
]
THREADS = [  # title, first post, replies: forum chatter using the same words as the guides
    ("Needles found by the swings in Millbrook park",
     "Found two needles by the swings again this morning. Kids play here.",
     ["More needles near the bins today.", "Still needles there, I reported the needles again."]),
    ("Anyone tried naloxone training?",
     "Thinking about the naloxone training at the pharmacy, is it any good?",
     ["Yes, the naloxone training session was useful."]),
    ("Treatment waiting lists are too long",
     "My brother has waited months for treatment. Treatment services need funding.", []),
    ("Noise from the late-night takeaway", "Loud music until 3am on Station Road.", []),
    ("Dealing outside the station every evening",
     "Dealing happens openly outside the station after six.", ["Same on Canal Walk."]),
    ("Street lights broken on Canal Walk", "Dark and unsafe walking home at night.", []),
    ("Overdose in the park last night",
     "Someone overdosed near the bandstand, the ambulance came quickly.", []),
]


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # the title a resident needs
    within: int = 1  # ... among the first `within` results


CASES = [
    # stemming
    Case("needles", "Safe disposal of discarded needles", 2),
    Case("needle", "Riverside needle and syringe programme", 2),
    Case("syringe", "Riverside needle and syringe programme"),
    Case("syringes", "Riverside needle and syringe programme"),
    Case("overdose", "Spotting the signs of an overdose"),
    Case("overdosed", "Spotting the signs of an overdose", 2),
    Case("talking to teenagers", "Talking to your teenager about drugs"),
    # synonyms editors keep
    Case("narcan", "How to use a naloxone kit", 2),
    Case("narcan kit", "How to use a naloxone kit", 2),
    Case("rehab", "Riverton community drug treatment service", 3),
    Case("detox", "Eastgate detoxification unit"),
    Case("sharps", "Safe disposal of discarded needles", 3),
    Case("needle exchange", "Riverside needle and syringe programme", 2),
    Case("cops", "Riverton Police"),
    Case("booze", "Northfield alcohol advice drop-in", 2),
    Case("counseling", "Youth counselling service"),
    Case("od help", "Get help in a crisis", 2),
    Case("homeless shelter", "Rough sleeping outreach team"),
    # some words only (no result has them all)
    Case("dealer outside station", "Dealing outside the station every evening"),
    Case("talk to my teenager about drugs", "Talking to your teenager about drugs"),
    Case("worried about my son's drinking", "Northfield alcohol advice drop-in"),
    Case("methadone clinic", "Riverton community drug treatment service", 3),
    # partners
    Case("police", "Riverton Police"),
    Case("harbour lights", "Harbour Lights Recovery Trust"),
    Case("recovery charity", "Harbour Lights Recovery Trust"),
    Case("drug clinic", "Riverton Community Health", 2),
    # guides and services above forum chatter
    Case("naloxone training", "Naloxone kits at Millbrook pharmacy"),
    Case("needles in the park", "Safe disposal of discarded needles", 2),
    Case("overdose help", "Get help in a crisis", 2),
    Case("treatment", "Riverton community drug treatment service", 2),
    # plain questions
    Case("methadone", "Understanding methadone treatment"),
    # (the needle programme, which hands out sharps bins, may come first: as good an answer)
    Case("sharps bin", "Cleaner parks after a sharps bin pilot in Millbrook", 2),
    Case("drug dealing", "How to report drug dealing"),
    Case("report dealing", "How to report drug dealing"),
    Case("family support", "Family support group for relatives of drug users"),
    Case("counselling for young people", "Youth counselling service"),
    Case("arrested for possession", "Diverting people arrested for possession into treatment"),
    Case("quarterly report", "Quarterly partnership report: January to March"),
    Case("emergency help", "Get help in a crisis"),
    # forum threads when only residents wrote about it
    Case("broken street lights", "Street lights broken on Canal Walk"),
    Case("late night noise", "Noise from the late-night takeaway"),
]


def seed_corpus():
    """Create the corpus through the factories (and actions for forum threads)."""
    from portal.models import HomePage, StandardPage
    from portal.partners.models import Partner
    from tests.factories import (
        PartnerFactory,
        case_study_page,
        established_resident,
        forum_board,
        forum_thread,
        report_page,
        resource_page,
        service_page,
    )

    _seed_synonyms()
    for title, offers, who_for in SERVICES:
        service_page(title=title, offers=offers, who_for=who_for, provider_name="Riverton partnership")
    for title, summary in RESOURCES:
        resource_page(title=title, summary=summary)
    for title, summary in CASE_STUDIES:
        case_study_page(title=title, summary=summary)
    for title, summary in REPORTS:
        report_page(title=title, summary=summary)
    home = HomePage.objects.get()
    for title, intro in PAGES:
        page = StandardPage(title=title, intro=intro)
        home.add_child(instance=page)
        page.save_revision().publish()
    for name, kind, description in PARTNERS:
        PartnerFactory(name=name, kind=Partner.Kind(kind), description=description)
    _seed_threads(forum_board(slug="neighbourhood-talk", title="Neighbourhood talk"),
                  established_resident(), established_resident(), forum_thread)


def _seed_synonyms():
    try:
        from search.demo import seed_synonyms
    except ImportError:  # the engine before editors' synonyms (the benchmark's "before" figure)
        return
    seed_synonyms()


def _seed_threads(board, author, replier, forum_thread):
    from forums import actions

    for title, body, replies in THREADS:
        thread = forum_thread(author, board, title=title, body=body)
        for reply in replies:
            actions.reply(thread, by=replier, body=reply)


def rebuild_index(engine):
    from search import indexing

    indexing.rebuild(engine)
    engine.refresh()


@dataclass
class Outcome:
    case: Case
    titles: list
    duplicates: bool

    @property
    def passed(self):
        return self.case.expected in self.titles[: self.case.within] and not self.duplicates


def evaluate(search_titles_and_urls):
    """Run every case through `search_titles_and_urls(query) -> [(title, url), ...]`."""
    outcomes = []
    for case in CASES:
        hits = search_titles_and_urls(case.query)[:5]
        urls = [url for _, url in hits]
        outcomes.append(Outcome(case, [title for title, _ in hits], len(set(urls)) < len(urls)))
    return outcomes


def site_search(engine=None):
    """What the search page shows (the site's engine, with its any-word fallback) as a function
    for `evaluate`; with `engine`, that engine instead of the configured one."""
    from search import engines
    from search.engines import Search
    from search.query import parse

    def run(query):
        request = Search(parse(query))
        results = engines.search(request, engine) if engine is not None else engines.search(request)
        return [(hit.title, hit.url) for hit in results.hits]

    return run


def report(outcomes):
    passed = sum(outcome.passed for outcome in outcomes)
    lines = [f"{passed}/{len(outcomes)} passed ({100 * passed / len(outcomes):.0f}%)"]
    for outcome in outcomes:
        if not outcome.passed:
            reason = " (a result twice)" if outcome.duplicates else ""
            lines.append(f"  {outcome.case.query!r}: wanted {outcome.case.expected!r} in the first "
                         f"{outcome.case.within}, got {outcome.titles[:3]}{reason}")
    return "\n".join(lines)
