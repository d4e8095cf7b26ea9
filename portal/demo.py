"""The demo city of Riverton: partners, topics, neighbourhoods, pages and one account per role.

Everything here is invented and labelled as demo data. Each app adds its own demo content in
its `demo.py`; `manage.py seed_demo` runs them in order. All of it is idempotent.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Page, Site

from portal import demo_pages
from portal.accounts import actions as account_actions
from portal.accounts.mfa import activate_totp
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.country import emergency
from portal.models import HelpNumber, HomePage, SiteSettings, StandardPage, default_help_numbers
from portal.partners.models import Partner
from portal.taxonomy.models import Landmark, Neighbourhood, Topic

# A fixed, published secret: demo staff accounts can sign in to the admin straight away.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only, printed

NEIGHBOURHOODS = ["Old Harbour", "Millbrook", "Northgate", "Riverside", "St Anne's", "Westfield"]
NEIGHBOURHOODS_ES = {"Old Harbour": "Puerto Viejo"}  # the others are names, the same in Spanish
# Places residents choose from when they raise a concern (fictional, around a made-up centre).
LANDMARKS = [
    ("Millbrook Park", "park", "Millbrook", "52.40210", "-1.51830"),
    ("Millbrook Road, shops to the bridge", "street", "Millbrook", "52.40420", "-1.51410"),
    ("Riverton Central station", "station", "Northgate", "52.41050", "-1.50790"),
    ("Northgate bus interchange", "station", "Northgate", "52.41230", "-1.50310"),
    ("Riverside benches by the boathouse", "park", "Riverside", "52.39880", "-1.50020"),
    ("Old Harbour quay", "street", "Old Harbour", "52.39520", "-1.49610"),
    ("St Anne's library", "building", "St Anne's", "52.40680", "-1.52470"),
    ("Westfield Road flats", "street", "Westfield", "52.40010", "-1.53050"),
]
TOPICS = {
    "Drug litter and needles": "Discarded needles, foil and other drug litter in public places.",
    "Dealing in the street": "Concerns about drug dealing in public spaces.",
    "Treatment and recovery": "Getting into treatment, staying in recovery, support for families.",
    "Harm reduction": "Naloxone, needle exchange, drug checking and overdose prevention.",
    "Young people and prevention": "Education, youth work and early help.",
    "Alcohol": "Street drinking and alcohol-related harm.",
    "Anti-social behaviour": "Noise, intimidation and nuisance linked to drugs or alcohol.",
}
# Topics' names and descriptions in Spanish (a Spanish topic is the same topic: issue 19).
TOPICS_ES = {
    "Drug litter and needles": ("Jeringuillas y restos de consumo",
                                "Jeringuillas, papel de aluminio y otros restos de consumo en "
                                "lugares públicos."),
    "Dealing in the street": ("Venta de drogas en la calle",
                              "Inquietudes sobre la venta de drogas en espacios públicos."),
    "Treatment and recovery": ("Tratamiento y recuperación",
                               "Empezar un tratamiento, mantener la recuperación, apoyo a las familias."),
    "Harm reduction": ("Reducción de daños",
                       "Naloxona, intercambio de jeringuillas, análisis de sustancias y "
                       "prevención de sobredosis."),
    "Young people and prevention": ("Jóvenes y prevención",
                                    "Educación, trabajo con jóvenes y atención temprana."),
    "Alcohol": ("Alcohol", "Consumo de alcohol en la calle y daños relacionados."),
    "Anti-social behaviour": ("Comportamiento incívico",
                              "Ruido, intimidación y molestias relacionadas con drogas o alcohol."),
}
PARTNERS = [
    ("Riverton Police Service (demo)", Partner.Kind.POLICE,
     "The city's police service (a fictional demo organisation). Neighbourhood teams answer "
     "concerns about dealing, anti-social behaviour and safety.", NEIGHBOURHOODS),
    ("Harbour Lights Recovery Trust (demo)", Partner.Kind.NGO,
     "A fictional charity offering recovery support, peer mentoring and family groups.",
     ["Old Harbour", "Riverside", "Millbrook"]),
    ("Safe Streets Outreach (demo)", Partner.Kind.NGO,
     "A fictional outreach team: harm reduction, needle exchange and naloxone training.",
     ["Northgate", "St Anne's", "Westfield", "Old Harbour"]),
    ("Riverton Community Health (demo)", Partner.Kind.HEALTH,
     "The fictional local health service running treatment and counselling clinics.",
     NEIGHBOURHOODS),
    ("Riverton City Council (demo)", Partner.Kind.CITY,
     "The fictional city council: street cleaning, needle pick-up and community safety.",
     NEIGHBOURHOODS),
]
ACCOUNTS = [
    # email, display name, role, partner name
    ("resident@riverton.example", "Maple Street Neighbour", Role.RESIDENT, None),
    ("resident2@riverton.example", "Millbrook Parent", Role.RESIDENT, None),
    ("residente@riverton.example", "Vecina de Westfield", Role.RESIDENT, None),
    ("moderator@riverton.example", "Riverton Moderator", Role.MODERATOR, None),
    ("police.liaison@riverton.example", "Sgt. Demo (Police)", Role.LIAISON,
     "Riverton Police Service (demo)"),
    ("ngo.liaison@riverton.example", "Outreach Lead (Harbour Lights)", Role.LIAISON,
     "Harbour Lights Recovery Trust (demo)"),
    ("council.liaison@riverton.example", "Street Services Officer (Council)", Role.LIAISON,
     "Riverton City Council (demo)"),
    ("outreach.liaison@riverton.example", "Outreach Worker (Safe Streets)", Role.LIAISON,
     "Safe Streets Outreach (demo)"),
    ("editor@riverton.example", "Partnership Editor", Role.EDITOR, None),
    ("editor2@riverton.example", "Second Editor", Role.EDITOR, None),
    ("admin@riverton.example", "Portal Administrator", Role.ADMINISTRATOR, None),
]


# Residents who prefer Spanish: the site, their emails and notifications in Spanish (issue 19).
PREFERS_SPANISH = {"residente@riverton.example"}


def demo_password(email):
    return f"riverton-{email.split('@')[0].replace('.', '-')}-demo"


@dataclass
class Demo:
    """What the apps' demo seeders share: the home page, taxonomy, partners and accounts."""

    home: HomePage
    topics: dict = field(default_factory=dict)
    neighbourhoods: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    printed: list = field(default_factory=list)

    def child_page(self, parent, page_class, slug, **fields):
        """The page at `slug` under `parent`, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


def seed(demo):
    for name in NEIGHBOURHOODS:
        demo.neighbourhoods[name], _ = Neighbourhood.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "name_es": NEIGHBOURHOODS_ES.get(name, "")}
        )
    for name, description in TOPICS.items():
        demo.topics[name], _ = Topic.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
        if not demo.topics[name].name_es and name in TOPICS_ES:
            topic = demo.topics[name]
            topic.name_es, topic.description_es = TOPICS_ES[name]
            topic.save(update_fields=["name_es", "description_es"])
    for name, kind, description, areas in PARTNERS:
        partner, created = Partner.objects.get_or_create(
            slug=slugify(name.replace("(demo)", "")),
            defaults={"name": name, "kind": kind, "description": description,
                      "website": "https://example.org/", "public_email":
                      f"{slugify(name.replace('(demo)', ''))}@riverton.example"},
        )
        if created:
            partner.neighbourhoods.set([demo.neighbourhoods[a] for a in areas])
        demo.partners[name] = partner
    for name, kind, area, latitude, longitude in LANDMARKS:
        Landmark.objects.get_or_create(
            name=name, neighbourhood=demo.neighbourhoods[area],
            defaults={"kind": kind, "latitude": latitude, "longitude": longitude})
    _seed_accounts(demo)
    _seed_pages(demo)


def _seed_accounts(demo):
    for email, display_name, role, partner_name in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=demo_password(email), display_name=display_name,
                neighbourhood=demo.neighbourhoods["Millbrook"] if role == Role.RESIDENT else None,
                preferred_language="es" if email in PREFERS_SPANISH else "",
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            account_actions.make_resident(user)
            if role != Role.RESIDENT:
                account_actions.grant_role(
                    user, role, partner=demo.partners.get(partner_name)
                )
        if role != Role.RESIDENT and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            activate_totp(user, DEMO_TOTP_SECRET)
        demo.users[email] = user
        label = f"{role.label} (español)" if email in PREFERS_SPANISH else role.label
        demo.printed.append((label, email, demo_password(email)))


def _seed_pages(demo):
    home = demo.home
    demo.child_page(
        home, StandardPage, "about", title="About the partnership", show_in_menus=True,
        intro="Common Ground is where Riverton's police, health services and community "
              "organisations answer residents' concerns about drugs and recovery, in public. "
              "Riverton and every organisation named here are fictional demo data.",
    )
    rules_intro = demo_pages.RULES_INTRO.replace("call the emergency number",
                                                 f"call {emergency().number}")
    rules = _policy_page(demo, home, "community-rules", "Community rules", rules_intro,
                         demo_pages.RULES)
    privacy = _policy_page(demo, home, "privacy", "Privacy notice",
                           demo_pages.PRIVACY_INTRO, demo_pages.PRIVACY)
    accessibility = _policy_page(demo, home, "accessibility", "Accessibility statement",
                                 demo_pages.ACCESSIBILITY_INTRO, demo_pages.ACCESSIBILITY)
    site = Site.objects.get(is_default_site=True)
    _serve_at_run_address(site)
    site_settings = SiteSettings.for_site(site)
    footer_pages = {"community_rules_page": rules, "privacy_page": privacy,
                    "accessibility_page": accessibility}
    unset = {name: page for name, page in footer_pages.items()
             if getattr(site_settings, f"{name}_id") is None}
    if unset:
        for name, page in unset.items():
            setattr(site_settings, name, page)
        site_settings.save()
    if not site_settings.help_numbers.exists():
        for order, (label, number, hours) in enumerate(default_help_numbers()):
            HelpNumber.objects.create(settings=site_settings, label=label, number=number,
                                      hours=hours, sort_order=order)


def _policy_page(demo, home, slug, title, intro, sections):
    """A page of the footer (rules, privacy, accessibility), created with its text, or given it
    if an earlier demo made it with an introduction only."""
    page = demo.child_page(home, StandardPage, slug, title=title, intro=intro)
    if not page.body:
        page.title, page.intro = title, intro
        page.body = [{"type": kind, "value": value} for kind, value in demo_pages.body(sections)]
        page.save_revision().publish()
    return page


def _serve_at_run_address(site):
    """Wagtail's first site is localhost:80; the demo is served where `make run` serves it
    (BASE_URL, default http://127.0.0.1:8000), so the site's own links (sitemap, page URLs in
    the API) point there. A hostname someone has set already is kept."""
    if (site.hostname, site.port) != ("localhost", 80):
        return
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = address.hostname or "127.0.0.1"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.site_name = site.site_name or "Common Ground (demo)"
    site.save()


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


__all__ = ["Demo", "seed", "home_page", "Page"]
