"""Photos and logos: validation by content at upload, re-encoding without metadata in the task."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import ExifTags, Image

from marktplatz.directory.models import Shop, ShopPhoto
from marktplatz.directory.services import images
from marktplatz.directory.services.images import (
    image_validate,
    shop_logo_delete,
    shop_logo_set,
    shop_photo_add,
    shop_photo_delete,
    shop_photo_move,
)

from .factories import ShopFactory

pytestmark = pytest.mark.usefixtures("german")


def image_bytes(
    size: tuple[int, int] = (3200, 2400),
    *,
    image_format: str = "JPEG",
    mode: str = "RGB",
    orientation: int | None = None,
    gps: bool = True,
) -> bytes:
    """A real image made with Pillow; JPEGs carry EXIF with a camera, a GPS position and orientation."""
    image = Image.new(mode, size, (200, 120, 40, 128) if mode == "RGBA" else (200, 120, 40))
    buffer = io.BytesIO()
    params: dict[str, Any] = {}
    if image_format == "JPEG":
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif[ExifTags.Base.Model] = "Pocket 12"
        if orientation:
            exif[ExifTags.Base.Orientation] = orientation
        if gps:
            exif[ExifTags.IFD.GPSInfo] = {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: (54.0, 5.0, 17.0),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: (12.0, 8.0, 25.0),
            }
        params["exif"] = exif
    image.save(buffer, format=image_format, **params)
    return buffer.getvalue()


def upload(data: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_test_image_really_has_exif_with_a_gps_position() -> None:
    with Image.open(io.BytesIO(image_bytes())) as image:
        exif = image.getexif()
        assert exif[ExifTags.Base.Make] == "PhoneMaker"
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"


@pytest.mark.parametrize(
    ("data", "image_format"),
    [
        (image_bytes((40, 30)), "JPEG"),
        (image_bytes((40, 30), image_format="PNG"), "PNG"),
        (image_bytes((40, 30), image_format="WEBP"), "WEBP"),
    ],
)
def test_jpeg_png_and_webp_are_accepted(data: bytes, image_format: str) -> None:
    file = upload(data, name="bild.bin")

    image_validate(file=file)

    assert file.tell() == 0


def test_a_text_file_renamed_jpg_is_rejected_with_a_message() -> None:
    file = upload(b"Dies ist keine Bilddatei, nur Text.\n" * 20, name="foto.jpg")

    with pytest.raises(ValidationError) as caught:
        image_validate(file=file)

    assert caught.value.code == "not_an_image"
    assert caught.value.messages == [
        "Diese Datei ist kein Bild, das wir lesen können. "
        "Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch."
    ]


def test_a_gif_is_rejected_although_pillow_reads_it() -> None:
    file = upload(image_bytes((40, 30), image_format="GIF"), name="bild.gif", content_type="image/gif")

    with pytest.raises(ValidationError) as caught:
        image_validate(file=file)

    assert caught.value.messages == ["Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch."]


def test_a_file_above_the_size_limit_is_rejected_before_it_is_read(settings: Any) -> None:
    data = image_bytes((400, 300))
    settings.MAX_IMAGE_UPLOAD_BYTES = len(data) - 1

    with pytest.raises(ValidationError) as caught:
        image_validate(file=upload(data))

    assert caught.value.code == "too_large"
    size, limit = filesizeformat(len(data)), filesizeformat(len(data) - 1)
    assert caught.value.messages == [
        f"Die Datei ist zu groß ({size}). Bitte wählen Sie ein Bild mit höchstens {limit}."
    ]


def test_a_truncated_jpeg_is_rejected_as_damaged() -> None:
    data = image_bytes((800, 600))

    with pytest.raises(ValidationError) as caught:
        image_validate(file=upload(data[: len(data) // 2]))

    assert caught.value.code == "damaged"


def test_an_image_with_too_many_pixels_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)

    with pytest.raises(ValidationError) as caught:
        image_validate(file=upload(image_bytes((101, 100))))

    assert caught.value.code == "too_many_pixels"


@pytest.mark.django_db
def test_a_photo_is_stored_without_exif_and_resized_to_1600_pixels(
    django_capture_on_commit_callbacks: Any,
) -> None:
    shop = ShopFactory()

    with django_capture_on_commit_callbacks(execute=True):
        shop_photo_add(shop=shop, file=upload(image_bytes((3200, 2400))), alt_text="Unser Schaufenster")

    photo = shop.photos.get()
    assert photo.alt_text == "Unser Schaufenster"
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (1600, 1200)
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
        assert "xmp" not in image.info


@pytest.mark.django_db
def test_the_photo_is_turned_upright_by_its_exif_orientation_before_the_exif_goes(
    django_capture_on_commit_callbacks: Any,
) -> None:
    shop = ShopFactory()
    # Orientation 6: the camera was held upright; the pixels are stored lying on their side.
    sideways = image_bytes((300, 200), orientation=6)

    with django_capture_on_commit_callbacks(execute=True):
        shop_photo_add(shop=shop, file=upload(sideways), alt_text="Theke")

    with shop.photos.get().image.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (200, 300)


@pytest.mark.django_db
def test_the_staged_upload_is_deleted_after_processing(django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()

    with django_capture_on_commit_callbacks(execute=True):
        shop_photo_add(shop=shop, file=upload(image_bytes((50, 40))), alt_text="Regal")

    assert default_storage.listdir(images.INCOMING_DIR)[1] == []


@pytest.mark.django_db
def test_nothing_is_stored_when_the_upload_is_rejected(django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        shop_photo_add(shop=shop, file=upload(b"kein Bild", name="x.jpg"), alt_text="Regal")

    assert not ShopPhoto.objects.exists()
    assert not default_storage.exists(images.INCOMING_DIR)


@pytest.mark.django_db
def test_a_shop_shows_at_most_max_photos(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(images, "MAX_PHOTOS", 2)
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Eins", "Zwei"):
            shop_photo_add(shop=shop, file=upload(image_bytes((50, 40))), alt_text=text)

    with pytest.raises(ValidationError) as caught:
        shop_photo_add(shop=shop, file=upload(image_bytes((50, 40))), alt_text="Drei")

    assert caught.value.messages == [
        "Ein Geschäft kann bis zu 2 Fotos zeigen. Bitte löschen Sie zuerst eines."
    ]
    assert shop.photos.count() == 2


@pytest.mark.django_db
def test_a_logo_is_resized_to_512_pixels_and_keeps_its_transparency_as_png(
    django_capture_on_commit_callbacks: Any,
) -> None:
    shop = ShopFactory()

    with django_capture_on_commit_callbacks(execute=True):
        shop_logo_set(
            shop=shop, file=upload(image_bytes((1024, 800), image_format="PNG", mode="RGBA"), "l.png")
        )

    shop.refresh_from_db()
    assert shop.logo.name.startswith("shops/logos/")
    with shop.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG"
        assert image.mode == "RGBA"
        assert image.size == (512, 400)


@pytest.mark.django_db
def test_a_new_logo_replaces_the_old_file(django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=True):
        shop_logo_set(shop=shop, file=upload(image_bytes((60, 60))))
    shop.refresh_from_db()
    old = shop.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        shop_logo_set(shop=shop, file=upload(image_bytes((70, 70))))

    shop.refresh_from_db()
    assert shop.logo.name != old
    assert not default_storage.exists(old)


@pytest.mark.django_db
def test_deleting_the_logo_removes_the_file(django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=True):
        shop_logo_set(shop=shop, file=upload(image_bytes((60, 60))))
    shop.refresh_from_db()
    name = shop.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        shop_logo_delete(shop=shop)

    assert Shop.objects.get(pk=shop.pk).logo.name == ""
    assert not default_storage.exists(name)


@pytest.fixture
def album(django_capture_on_commit_callbacks: Any) -> Shop:
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Eins", "Zwei", "Drei"):
            shop_photo_add(shop=shop, file=upload(image_bytes((50, 40))), alt_text=text)
    return shop


def order_of(shop: Shop) -> list[str]:
    return list(shop.photos.order_by("position", "pk").values_list("alt_text", flat=True))


@pytest.mark.django_db
def test_photos_are_added_at_the_end(album: Shop) -> None:
    assert order_of(album) == ["Eins", "Zwei", "Drei"]


@pytest.mark.django_db
def test_moving_a_photo_up_swaps_it_with_the_one_before(album: Shop) -> None:
    third = album.photos.get(alt_text="Drei")

    shop_photo_move(shop=album, photo_id=third.pk, direction="up")

    assert order_of(album) == ["Eins", "Drei", "Zwei"]


@pytest.mark.django_db
def test_moving_the_last_photo_down_changes_nothing(album: Shop) -> None:
    third = album.photos.get(alt_text="Drei")

    shop_photo_move(shop=album, photo_id=third.pk, direction="down")

    assert order_of(album) == ["Eins", "Zwei", "Drei"]


@pytest.mark.django_db
def test_another_shops_photo_cannot_be_moved_or_deleted(album: Shop) -> None:
    other = ShopFactory()
    photo = album.photos.first()

    with pytest.raises(ShopPhoto.DoesNotExist):
        shop_photo_move(shop=other, photo_id=photo.pk, direction="up")
    with pytest.raises(ShopPhoto.DoesNotExist):
        shop_photo_delete(shop=other, photo_id=photo.pk)
    assert album.photos.count() == 3


@pytest.mark.django_db
def test_deleting_a_photo_removes_its_file(album: Shop, django_capture_on_commit_callbacks: Any) -> None:
    photo = album.photos.get(alt_text="Zwei")

    with django_capture_on_commit_callbacks(execute=True):
        shop_photo_delete(shop=album, photo_id=photo.pk)

    assert order_of(album) == ["Eins", "Drei"]
    assert not default_storage.exists(photo.image.name)
