"""The Spanish content locale (issue 19). Wagtail created the default locale (English) with its own
migrations and every existing page and translatable snippet is in it; this adds Spanish beside it,
so editors can translate into it at once. Reversing leaves the locale in place: pages may use it."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_response_target_at_least_one_day"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
