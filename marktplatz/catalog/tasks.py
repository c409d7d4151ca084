"""
Background tasks of the catalog: turning uploaded pictures into a product's JPEG, WebP and
thumbnail renditions (queue ``media``), and indexing a shop's products again after the shop's
name or town changed. They only call services.
"""

from __future__ import annotations

from django_tasks import task

from marktplatz.catalog.indexing import reindex_products_of_shops
from marktplatz.catalog.services.images import product_image_store


@task(queue_name="media")
def process_product_image(*, image_id: int, staged_name: str) -> int | None:
    """Re-encode a staged upload (no metadata, at most 1600 px) into picture ``image_id``'s renditions."""
    image = product_image_store(image_id=image_id, staged_name=staged_name)
    return image.pk if image else None


@task()
def reindex_shop_products(*, shop_id: int) -> None:
    """The shop's name or town changed: its products' search documents hold them too."""
    reindex_products_of_shops(shop_ids=[shop_id])
