"""Hiding and publishing shops: the rules in ``services.moderation`` and the admin actions that call them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import Shop, ShopMembership
from marktplatz.directory.services.moderation import shop_hide, shop_publish
from marktplatz.directory.tests.factories import ShopFactory, ShopMembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

CHANGELIST = "/admin/directory/shop/"
REASON_REQUIRED = "Bitte geben Sie einen Grund an – die Verantwortlichen des Geschäfts bekommen ihn zu sehen."


@pytest.fixture
def operator() -> Any:
    return UserFactory(is_staff=True, is_superuser=True)


# --- services ---------------------------------------------------------------------------------


def test_shop_hide_stores_the_reason(operator: Any) -> None:
    shop = ShopFactory()

    shop_hide(shop=shop, reason="  Kein Geschäft in MV ", by=operator)

    shop.refresh_from_db()
    assert (shop.status, shop.status_reason) == (Shop.Status.HIDDEN, "Kein Geschäft in MV")


def test_shop_hide_needs_a_reason(operator: Any) -> None:
    shop = ShopFactory()

    with pytest.raises(ValidationError) as error:
        shop_hide(shop=shop, reason=" ", by=operator)

    assert error.value.messages == [REASON_REQUIRED]
    shop.refresh_from_db()
    assert shop.status == Shop.Status.PUBLISHED


def test_shop_hide_tells_the_managers(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    shop = ShopFactory(name="Teeladen")
    ShopMembershipFactory(shop=shop, user=UserFactory(email="inhaberin@example.org"))
    ShopMembershipFactory(
        shop=shop, user=UserFactory(email="hilfe@example.org"), role=ShopMembership.Role.STAFF
    )
    ShopMembershipFactory(shop=shop, user=UserFactory(email="weg@example.org", is_active=False))

    with django_capture_on_commit_callbacks(execute=True):
        shop_hide(shop=shop, reason="Bitte Adresse prüfen", by=operator)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["hilfe@example.org", "inhaberin@example.org"]
    assert mailoutbox[0].subject == "Ihr Eintrag „Teeladen“ ist nicht mehr sichtbar"
    assert "Bitte Adresse prüfen" in mailoutbox[0].body


def test_shop_publish_clears_the_reason_and_stamps_the_date(operator: Any) -> None:
    shop = ShopFactory(status=Shop.Status.PENDING, published_at=None, status_reason="alt")

    shop_publish(shop=shop, by=operator)

    shop.refresh_from_db()
    assert (shop.status, shop.status_reason) == (Shop.Status.PUBLISHED, "")
    assert shop.published_at is not None


def test_shop_publish_keeps_the_first_publication_date(operator: Any) -> None:
    first = timezone.now() - dt.timedelta(days=100)
    shop = ShopFactory(status=Shop.Status.HIDDEN, published_at=first, status_reason="Urlaub")

    shop_publish(shop=shop, by=operator)

    shop.refresh_from_db()
    assert shop.published_at == first


def test_publishing_a_hidden_shop_tells_the_managers(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    shop = ShopFactory(name="Teeladen", status=Shop.Status.HIDDEN)
    ShopMembershipFactory(shop=shop, user=UserFactory(email="inhaberin@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        shop_publish(shop=shop, by=operator)

    assert [mail.subject for mail in mailoutbox] == ["Ihr Eintrag „Teeladen“ ist wieder sichtbar"]


def test_publishing_a_pending_shop_sends_no_mail(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    shop = ShopFactory(status=Shop.Status.PENDING)
    ShopMembershipFactory(shop=shop)

    with django_capture_on_commit_callbacks(execute=True):
        shop_publish(shop=shop, by=operator)

    assert mailoutbox == []


# --- admin actions ----------------------------------------------------------------------------


def test_hide_action_asks_for_the_reason_first(client: Any, operator: Any) -> None:
    client.force_login(operator)
    shops = ShopFactory.create_batch(2)

    response = client.post(CHANGELIST, {"action": "hide_shops", "_selected_action": [s.pk for s in shops]})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Geschäfte ausblenden</h1>" in html
    assert '<textarea name="reason"' in html
    assert Shop.objects.filter(status=Shop.Status.HIDDEN).count() == 0


def test_hide_action_with_reason_hides_the_selected_shops(client: Any, operator: Any) -> None:
    client.force_login(operator)
    chosen, other = ShopFactory.create_batch(2)

    response = client.post(
        CHANGELIST,
        {
            "action": "hide_shops",
            "_selected_action": [chosen.pk],
            "apply": "1",
            "reason": "Doppelter Eintrag",
        },
        follow=True,
    )

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, chosen.status_reason) == (Shop.Status.HIDDEN, "Doppelter Eintrag")
    assert other.status == Shop.Status.PUBLISHED
    assert [str(m) for m in response.context["messages"]] == ["1 Geschäft ausgeblendet."]
    assert LogEntry.objects.get(object_id=str(chosen.pk)).change_message == "Ausgeblendet: Doppelter Eintrag"


def test_hide_action_without_reason_asks_again(client: Any, operator: Any) -> None:
    client.force_login(operator)
    shop = ShopFactory()

    response = client.post(
        CHANGELIST, {"action": "hide_shops", "_selected_action": [shop.pk], "apply": "1", "reason": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": [REASON_REQUIRED]}
    shop.refresh_from_db()
    assert shop.status == Shop.Status.PUBLISHED


def test_publish_action(client: Any, operator: Any) -> None:
    client.force_login(operator)
    shop = ShopFactory(status=Shop.Status.HIDDEN, status_reason="Urlaub")

    response = client.post(
        CHANGELIST, {"action": "publish_shops", "_selected_action": [shop.pk]}, follow=True
    )

    shop.refresh_from_db()
    assert (shop.status, shop.status_reason) == (Shop.Status.PUBLISHED, "")
    assert [str(m) for m in response.context["messages"]] == ["1 Geschäft veröffentlicht."]


def test_status_cannot_be_edited_directly(client: Any, operator: Any) -> None:
    client.force_login(operator)
    shop = ShopFactory()

    response = client.get(f"/admin/directory/shop/{shop.pk}/change/")

    form_fields = response.context["adminform"].form.fields
    assert "status" not in form_fields
    assert "status_reason" not in form_fields
