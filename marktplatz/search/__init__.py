"""
Full-text search for PostgreSQL and SQLite behind one small interface.

Writes (call them from services, never from signals)::

    from marktplatz.search import index_shop, reindex_shops, remove_from_index
    index_shop(shop_id=shop.pk)                 # after any change of a shop (or on_commit)
    reindex_shops(shop_ids=[...])               # several at once; unpublished/deleted ones leave
    remove_from_index(kind="shop", object_ids=[...])

Reads::

    from marktplatz.search import search_query_parse, search_filter
    query = search_query_parse(kind="shop", text="Bäkerei")
    shops = search_filter(queryset=Shop.objects.published(), query=query)  # + "relevance"

A new kind of document plugs in with ``documents_index``/``documents_remove`` and
``register_kind`` (for ``manage.py search_reindex``); see docs/decisions/0003-search.md.
The names are imported lazily so that this package can be imported before Django's app registry
is ready.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .kinds import SearchKind, register_kind
    from .selectors import TextQuery, search_documents, search_filter, search_query_parse
    from .services import (
        Document,
        documents_index,
        documents_remove,
        index_shop,
        reindex_shops,
        remove_from_index,
        search_rebuild,
    )

_EXPORTS = {
    "SearchKind": "kinds",
    "register_kind": "kinds",
    "TextQuery": "selectors",
    "search_documents": "selectors",
    "search_filter": "selectors",
    "search_query_parse": "selectors",
    "Document": "services",
    "documents_index": "services",
    "documents_remove": "services",
    "index_shop": "services",
    "reindex_shops": "services",
    "remove_from_index": "services",
    "search_rebuild": "services",
}

__all__ = [
    "Document",
    "SearchKind",
    "TextQuery",
    "documents_index",
    "documents_remove",
    "index_shop",
    "register_kind",
    "reindex_shops",
    "remove_from_index",
    "search_documents",
    "search_filter",
    "search_query_parse",
    "search_rebuild",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
