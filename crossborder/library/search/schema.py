"""Database structures of library search, for the migrations.

0002 made `library_search` (a table the search code filled by hand); 0003 drops it and makes
the database's own: Entry.search with a GIN index on PostgreSQL, the FTS5 table
library_fulltext on SQLite. DDL is written out only where Django has no operation for it.
"""

from django.contrib.postgres.indexes import GinIndex

GIN = GinIndex(fields=["search"], name="library_entry_search")


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


# --- 0002 (kept because that migration imports these names) ---------------------------------


def create_index(schema_editor) -> None:
    """The 0002 table: dropped again by 0003."""
    if _postgres(schema_editor):
        # A hand-filled table with tsvector columns (0002's design; 0003 replaces it).
        schema_editor.execute(
            "CREATE TABLE library_search (entry_id integer PRIMARY KEY,"
            " access varchar(12) NOT NULL, status varchar(12) NOT NULL,"
            " kind varchar(12) NOT NULL, slug varchar(120) NOT NULL,"
            " facets text NOT NULL, title text NOT NULL, document tsvector NOT NULL,"
            " title_doc tsvector NOT NULL, summary_doc tsvector NOT NULL)"
        )
        for column in ("document", "title_doc", "summary_doc"):
            schema_editor.execute(
                f"CREATE INDEX library_search_{column} ON library_search USING gin ({column})"
                " WITH (fastupdate = off)"
            )
    else:
        # A virtual table: the ORM cannot create one.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE library_search USING fts5(access UNINDEXED, status UNINDEXED,"
            " kind UNINDEXED, slug UNINDEXED, facets UNINDEXED, title, summary, body,"
            " tokenize = 'unicode61', detail = 'column')"
        )


def drop_index(schema_editor) -> None:
    # The table has no model, so no schema-editor operation can drop it.
    schema_editor.execute("DROP TABLE IF EXISTS library_search")


# --- 0003 ------------------------------------------------------------------------------------


def drop_old_index(apps, schema_editor) -> None:
    drop_index(schema_editor)


def restore_old_index(apps, schema_editor) -> None:
    create_index(schema_editor)


def add_gin_index(apps, schema_editor) -> None:
    if _postgres(schema_editor):
        schema_editor.add_index(apps.get_model("library", "Entry"), GIN)


def remove_gin_index(apps, schema_editor) -> None:
    if _postgres(schema_editor):
        schema_editor.remove_index(apps.get_model("library", "Entry"), GIN)


def create_fulltext_table(apps, schema_editor) -> None:
    from .sqlite import create_table_sql

    if not _postgres(schema_editor):
        # An FTS5 virtual table: the ORM cannot create one (its model is unmanaged).
        schema_editor.execute(create_table_sql())


def drop_fulltext_table(apps, schema_editor) -> None:
    from .sqlite import TABLE

    if not _postgres(schema_editor):
        # The virtual table of an unmanaged model: no schema-editor operation drops it.
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def index_existing_entries(apps, schema_editor) -> None:
    from . import postgres, sqlite

    entries = list(apps.get_model("library", "Entry").objects.all())
    (postgres if _postgres(schema_editor) else sqlite).index(entries, apps=apps)
