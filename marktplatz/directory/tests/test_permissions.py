"""
Every back-office URL goes through ``access_shop``. The URLs are collected from the URL resolver
(every route under ``meine-geschaefte/``), so a page added later is checked without anyone
remembering to list it. Each is requested with GET and with a POST full of valid data for every
form, as: nobody (→ login), the owner of another shop (→ 404), and staff of the shop on owner-only
pages (→ 404); afterwards the database holds exactly what it held before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from marktplatz.accounts.models import User
from marktplatz.catalog.models import ImportJob, Product, ProductImage, ProductVariant
from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.models import (
    DeliveryPostalCode,
    OpeningHours,
    Shop,
    ShopLink,
    ShopMembership,
    ShopPhoto,
    ShopService,
    SpecialDay,
    StaffInvitation,
)
from marktplatz.directory.services import images

from .factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopMembershipFactory,
    ShopServiceFactory,
    SpecialDayFactory,
)
from .test_images import image_bytes

PREFIX = "meine-geschaefte/"
# Back-office routes that are not about one shop: the list of one's own shops (it shows only those,
# see test_my_shops_shows_only_ones_own_shops) and the invitation link, whose signed token is the
# permission (see test_team.py).
NOT_ABOUT_ONE_SHOP = {"directory:my_shops", "directory:invitation_accept"}
OWNER_ONLY = {"directory:shop_team", "directory:shop_invitation_withdraw", "directory:shop_member_remove"}


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    params: tuple[str, ...]


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            params = tuple(getattr(pattern.pattern, "converters", {}))
            yield Route(name, prefix + str(pattern.pattern), params)


def backoffice_routes() -> list[Route]:
    return [route for route in _walk(get_resolver().url_patterns) if route.route.startswith(PREFIX)]


SHOP_ROUTES = [route for route in backoffice_routes() if route.name not in NOT_ABOUT_ONE_SHOP]
# Everything but the invitation link needs a login.
LOGIN_ROUTES = [route for route in backoffice_routes() if route.name != "directory:invitation_accept"]


def test_the_walk_finds_the_back_office() -> None:
    names = {route.name for route in backoffice_routes()}

    assert names >= NOT_ABOUT_ONE_SHOP | OWNER_ONLY
    assert len(SHOP_ROUTES) >= 15
    assert all("shop_id" in route.params for route in SHOP_ROUTES)


def new_membership(**fields: Any) -> ShopMembership:
    """A saved membership, typed as one (factory_boy's stubs say ShopMembershipFactory)."""
    return ShopMembershipFactory(**fields)


@dataclass
class World:
    shop: Shop
    owner: User
    staff: User
    stranger: User
    stranger_shop: Shop
    objects: dict[str, int]


@pytest.fixture
def world(django_capture_on_commit_callbacks: Any) -> World:
    owner = new_membership()
    shop = owner.shop
    staff = new_membership(shop=shop, role=ShopMembership.Role.STAFF)
    stranger = new_membership()
    OpeningHoursFactory(shop=shop)
    ShopServiceFactory(shop=shop)
    DeliveryPostalCode.objects.create(shop=shop, postal_code="18055")
    ShopLink.objects.create(shop=shop, platform="facebook", url="https://facebook.com/laden")
    day = SpecialDayFactory(shop=shop)
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Eins", "Zwei"):
            images.shop_photo_add(
                shop=shop, file=SimpleUploadedFile("f.jpg", image_bytes((40, 30))), alt_text=text
            )
    invitation = StaffInvitation.objects.create(shop=shop, email="offen@example.org", invited_by=owner.user)
    product = ProductFactory(shop=shop)
    picture = ProductImage.objects.create(product_id=product.pk, alt_text="Bild")
    job = ImportJob.objects.create(shop=shop, created_by=owner.user, status=ImportJob.Status.DONE)
    job.error_report.save("fehler.csv", ContentFile(b"Zeile;Grund\n"))
    objects = {
        "shop_id": shop.pk,
        "special_day_id": day.pk,
        "photo_id": shop.photos.order_by("position").last().pk,
        "membership_id": staff.pk,
        "invitation_id": invitation.pk,
        "product_id": product.pk,
        "image_id": picture.pk,
        "job_id": job.pk,
    }
    return World(shop, owner.user, staff.user, stranger.user, stranger.shop, objects)


def url_of(route: Route, world: World) -> str:
    missing = [param for param in route.params if param not in world.objects]
    if missing:
        pytest.fail(f"{route.name}: give the test world an object for {missing}")
    return reverse(route.name, kwargs={param: world.objects[param] for param in route.params})


def post_data() -> dict[str, Any]:
    """Valid data for every form of the back office at once: a missing door would let it through."""
    return {
        "name": "Übernommen",
        "description": "Gehackt",
        "categories": [CategoryFactory(slug="perm-test").pk],
        "phone": "0381 999999",
        "email": "eindringling@example.org",
        "role": "owner",
        "payment_methods": ["cash"],
        "street": "Fremde Straße 1",
        "postal_code": "19053",
        "locality": "Schwerin",
        "lat": "53.6",
        "lon": "11.4",
        "pickup_enabled": "on",
        "d0_0_opens": "06:00",
        "d0_0_closes": "22:00",
        "date": "2099-01-01",
        "kind": "closed",
        "alt_text": "Gehackt",
        "direction": "up",
        "image": SimpleUploadedFile("x.jpg", image_bytes((40, 30))),
        "logo": SimpleUploadedFile("l.jpg", image_bytes((40, 30))),
        "action": "hide",
        "percent": "50",
        "stock": "3",
        "price": "1,00",
        "images": SimpleUploadedFile("p.jpg", image_bytes((40, 30))),
        "photo": SimpleUploadedFile("q.jpg", image_bytes((40, 30))),
        "file": SimpleUploadedFile("produkte.csv", b"Name;Preis\nHonig;4,50\n"),
    }


SNAPSHOT_MODELS: list[type[models.Model]] = [
    Shop,
    Shop.categories.through,
    ShopMembership,
    StaffInvitation,
    ShopService,
    DeliveryPostalCode,
    OpeningHours,
    SpecialDay,
    ShopPhoto,
    ShopLink,
    User,
    Product,
    ProductVariant,
    ProductImage,
    ImportJob,
]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in SNAPSHOT_MODELS
    }


def request_both(client: Client, url: str, capture: Any) -> list[Any]:
    with capture(execute=True):
        return [client.get(url), client.post(url, post_data())]


def assert_unchanged(before: dict[str, list[dict[str, Any]]]) -> None:
    assert snapshot() == before
    assert mail.outbox == []
    assert not default_storage.exists(images.INCOMING_DIR) or default_storage.listdir(
        images.INCOMING_DIR
    ) == (
        [],
        [],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", LOGIN_ROUTES, ids=lambda route: route.name)
def test_nobody_is_sent_to_the_login(
    route: Route, world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    url = url_of(route, world)
    before = snapshot()

    responses = request_both(client, url, django_capture_on_commit_callbacks)

    login = f"{reverse('accounts:login')}?{REDIRECT_FIELD_NAME}={url}"
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, login), (302, login)]
    assert_unchanged(before)


@pytest.mark.django_db
@pytest.mark.parametrize("route", SHOP_ROUTES, ids=lambda route: route.name)
def test_the_owner_of_another_shop_gets_404(
    route: Route, world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.stranger)
    url = url_of(route, world)
    before = snapshot()

    responses = request_both(client, url, django_capture_on_commit_callbacks)

    assert [r.status_code for r in responses] == [404, 404]
    assert_unchanged(before)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in SHOP_ROUTES if r.name in OWNER_ONLY], ids=lambda route: route.name
)
def test_staff_get_404_on_owner_only_pages(
    route: Route, world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(world.staff)
    url = url_of(route, world)
    before = snapshot()

    responses = request_both(client, url, django_capture_on_commit_callbacks)

    assert [r.status_code for r in responses] == [404, 404]
    assert_unchanged(before)


def test_the_owner_only_pages_are_the_team_pages() -> None:
    assert {route.name for route in SHOP_ROUTES if "/team/" in route.route} == OWNER_ONLY


@pytest.mark.django_db
@pytest.mark.parametrize("route", SHOP_ROUTES, ids=lambda route: route.name)
def test_the_door_opens_for_the_right_people(route: Route, world: World, client: Client) -> None:
    """The control experiment: the same URLs answer the owner (and staff outside the team pages)."""
    client.force_login(world.staff if route.name not in OWNER_ONLY else world.owner)

    response = client.get(url_of(route, world))

    assert response.status_code in (200, 405)


@pytest.mark.django_db
def test_my_shops_shows_only_ones_own_shops(world: World, client: Client) -> None:
    client.force_login(world.stranger)

    response = client.get(reverse("directory:my_shops"))

    assert [entry["shop"] for entry in response.context["entries"]] == [world.stranger_shop]
    assert world.shop.name not in response.content.decode()
