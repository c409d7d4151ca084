"""
What each engine needs on top of the portable tables (see ``marktplatz/search/models.py``).

PostgreSQL: the pg_trgm extension, the generated ``tsvector`` column with its GIN index and the
trigram index of the vocabulary. SQLite: the FTS5 table of stems. Each part runs only on its
engine, so the same migration history serves both.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_FORWARDS = [
    """
    ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, title), 'A')
        || setweight(to_tsvector('german'::regconfig, keywords), 'B')
        || setweight(to_tsvector('german'::regconfig, body), 'C')
    ) STORED
    """,
    # fastupdate off: no pending list, whose size makes the planner shun the index after bulk
    # indexing (and makes searches slow until the next vacuum); writes are rare and small.
    "CREATE INDEX search_document_vector ON search_document USING gin (vector) WITH (fastupdate = off)",
    "CREATE INDEX search_term_word_trgm ON search_term USING gin (word gin_trgm_ops) WITH (fastupdate = off)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS search_term_word_trgm",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
]
SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE search_document_fts USING fts5(title, keywords, body, prefix='2 3')",
]
SQLITE_BACKWARDS = ["DROP TABLE IF EXISTS search_document_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class PostgresOnlyTrigramExtension(TrigramExtension):
    """``CREATE EXTENSION pg_trgm`` on PostgreSQL; nothing on SQLite, in both directions."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        PostgresOnlyTrigramExtension(),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS}),
            _run({"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS}),
        ),
    ]
