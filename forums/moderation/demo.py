"""Demo moderation for Riverton: the demo residents are established members, and the review
queue has two held posts and a flagged one. Idempotent: the queue is filled only when empty."""

from allauth.account.models import EmailAddress

from forums import posting
from portal.accounts import actions as account_actions
from portal.accounts.models import User
from portal.demo import demo_password

from . import actions
from .models import FlagReason, ReviewItem, Standing, TrustLevel

NEWCOMER = ("newcomer@riverton.example", "New Neighbour")


def prepare(demo):
    """Before the demo forum is written: its residents have been around a while."""
    for user in demo.users.values():
        if not user.is_staff_member:
            Standing.objects.update_or_create(user=user, defaults={
                "trust_level": TrustLevel.MEMBER, "level_set_by_hand": True})
            user.__dict__.pop("_moderation_standing", None)


def seed(demo, boards):
    newcomer = _newcomer(demo)
    if ReviewItem.objects.exists():
        return
    concerns = boards["neighbourhood-concerns"]
    recovery = boards["treatment-and-recovery"]
    first = concerns.threads.order_by("created_at").first()
    posting.reply(first, by=newcomer, body=(
        "There's a silver van, AB12 CDE, that parks by the east gate every night. Is it "
        "connected? (Demo post held for personal details.)"))
    posting.start_thread(recovery, by=newcomer, title="Support groups for parents in Riverside?",
                               body="Is there a group for parents whose children are in recovery? "
                                    "(Demo post from a new account, held for review.)")
    flagged = posting.reply(first, by=demo.users["resident2@riverton.example"], body=(
        "Everyone knows who leaves them: the tall lad in the red jacket from the flats. "
        "Someone should sort him out. (Demo post that residents flagged.)"))
    actions.flag_post(flagged, by=demo.users["resident@riverton.example"], reason=FlagReason.HARASSMENT,
                      note="This points at one person and sounds like a threat. (Demo flag.)")


def _newcomer(demo):
    email, name = NEWCOMER
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=demo_password(email),
                                        display_name=name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        account_actions.make_resident(user)
    demo.users[email] = user
    demo.printed.append(("New resident", email, demo_password(email)))
    return user
