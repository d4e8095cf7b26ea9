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

    return actions.start_thread(author, board, title=title, body=body, **kwargs)


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

    post = actions.reply(author, thread, body=body)
    return post, post.review_items.get()
