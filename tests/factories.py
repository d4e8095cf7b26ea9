"""factory_boy factories shared by every app's tests. Build data through actions where one exists."""

import factory
from allauth.account.models import EmailAddress
from django.utils.text import slugify

from portal.accounts import actions as account_actions
from portal.accounts.mfa import activate_totp, new_totp_secret
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.partners.models import Partner
from portal.taxonomy.models import Neighbourhood, Topic

PASSWORD = "a-long-test-password-1"


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Neighbourhood {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Partner.Kind.NGO


class UserFactory(factory.django.DjangoModelFactory):
    """A resident with a verified email address. `verified=False` for one who has not confirmed,
    `mfa=True` for one with an authenticator app set up."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )
            account_actions.make_resident(obj)

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        if create and extracted:
            activate_totp(obj, new_totp_secret())


def staff_user(role, *, partner=None, mfa=True, **kwargs):
    """A staff member with a role (and a partner for liaisons), with 2FA set up by default."""
    user = UserFactory(mfa=mfa, **kwargs)
    if role == Role.LIAISON and partner is None:
        partner = PartnerFactory()
    account_actions.grant_role(user, role, partner=partner)
    return user


# --- forums -------------------------------------------------------------------------------

def forum_board(*, slug="general", title="General talk", forum=None, **fields):
    """A published board under a published forum index page (created once) under the home page."""
    from wagtail.models import Site

    from forums.models import BoardPage, ForumIndexPage

    if forum is None:
        forum = ForumIndexPage.objects.filter(slug="forum").first()
    if forum is None:
        home = Site.objects.get(is_default_site=True).root_page
        forum = ForumIndexPage(title="Forum", slug="forum", show_in_menus=True)
        home.add_child(instance=forum)
        forum.save_revision().publish()
    board = BoardPage(title=title, slug=slug, **fields)
    forum.add_child(instance=board)
    board.save_revision().publish()
    return BoardPage.objects.get(pk=board.pk)


def forum_thread(author, board, *, title="A thread about our street", body="First post.", **kwargs):
    from forums import actions

    return actions.start_thread(board, by=author, title=title, body=body, **kwargs)


# --- stories: pages editors publish (reports, case studies, resources, support services) ---------

import datetime  # noqa: E402


def _home_page():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


def story_index(page_class, slug, **fields):
    """The one index page of `page_class` under the home page, created and published if missing."""
    home = _home_page()
    existing = page_class.objects.child_of(home).first()
    if existing:
        return existing
    page = page_class(title=fields.pop("title", slug.title()), slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _story_page(parent, page_class, *, live=True, many=None, children=None, **fields):
    fields.setdefault("title", f"{page_class._meta.verbose_name} {page_class.objects.count() + 1}")
    page = page_class(**fields)
    for name, values in (many or {}).items():
        getattr(page, name).set(values)
    for name, rows in (children or {}).items():
        setattr(page, name, rows)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def report_page(*, partners=(), topics=(), live=True, **fields):
    from stories.models import ReportIndexPage, ReportPage

    fields.setdefault("period_start", datetime.date(2026, 1, 1))
    fields.setdefault("period_end", datetime.date(2026, 3, 31))
    fields.setdefault("summary", "What the partnership did this quarter.")
    return _story_page(story_index(ReportIndexPage, "reports"), ReportPage, live=live,
                       many={"partners": list(partners), "topics": list(topics)}, **fields)


def case_study_page(*, partners=(), topics=(), live=True, **fields):
    from stories.models import CaseStudyIndexPage, CaseStudyPage, OutcomeType

    fields.setdefault("summary", "How a programme worked.")
    fields.setdefault("programme", "A test programme")
    fields.setdefault("outcome_type", OutcomeType.TREATMENT)
    for name in ("challenge", "approach", "outcomes"):
        fields.setdefault(name, f"<p>The {name}.</p>")
    return _story_page(story_index(CaseStudyIndexPage, "case-studies"), CaseStudyPage, live=live,
                       many={"partners": list(partners), "topics": list(topics)}, **fields)


def resource_page(*, topics=(), live=True, **fields):
    from stories.models import ResourceFormat, ResourceIndexPage, ResourcePage

    fields.setdefault("summary", "A training resource.")
    fields.setdefault("resource_format", ResourceFormat.LINK)
    fields.setdefault("link", "https://example.org/resource")
    return _story_page(story_index(ResourceIndexPage, "resources"), ResourcePage, live=live,
                       many={"topics": list(topics)}, **fields)


def service_page(*, hours=(), live=True, **fields):
    """A support service; `hours` are (weekday, "HH:MM", "HH:MM") triples."""
    from stories.models import OpeningHours, ServiceIndexPage, ServicePage, ServiceType

    fields.setdefault("service_type", ServiceType.TREATMENT)
    fields.setdefault("provider_name", "A test organisation")
    fields.setdefault("offers", "Help and advice.")
    fields.setdefault("who_for", "Anyone.")
    periods = [OpeningHours(weekday=day, opens=datetime.time.fromisoformat(opens),
                            closes=datetime.time.fromisoformat(closes))
               for day, opens, closes in hours]
    return _story_page(story_index(ServiceIndexPage, "get-help", title="Get help"), ServicePage,
                       live=live, children={"opening_hours": periods}, **fields)


# --- events ---------------------------------------------------------------------------------

def calendar_page(**fields):
    """The site's calendar page (created and published under the home page if missing)."""
    from wagtail.models import Site

    from events.models import CalendarPage

    existing = CalendarPage.objects.first()
    if existing:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    page = CalendarPage(title=fields.pop("title", "Events"), slug=fields.pop("slug", "events"), **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


_event_counter = iter(range(1, 1_000_000))


def event_page(calendar=None, *, partners=(), topics=(), exceptions=(), publish=True, **fields):
    """A published event under the calendar: next week, 18:00–20:00 site time, unless told."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from events.models import EventPage

    calendar = calendar or calendar_page()
    n = next(_event_counter)
    day = timezone.localdate() + timedelta(days=7)
    start = fields.pop("start", datetime.combine(day, time(18), tzinfo=timezone.get_current_timezone()))
    fields.setdefault("end", start + timedelta(hours=2))
    fields.setdefault("title", f"Event {n}")
    fields.setdefault("slug", f"event-{n}")
    page = EventPage(start=start, **fields)
    page.partners = list(partners)
    page.topics = list(topics)
    page.exceptions = list(exceptions)
    calendar.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return EventPage.objects.get(pk=page.pk)


# --- concerns (forums.concerns) -----------------------------------------------------------------

def routing_rule(partners, *, topic=None, neighbourhood=None):
    from forums.concerns.models import RoutingRule

    rule = RoutingRule.objects.create(topic=topic, neighbourhood=neighbourhood)
    rule.partners.set(partners)
    return rule


def raised_concern(author, board, *, topic, neighbourhood, title="Needles by the swings in the park",
                   body="Found three needles this morning.", share_contact=False, **kwargs):
    """A concern raised and published through the actions, as the new-thread form would."""
    from forums.concerns import actions

    thread = actions.raise_concern(board, by=author, title=title, body=body, topic=topic,
                                   neighbourhood=neighbourhood, share_contact=share_contact,
                                   **kwargs)
    return actions.publish(thread)


# --- moderation -----------------------------------------------------------------------------

def established_resident(**kwargs):
    """A resident a moderator has made a member: their posts are not held as a new account's."""
    from forums.moderation.models import Standing, TrustLevel

    user = UserFactory(**kwargs)
    Standing.objects.create(user=user, trust_level=TrustLevel.MEMBER, level_set_by_hand=True)
    return user


def held_reply(author, thread, body="A first reply from someone new."):
    """A reply the policy holds (the author's account is new); returns (post, review item)."""
    from forums import actions

    post = actions.reply(thread, by=author, body=body)
    return post, post.review_items.get()
