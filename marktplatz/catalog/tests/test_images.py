"""Product pictures: checked at upload, cleaned (no EXIF) into JPEG, WebP and thumbnail by the task."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from PIL import Image

from marktplatz.catalog.models import Product, ProductImage
from marktplatz.catalog.services import images
from marktplatz.catalog.services.images import (
    MAX_IMAGES,
    product_image_add,
    product_image_delete,
    product_image_move,
    product_image_render,
)
from marktplatz.directory.models import ShopMembership
from marktplatz.directory.tests.factories import ShopMembershipFactory
from marktplatz.directory.tests.test_images import image_bytes, upload

from .factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


def opened(name: str) -> Image.Image:
    with default_storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def add(product: Product, data: bytes, capture: Any, **kwargs: Any) -> ProductImage:
    with capture(execute=True):
        image = product_image_add(product=product, file=upload(data), **kwargs)
    return ProductImage.objects.get(pk=image.pk)


def test_the_renditions_have_no_exif_and_are_upright(django_capture_on_commit_callbacks: Any) -> None:
    product = ProductFactory()
    # Orientation 6: the camera was turned; the stored pixels are 3200×2400, upright it is 2400×3200.
    image = add(product, image_bytes((3200, 2400), orientation=6), django_capture_on_commit_callbacks)

    assert image.is_ready
    assert (image.width, image.height) == (1200, 1600)
    jpeg, webp, thumbnail = (
        opened(image.image.name),
        opened(image.image_webp.name),
        opened(image.thumbnail.name),
    )
    assert (jpeg.format, webp.format, thumbnail.format) == ("JPEG", "WEBP", "JPEG")
    assert jpeg.size == (1200, 1600)
    assert thumbnail.size == (360, 480)
    for rendition in (jpeg, webp, thumbnail):
        assert dict(rendition.getexif()) == {}
        assert "exif" not in rendition.info


def test_the_upload_is_not_kept(django_capture_on_commit_callbacks: Any) -> None:
    product = ProductFactory()

    add(product, image_bytes((400, 300)), django_capture_on_commit_callbacks)

    assert default_storage.listdir("incoming")[1] == []


def test_a_transparent_png_becomes_white_in_the_jpeg() -> None:
    data = image_bytes((40, 30), image_format="PNG", mode="RGBA")

    renditions = product_image_render(source=io.BytesIO(data))

    with (
        Image.open(io.BytesIO(renditions.jpeg.read())) as jpeg,
        Image.open(io.BytesIO(renditions.webp.read())) as webp,
    ):
        assert (jpeg.format, jpeg.mode) == ("JPEG", "RGB")
        assert webp.mode == "RGBA"


def test_a_text_file_is_rejected_with_a_message_and_nothing_is_stored() -> None:
    product = ProductFactory()

    with pytest.raises(ValidationError) as caught:
        product_image_add(product=product, file=upload(b"Kein Bild, nur Text.\n" * 20, name="foto.jpg"))

    assert caught.value.messages == [
        "Diese Datei ist kein Bild, das wir lesen können. "
        "Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch."
    ]
    assert ProductImage.objects.count() == 0


def test_at_most_ten_pictures(django_capture_on_commit_callbacks: Any) -> None:
    product = ProductFactory()
    ProductImage.objects.bulk_create(
        [ProductImage(product_id=product.pk, position=n) for n in range(MAX_IMAGES)]
    )

    with pytest.raises(ValidationError) as caught:
        product_image_add(product=product, file=upload(image_bytes((40, 30))))

    assert caught.value.messages == [
        "Ein Produkt kann bis zu 10 Bilder zeigen. Bitte löschen Sie zuerst eines."
    ]


def test_a_picture_that_cannot_be_processed_is_removed(
    django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    product = ProductFactory()

    def broken(*, source: Any) -> Any:
        raise OSError("broken")

    monkeypatch.setattr(images, "product_image_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        product_image_add(product=product, file=upload(image_bytes((40, 30))))

    assert ProductImage.objects.count() == 0


def test_move_and_delete(django_capture_on_commit_callbacks: Any) -> None:
    product = ProductFactory()
    first = add(product, image_bytes((40, 30)), django_capture_on_commit_callbacks, alt_text="eins")
    second = add(product, image_bytes((40, 30)), django_capture_on_commit_callbacks, alt_text="zwei")

    product_image_move(product=product, image_id=second.pk, direction="up")
    assert list(product.images.values_list("alt_text", flat=True)) == ["zwei", "eins"]

    with django_capture_on_commit_callbacks(execute=True):
        product_image_delete(product=product, image_id=second.pk)
    assert list(product.images.values_list("alt_text", flat=True)) == ["eins"]
    assert not default_storage.exists(second.image.name)
    assert default_storage.exists(first.image.name)


# --- Through the page ---------------------------------------------------------------------------------


@pytest.fixture
def owner() -> ShopMembership:
    return ShopMembershipFactory()


def test_several_pictures_at_once_and_a_bad_one_gets_a_message(
    client: Client, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(owner.user)
    product = ProductFactory(shop=owner.shop, name="Vase")
    url = reverse("catalog:product_images_add", kwargs={"shop_id": owner.shop.pk, "product_id": product.pk})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "images": [
                    upload(image_bytes((60, 40)), name="gut.jpg"),
                    upload(b"kaputt" * 30, name="kaputt.jpg"),
                ]
            },
        )

    assert response.status_code == 200
    assert response.context["image_form"].errors["images"] == [
        "kaputt.jpg: Diese Datei ist kein Bild, das wir lesen können. "
        "Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch."
    ]
    assert list(product.images.values_list("alt_text", flat=True)) == ["Vase"]
