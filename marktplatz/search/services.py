"""
Writes of the search index. Call these explicitly from the services that change the indexed
objects (no signals): for shops ``reindex_shops(shop_ids=[...])`` (or ``index_shop(shop=...)``)
after every change of a shop's name, categories, description, town or status, and after deleting
one. Indexing is synchronous, cheap (one shop: a handful of queries) and runs in the caller's
transaction, so the index never shows what was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from marktplatz.directory.models import Category, Shop

from .engines import current_engine
from .kinds import SearchKind, registered_kinds
from .models import SearchDocument, SearchTerm
from .text import flat, tokens

SHOP = "shop"
BATCH_SIZE = 500
VOCABULARY_MIN_LENGTH = 3


def vocabulary_word(word: str) -> bool:
    """
    Whether typo tolerance should know ``word``: words of letters, three or more. Numbers, GTINs
    and article numbers are found exactly; learning them would only bloat the vocabulary.
    """
    return len(word) >= VOCABULARY_MIN_LENGTH and word.isalpha()


@dataclass(frozen=True)
class Document:
    """One object as the index sees it: three texts of falling weight (name > keywords > the rest)."""

    object_id: int
    title: str
    keywords: str = ""
    body: str = ""


def documents_index(*, kind: str, documents: Iterable[Document]) -> None:
    """Add or replace the documents of ``kind`` (one per ``object_id``) and learn their words."""
    docs = list({doc.object_id: doc for doc in documents}.values())  # the last one of each object
    if not docs:
        return
    engine = current_engine()
    now = timezone.now()
    rows = [
        SearchDocument(
            kind=kind,
            object_id=doc.object_id,
            title=" ".join(tokens(doc.title)),
            keywords=" ".join(tokens(doc.keywords)),
            body=" ".join(tokens(doc.body)),
            indexed_at=now,
        )
        for doc in docs
    ]
    words = {
        flat(word)
        for row in rows
        for text in (row.title, row.keywords, row.body)
        for word in text.split()
        if vocabulary_word(word)
    }
    with transaction.atomic():
        # An upsert, so that two concurrent indexings of the same object cannot collide.
        saved = SearchDocument.objects.bulk_create(
            rows,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=["title", "keywords", "body", "indexed_at"],
        )
        engine.documents_written(saved)
        SearchTerm.objects.bulk_create(
            [SearchTerm(kind=kind, word=word, length=len(word)) for word in sorted(words)],
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,
        )


def documents_remove(*, kind: str, object_ids: Iterable[int]) -> None:
    """Remove the documents of ``kind`` for these objects (missing ones are ignored)."""
    ids = list(object_ids)
    if not ids:
        return
    with transaction.atomic():
        for chunk in _chunks(ids, BATCH_SIZE):
            docs = SearchDocument.objects.filter(kind=kind, object_id__in=chunk)
            document_ids = list(docs.values_list("pk", flat=True))
            if document_ids:
                current_engine().documents_deleted(document_ids)
                SearchDocument.objects.filter(pk__in=document_ids).delete()


def remove_from_index(*, kind: str, object_ids: Iterable[int]) -> None:
    """Take objects out of the search (e.g. ``remove_from_index(kind="shop", object_ids=[shop.pk])``)."""
    documents_remove(kind=kind, object_ids=object_ids)


def documents_clear(*, kind: str) -> None:
    """Empty the index and the vocabulary of ``kind``."""
    with transaction.atomic():
        document_ids = list(SearchDocument.objects.filter(kind=kind).values_list("pk", flat=True))
        for chunk in _chunks(document_ids, BATCH_SIZE):
            current_engine().documents_deleted(chunk)
        SearchDocument.objects.filter(kind=kind).delete()
        SearchTerm.objects.filter(kind=kind).delete()


def search_rebuild(*, kinds: Sequence[str] | None = None) -> dict[str, int]:
    """Rebuild the index of the given kinds (default: all); return how many objects each now has."""
    available = registered_kinds()
    names = list(kinds) if kinds else list(available)
    unknown = [name for name in names if name not in available]
    if unknown:
        raise ValueError(f"Unknown search kinds: {', '.join(unknown)}")
    counts = {}
    for name in names:
        kind: SearchKind = available[name]
        with transaction.atomic():
            documents_clear(kind=name)
            for chunk in _chunks(list(kind.all_ids()), BATCH_SIZE):
                kind.reindex(chunk)
        counts[name] = SearchDocument.objects.filter(kind=name).count()
    _refresh_statistics()
    return counts


def _refresh_statistics() -> None:
    """
    Let the query planner see the new sizes. On SQLite this analyses the whole database: without
    statistics it picks poor indexes for the search's filters (seconds instead of milliseconds at
    10,000 shops); PostgreSQL's autovacuum does it for the other tables.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_document, search_term")


# --- Shops ------------------------------------------------------------------------------------


def shop_document(shop: Shop) -> Document:
    """Name (A) > categories and their parents, German and English (B) > description and town (C)."""
    category_names: list[str] = []
    for category in shop.categories.all():
        category_names += [category.name, category.name_en]
        if category.parent is not None:
            category_names += [category.parent.name, category.parent.name_en]
    return Document(
        object_id=shop.pk,
        title=shop.name,
        keywords=" ".join(dict.fromkeys(name for name in category_names if name)),
        body=" ".join(part for part in (shop.description, shop.locality) if part),
    )


def reindex_shops(*, shop_ids: Iterable[int]) -> None:
    """
    Bring these shops' entries up to date: published shops are (re)indexed, shops that are not
    published (any more) or were deleted are removed. Call after every change of a shop.
    """
    ids = sorted(set(shop_ids))
    for chunk in _chunks(ids, BATCH_SIZE):
        shops = list(
            Shop.objects.published()
            .filter(pk__in=chunk)
            .only("pk", "name", "description", "locality")
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.select_related("parent").order_by())
            )
        )
        with transaction.atomic():
            documents_remove(kind=SHOP, object_ids=set(chunk) - {shop.pk for shop in shops})
            documents_index(kind=SHOP, documents=[shop_document(shop) for shop in shops])


def index_shop(*, shop_id: int) -> None:
    """``reindex_shops`` for one shop: index it if published, else take it out of the search."""
    reindex_shops(shop_ids=[shop_id])


def _published_shop_ids() -> Iterable[int]:
    return Shop.objects.published().order_by("pk").values_list("pk", flat=True)


SHOP_KIND = SearchKind(
    name=SHOP, reindex=lambda ids: reindex_shops(shop_ids=ids), all_ids=_published_shop_ids
)


def _chunks(items: Sequence[int] | Iterable[int], size: int) -> Iterable[list[int]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
