"""Wagtail ships "Moderators" and "Editors" groups with page-publishing rights.

Our Moderators moderate the forum, not pages; both groups start empty here and get their
permissions from portal.accounts.role_setup after migrate.
"""

from django.db import migrations


def reset_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    for group in Group.objects.filter(name__in=["Moderators", "Editors"]):
        group.permissions.clear()
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(reset_groups, migrations.RunPython.noop)]
