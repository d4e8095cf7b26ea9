"""Fill the review queue with a mixed day's work for a demo or a browser test: posts held for a new
account, held for personal details, crisis posts and posts hidden by residents' flags, all written
through the forum's own actions. Each post says "(Queue day N)" so it can be found again."""

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from forums import posting
from forums.models import Thread, Visibility
from forums.moderation import actions
from forums.moderation.models import FlagReason, Standing, TrustLevel
from portal.accounts import actions as account_actions
from portal.accounts.models import User
from portal.demo import demo_password

BODIES = (
    ("new", "Hello all, I moved to Riverside last month and want to help with the clean-ups."),
    ("personal", "The man selling by the bus stop is on 07700 900{n:03d}, ring him yourselves."),
    ("crisis", "I can't see a way out any more and I want to end my life."),
    ("flagged", "The lot who run that shop are all crooks and should be run out of town."),
)


class Command(BaseCommand):
    help = "Add a mixed set of review items (demo data) written through the forum's actions."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20)

    def handle(self, *args, count, **options):
        thread = Thread.objects.filter(visibility=Visibility.VISIBLE, is_locked=False).order_by(
            "created_at").first()
        if thread is None:
            self.stderr.write("No public thread to reply to: run seed_demo first.")
            return
        with transaction.atomic():
            flaggers = [_resident(f"queue-flagger-{n}", member=True) for n in range(3)]
            for n in range(count):
                kind, body = BODIES[n % len(BODIES)]
                body = f"{body.format(n=n)} (Queue day {n})"
                author = _resident(f"queue-author-{n}", member=kind != "new")
                post = posting.reply(thread, by=author, body=body)
                if kind == "flagged":
                    for flagger in flaggers:
                        actions.flag_post(post, by=flagger, reason=FlagReason.HARASSMENT)
        self.stdout.write(f"Added {count} posts to the review queue.")


def _resident(name, *, member):
    email = f"{name}@riverton.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=demo_password(email),
                                        display_name=name.replace("-", " ").title())
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        account_actions.make_resident(user)
    if member:
        Standing.objects.update_or_create(user=user, defaults={
            "trust_level": TrustLevel.MEMBER, "level_set_by_hand": True})
    return user
