"""
Products in the shared search index (``marktplatz.search``): title = name, keywords = category
(German and English, with its parent) and the shop's name, body = description, GTIN/SKU and the
shop's town. Only visible products are indexed; services call ``reindex_products`` inside their
transaction after every change a customer could search for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice

from marktplatz.search import Document, SearchKind, documents_index, documents_remove

from .models import Product, ProductCategory, ProductVariant

PRODUCT = "product"
_CHUNK = 1000


def _category_keywords() -> dict[int, str]:
    """Each category's keywords: its German and English name and its parent's (a small table)."""
    rows = ProductCategory.objects.values_list("pk", "name", "name_en", "parent_id")
    categories = {pk: (name, name_en, parent_id) for pk, name, name_en, parent_id in rows}
    keywords: dict[int, str] = {}
    for pk in categories:
        names: list[str] = []
        current: int | None = pk
        while current is not None and current in categories:
            name, name_en, parent_id = categories[current]
            names += [name, name_en]
            current = parent_id
        keywords[pk] = " ".join(names)
    return keywords


def product_document(product: Product) -> Document:
    """The document of one product (what ``reindex_products`` builds for many at once)."""
    category = _category_keywords().get(product.category_id or 0, "")
    codes = [(variant.sku, variant.gtin) for variant in product.variants.all()]
    shop = product.shop
    return _document(product.pk, product.name, product.description, category, shop.name, shop.locality, codes)


def _document(
    pk: int,
    name: str,
    description: str,
    category: str,
    shop_name: str,
    locality: str,
    codes: Iterable[tuple[str, str]],
) -> Document:
    unique_codes = sorted({code for pair in codes for code in pair if code})
    return Document(
        object_id=pk,
        title=name,
        keywords=f"{category} {shop_name}",
        body=" ".join([description, *unique_codes, locality]),
    )


def reindex_products(*, product_ids: Iterable[int]) -> None:
    """
    Index the visible ones of ``product_ids``, take the others (hidden, deleted) out of the search.
    Reads plain rows, not model instances: the CSV import reindexes a thousand products per batch.
    """
    iterator = iter(product_ids)
    categories: dict[int, str] | None = None
    while chunk := list(islice(iterator, _CHUNK)):
        rows = list(
            Product.objects.visible()
            .filter(pk__in=chunk)
            .values_list("pk", "name", "description", "category_id", "shop__name", "shop__locality")
        )
        if categories is None and rows:
            categories = _category_keywords()
        codes: dict[int, list[tuple[str, str]]] = defaultdict(list)
        variants = (
            ProductVariant.objects.filter(product_id__in=[row[0] for row in rows])
            .exclude(sku="", gtin="")
            .values_list("product_id", "sku", "gtin")
        )
        for product_id, sku, gtin in variants:
            codes[product_id].append((sku, gtin))
        documents_index(
            kind=PRODUCT,
            documents=[
                _document(pk, name, text, (categories or {}).get(category_id or 0, ""), shop, town, codes[pk])
                for pk, name, text, category_id, shop, town in rows
            ],
        )
        found = {row[0] for row in rows}
        documents_remove(kind=PRODUCT, object_ids=[pk for pk in chunk if pk not in found])


def reindex_products_of_shops(*, shop_ids: Sequence[int]) -> None:
    """After a shop was published, hidden or renamed: its products follow."""
    reindex_products(product_ids=Product.objects.filter(shop_id__in=shop_ids).values_list("pk", flat=True))


def _visible_product_ids() -> Iterable[int]:
    return Product.objects.visible().order_by("pk").values_list("pk", flat=True).iterator()


PRODUCT_KIND = SearchKind(
    name=PRODUCT, reindex=lambda ids: reindex_products(product_ids=ids), all_ids=_visible_product_ids
)
