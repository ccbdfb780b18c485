"""The full-text index of the library (see mignet.library.search): an FTS5 table on SQLite, a stored tsvector
column with a GIN index on PostgreSQL. Other databases get nothing (search falls back to substring matching there)."""

from django.db import migrations

# Kept in step with mignet.library.search.FTS_TABLE / FTS_TOKENIZE (a migration does not import app code).
FTS_TABLE = "library_resource_fts"
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
# PostgreSQL: a stored, generated tsvector (not a model field: the database keeps it, Django never writes it)
# with a GIN index. Title A, abstract B, the whole text C ('simple': every word as written, so Bangla words
# stay whole) and the text's English stems D ("migrants" finds "migration", ranked below the word as typed).
# Stored rather than an expression index because ranking needs each match's vector: recomputing it from a
# few pages of text costs ~1-2 ms a row, so a common word over thousands of resources took seconds.
PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(abstract, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(search_document, '')), 'C') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(search_document, '')), 'D')"
)


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
        schema_editor.execute(
            f"ALTER TABLE library_resource ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({PG_VECTOR}) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX library_resource_search ON library_resource USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_resource_search")
        schema_editor.execute("ALTER TABLE library_resource DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
