"""The vocabulary that typo tolerance looks up holds words of letters only."""

from __future__ import annotations

import pytest

from marktplatz.search import Document, documents_index
from marktplatz.search.models import SearchTerm
from marktplatz.search.services import vocabulary_word


@pytest.mark.parametrize(
    ("word", "learnt"),
    [("bäckerei", True), ("brot", True), ("ei", False), ("4006381333931", False), ("sku123", False)],
)
def test_vocabulary_word(word: str, learnt: bool) -> None:
    assert vocabulary_word(word) is learnt


@pytest.mark.django_db
def test_codes_are_indexed_but_not_learnt() -> None:
    documents_index(
        kind="product", documents=[Document(object_id=1, title="Honig", body="4006381333931 H-17")]
    )

    assert list(SearchTerm.objects.filter(kind="product").values_list("word", flat=True)) == ["honig"]
