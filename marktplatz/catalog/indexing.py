"""
Products in the shared search index (``marktplatz.search``): title = name, keywords = category
(German and English, with its parent) and the shop's name, body = description, GTIN/SKU and the
shop's town. Only visible products are indexed; services call ``reindex_products`` inside their
transaction after every change a customer could search for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from marktplatz.search import Document, SearchKind, documents_index, documents_remove

from .models import Product, ProductCategory

PRODUCT = "product"
_CHUNK = 1000


def product_document(product: Product) -> Document:
    keywords: list[str] = []
    category: ProductCategory | None = product.category
    while category is not None:
        keywords += [category.name, category.name_en]
        category = category.parent
    keywords.append(product.shop.name)
    codes = {code for variant in product.variants.all() for code in (variant.sku, variant.gtin) if code}
    body = " ".join([product.description, *sorted(codes), product.shop.locality])
    return Document(object_id=product.pk, title=product.name, keywords=" ".join(keywords), body=body)


def reindex_products(*, product_ids: Iterable[int]) -> None:
    """Index the visible ones of ``product_ids``, take the others (hidden, deleted) out of the search."""
    iterator = iter(product_ids)
    while chunk := list(islice(iterator, _CHUNK)):
        products = list(
            Product.objects.visible()
            .filter(pk__in=chunk)
            .select_related("shop", "category__parent")
            .prefetch_related("variants")
        )
        documents_index(kind=PRODUCT, documents=[product_document(product) for product in products])
        found = {product.pk for product in products}
        documents_remove(kind=PRODUCT, object_ids=[pk for pk in chunk if pk not in found])


def reindex_products_of_shops(*, shop_ids: Sequence[int]) -> None:
    """After a shop was published, hidden or renamed: its products follow."""
    reindex_products(product_ids=Product.objects.filter(shop_id__in=shop_ids).values_list("pk", flat=True))


def _visible_product_ids() -> Iterable[int]:
    return Product.objects.visible().order_by("pk").values_list("pk", flat=True).iterator()


PRODUCT_KIND = SearchKind(
    name=PRODUCT, reindex=lambda ids: reindex_products(product_ids=ids), all_ids=_visible_product_ids
)
