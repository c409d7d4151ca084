"""The initiative page in a real browser: the members on a clustered map, and axe-core finds nothing."""

from __future__ import annotations

from typing import Any

import pytest

from marktplatz.directory.tests.factories import ShopMembershipFactory

from .factories import InitiativeFactory, InitiativeMembershipFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_initiative_page_shows_members_on_a_map_and_is_accessible(
    page: Any, assert_accessible: Any
) -> None:
    initiative = InitiativeFactory(name="Altstadt Stralsund", description="Die Geschäfte der Altstadt.")
    for index, (lat, lon) in enumerate([(54.3150, 13.0900), (54.3152, 13.0903), (54.3100, 13.0800)]):
        InitiativeMembershipFactory(
            initiative=initiative, shop__name=f"Laden {index}", shop__lat=lat, shop__lon=lon
        )

    page.goto(initiative.get_absolute_url())

    page.locator("#member-map.leaflet-container").wait_for(state="visible")
    page.locator("#member-map .leaflet-marker-icon").first.wait_for(state="visible")
    assert page.locator(".member-list li").count() == 3
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_join_form_is_accessible(page: Any, live_server: Any, assert_accessible: Any) -> None:
    initiative = InitiativeFactory()
    owner = ShopMembershipFactory()
    page.context.add_cookies([_session_cookie(owner.user, live_server.url)])

    page.goto(initiative.get_absolute_url())

    assert page.get_by_role("radio").count() == 1
    assert_accessible(page)


def _session_cookie(user: Any, url: str) -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }
