"""factory_boy factories shared by every app's tests. Build data through actions where one exists."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils.text import slugify

from portal.accounts import actions as account_actions
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
            TOTP.activate(obj, generate_totp_secret())


def staff_user(role, *, partner=None, mfa=True, **kwargs):
    """A staff member with a role (and a partner for liaisons), with 2FA set up by default."""
    user = UserFactory(mfa=mfa, **kwargs)
    if role == Role.LIAISON and partner is None:
        partner = PartnerFactory()
    account_actions.grant_role(user, role, partner=partner)
    return user


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
