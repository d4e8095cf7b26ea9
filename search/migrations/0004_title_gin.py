"""PostgreSQL: a GIN index on the title's own tsvector, so "titles with every word" (the matches
ranked first, search/postgres.py) is an index lookup. No-op on other databases."""

from django.db import migrations

INDEX = "search_document_title_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument "
            "USING GIN (to_tsvector('english'::regconfig, COALESCE(title, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_vector")]

    operations = [migrations.RunPython(create, drop)]
