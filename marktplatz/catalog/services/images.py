"""
Pictures of a product: checked at upload, processed in the background, described, ordered, deleted.

The checks and the cleaning are the directory's (``directory.services.images``): an upload is
judged by its content (JPEG, PNG or WebP, size and pixel limits) in the request, so the owner
gets a message at once; it is then parked under ``incoming/`` and the ``media`` task re-encodes
it – orientation applied, every piece of metadata (EXIF with GPS positions, XMP, ICC) removed,
longest side at most 1600 px. From that clean picture the task makes the three renditions a
``ProductImage`` holds: JPEG (``image``), WebP (``image_webp``) and a small JPEG ``thumbnail``.

The ``ProductImage`` row exists from the upload on (``is_ready`` is False until the task is done),
so the limit of ``MAX_IMAGES`` counts pictures still in processing too.
"""

from __future__ import annotations

import io
import logging
import uuid
from dataclasses import dataclass
from typing import IO, Literal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from PIL import Image

from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.services.images import (
    JPEG_QUALITY,
    PHOTO_MAX_SIDE,
    file_delete_on_commit,
    image_process,
    image_stage,
    image_validate,
)

from ..models import Product, ProductImage

logger = logging.getLogger(__name__)

MAX_IMAGES = 10
THUMBNAIL_SIDE = 480
WEBP_QUALITY = 80
BACKGROUND = (255, 255, 255)  # transparent parts of a PNG become white in the JPEG renditions


@dataclass(frozen=True)
class Renditions:
    jpeg: ContentFile[bytes]
    webp: ContentFile[bytes]
    thumbnail: ContentFile[bytes]
    width: int
    height: int


def _encoded(image: Image.Image, image_format: str, **params: object) -> ContentFile[bytes]:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **params)
    return ContentFile(buffer.getvalue())


def product_image_render(*, source: IO[bytes]) -> Renditions:
    """
    The three renditions of an uploaded picture: cleaned by ``image_process`` (upright, sRGB, no
    metadata, at most 1600 px), then saved as JPEG and WebP, plus a thumbnail of at most 480 px.
    """
    processed = image_process(source=source, max_side=PHOTO_MAX_SIDE)
    data = processed.content.read()
    with Image.open(io.BytesIO(data)) as clean:
        clean.load()
        has_alpha = clean.mode == "RGBA"
        if has_alpha:
            flat = Image.new("RGB", clean.size, BACKGROUND)
            flat.paste(clean, mask=clean.getchannel("A"))
        else:
            flat = clean.convert("RGB")
        # image_process already wrote a JPEG for opaque pictures: keep it, re-encoding loses quality.
        jpeg = (
            ContentFile(data)
            if processed.extension == "jpg"
            else _encoded(flat, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        )
        webp = _encoded(clean if has_alpha else flat, "WEBP", quality=WEBP_QUALITY, method=4)
        small = flat.copy()
        small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
        thumbnail = _encoded(small, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return Renditions(jpeg=jpeg, webp=webp, thumbnail=thumbnail, width=clean.width, height=clean.height)


def product_image_add(*, product: Product, file: File[bytes], alt_text: str = "") -> ProductImage:
    """
    Check ``file`` and queue it as the last picture of ``product`` (processed by the task on commit;
    at once with the immediate task backend). Raise ``ValidationError`` for a bad file or when the
    product already has ``MAX_IMAGES`` pictures.
    """
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        if locked.images.count() >= MAX_IMAGES:
            raise ValidationError(
                _("A product can show up to %(count)s pictures. Please delete one first."),
                code="too_many_images",
                params={"count": MAX_IMAGES},
            )
        image_validate(file=file)
        last = locked.images.aggregate(last=Max("position"))["last"]
        image = ProductImage.objects.create(
            product=locked, alt_text=alt_text[:200], position=0 if last is None else last + 1
        )
        staged = image_stage(file=file)
        from ..tasks import process_product_image

        transaction.on_commit(lambda: process_product_image.enqueue(image_id=image.pk, staged_name=staged))
    return image


def product_image_store(*, image_id: int, staged_name: str) -> ProductImage | None:
    """
    The task's work: turn a staged upload into the renditions of picture ``image_id``. A picture
    deleted in the meantime is forgotten; one that cannot be processed is removed again.
    """
    try:
        with default_storage.open(staged_name, "rb") as source:
            renditions = product_image_render(source=source)
    except Exception:
        logger.exception("Product image %s could not be processed", image_id)
        ProductImage.objects.filter(pk=image_id, image="").delete()
        return None
    finally:
        default_storage.delete(staged_name)
    with transaction.atomic():
        image = ProductImage.objects.select_for_update().select_related("product").filter(pk=image_id).first()
        if image is None:
            return None
        base = uuid.uuid4().hex
        image.image.save(f"{base}.jpg", renditions.jpeg, save=False)
        image.image_webp.save(f"{base}.webp", renditions.webp, save=False)
        image.thumbnail.save(f"{base}-klein.jpg", renditions.thumbnail, save=False)
        image.width, image.height = renditions.width, renditions.height
        try:
            image.save(update_fields=["image", "image_webp", "thumbnail", "width", "height"])
        except Exception:
            for name in (image.image.name, image.image_webp.name, image.thumbnail.name):
                default_storage.delete(name or "")
            raise
        content_changed()
    return image


def product_image_update(*, product: Product, image_id: int, alt_text: str) -> ProductImage:
    """Change the picture's description. Raise ``ProductImage.DoesNotExist`` if not ``product``'s."""
    image = product.images.get(pk=image_id)
    image.alt_text = alt_text
    image.save(update_fields=["alt_text"])
    content_changed()
    return image


@transaction.atomic
def product_image_delete(*, product: Product, image_id: int) -> None:
    """Delete a picture and, after commit, its files; ``ProductImage.DoesNotExist`` if not ``product``'s."""
    image = product.images.get(pk=image_id)
    names = [image.image.name, image.image_webp.name, image.thumbnail.name]
    image.delete()
    for name in names:
        file_delete_on_commit(name or "")
    content_changed()


@transaction.atomic
def product_image_move(*, product: Product, image_id: int, direction: Literal["up", "down"]) -> None:
    """
    Move a picture one place towards the start (``up``) or the end (``down``); the first picture is
    the product's main picture. Positions are renumbered 0..n-1.
    """
    locked = Product.objects.select_for_update().get(pk=product.pk)
    images = list(locked.images.order_by("position", "pk"))
    index = next((i for i, image in enumerate(images) if image.pk == image_id), None)
    if index is None:
        raise ProductImage.DoesNotExist
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(images):
        images[index], images[target] = images[target], images[index]
    for position, image in enumerate(images):
        image.position = position
    ProductImage.objects.bulk_update(images, ["position"])
    content_changed()
