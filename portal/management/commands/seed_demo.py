from contextlib import nullcontext
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from portal.demo import DEMO_TOTP_SECRET, Demo, home_page

# Each app's demo content, in the order it depends on each other.
DEMO_SEEDERS = ["portal.demo.seed", "stories.demo.seed", "events.demo.seed", "forums.demo.seed",
                "transparency.demo.seed", "portal.demo_spanish.seed", "search.demo.seed"]


class Command(BaseCommand):
    help = "Build the fictional demo city of Riverton (development only). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Run even with DEBUG off (for tests and demo servers).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with published passwords; "
                               "it only runs with DEBUG on.")
        demo = Demo(home=home_page())
        with _search_updates_paused(), transaction.atomic():
            for path in DEMO_SEEDERS:
                if find_spec(path.rsplit(".", 1)[0]) is None:
                    continue  # that app has no demo content yet
                import_string(path)(demo)
        self.stdout.write(self.style.SUCCESS("Demo site ready: http://127.0.0.1:8000/"))
        self.stdout.write("Demo accounts (fictional; development only):")
        for role, email, password in demo.printed:
            self.stdout.write(f"  {role:<19} {email:<34} {password}")
        self.stdout.write(f"Staff accounts use two-factor authentication; add this TOTP secret to "
                          f"an authenticator app: {DEMO_TOTP_SECRET}")


def _search_updates_paused():
    """search.demo.seed (the last seeder but one) rebuilds the search index inside the same
    transaction, so the one-task-per-post updates the forum's actions queue would only repeat it:
    about 900 tasks for the demo's concern history, run at once where tasks are immediate (tests,
    the browser suite)."""
    if "search.demo.seed" not in DEMO_SEEDERS or find_spec("search.indexing") is None:
        return nullcontext()
    return import_string("search.indexing.paused")()
