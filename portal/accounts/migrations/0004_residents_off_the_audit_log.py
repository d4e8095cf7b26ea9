"""Log entries written before portal/accounts/audit.py named residents as their user, which
Wagtail's site history, page history and their exports showed to staff. Move each resident's
account into the entry's data (`resident`) and leave the entry without a user, as new entries are
recorded. Staff entries keep their user."""

from django.db import migrations

STAFF_GROUPS = ["Moderators", "Liaisons", "Editors", "Administrators"]


def residents_off_the_log(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    staff = User.objects.filter(is_superuser=True) | User.objects.filter(
        groups__name__in=STAFF_GROUPS)
    staff_ids = set(staff.values_list("pk", flat=True))
    for name in ("ModelLogEntry", "PageLogEntry"):
        model = apps.get_model("wagtailcore", name)
        entries = model.objects.filter(user__isnull=False).exclude(user_id__in=staff_ids)
        for entry in entries.iterator():
            entry.data = {**(entry.data or {}), "resident": entry.user_id}
            entry.user_id = None
            entry.save(update_fields=["data", "user"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_reset_wagtail_default_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(residents_off_the_log, migrations.RunPython.noop)]
