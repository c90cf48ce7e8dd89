"""The full-text index: an FTS5 table on SQLite, a table with a GIN-indexed tsvector on PostgreSQL."""

from django.db import migrations

from crossborder.library.search import create_index, drop_index


def forwards(apps, schema_editor):
    create_index(schema_editor)


def backwards(apps, schema_editor):
    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
