"""
``manage.py generate_products``: the bench's generator writes what the services would have
written (summary fields, search documents, vocabulary), on SQLite through bulk inserts and on
PostgreSQL through COPY (run with ``DATABASE_URL=postgres://…`` for the second path).
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from marktplatz.catalog.indexing import PRODUCT, reindex_products
from marktplatz.catalog.management import generator
from marktplatz.catalog.models import Product, ProductVariant
from marktplatz.catalog.services.products import product_summary_refresh
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.search.models import SearchDocument, SearchTerm
from marktplatz.search.selectors import search_documents, search_query_parse

pytestmark = pytest.mark.django_db


def _documents() -> dict[int, tuple[str, str, str]]:
    return {d.object_id: (d.title, d.keywords, d.body) for d in SearchDocument.objects.filter(kind=PRODUCT)}


@pytest.fixture
def generated() -> list[int]:
    ShopFactory.create_batch(3)
    ShopFactory(status=Shop.Status.HIDDEN)
    call_command("generate_products", count=50, seed=3, stdout=StringIO())
    return list(Product.objects.values_list("pk", flat=True))


def test_creates_the_products_each_with_a_variant(generated: list[int]) -> None:
    assert len(generated) == 50
    assert not Product.objects.exclude(pk__in=ProductVariant.objects.values("product_id")).exists()


def test_names_come_from_the_word_lists(generated: list[int]) -> None:
    names = list(Product.objects.values_list("name", flat=True))
    assert all(name and not name.startswith("Testprodukt") for name in names)
    assert not Product.objects.filter(description="").exists()


def test_summary_fields_equal_what_the_service_computes(generated: list[int]) -> None:
    before = dict(Product.objects.values_list("pk", "price"))
    stock_before = dict(Product.objects.values_list("pk", "in_stock"))
    product_summary_refresh(product_ids=generated)
    assert dict(Product.objects.values_list("pk", "price")) == before
    assert dict(Product.objects.values_list("pk", "in_stock")) == stock_before


def test_search_documents_equal_what_the_indexing_writes(generated: list[int]) -> None:
    documents = _documents()
    words = set(SearchTerm.objects.filter(kind=PRODUCT).values_list("word", flat=True))
    reindex_products(product_ids=generated)
    assert documents == _documents()
    assert set(SearchTerm.objects.filter(kind=PRODUCT).values_list("word", flat=True)) == words


def test_only_visible_products_are_indexed(generated: list[int]) -> None:
    visible = set(Product.objects.visible().values_list("pk", flat=True))
    assert set(_documents()) == visible
    assert len(visible) < 50  # products of the hidden shop are left out


def test_same_seed_same_names() -> None:
    ShopFactory.create_batch(2)
    call_command("generate_products", count=10, seed=7, stdout=StringIO())
    first = list(Product.objects.order_by("pk").values_list("name", flat=True))
    Product.objects.all().delete()
    call_command("generate_products", count=10, seed=7, stdout=StringIO())
    assert list(Product.objects.order_by("pk").values_list("name", flat=True)) == first


def test_without_shops_the_command_says_so() -> None:
    with pytest.raises(CommandError, match="There are no shops"):
        call_command("generate_products", count=5, stdout=StringIO())


def test_a_large_load_rebuilds_the_search_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("The GIN indexes are PostgreSQL's.")
    monkeypatch.setattr(generator, "REBUILD_INDEX_FROM", 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%USING gin%' ORDER BY 1")
        before = cursor.fetchall()
    ShopFactory.create_batch(2)
    call_command("generate_products", count=20, seed=5, stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%USING gin%' ORDER BY 1")
        assert cursor.fetchall() == before
    product = Product.objects.visible().order_by("pk").first()
    assert product is not None
    found = search_documents(query=search_query_parse(kind=PRODUCT, text=product.name))
    assert product.pk in set(found.values_list("object_id", flat=True))
