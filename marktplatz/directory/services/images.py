"""
A shop's logo and photos: validation on upload, processing in the background, order and deletion.

An upload is checked at once (size, real content type by Pillow, pixel count) so the owner gets a
message in the same request. The accepted file is then parked under ``incoming/`` with a random name
(never linked anywhere) and a task of the ``media`` queue re-encodes it – orientation applied, EXIF,
XMP and all other metadata removed, longest side at most 1600 px (photos) or 512 px (logos) – and
only then attaches it to the shop. So a photo with the GPS position of someone's home in its EXIF
data is never served.
"""

from __future__ import annotations

import io
import logging
import uuid
from dataclasses import dataclass
from typing import IO, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import Shop, ShopPhoto

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
PHOTO_MAX_SIDE = 1600
LOGO_MAX_SIDE = 512
MAX_PIXELS = 40_000_000  # 40 megapixels: every phone camera, no decompression bombs
MAX_PHOTOS = 12
INCOMING_DIR = "incoming"
JPEG_QUALITY = 85

ImageKind = Literal["photo", "logo"]


@dataclass(frozen=True)
class ProcessedImage:
    content: ContentFile[bytes]
    extension: str
    width: int
    height: int


def image_validate(*, file: File[bytes]) -> None:
    """
    Raise ``ValidationError`` (with a code) unless ``file`` is a readable JPEG, PNG or WebP image
    of at most ``settings.MAX_IMAGE_UPLOAD_BYTES`` and ``MAX_PIXELS``. The type is judged by the
    content, never by the file name. Leaves the file at position 0.
    """
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    size = file.size or 0
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). Please choose an image of at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format or ""
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Please upload a photo in JPEG, PNG or WebP format."), code="unsupported_format"
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels (%(width)s × %(height)s). Please upload a smaller one."),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.verify()
        # verify() checks the structure; decoding (at reduced size for JPEGs) finds truncated files.
        file.seek(0)
        with Image.open(file) as image:
            image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Please upload a photo in JPEG, PNG or WebP format."),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The image file is damaged. Please try another one."), code="damaged"
        ) from None
    finally:
        file.seek(0)


def image_process(*, source: IO[bytes], max_side: int) -> ProcessedImage:
    """
    Re-encode an image: turn it upright by its EXIF orientation, convert it to sRGB, shrink it so
    its longest side is at most ``max_side``, and save it without any metadata (JPEG, or PNG when
    it has transparency).
    """
    with Image.open(source) as original:
        original.draft("RGB", (max_side, max_side))
        image = ImageOps.exif_transpose(original)
        image = _to_srgb(image)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        image = image.convert("RGBA" if has_alpha else "RGB")
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        # Nothing of the original's metadata may travel: no EXIF, XMP, ICC, comments.
        image.info = {}
        buffer = io.BytesIO()
        if has_alpha:
            image.save(buffer, format="PNG", optimize=True)
            extension = "png"
        else:
            image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            extension = "jpg"
        return ProcessedImage(ContentFile(buffer.getvalue()), extension, image.width, image.height)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert an image with an embedded colour profile (e.g. Display P3 from phones) to sRGB."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            image, source_profile, ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def image_stage(*, file: File[bytes]) -> str:
    """Park a validated upload under a random, never-linked name; return its storage name."""
    file.seek(0)
    return default_storage.save(f"{INCOMING_DIR}/{uuid.uuid4().hex}.upload", file)


def file_delete_on_commit(name: str) -> None:
    """Delete a stored file once the transaction commits (a rollback keeps it)."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


# --- Photos -----------------------------------------------------------------------------------


def shop_photo_add(*, shop: Shop, file: File[bytes], alt_text: str) -> None:
    """
    Validate ``file`` and queue it as a new photo of ``shop`` (it appears once processed; at once
    with the immediate task backend). Raise ``ValidationError`` for a bad file or a full album.
    """
    if shop.photos.count() >= MAX_PHOTOS:
        raise ValidationError(
            _("A shop can show up to %(count)s photos. Please delete one first."),
            code="too_many_photos",
            params={"count": MAX_PHOTOS},
        )
    image_validate(file=file)
    staged = image_stage(file=file)
    from marktplatz.directory.tasks import process_shop_photo

    transaction.on_commit(
        lambda: process_shop_photo.enqueue(shop_id=shop.pk, staged_name=staged, alt_text=alt_text)
    )


def shop_photo_store(*, shop_id: int, staged_name: str, alt_text: str) -> ShopPhoto | None:
    """Turn a staged upload into a processed ``ShopPhoto`` at the end of the album (the task's work)."""
    try:
        with default_storage.open(staged_name, "rb") as source:
            processed = image_process(source=source, max_side=PHOTO_MAX_SIDE)
    finally:
        default_storage.delete(staged_name)
    with transaction.atomic():
        shop = Shop.objects.select_for_update().filter(pk=shop_id).first()
        if shop is None:
            return None
        last = shop.photos.aggregate(last=Max("position"))["last"]
        photo = ShopPhoto(shop=shop, alt_text=alt_text, position=0 if last is None else last + 1)
        photo.image.save(f"{uuid.uuid4().hex}.{processed.extension}", processed.content, save=False)
        try:
            photo.save()
        except Exception:
            default_storage.delete(photo.image.name or "")
            raise
    return photo


def shop_photo_update(*, shop: Shop, photo_id: int, alt_text: str) -> ShopPhoto:
    """Change what the photo's description says. Raise ``ShopPhoto.DoesNotExist`` if not ``shop``'s."""
    photo = shop.photos.get(pk=photo_id)
    photo.alt_text = alt_text
    photo.save(update_fields=["alt_text"])
    return photo


@transaction.atomic
def shop_photo_delete(*, shop: Shop, photo_id: int) -> None:
    """Delete a photo and, after commit, its file. Raise ``ShopPhoto.DoesNotExist`` if not ``shop``'s."""
    photo = shop.photos.get(pk=photo_id)
    name = photo.image.name or ""
    photo.delete()
    file_delete_on_commit(name)


@transaction.atomic
def shop_photo_move(*, shop: Shop, photo_id: int, direction: Literal["up", "down"]) -> None:
    """
    Move a photo one place towards the start (``up``) or the end (``down``) of the album; the
    first photo is the one shown first. Positions are renumbered 0..n-1.
    """
    photos = list(Shop.objects.select_for_update().get(pk=shop.pk).photos.order_by("position", "pk"))
    index = next((i for i, photo in enumerate(photos) if photo.pk == photo_id), None)
    if index is None:
        raise ShopPhoto.DoesNotExist
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(photos):
        photos[index], photos[target] = photos[target], photos[index]
    for position, photo in enumerate(photos):
        photo.position = position
    ShopPhoto.objects.bulk_update(photos, ["position"])


# --- Logo -------------------------------------------------------------------------------------


def shop_logo_set(*, shop: Shop, file: File[bytes]) -> None:
    """Validate ``file`` and queue it as the logo of ``shop`` (replacing any earlier logo)."""
    image_validate(file=file)
    staged = image_stage(file=file)
    from marktplatz.directory.tasks import process_shop_logo

    transaction.on_commit(lambda: process_shop_logo.enqueue(shop_id=shop.pk, staged_name=staged))


def shop_logo_store(*, shop_id: int, staged_name: str) -> str | None:
    """Process a staged upload into the shop's logo; return its storage name (the task's work)."""
    try:
        with default_storage.open(staged_name, "rb") as source:
            processed = image_process(source=source, max_side=LOGO_MAX_SIDE)
    finally:
        default_storage.delete(staged_name)
    upload_to = Shop._meta.get_field("logo").upload_to
    name = default_storage.save(f"{upload_to}{uuid.uuid4().hex}.{processed.extension}", processed.content)
    with transaction.atomic():
        shop = Shop.objects.select_for_update().filter(pk=shop_id).only("pk", "logo").first()
        if shop is None:
            default_storage.delete(name)
            return None
        old = shop.logo.name or ""
        # A targeted update: never overwrite what the owner saves in the meantime.
        Shop.objects.filter(pk=shop_id).update(logo=name)
        content_changed()
        file_delete_on_commit(old)
    return name


@transaction.atomic
def shop_logo_delete(*, shop: Shop) -> None:
    """Remove the shop's logo and, after commit, its file."""
    old = Shop.objects.select_for_update().only("pk", "logo").get(pk=shop.pk).logo.name or ""
    Shop.objects.filter(pk=shop.pk).update(logo="")
    content_changed()
    shop.logo.name = ""
    file_delete_on_commit(old)
