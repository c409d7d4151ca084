"""
Background tasks of the directory (queue ``media``): turning uploaded images into the shop's
logo and photos. They only call the services in ``services/images.py``.
"""

from __future__ import annotations

from django_tasks import task

from marktplatz.directory.services.images import shop_logo_store, shop_photo_store


@task(queue_name="media")
def process_shop_photo(*, shop_id: int, staged_name: str, alt_text: str) -> int | None:
    """Re-encode a staged upload (no metadata, at most 1600 px) and add it to the shop's photos."""
    photo = shop_photo_store(shop_id=shop_id, staged_name=staged_name, alt_text=alt_text)
    return photo.pk if photo else None


@task(queue_name="media")
def process_shop_logo(*, shop_id: int, staged_name: str) -> str | None:
    """Re-encode a staged upload (no metadata, at most 512 px) and make it the shop's logo."""
    return shop_logo_store(shop_id=shop_id, staged_name=staged_name)
