"""
Reads of the search index: parse what someone typed, then narrow and rank a queryset with it.

    query = search_query_parse(kind="shop", text="Bäkerei Rostock")
    shops = search_filter(queryset=Shop.objects.published(), query=query)   # annotates "relevance"

The relevance of a document is the sum over the query's words of where each word was found:
``title`` (the name) 4, ``keywords`` (categories) 2, ``body`` (description, town) 1. It is an
integer on purpose: equally relevant objects tie, so the caller's next sort key (the distance)
decides between them, identically on both engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, TypeVar

from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When

from .engines import DocumentMatch, Term, current_engine
from .models import SearchDocument
from .text import flat, stem, tokens, typo_distance

M = TypeVar("M", bound=Model)

FIELD_WEIGHTS: Final = {"title": 4, "keywords": 2, "body": 1}
MAX_TERMS: Final = 8
MAX_CORRECTIONS: Final = 5


@dataclass(frozen=True)
class QueryTerm:
    """One word of the query and the vocabulary words taken for it if it looks misspelt."""

    word: str
    corrections: tuple[str, ...] = ()

    @property
    def words(self) -> Term:
        return (self.word, *self.corrections)


@dataclass(frozen=True)
class TextQuery:
    kind: str
    text: str
    terms: tuple[QueryTerm, ...]

    @property
    def has_words(self) -> bool:
        """False when the text had no letters or digits at all (then it should not filter)."""
        return bool(self.text.strip()) and any(ch.isalnum() for ch in self.text)


def search_query_parse(*, kind: str, text: str) -> TextQuery:
    """
    Split ``text`` into search terms (stop words dropped, at most 8) and add typo corrections:
    a word of 5+ letters that no indexed word starts with (by stem) gets up to 5 vocabulary words
    within 1 edit (5–7 letters) or 2 edits (8+ letters).
    """
    engine = current_engine()
    terms: list[QueryTerm] = []
    for word in dict.fromkeys(tokens(text)):
        if len(terms) == MAX_TERMS:
            break
        distance = typo_distance(flat(word))
        corrections: tuple[str, ...] = ()
        if distance and not engine.has_prefix(kind=kind, prefix=stem(word)):
            corrections = tuple(
                engine.similar_words(kind=kind, word=flat(word), distance=distance, limit=MAX_CORRECTIONS)
            )
        terms.append(QueryTerm(word=word, corrections=corrections))
    return TextQuery(kind=kind, text=text, terms=tuple(terms))


def search_documents(*, query: TextQuery) -> QuerySet[SearchDocument]:
    """The matching documents of the query's kind, annotated with their integer ``relevance``."""
    return _matching(query).annotate(relevance=_relevance(query))


def search_filter(
    *,
    queryset: QuerySet[M],
    query: TextQuery,
    relevance: str = "relevance",
    relation: str = "search_documents",
    title_only: bool = False,
) -> QuerySet[M]:
    """
    Keep the objects of ``queryset`` that match ``query`` and annotate their relevance (an
    integer, higher is better) under the name ``relevance``. The objects must have been indexed
    under ``query.kind``; ``relation`` is the model's reverse relation to its documents (see
    ``ShopSearchDocument``), so the documents are joined, once. A query whose words are all stop
    words matches nothing.

    ``title_only``: only the objects with every word in the title, the best possible relevance
    (``top_relevance``), which rank above all other matches. When they fill the page asked for,
    that page is the same as with all matches, and much cheaper for a common word.
    """
    if not query.terms:
        return queryset.annotate(**{relevance: Value(0, output_field=IntegerField())}).none()
    document_id = f"{relation}__id"
    terms = [term.words for term in query.terms]
    kind = Q(**{f"{relation}__kind": query.kind})
    if title_only:
        matching = kind & DocumentMatch(terms, "title", document_id=document_id, title_index=True)
        score = Value(top_relevance(query), output_field=IntegerField())
        return queryset.filter(matching).annotate(**{relevance: score})
    matching = kind & DocumentMatch(terms, document_id=document_id)
    return queryset.filter(matching).annotate(**{relevance: _relevance(query, document_id=document_id)})


def top_relevance(query: TextQuery) -> int:
    """The relevance of a document with every word of ``query`` in its title (the highest)."""
    return FIELD_WEIGHTS["title"] * len(query.terms)


def relevance_levels(query: TextQuery) -> list[int]:
    """Every relevance a matching document can have, best first (``top_relevance`` first)."""
    levels = {0}
    for _term in query.terms:
        levels = {level + weight for level in levels for weight in FIELD_WEIGHTS.values()}
    return sorted(levels, reverse=True)


def _matching(query: TextQuery) -> QuerySet[SearchDocument]:
    docs = SearchDocument.objects.filter(kind=query.kind)
    if not query.terms:
        return docs.none()
    return docs.filter(DocumentMatch([term.words for term in query.terms]))


def _relevance(query: TextQuery, *, document_id: str = "id") -> Any:
    """Per query word: 4 if found in the title, else 2 if in the keywords, else 1 (it is in the body)."""
    return sum(
        (
            Case(
                When(
                    DocumentMatch([term.words], "title", document_id=document_id),
                    then=Value(FIELD_WEIGHTS["title"]),
                ),
                When(
                    DocumentMatch([term.words], "keywords", document_id=document_id),
                    then=Value(FIELD_WEIGHTS["keywords"]),
                ),
                default=Value(FIELD_WEIGHTS["body"]),
                output_field=IntegerField(),
            )
            for term in query.terms
        ),
        start=Value(0),
    )
