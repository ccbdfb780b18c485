"""The full-text index of the library (see mignet.library.search): an FTS5 table on SQLite, GIN indexes on
PostgreSQL. Other databases get nothing (search falls back to substring matching there)."""

from django.db import migrations

# Kept in step with mignet.library.search.FTS_TABLE / FTS_TOKENIZE (a migration does not import app code).
FTS_TABLE = "library_resource_fts"
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
PG_INDEXES = {
    "library_resource_search_simple": "to_tsvector('simple'::regconfig, search_document)",
    "library_resource_search_english": "to_tsvector('english'::regconfig, search_document)",
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f'CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, abstract, body, tokenize="{FTS_TOKENIZE}")'
        )
        # Resources that exist already (`mignet search_reindex` also cleans their text as search does).
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, abstract, body) "  # noqa: S608
            "SELECT r.id, r.title, r.abstract, COALESCE((SELECT v.extracted_text FROM library_resourceversion v "
            "WHERE v.resource_id = r.id AND v.deleted_at IS NULL ORDER BY v.number DESC LIMIT 1), '') "
            "FROM library_resource r WHERE r.deleted_at IS NULL"
        )
    elif vendor == "postgresql":
        for name, expression in PG_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON library_resource USING gin (({expression}))"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        for name in PG_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
