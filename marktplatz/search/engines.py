"""
The two engines behind the search interface. Nothing outside ``marktplatz.search`` imports this.

Each engine does three things: keep its own index in step with ``SearchDocument`` rows
(:meth:`Engine.documents_written`, :meth:`Engine.documents_deleted`), match documents against
query terms (:class:`DocumentMatch`, an ORM expression compiled per vendor) and find vocabulary
words for typo tolerance (:meth:`Engine.has_prefix`, :meth:`Engine.similar_words`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Expression, F
from django.db.models.sql.compiler import SQLCompiler

from .models import SearchDocument, SearchTerm
from .text import levenshtein_within, stem

Field = Literal["title", "keywords", "body"]
FIELDS: Final[tuple[Field, ...]] = ("title", "keywords", "body")
# A term: the words that may stand for one query word (the word itself, then typo corrections).
Term = tuple[str, ...]

_PG_WEIGHT: Final = {"title": "A", "keywords": "B", "body": "C"}
# Stems (SQLite) and words (PostgreSQL) shorter than this match exactly, longer ones as prefixes.
PREFIX_MIN_LENGTH: Final = 3
FTS_TABLE: Final = "search_document_fts"


class DocumentMatch(Expression):
    """
    True for the ``SearchDocument`` rows that contain every term (any of its words, as a prefix
    of the stem); with ``field`` only matches in that field count. Use it in ``filter()`` or
    ``When()`` of a ``SearchDocument`` queryset, or of a queryset joined to its documents
    (``document_id="search_documents__id"``).
    """

    output_field = BooleanField()
    conditional = True

    def __init__(
        self,
        terms: Sequence[Term],
        field: Field | None = None,
        *,
        document_id: str = "id",
        title_index: bool = False,
    ) -> None:
        super().__init__()
        if not terms or not all(terms):
            raise ValueError("DocumentMatch needs at least one term with at least one word")
        if title_index and field != "title":
            raise ValueError("title_index needs field='title'")
        self.terms = tuple(tuple(term) for term in terms)
        self.restrict_to = field
        # PostgreSQL: match the title through its own GIN index (``search_document_title``)
        # instead of the weights of ``vector``, which must be read from every matching row. For
        # filtering by the title; a CASE over rows found otherwise is cheaper with the weights.
        self.title_index = title_index
        # The document's id column; "search_documents__id" from a model joined to its documents.
        self.id_column: Any = F(document_id)

    def get_source_expressions(self) -> list[Any]:
        return [self.id_column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.id_column,) = exprs

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        raise NotImplementedError(f"Search is not available on {connection.vendor}.")

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.id_column)
        # The unary "+" keeps SQLite from looping over the FTS result as index lookups for every
        # outer row (700 ms at 10,000 shops with a radius); it tests membership in the list instead.
        return (
            f"+{column} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",  # noqa: S608
            [*params, fts_expression(self.terms, self.restrict_to)],
        )

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        alias = compiler.quote_name_unless_alias(self.id_column.alias)
        if self.title_index:
            # The expression of the index ``search_document_title`` (migration 0005), word for word.
            return (
                f"to_tsvector('german'::regconfig, {alias}.\"title\") @@ to_tsquery('german'::regconfig, %s)",
                [tsquery_expression(self.terms)],
            )
        return (
            f"{alias}.\"vector\" @@ to_tsquery('german'::regconfig, %s)",
            [tsquery_expression(self.terms, self.restrict_to)],
        )


def fts_expression(terms: Sequence[Term], field: Field | None = None) -> str:
    """An FTS5 query: all terms, any word of a term, each as a prefix of its stem."""

    def word(stemmed: str) -> str:
        return f'"{stemmed}"*' if len(stemmed) >= PREFIX_MIN_LENGTH else f'"{stemmed}"'

    groups = []
    for term in terms:
        stems = dict.fromkeys(stem(w) for w in term)
        groups.append("(" + " OR ".join(word(s) for s in stems if s) + ")")
    expression = " AND ".join(groups)
    return f"{{{field}}} : ({expression})" if field else expression


def tsquery_expression(terms: Sequence[Term], field: Field | None = None) -> str:
    """A ``to_tsquery('german', …)`` input: all terms, any word of a term, prefixes, in ``field``'s weight."""
    weight = _PG_WEIGHT[field] if field else ""

    def word(text: str) -> str:
        if len(text) >= PREFIX_MIN_LENGTH:
            return f"{text}:*{weight}"
        return f"{text}:{weight}" if weight else text

    return " & ".join("(" + " | ".join(word(w) for w in dict.fromkeys(term)) + ")" for term in terms)


class Engine:
    """What differs between the engines; the portable parts live in services and selectors."""

    vendor = ""

    def documents_written(self, documents: Sequence[SearchDocument]) -> None:
        """Bring the engine's own index up to date with freshly saved documents."""

    def documents_deleted(self, document_ids: Sequence[int]) -> None:
        """Drop deleted documents from the engine's own index."""

    def has_prefix(self, *, kind: str, prefix: str) -> bool:
        return SearchTerm.objects.filter(kind=kind, word__startswith=prefix).exists()

    def candidate_words(self, *, kind: str, word: str, distance: int) -> Iterable[str]:
        length = len(word)
        return (
            SearchTerm.objects.filter(kind=kind, length__range=(length - distance, length + distance))
            .values_list("word", flat=True)
            .iterator(chunk_size=2000)
        )

    def similar_words(self, *, kind: str, word: str, distance: int, limit: int = 5) -> list[str]:
        """Vocabulary words at most ``distance`` edits away from ``word``, closest first."""
        found = []
        for candidate in self.candidate_words(kind=kind, word=word, distance=distance):
            edits = levenshtein_within(word, candidate, distance)
            if edits is not None and edits > 0:
                found.append((edits, candidate))
        return [candidate for _edits, candidate in sorted(found)[:limit]]


class PostgresEngine(Engine):
    """The generated ``vector`` column follows the row by itself; trigrams prefilter typo candidates."""

    vendor = "postgresql"

    def candidate_words(self, *, kind: str, word: str, distance: int) -> Iterable[str]:
        length = len(word)
        return SearchTerm.objects.filter(
            kind=kind, word__trigram_similar=word, length__range=(length - distance, length + distance)
        ).values_list("word", flat=True)[:500]


class SqliteEngine(Engine):
    """FTS5 holds the stems of each document under the document's id."""

    vendor = "sqlite"

    def documents_written(self, documents: Sequence[SearchDocument]) -> None:
        rows = [(doc.pk, _stems(doc.title), _stems(doc.keywords), _stems(doc.body)) for doc in documents]
        with connection.cursor() as cursor:
            # A row left behind under the same id (e.g. by a test database flush) is replaced.
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, keywords, body) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                rows,
            )

    def documents_deleted(self, document_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
                [(pk,) for pk in document_ids],
            )

    def has_prefix(self, *, kind: str, prefix: str) -> bool:
        # Words are [a-z0-9]: "{" sorts after all of them, so the range is the prefix (and uses the index).
        return SearchTerm.objects.filter(kind=kind, word__gte=prefix, word__lt=prefix + "{").exists()


def _stems(text: str) -> str:
    return " ".join(stem(word) for word in text.split())


_ENGINES: Final[dict[str, Engine]] = {"postgresql": PostgresEngine(), "sqlite": SqliteEngine()}


def current_engine() -> Engine:
    try:
        return _ENGINES[connection.vendor]
    except KeyError:
        vendor = connection.vendor
        raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {vendor}.") from None
