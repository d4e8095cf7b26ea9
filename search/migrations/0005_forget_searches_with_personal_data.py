from django.db import migrations


def forget_personal_searches(apps, schema_editor):
    """Searches recorded before the report dropped those holding personal data (phone numbers,
    emails, street addresses, plates) are deleted, with their daily hit counts."""
    from search.recording import is_recordable

    for model in (apps.get_model("wagtailsearchpromotions", "Query"),
                  apps.get_model("search", "NoResultQuery")):
        doomed = [row.pk for row in model.objects.only("pk", "query_string")
                  if not is_recordable(row.query_string)]
        model.objects.filter(pk__in=doomed).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_title_gin"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forget_personal_searches, migrations.RunPython.noop)]
