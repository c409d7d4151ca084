"""The operator hides a product with a reason (and shows it again): ``catalog.services.moderation``."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.catalog.models import Product, ProductCategory
from marktplatz.catalog.services.moderation import (
    product_category_save,
    product_hide_by_operator,
    product_unhide_by_operator,
)
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.core.visitor_cache import content_version
from marktplatz.directory.models import ShopMembership
from marktplatz.directory.tests.factories import ShopFactory, ShopMembershipFactory
from marktplatz.search import search_documents, search_query_parse
from marktplatz.search.models import SearchDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

REASON_REQUIRED = "Bitte geben Sie einen Grund an – das Geschäft bekommt ihn zu sehen."


@pytest.fixture
def operator() -> Any:
    return UserFactory(is_staff=True, is_superuser=True)


def _indexed(product: Product) -> bool:
    return SearchDocument.objects.filter(kind="product", object_id=product.pk).exists()


def _found(text: str) -> list[int]:
    query = search_query_parse(kind="product", text=text)
    return list(search_documents(query=query).values_list("object_id", flat=True))


def test_hide_stores_the_reason_and_hides_the_product(operator: Any) -> None:
    product = ProductFactory()

    product_hide_by_operator(product=product, reason="  Keine Herstellerangaben ", by=operator)

    product.refresh_from_db()
    assert (product.hidden_by_operator, product.operator_reason) == (True, "Keine Herstellerangaben")
    assert not Product.objects.visible().filter(pk=product.pk).exists()


def test_hide_takes_the_product_out_of_the_search(operator: Any) -> None:
    product = ProductFactory(name="Sanddornlikör")
    assert _found("Sanddornlikör") == [product.pk]

    product_hide_by_operator(product=product, reason="Jugendschutz", by=operator)

    assert _indexed(product) is False
    assert _found("Sanddornlikör") == []


def test_hide_drops_the_cached_pages(operator: Any, django_capture_on_commit_callbacks: Any) -> None:
    product = ProductFactory()
    before = content_version()

    with django_capture_on_commit_callbacks(execute=True):
        product_hide_by_operator(product=product, reason="Prüfung", by=operator)

    assert content_version() == before + 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_hide_needs_a_reason(operator: Any, reason: str) -> None:
    product = ProductFactory()

    with pytest.raises(ValidationError) as error:
        product_hide_by_operator(product=product, reason=reason, by=operator)

    assert error.value.messages == [REASON_REQUIRED]
    product.refresh_from_db()
    assert product.hidden_by_operator is False
    assert _indexed(product) is True


def test_hide_refuses_a_reason_over_1000_characters(operator: Any) -> None:
    product = ProductFactory()

    with pytest.raises(ValidationError) as error:
        product_hide_by_operator(product=product, reason="x" * 1001, by=operator)

    assert error.value.messages == ["Bitte fassen Sie den Grund in höchstens 1000 Zeichen."]
    product.refresh_from_db()
    assert product.hidden_by_operator is False


def test_hide_tells_the_active_owners_the_reason(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    shop = ShopFactory(name="Teeladen")
    product = ProductFactory(shop=shop, name="Kräutertee")
    ShopMembershipFactory(shop=shop, user=UserFactory(email="inhaberin@example.org"))
    ShopMembershipFactory(shop=shop, user=UserFactory(email="zweite@example.org"))
    ShopMembershipFactory(
        shop=shop, user=UserFactory(email="hilfe@example.org"), role=ShopMembership.Role.STAFF
    )
    ShopMembershipFactory(shop=shop, user=UserFactory(email="weg@example.org", is_active=False))

    with django_capture_on_commit_callbacks(execute=True):
        product_hide_by_operator(product=product, reason="Bitte Zutaten ergänzen", by=operator)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["inhaberin@example.org", "zweite@example.org"]
    assert mail.subject == "Ihr Produkt „Kräutertee“ ist nicht mehr sichtbar"
    assert "Bitte Zutaten ergänzen" in mail.body
    assert f"/meine-geschaefte/{shop.pk}/produkte/{product.pk}/" in mail.body


def test_hide_without_owners_sends_nothing(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        product_hide_by_operator(product=ProductFactory(), reason="Prüfung", by=operator)

    assert mailoutbox == []


def test_hiding_again_replaces_the_reason(operator: Any) -> None:
    product = ProductFactory()
    product_hide_by_operator(product=product, reason="Erster Grund", by=operator)

    product_hide_by_operator(product=product, reason="Zweiter Grund", by=operator)

    product.refresh_from_db()
    assert product.operator_reason == "Zweiter Grund"


def test_unhide_clears_the_reason_and_indexes_again(operator: Any) -> None:
    product = ProductFactory(name="Sanddornlikör")
    product_hide_by_operator(product=product, reason="Prüfung", by=operator)

    product_unhide_by_operator(product=product, by=operator)

    product.refresh_from_db()
    assert (product.hidden_by_operator, product.operator_reason) == (False, "")
    assert _found("Sanddornlikör") == [product.pk]


def test_unhide_keeps_a_product_the_owner_hid_out_of_the_search(operator: Any) -> None:
    product = ProductFactory(is_active=False)
    product_hide_by_operator(product=product, reason="Prüfung", by=operator)

    product_unhide_by_operator(product=product, by=operator)

    assert _indexed(product) is False


def test_unhide_tells_the_owners(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory(name="Kräutertee")
    ShopMembershipFactory(shop=product.shop, user=UserFactory(email="inhaberin@example.org"))
    product_hide_by_operator(product=product, reason="Prüfung", by=operator)

    with django_capture_on_commit_callbacks(execute=True):
        product_unhide_by_operator(product=product, by=operator)

    assert [mail.subject for mail in mailoutbox] == ["Ihr Produkt „Kräutertee“ ist wieder sichtbar"]


def test_unhide_of_a_visible_product_sends_nothing(
    operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory()
    ShopMembershipFactory(shop=product.shop)

    with django_capture_on_commit_callbacks(execute=True):
        product_unhide_by_operator(product=product, by=operator)

    assert mailoutbox == []


def test_renaming_a_category_reindexes_its_products_and_those_of_its_children() -> None:
    main = ProductCategory.objects.create(name="Backwaren", name_en="Bakery", slug="test-backwaren")
    child = ProductCategoryFactory(name="Brot", name_en="Bread", parent=main)
    in_main, in_child = ProductFactory(category=main), ProductFactory(category=child)
    other = ProductFactory(category=ProductCategoryFactory())

    main.name = "Gebäck"
    product_category_save(category=main, changed_fields=["name"])

    assert sorted(_found("Gebäck")) == sorted([in_main.pk, in_child.pk])
    assert other.pk not in _found("Gebäck")


def test_changing_the_position_does_not_reindex() -> None:
    category = ProductCategoryFactory()
    ProductFactory.create_batch(3, category=category)
    category.position = 5

    with mock.patch("marktplatz.catalog.services.moderation.reindex_products") as reindex:
        product_category_save(category=category, changed_fields=["position"])

    reindex.assert_not_called()
    category.refresh_from_db()
    assert category.position == 5
