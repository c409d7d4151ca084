"""The sign-up services: registering a pending shop and confirming it by e-mail."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail, signing

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import ServiceKind, Shop, ShopMembership
from marktplatz.directory.services.signup import (
    SignupLinkExpired,
    SignupLinkInvalid,
    locality_match,
    shop_confirm_email,
    shop_register,
    signup_login_user,
    signup_token_make,
    slug_base,
)
from marktplatz.directory.tests.factories import CategoryFactory, ShopFactory
from marktplatz.geo.gazetteer import lookup_postal_code, lookup_town
from marktplatz.search.models import SearchDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

TOKEN_RE = re.compile(r"http://testserver/mitmachen/bestaetigen/([^/\s]+)/")


def register(**overrides: Any) -> Shop:
    arguments: dict[str, Any] = {
        "name": "Bäckerei Müller",
        "email": "inhaberin@example.org",
        "street": "Lange Straße 3",
        "postal_code": "18055",
        "locality": "Rostock",
        "category": CategoryFactory(name="Bäckerei", slug="baeckerei"),
        "services": [ServiceKind.PICKUP, ServiceKind.DELIVERY],
    }
    arguments.update(overrides)
    return shop_register(**arguments)


def token_from_outbox() -> str:
    match = TOKEN_RE.search(mail.outbox[-1].body)
    assert match is not None, mail.outbox[-1].body
    return match[1]


def test_register_creates_a_pending_shop_located_by_the_gazetteer() -> None:
    shop = register()

    place = lookup_postal_code("18055")
    assert place is not None
    assert shop.status == Shop.Status.PENDING
    assert shop.published_at is None
    assert shop.slug == "baeckerei-mueller"
    assert (shop.street, shop.postal_code, shop.locality) == ("Lange Straße 3", "18055", "Rostock")
    assert (shop.lat, shop.lon, shop.district) == (place.lat, place.lon, place.district)
    assert shop.location_source == Shop.LocationSource.GAZETTEER
    assert [c.slug for c in shop.categories.all()] == ["baeckerei"]
    assert sorted(shop.services.values_list("kind", flat=True)) == ["delivery", "pickup"]


def test_register_creates_an_owner_account_without_password() -> None:
    shop = register(email="Inhaberin@Example.org")

    user = User.objects.get()
    assert user.email == "inhaberin@example.org"
    assert not user.has_usable_password()
    assert user.email_confirmed_at is None
    membership = ShopMembership.objects.get()
    assert (membership.shop, membership.user, membership.role) == (shop, user, ShopMembership.Role.OWNER)


def test_register_sends_the_confirmation_after_commit(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        register()
        assert mail.outbox == []

    message = mail.outbox[0]
    assert message.to == ["inhaberin@example.org"]
    assert message.subject == "Bitte bestätigen Sie Ihren Eintrag auf dem Marktplatz"
    assert "danke, dass Sie „Bäckerei Müller“ auf dem Marktplatz eintragen." in message.body
    assert "Der Link ist 30 Minuten gültig." in message.body
    html = message.alternatives[0][0]
    assert "danke, dass Sie „Bäckerei Müller“ auf dem Marktplatz eintragen." in html
    assert token_from_outbox() in html


def test_locality_of_a_shared_postal_code_gives_its_own_coordinates() -> None:
    shop = register(postal_code="17039", locality="Neverin")

    neverin = lookup_town("17039 Neverin")
    assert neverin is not None and neverin.locality == "Neverin"
    assert (shop.locality, shop.lat, shop.lon) == ("Neverin", neverin.lat, neverin.lon)


def test_unknown_postal_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not a postal code of the region"):
        register(postal_code="10115", locality="Berlin")
    assert Shop.objects.count() == 0


def test_register_needs_a_service() -> None:
    with pytest.raises(ValueError, match="Invalid services"):
        register(services=[])


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bäckerei Müller", "baeckerei-mueller"),
        ("Fisch & Räucherwaren Öhlschläger", "fisch-raeucherwaren-oehlschlaeger"),
        ("Straßenküche", "strassenkueche"),
        ("!!!", "geschaeft"),
    ],
)
def test_slug_base(name: str, slug: str) -> None:
    assert slug_base(name) == slug


def test_slug_gets_the_first_free_number() -> None:
    ShopFactory(slug="baeckerei-mueller")
    ShopFactory(slug="baeckerei-mueller-2")
    ShopFactory(slug="baeckerei-mueller-4")

    assert register().slug == "baeckerei-mueller-3"


def test_existing_account_gets_the_shop_only_after_confirmation(
    django_capture_on_commit_callbacks: Any,
) -> None:
    existing = UserFactory(email="inhaberin@example.org")
    other_shop = ShopFactory()
    ShopMembership.objects.create(shop_id=other_shop.pk, user_id=existing.pk)

    with django_capture_on_commit_callbacks(execute=True):
        shop = register(email="INHABERIN@example.org")

    assert User.objects.count() == 1
    assert list(Shop.objects.filter(memberships__user_id=existing.pk)) == [other_shop]
    assert mail.outbox[0].to == ["inhaberin@example.org"]

    shop_confirm_email(token=token_from_outbox())

    assert ShopMembership.objects.get(shop=shop).user == existing
    assert ShopMembership.objects.get(shop=shop).role == ShopMembership.Role.OWNER


def test_confirm_publishes_the_shop_and_confirms_the_address(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        shop = register()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = shop_confirm_email(token=token_from_outbox())

    assert confirmed == shop
    assert confirmed.status == Shop.Status.PUBLISHED
    assert confirmed.published_at is not None
    assert User.objects.get().email_confirmed_at is not None
    assert SearchDocument.objects.filter(object_id=shop.pk, title__isnull=False).count() == 1


def test_confirming_twice_is_harmless(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        register()
    token = token_from_outbox()
    first = shop_confirm_email(token=token)

    second = shop_confirm_email(token=token)

    assert second.status == Shop.Status.PUBLISHED
    assert second.published_at == first.published_at
    assert ShopMembership.objects.count() == 1


def test_confirming_does_not_publish_a_shop_the_operator_hid(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        shop = register()
    Shop.objects.filter(pk=shop.pk).update(status=Shop.Status.HIDDEN)

    assert shop_confirm_email(token=token_from_outbox()).status == Shop.Status.HIDDEN


def test_expired_link_is_refused_but_names_its_shop(monkeypatch: Any, settings: Any) -> None:
    settings.LOGIN_LINK_MAX_AGE_SECONDS = 600
    shop = register()
    user = User.objects.get()
    real_timestamp = signing.TimestampSigner.timestamp
    old = signing.b62_encode(int(signing.b62_decode(real_timestamp(signing.TimestampSigner())) - 601))
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: old)
    token = signup_token_make(shop=shop, user=user)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", real_timestamp)

    with pytest.raises(SignupLinkExpired) as expired:
        shop_confirm_email(token=token)

    assert (expired.value.shop_id, expired.value.user_id) == (shop.pk, user.pk)
    shop.refresh_from_db()
    assert shop.status == Shop.Status.PENDING


@pytest.mark.parametrize("token", ["", "abc", "eyJzIjoxLCJ1IjoxfQ:1vJx3l:forged"])
def test_broken_link_is_refused(token: str) -> None:
    register()

    with pytest.raises(SignupLinkInvalid):
        shop_confirm_email(token=token)
    assert Shop.objects.get().status == Shop.Status.PENDING


def test_token_of_another_purpose_is_refused() -> None:
    register()
    token = signing.dumps({"s": 1, "u": 1, "l": ""}, salt="something.else")

    with pytest.raises(SignupLinkInvalid):
        shop_confirm_email(token=token)


def test_link_logs_in_only_until_the_account_logs_in(django_capture_on_commit_callbacks: Any) -> None:
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        register()
    token = token_from_outbox()
    user = User.objects.get()
    assert signup_login_user(token=token) == user

    User.objects.filter(pk=user.pk).update(last_login=timezone.now())

    assert signup_login_user(token=token) is None


def test_locality_match_ignores_case_umlauts_and_suffixes() -> None:
    assert locality_match(postal_code="17192", locality="waren") == "Waren (Müritz)"
    assert locality_match(postal_code="17039", locality="NEVERIN") == "Neverin"
    assert locality_match(postal_code="17039", locality="Rostock") is None
