"""Demo content for Riverton: reports, case studies, resources and support services.

Every organisation, programme, person and figure here is invented and labelled as demo data.
The three case studies are modelled on common partnership types, not on any real agency.
Idempotent: a page that exists (by slug) is left as it is.
"""

import datetime

from .models import (
    Audience,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyRelatedLink,
    OpeningHours,
    OutcomeType,
    ReportIndexPage,
    ReportPage,
    ResourceFormat,
    ResourceIndexPage,
    ResourcePage,
    ServiceIndexPage,
    ServicePage,
    ServiceType,
    site_now,
)

POLICE = "Riverton Police Service (demo)"
HARBOUR = "Harbour Lights Recovery Trust (demo)"
OUTREACH = "Safe Streets Outreach (demo)"
HEALTH = "Riverton Community Health (demo)"
COUNCIL = "Riverton City Council (demo)"


def figures(caption, *rows):
    return [("figures", {"caption": caption, "figures": [
        {"label": label, "value": value, "unit": unit, "target": target,
         "previous_value": previous, "source": source}
        for label, value, unit, target, previous, source in rows
    ]})]


def publish_child(parent, page_class, slug, *, many=None, children=None, **fields):
    """The page at `slug` under `parent`; created and published with its relations if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = page_class(slug=slug, **fields)
    for name, values in (many or {}).items():
        getattr(page, name).set(values)
    for name, rows in (children or {}).items():
        setattr(page, name, rows)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed(demo):
    home = demo.home
    reports = demo.child_page(
        home, ReportIndexPage, "reports", title="Partnership reports", show_in_menus=True,
        intro="What the partnership did each quarter, with the figures behind it. "
              "All figures on this demo site are invented.",
    )
    studies = demo.child_page(
        home, CaseStudyIndexPage, "case-studies", title="Case studies", show_in_menus=True,
        intro="How police and community organisations work together, programme by programme. "
              "Fictional examples modelled on common partnership types.",
    )
    library = demo.child_page(
        home, ResourceIndexPage, "resources", title="Resource library", show_in_menus=True,
        intro="Training and information for residents, police officers and NGO staff.",
    )
    get_help = demo.child_page(
        home, ServiceIndexPage, "get-help", title="Get help", show_in_menus=True,
        intro="Treatment, harm reduction, support groups, helplines and counselling in Riverton "
              "(demo listings). Many are free and you can contact most of them yourself.",
    )
    report_pages = _seed_reports(demo, reports)
    _seed_case_studies(demo, studies, report_pages)
    _seed_resources(demo, library)
    _seed_services(demo, get_help)
    _link_help_page(get_help)


def _link_help_page(get_help):
    """On a phone the crisis banner's "More help" goes to Get help (unless someone chose)."""
    from wagtail.models import Site

    from portal.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.help_page_id is None:
        site_settings.help_page = get_help
        site_settings.save(update_fields=["help_page"])


def _seed_reports(demo, index):
    partners = demo.partners
    topics = demo.topics
    q2 = publish_child(
        index, ReportPage, "2026-q2", title="Partnership report: April to June 2026 (demo)",
        period_start=datetime.date(2026, 4, 1), period_end=datetime.date(2026, 6, 30),
        summary="Concerns were answered faster, more people started treatment after outreach "
                "contacts, and naloxone training reached three more neighbourhoods.",
        key_figures=figures(
            "Key figures, April to June 2026 (demo data)",
            ("Concerns answered within 5 days", "78", "%", "90", "64", "Portal records"),
            ("People referred into treatment", "112", "people", "120", "85",
             "Riverton Community Health (demo)"),
            ("Naloxone kits handed out", "340", "kits", "300", "310", "Safe Streets Outreach (demo)"),
        ),
        body=[("paragraph", "<p>This quarter the partnership focused on response times and on "
                            "getting people from a first outreach contact into treatment.</p>"),
              ("quote", {"text": "The joint patrols with outreach workers changed how people "
                                 "see us.", "attribution": "Neighbourhood sergeant (demo)"})],
        many={"partners": [partners[POLICE], partners[HEALTH], partners[OUTREACH]],
              "topics": [topics["Treatment and recovery"], topics["Harm reduction"]]},
    )
    q1 = publish_child(
        index, ReportPage, "2026-q1", title="Partnership report: January to March 2026 (demo)",
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 3, 31),
        summary="The first quarter of the portal: the routing of concerns to partners began, "
                "and the city council took over needle pick-up reports.",
        key_figures=figures(
            "Key figures, January to March 2026 (demo data)",
            ("Concerns answered within 5 days", "64", "%", "90", None, "Portal records"),
            ("Drug litter reports cleared within 24 hours", "91", "%", "95", "88",
             "Riverton City Council (demo)"),
        ),
        many={"partners": [partners[POLICE], partners[COUNCIL]],
              "topics": [topics["Drug litter and needles"]]},
    )
    publish_child(
        index, ReportPage, "2025-annual", title="Annual report 2025 (demo)",
        period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 12, 31),
        summary="A year of planning: the partners agreed how to share information, what to "
                "measure and how residents would see the results.",
        many={"partners": list(partners.values()), "topics": [topics["Treatment and recovery"]]},
    )
    return [q2, q1]


CASE_STUDIES = [
    {
        "slug": "crisis-outreach-to-treatment",
        "title": "From the street to treatment: a crisis outreach team (demo)",
        "summary": "Outreach workers and officers meet people in crisis together and book them "
                   "straight into treatment, the same day where possible.",
        "programme": "Riverton Crisis Outreach (fictional)", "place": "City centre",
        "neighbourhood": "Old Harbour", "outcome_type": OutcomeType.TREATMENT,
        "partners": [OUTREACH, POLICE, HEALTH], "topics": ["Treatment and recovery"],
        "challenge": "<p>People in crisis met the police many times a year but rarely reached "
                     "treatment: waiting lists were long and appointments were missed.</p>",
        "approach": "<p>An outreach worker joins evening patrols; the health service keeps "
                    "same-day assessment slots for people the team refers.</p>",
        "outcomes": "<p>More people started treatment after a first contact, and fewer were "
                    "arrested for low-level offences.</p>",
        "figures": ("Outcomes in the first year (demo data)",
                    ("People referred to treatment", "146", "people", "120", "40",
                     "Outreach records (demo)"),
                    ("Started treatment within 7 days", "58", "%", "50", "21",
                     "Riverton Community Health (demo)")),
        "lessons": "<p>Protected assessment slots mattered more than any other change.</p>",
        "quote": ("I'd been picked up a dozen times. This time someone asked what I needed.",
                  "A participant (fictional)"),
    },
    {
        "slug": "police-community-counselling-coalition",
        "title": "A police–community coalition offering counselling (demo)",
        "summary": "Neighbourhood officers, a recovery charity and faith groups run drop-in "
                   "counselling for families affected by drugs.",
        "programme": "Millbrook Families Together (fictional)", "place": "Millbrook community hall",
        "neighbourhood": "Millbrook", "outcome_type": OutcomeType.WELLBEING,
        "partners": [HARBOUR, POLICE], "topics": ["Treatment and recovery",
                                                   "Young people and prevention"],
        "challenge": "<p>Families of people using drugs felt isolated and did not trust "
                     "services enough to ask for help.</p>",
        "approach": "<p>A weekly drop-in with trained counsellors, where officers listen "
                    "rather than enforce, and a peer mentor meets every new family.</p>",
        "outcomes": "<p>Families reported feeling better supported and more willing to contact "
                    "the police about dealing.</p>",
        "figures": ("Outcomes after 18 months (demo data)",
                    ("Families supported", "87", "families", "60", "35", "Harbour Lights (demo)"),
                    ("Say they feel better supported", "81", "%", "70", None,
                     "Participant survey (demo)")),
        "lessons": "<p>Holding sessions outside police buildings made families come back.</p>",
        "quote": ("For the first time I could talk about my son without being judged.",
                  "A parent (fictional)"),
    },
    {
        "slug": "harm-reduction-partnership",
        "title": "Fewer overdoses: a harm reduction partnership (demo)",
        "summary": "Naloxone for officers and residents, drug-checking alerts and a needle "
                   "exchange van cut overdoses in the northern neighbourhoods.",
        "programme": "Northgate Stay Safe (fictional)", "place": "Northgate and St Anne's",
        "neighbourhood": "Northgate", "outcome_type": OutcomeType.OVERDOSES,
        "partners": [OUTREACH, POLICE, COUNCIL], "topics": ["Harm reduction"],
        "challenge": "<p>Overdoses rose after a stronger supply arrived; people were afraid to "
                     "call for help.</p>",
        "approach": "<p>Every patrol officer carries naloxone; the outreach van trains "
                    "residents; the council funds drug-checking alerts.</p>",
        "outcomes": "<p>Overdose call-outs fell and more overdoses were reversed before "
                    "an ambulance arrived.</p>",
        "figures": ("Outcomes in the first year (demo data)",
                    ("Overdose call-outs", "41", "call-outs", "50", "73",
                     "Ambulance service data (demo)"),
                    ("Residents trained to use naloxone", "420", "people", "400", "90",
                     "Safe Streets Outreach (demo)")),
        "lessons": "<p>Clear messages that calling for help will not lead to arrest were "
                   "essential.</p>",
        "quote": ("The kit in my bag saved my neighbour's life.", "A resident (fictional)"),
    },
]


def _seed_case_studies(demo, index, reports):
    created = []
    for study in CASE_STUDIES:
        created.append(publish_child(
            index, CaseStudyPage, study["slug"], title=study["title"], summary=study["summary"],
            programme=study["programme"], place=study["place"],
            neighbourhood=demo.neighbourhoods[study["neighbourhood"]],
            outcome_type=study["outcome_type"], challenge=study["challenge"],
            approach=study["approach"], outcomes=study["outcomes"],
            outcome_figures=figures(*study["figures"]), lessons=study["lessons"],
            quotes=[("quote", {"text": study["quote"][0], "attribution": study["quote"][1]})],
            many={"partners": [demo.partners[name] for name in study["partners"]],
                  "topics": [demo.topics[name] for name in study["topics"]]},
            children={"related_links": [CaseStudyRelatedLink(linked_page=reports[0])]},
        ))
    return created


RESOURCES = [
    ("naloxone-training-video", "How to use naloxone (video, demo)", Audience.EVERYONE,
     ResourceFormat.VIDEO, "https://example.org/videos/naloxone", "Harm reduction",
     "A five-minute walkthrough: recognising an overdose and giving naloxone."),
    ("trauma-informed-policing", "Trauma-informed conversations for officers (demo)",
     Audience.POLICE, ResourceFormat.LINK, "https://example.org/training/trauma-informed",
     "Treatment and recovery", "A short course on talking with people in crisis."),
    ("safe-needle-disposal", "Found a needle? What to do (demo)", Audience.RESIDENTS,
     ResourceFormat.LINK, "https://example.org/needles", "Drug litter and needles",
     "How to report drug litter and stay safe; never pick a needle up with bare hands."),
    ("referral-pathways-for-ngo-staff", "Referral pathways into treatment (demo)",
     Audience.NGO_STAFF, ResourceFormat.LINK, "https://example.org/referrals",
     "Treatment and recovery", "Who to refer to, how fast, and what to tell the person."),
]


def _seed_resources(demo, index):
    for slug, title, audience, resource_format, link, topic, summary in RESOURCES:
        publish_child(index, ResourcePage, slug, title=title, audience=audience,
                      resource_format=resource_format, link=link, summary=summary,
                      many={"topics": [demo.topics[topic]]})


WEEKDAYS = range(0, 5)
EVERY_DAY = range(0, 7)


def _hours(days, opens, closes):
    return [OpeningHours(weekday=day, opens=datetime.time(*opens), closes=datetime.time(*closes))
            for day in days]


def _seed_services(demo, index):
    today = site_now().date()
    services = [
        ("riverton-treatment-centre", "Riverton Treatment Centre (demo)", ServiceType.TREATMENT,
         HEALTH, "", "Assessment, prescribing and key-worker support for drugs and alcohol.",
         "Adults living in Riverton.", "1 Harbour Road, Riverton RV1 1AA", "Old Harbour",
         "0100 000 0001", True, "", _hours(WEEKDAYS, (9, 0), (17, 0)), 30),
        ("outreach-van", "Safe Streets needle exchange van (demo)", ServiceType.HARM_REDUCTION,
         OUTREACH, "", "Clean needles, naloxone kits and training, drug-checking advice.",
         "Anyone who uses drugs, no questions asked.", "Northgate market car park",
         "Northgate", "0100 000 0002", False, "", _hours(EVERY_DAY, (20, 0), (2, 0)), 60),
        ("family-support-group", "Families Together support group (demo)",
         ServiceType.SUPPORT_GROUP, HARBOUR, "", "A weekly group for families and friends.",
         "Anyone affected by someone else's drug or alcohol use.",
         "Millbrook community hall, Mill Lane", "Millbrook", "0100 000 0003", False, "",
         _hours([2], (18, 30), (20, 0)), 400),
        ("riverton-helpline", "Riverton drug and alcohol helpline (demo)", ServiceType.HELPLINE,
         None, "Riverton Helpline Trust (fictional)", "Confidential advice by phone, day and night.",
         "Anyone, including worried family members.", "", None, "0800 000 0000", False, "",
         _hours(EVERY_DAY, (0, 0), (0, 0)), 10),
        ("westfield-counselling", "Westfield counselling service (demo)", ServiceType.COUNSELLING,
         None, "Westfield Talking Space (fictional)",
         "Short-term counselling, one to one or with family.",
         "Adults in recovery and their families.", "22 Westfield Parade", "Westfield",
         "0100 000 0004", True, "First six sessions free, then £10 a session",
         _hours(WEEKDAYS, (10, 0), (19, 0)), None),
    ]
    for (slug, title, kind, partner, provider_name, offers, who_for, address, area, phone,
         referral, cost, hours, checked_days_ago) in services:
        publish_child(
            index, ServicePage, slug, title=title, service_type=kind,
            provider_partner=demo.partners.get(partner), provider_name=provider_name,
            offers=offers, who_for=who_for, address=address,
            neighbourhood=demo.neighbourhoods.get(area), phone=phone, is_free=not cost, cost=cost,
            languages="English, Polish" if area == "Old Harbour" else "English",
            referral_needed=referral,
            last_checked=(today - datetime.timedelta(days=checked_days_ago)
                          if checked_days_ago is not None else None),
            children={"opening_hours": hours},
        )
