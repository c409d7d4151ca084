"""The operator's admin for initiatives."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.initiatives.models import InitiativeMembership

from .factories import InitiativeFactory, InitiativeManagerFactory, InitiativeMembershipFactory

Status = InitiativeMembership.Status


@pytest.fixture
def operator(client: Client) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_the_list_counts_members_and_open_requests(client: Client, operator: Any) -> None:
    initiative = InitiativeFactory(name="Altstadt Stralsund")
    InitiativeMembershipFactory.create_batch(2, initiative=initiative)
    InitiativeMembershipFactory(initiative=initiative, status=Status.REQUESTED)

    response = client.get("/admin/initiatives/initiative/")

    assert response.status_code == 200
    row = response.context["cl"].result_list.get()
    assert (row.confirmed_count, row.pending_count) == (2, 1)


@pytest.mark.django_db
def test_the_change_page_shows_managers_and_memberships_inline(client: Client, operator: Any) -> None:
    manager = InitiativeManagerFactory()
    InitiativeMembershipFactory(initiative=manager.initiative)

    response = client.get(f"/admin/initiatives/initiative/{manager.initiative.pk}/change/")

    assert response.status_code == 200
    formsets = {
        formset.formset.prefix: len(formset.formset.forms)
        for formset in response.context["inline_admin_formsets"]
    }
    assert formsets == {"managers": 1, "memberships": 1}


@pytest.mark.django_db
def test_a_status_change_by_the_operator_is_recorded_as_a_decision(client: Client, operator: Any) -> None:
    membership = InitiativeMembershipFactory(status=Status.REQUESTED)

    response = client.post(
        f"/admin/initiatives/initiativemembership/{membership.pk}/change/",
        {"initiative": membership.initiative_id, "shop": membership.shop_id, "status": Status.CONFIRMED},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (Status.CONFIRMED, operator)
    assert membership.decided_at is not None


@pytest.mark.django_db
def test_the_membership_list_filters_by_status(client: Client, operator: Any) -> None:
    InitiativeMembershipFactory(status=Status.REQUESTED)
    InitiativeMembershipFactory(status=Status.CONFIRMED)

    response = client.get("/admin/initiatives/initiativemembership/", {"status__exact": "requested"})

    assert [m.status for m in response.context["cl"].result_list] == [Status.REQUESTED]
