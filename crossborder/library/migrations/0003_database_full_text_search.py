"""Library search with the database's own full-text search: the hand-filled library_search
table of 0002 goes; Entry.search (a tsvector) with a GIN index on PostgreSQL and the FTS5 table
library_fulltext (model SearchText) on SQLite come, filled from the existing entries."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from crossborder.library.search import schema


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search_index")]

    operations = [
        migrations.RunPython(schema.drop_old_index, schema.restore_old_index),
        migrations.AddField(
            model_name="entry",
            name="search",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="entry",
            name="search_head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                fields=["status", "access", "kind", "professions", "countries"],
                name="library_entry_facets",
            ),
        ),
        # The GIN index exists on PostgreSQL only; the model state has it on both.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="entry",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search"], name="library_entry_search"
                    ),
                )
            ],
            database_operations=[
                migrations.RunPython(schema.add_gin_index, schema.remove_gin_index)
            ],
        ),
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="library.entry",
                    ),
                ),
                ("title", models.TextField()),
                ("citations", models.TextField()),
                ("title_fr", models.TextField()),
                ("title_de", models.TextField()),
                ("summary", models.TextField()),
                ("summary_fr", models.TextField()),
                ("summary_de", models.TextField()),
                ("body", models.TextField()),
                ("details", models.TextField()),
            ],
            options={"db_table": "library_fulltext", "managed": False},
        ),
        migrations.RunPython(schema.create_fulltext_table, schema.drop_fulltext_table),
        migrations.RunPython(schema.index_existing_entries, migrations.RunPython.noop),
    ]
