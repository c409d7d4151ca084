"""GET /api/v1/categories, /api/v1/initiatives and /api/v1/initiatives/{slug}."""

from __future__ import annotations

from typing import Any

import pytest

from marktplatz.directory.models import Category, Shop
from marktplatz.directory.tests.factories import CategoryFactory, ShopFactory
from marktplatz.initiatives.models import Initiative, InitiativeMembership
from marktplatz.initiatives.tests.factories import InitiativeFactory, InitiativeMembershipFactory

from .helpers import get

pytestmark = pytest.mark.django_db


def test_categories_lists_the_active_ones_with_their_parent(client: Any) -> None:
    Category.objects.update(is_active=False)  # the seeded taxonomy disappears from the list
    food = CategoryFactory(slug="essen", name="Essen", name_en="Food", position=1)
    CategoryFactory(slug="brot", name="Brot", name_en="", parent=food, position=2)
    CategoryFactory(slug="alt", is_active=False)

    response = get(client, "categories")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "results": [
            {"slug": "essen", "name": "Essen", "name_en": "Food", "parent": None},
            {"slug": "brot", "name": "Brot", "name_en": "", "parent": "essen"},
        ],
    }


def test_categories_need_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    CategoryFactory.create_batch(5, parent=CategoryFactory())

    with django_assert_num_queries(1):
        assert get(client, "categories").status_code == 200


def test_initiatives_lists_the_published_ones_with_their_member_count(client: Any) -> None:
    altstadt = InitiativeFactory(
        slug="altstadt",
        name="Altstadt Stralsund",
        region="Stralsund",
        website="https://altstadt.example.org/",
    )
    InitiativeFactory(slug="geheim", status=Initiative.Status.HIDDEN)
    InitiativeMembershipFactory(initiative=altstadt)
    InitiativeMembershipFactory(initiative=altstadt, status=InitiativeMembership.Status.REQUESTED)
    InitiativeMembershipFactory(initiative=altstadt, shop=ShopFactory(status=Shop.Status.HIDDEN))

    response = get(client, "initiatives")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "results": [
            {
                "slug": "altstadt",
                "name": "Altstadt Stralsund",
                "url": "http://testserver/initiativen/altstadt/",
                "region": "Stralsund",
                "website": "https://altstadt.example.org/",
                "member_count": 1,
            }
        ],
    }


def test_initiatives_need_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    for _ in range(4):
        InitiativeMembershipFactory(initiative=InitiativeFactory())

    with django_assert_num_queries(1):
        assert get(client, "initiatives").status_code == 200


def test_initiative_detail_lists_its_published_members_by_name(client: Any) -> None:
    hafen = InitiativeFactory(slug="hafen", name="Hafen", region="", website="", description="Am Wasser.")
    for name, status in [("Zander", "published"), ("Aal", "published"), ("Versteckt", "hidden")]:
        InitiativeMembershipFactory(
            initiative=hafen, shop=ShopFactory(name=name, slug=name.lower(), status=status)
        )
    InitiativeMembershipFactory(
        initiative=hafen, shop=ShopFactory(slug="wartet"), status=InitiativeMembership.Status.REQUESTED
    )

    response = get(client, "initiatives/hafen")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "hafen",
        "name": "Hafen",
        "url": "http://testserver/initiativen/hafen/",
        "region": "",
        "website": None,
        "member_count": 2,
        "description": "Am Wasser.",
        "members": ["aal", "zander"],
    }


@pytest.mark.parametrize("slug", ["geheim", "gibt-es-nicht"])
def test_a_hidden_or_unknown_initiative_is_not_found(client: Any, slug: str) -> None:
    InitiativeFactory(slug="geheim", status=Initiative.Status.HIDDEN)

    response = get(client, f"initiatives/{slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no published initiative with this address."}
