"""
The kinds of documents in the index. A kind names its objects and says how to (re)index some of
them; ``search_reindex`` rebuilds every registered kind. Shops register in ``apps.py``; products
register the same way (``register_kind(SearchKind(name="product", ...))``) without touching the engines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchKind:
    name: str
    # (Re)index these ids: index the ones that should be found, remove the others.
    reindex: Callable[[Sequence[int]], None]
    # Every id that should be found (used to rebuild the index).
    all_ids: Callable[[], Iterable[int]]


_KINDS: dict[str, SearchKind] = {}


def register_kind(kind: SearchKind) -> None:
    if len(kind.name) > 20:
        raise ValueError(f"A kind's name has at most 20 characters: {kind.name!r}")
    _KINDS[kind.name] = kind


def registered_kinds() -> dict[str, SearchKind]:
    return dict(_KINDS)
