"""Watched words shipped with the site; moderators change them in the admin."""

from django.db import migrations

DEFAULTS = [
    # phrase, action, replacement, explanation
    ("viagra", "block", "", "This looks like spam."),
    ("casino bonus", "block", "", "This looks like spam."),
    ("crypto giveaway", "block", "", "This looks like spam."),
    ("buy followers", "block", "", "This looks like spam."),
    ("is a dealer", "hold", "", ""),
    ("is dealing", "hold", "", ""),
    ("grass him up", "hold", "", ""),
    ("junkie", "hold", "", ""),
    ("smackhead", "hold", "", ""),
    ("crackhead", "hold", "", ""),
    ("fuck", "replace", "f***", ""),
    ("fucking", "replace", "f***ing", ""),
    ("shit", "replace", "s***", ""),
]


def add_defaults(apps, schema_editor):
    WatchedWord = apps.get_model("moderation", "WatchedWord")
    for phrase, action, replacement, explanation in DEFAULTS:
        WatchedWord.objects.get_or_create(phrase=phrase, defaults={
            "action": action, "replacement": replacement, "explanation": explanation})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
