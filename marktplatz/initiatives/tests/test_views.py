"""Initiative pages: the list, the public page, asking to join and the managers' page."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory, ShopMembershipFactory
from marktplatz.initiatives.models import Initiative, InitiativeMembership

from .factories import InitiativeFactory, InitiativeManagerFactory, InitiativeMembershipFactory

Status = InitiativeMembership.Status


def join_url(initiative: Initiative) -> str:
    return f"/initiativen/{initiative.slug}/beitreten/"


def manage_url(initiative: Initiative) -> str:
    return f"/initiativen/{initiative.pk}/verwalten/"


def decide_url(membership: InitiativeMembership) -> str:
    return f"/initiativen/{membership.initiative_id}/verwalten/{membership.pk}/"


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- The list ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_shows_published_initiatives_with_region_and_member_count(
    client: Client, german: None
) -> None:
    altstadt = InitiativeFactory(name="Altstadt Stralsund", region="Stralsund")
    InitiativeMembershipFactory.create_batch(2, initiative=altstadt)
    InitiativeMembershipFactory(initiative=altstadt, status=Status.REQUESTED)
    InitiativeMembershipFactory(initiative=altstadt, shop__status=Shop.Status.HIDDEN)
    InitiativeFactory(name="Geheim", status=Initiative.Status.HIDDEN)
    wismar = InitiativeFactory(name="Neu in Wismar", region="")

    html = client.get("/initiativen/").content.decode()

    cards = re.findall(
        r'<h2 class="initiative-name"><a href="([^"]+)">([^<]+)</a></h2>\s*(.*?)\s*</li>', html, re.S
    )
    assert [(url, name) for url, name, _ in cards] == [
        (altstadt.get_absolute_url(), "Altstadt Stralsund"),
        (wismar.get_absolute_url(), "Neu in Wismar"),
    ]
    assert '<p class="muted">Stralsund</p>\n        <p>2 Geschäfte</p>' in cards[0][2]
    assert "<p>0 Geschäfte</p>" in cards[1][2]


@pytest.mark.django_db
def test_the_list_needs_one_query(client: Client, django_assert_num_queries: Any) -> None:
    for initiative in InitiativeFactory.create_batch(5):
        InitiativeMembershipFactory.create_batch(2, initiative=initiative)

    with django_assert_num_queries(1):
        assert client.get("/initiativen/").status_code == 200


# --- The public page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_hidden_initiative_is_not_found(client: Client) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.HIDDEN)

    assert client.get(initiative.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_page_lists_published_confirmed_members_and_puts_them_on_the_map(client: Client) -> None:
    initiative = InitiativeFactory(name="Altstadt Stralsund")
    member = InitiativeMembershipFactory(
        initiative=initiative, shop__name="Buchladen Hansen", shop__lat=54.31, shop__lon=13.09
    ).shop
    InitiativeMembershipFactory(initiative=initiative, shop__name="Wartet", status=Status.REQUESTED)
    InitiativeMembershipFactory(initiative=initiative, shop__name="Abgelehnt", status=Status.DECLINED)
    InitiativeMembershipFactory(
        initiative=initiative, shop__name="Versteckt", shop__status=Shop.Status.HIDDEN
    )

    response = client.get(initiative.get_absolute_url())
    html = response.content.decode()

    assert [shop.name for shop in response.context["members"]] == ["Buchladen Hansen"]
    assert re.findall(r'<li class="card">\s*<a href="([^"]+)">([^<]+)</a>', html) == [
        (member.get_absolute_url(), "Buchladen Hansen")
    ]
    markers = json.loads(
        re.search(r'<script id="member-map-markers" type="application/json">(.*?)</script>', html).group(1)
    )
    assert markers == [
        {
            "name": "Buchladen Hansen",
            "url": member.get_absolute_url(),
            "address": "Kröpeliner Straße 1, 18055 Rostock",
            "lat": 54.31,
            "lon": 13.09,
        }
    ]
    assert '<div id="member-map" class="map" hidden' in html
    assert "/static/vendor/markercluster/leaflet.markercluster.js" in html


@pytest.mark.django_db
def test_the_page_shows_description_region_and_contact(client: Client) -> None:
    initiative = InitiativeFactory(
        name="Altstadt Stralsund",
        region="Altstadt",
        description="Wir sind die Altstadt.",
        website="https://altstadt.example.org/",
        email="info@altstadt.example.org",
    )

    html = client.get(initiative.get_absolute_url()).content.decode()

    assert "<h1>Altstadt Stralsund</h1>" in html
    assert '<p class="muted">Altstadt</p>' in html
    assert "<p>Wir sind die Altstadt.</p>" in html
    assert '<a href="https://altstadt.example.org/">' in html
    assert '<a href="mailto:info@altstadt.example.org">info@altstadt.example.org</a>' in html


@pytest.mark.django_db
def test_without_members_there_is_no_map(client: Client) -> None:
    html = client.get(InitiativeFactory().get_absolute_url()).content.decode()

    assert "member-map" not in html
    assert "leaflet.js" not in html


@pytest.mark.django_db
def test_the_page_needs_two_queries_for_visitors(client: Client, django_assert_num_queries: Any) -> None:
    initiative = InitiativeFactory()
    InitiativeMembershipFactory.create_batch(5, initiative=initiative)

    with django_assert_num_queries(2):
        assert client.get(initiative.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_page_needs_a_fixed_number_of_queries_for_a_shop_owner(
    client: Client, django_assert_num_queries: Any
) -> None:
    initiative = InitiativeFactory()
    InitiativeMembershipFactory.create_batch(5, initiative=initiative)
    user = UserFactory()
    for _ in range(3):
        ShopMembershipFactory(user=user)
    client.force_login(user)

    # the user (the session is cached), initiative, members, the user's shops, their memberships,
    # "is a manager"
    with django_assert_num_queries(6):
        assert client.get(initiative.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_manager_of_the_initiative_finds_the_management_page(client: Client) -> None:
    manager = InitiativeManagerFactory()
    client.force_login(manager.user)

    html = client.get(manager.initiative.get_absolute_url()).content.decode()

    assert f'href="{manage_url(manager.initiative)}"' in html


@pytest.mark.django_db
def test_a_visitor_does_not_see_the_management_link(client: Client) -> None:
    manager = InitiativeManagerFactory()
    client.force_login(UserFactory())

    assert (
        manage_url(manager.initiative)
        not in client.get(manager.initiative.get_absolute_url()).content.decode()
    )


# --- Asking to join ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_shop_owner_is_offered_only_shops_that_may_ask(client: Client) -> None:
    initiative = InitiativeFactory()
    user = UserFactory()
    free = ShopMembershipFactory(user=user, shop__name="Frei").shop
    member = ShopMembershipFactory(user=user, shop__name="Drin").shop
    waiting = ShopMembershipFactory(user=user, shop__name="Wartet").shop
    declined = ShopMembershipFactory(user=user, shop__name="Abgelehnt").shop
    InitiativeMembershipFactory(initiative=initiative, shop=member)
    InitiativeMembershipFactory(initiative=initiative, shop=waiting, status=Status.REQUESTED)
    InitiativeMembershipFactory(initiative=initiative, shop=declined, status=Status.DECLINED)
    ShopFactory(name="Fremd")
    client.force_login(user)

    response = client.get(initiative.get_absolute_url())

    choices = response.context["join_form"].fields["shop"].choices
    assert [label for _, label in choices] == ["Abgelehnt, Rostock", "Frei, Rostock"]
    assert {value for value, _ in choices} == {declined.pk, free.pk}


@pytest.mark.django_db
def test_asking_to_join_creates_a_request_and_thanks(client: Client, german: None) -> None:
    initiative = InitiativeFactory(name="Altstadt Stralsund")
    owner = ShopMembershipFactory(shop__name="Buchladen Hansen")
    client.force_login(owner.user)

    response = client.post(join_url(initiative), {"shop": owner.shop.pk}, follow=True)

    assert response.redirect_chain == [(initiative.get_absolute_url(), 302)]
    membership = InitiativeMembership.objects.get()
    assert (membership.initiative, membership.shop, membership.status) == (
        initiative,
        owner.shop,
        Status.REQUESTED,
    )
    assert messages_of(response) == [
        "Vielen Dank! Altstadt Stralsund hat die Anfrage von Buchladen Hansen erhalten und entscheidet bald."
    ]
    assert "Die Anfrage von Buchladen Hansen wartet auf eine Entscheidung." in response.content.decode()


@pytest.mark.django_db
def test_nobody_can_ask_with_a_shop_they_do_not_manage(client: Client, german: None) -> None:
    initiative = InitiativeFactory()
    own = ShopMembershipFactory()
    foreign = ShopFactory()
    client.force_login(own.user)

    response = client.post(join_url(initiative), {"shop": foreign.pk})

    assert response.status_code == 400
    assert response.context["join_form"].errors == {
        "shop": ["Bitte wählen Sie eines Ihrer Geschäfte aus der Liste."]
    }
    assert not InitiativeMembership.objects.exists()


@pytest.mark.django_db
def test_someone_without_shops_cannot_ask_with_any_shop(client: Client) -> None:
    initiative = InitiativeFactory()
    foreign = ShopFactory()
    client.force_login(UserFactory())

    response = client.post(join_url(initiative), {"shop": foreign.pk})

    assert response.status_code == 400
    assert not InitiativeMembership.objects.exists()


@pytest.mark.django_db
def test_a_shop_that_is_waiting_cannot_ask_twice(client: Client) -> None:
    initiative = InitiativeFactory()
    owner = ShopMembershipFactory()
    InitiativeMembershipFactory(initiative=initiative, shop=owner.shop, status=Status.REQUESTED)
    client.force_login(owner.user)

    response = client.post(join_url(initiative), {"shop": owner.shop.pk})

    assert response.status_code == 400
    assert InitiativeMembership.objects.get().status == Status.REQUESTED


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    initiative = InitiativeFactory()
    shop = ShopFactory()

    response = client.post(join_url(initiative), {"shop": shop.pk})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")
    assert not InitiativeMembership.objects.exists()


@pytest.mark.django_db
def test_joining_a_hidden_initiative_is_not_found(client: Client) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.HIDDEN)
    owner = ShopMembershipFactory()
    client.force_login(owner.user)

    assert client.post(join_url(initiative), {"shop": owner.shop.pk}).status_code == 404
    assert not InitiativeMembership.objects.exists()


@pytest.mark.django_db
def test_joining_needs_a_post(client: Client) -> None:
    owner = ShopMembershipFactory()
    client.force_login(owner.user)

    assert client.get(join_url(InitiativeFactory())).status_code == 405


# --- The managers' page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_manager_sees_the_waiting_requests_and_the_members(client: Client) -> None:
    manager = InitiativeManagerFactory()
    waiting = InitiativeMembershipFactory(
        initiative=manager.initiative, shop__name="Wartet", status=Status.REQUESTED
    )
    InitiativeMembershipFactory(initiative=manager.initiative, shop__name="Mitglied")
    InitiativeMembershipFactory(initiative=manager.initiative, shop__name="Abgelehnt", status=Status.DECLINED)
    InitiativeMembershipFactory(shop__name="Anderswo", status=Status.REQUESTED)
    client.force_login(manager.user)

    response = client.get(manage_url(manager.initiative))

    assert response.status_code == 200
    assert [m.shop.name for m in response.context["pending"]] == ["Wartet"]
    assert [m.shop.name for m in response.context["confirmed"]] == ["Mitglied"]
    assert f'action="{decide_url(waiting)}"' in response.content.decode()


@pytest.mark.django_db
def test_the_managers_page_is_not_found_for_others(client: Client) -> None:
    manager = InitiativeManagerFactory()
    client.force_login(ShopMembershipFactory().user)

    assert client.get(manage_url(manager.initiative)).status_code == 404


@pytest.mark.django_db
def test_the_managers_page_asks_anonymous_visitors_to_log_in(client: Client) -> None:
    manager = InitiativeManagerFactory()

    response = client.get(manage_url(manager.initiative))

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")


@pytest.mark.django_db
def test_the_managers_page_needs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    manager = InitiativeManagerFactory()
    InitiativeMembershipFactory.create_batch(3, initiative=manager.initiative, status=Status.REQUESTED)
    InitiativeMembershipFactory.create_batch(3, initiative=manager.initiative)
    client.force_login(manager.user)

    # the user (the session is cached), the door, waiting requests, members
    with django_assert_num_queries(4):
        assert client.get(manage_url(manager.initiative)).status_code == 200


@pytest.mark.django_db
def test_a_manager_confirms_a_request(client: Client, german: None) -> None:
    manager = InitiativeManagerFactory(initiative__name="Altstadt Stralsund")
    request = InitiativeMembershipFactory(
        initiative=manager.initiative, shop__name="Buchladen Hansen", status=Status.REQUESTED
    )
    client.force_login(manager.user)

    response = client.post(decide_url(request), {"decision": "confirm"}, follow=True)

    assert response.redirect_chain == [(manage_url(manager.initiative), 302)]
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (Status.CONFIRMED, manager.user)
    assert messages_of(response) == ["Buchladen Hansen ist jetzt Mitglied bei Altstadt Stralsund."]


@pytest.mark.django_db
def test_a_manager_declines_a_request(client: Client, german: None) -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(
        initiative=manager.initiative, shop__name="Buchladen Hansen", status=Status.REQUESTED
    )
    client.force_login(manager.user)

    response = client.post(decide_url(request), {"decision": "decline"}, follow=True)

    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert messages_of(response) == ["Sie haben die Anfrage von Buchladen Hansen abgelehnt."]


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["confirm", "decline"])
def test_a_shop_owner_cannot_decide_on_their_own_request(client: Client, decision: str) -> None:
    owner = ShopMembershipFactory()
    request = InitiativeMembershipFactory(shop=owner.shop, status=Status.REQUESTED)
    client.force_login(owner.user)

    assert client.post(decide_url(request), {"decision": decision}).status_code == 404
    request.refresh_from_db()
    assert request.status == Status.REQUESTED


@pytest.mark.django_db
def test_a_manager_cannot_decide_for_another_initiative_through_their_own(client: Client) -> None:
    manager = InitiativeManagerFactory()
    foreign = InitiativeMembershipFactory(status=Status.REQUESTED)
    client.force_login(manager.user)

    url = f"/initiativen/{manager.initiative.pk}/verwalten/{foreign.pk}/"
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Status.REQUESTED


@pytest.mark.django_db
def test_an_anonymous_visitor_cannot_decide(client: Client) -> None:
    request = InitiativeMembershipFactory(status=Status.REQUESTED)

    assert client.post(decide_url(request), {"decision": "confirm"}).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REQUESTED


@pytest.mark.django_db
def test_an_unknown_decision_changes_nothing(client: Client, german: None) -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(initiative=manager.initiative, status=Status.REQUESTED)
    client.force_login(manager.user)

    response = client.post(decide_url(request), {"decision": "maybe"}, follow=True)

    request.refresh_from_db()
    assert request.status == Status.REQUESTED
    assert messages_of(response) == ["Bitte wählen Sie, ob Sie bestätigen oder ablehnen."]


@pytest.mark.django_db
def test_deciding_twice_says_it_is_decided(client: Client, german: None) -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(initiative=manager.initiative, status=Status.DECLINED)
    client.force_login(manager.user)

    response = client.post(decide_url(request), {"decision": "confirm"}, follow=True)

    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert messages_of(response) == ["Über diese Anfrage wurde bereits entschieden."]
