"""
PostgreSQL: a GIN index of the titles alone, so that "every word in the title" (the best
relevance) is found without reading the weights of every matching ``vector`` (see
``DocumentMatch(title_index=True)``). SQLite's FTS5 table filters by column already.
"""

from django.db import migrations

FORWARDS = [
    "CREATE INDEX IF NOT EXISTS search_document_title ON search_document "
    "USING gin (to_tsvector('german'::regconfig, title)) WITH (fastupdate = off)",
    # The statistics of the indexed expression: without them the planner guesses how many titles
    # match and may sort the whole catalogue instead of using the index.
    "ANALYZE search_document",
]
BACKWARDS = ["DROP INDEX IF EXISTS search_document_title"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_product_documents_join")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
