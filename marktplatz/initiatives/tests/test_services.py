"""Joining an initiative: a shop asks, a manager confirms or declines, both sides hear about it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.http import Http404
from django.utils import timezone

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.tests.factories import ShopMembershipFactory
from marktplatz.initiatives.models import Initiative, InitiativeMembership
from marktplatz.initiatives.services import (
    MembershipError,
    MembershipErrorCode,
    initiative_membership_decide,
    initiative_membership_request,
)

from .factories import InitiativeFactory, InitiativeManagerFactory, InitiativeMembershipFactory

Status = InitiativeMembership.Status


@pytest.fixture
def owner() -> Any:
    return ShopMembershipFactory(shop__name="Buchladen Hansen", shop__locality="Stralsund")


# --- Asking to join ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_waits_for_a_decision(owner: Any) -> None:
    initiative = InitiativeFactory()

    membership = initiative_membership_request(
        initiative=initiative, shop=owner.shop, requested_by=owner.user
    )

    membership.refresh_from_db()
    assert (membership.status, membership.requested_by, membership.decided_at) == (
        Status.REQUESTED,
        owner.user,
        None,
    )


@pytest.mark.django_db
def test_each_manager_hears_of_a_request(
    owner: Any, settings: Any, django_capture_on_commit_callbacks: Any, german: None
) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    initiative = InitiativeFactory(name="Altstadt Stralsund")
    first = InitiativeManagerFactory(initiative=initiative, user__email="a@example.org")
    InitiativeManagerFactory(initiative=initiative, user__email="b@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        initiative_membership_request(initiative=initiative, shop=owner.shop, requested_by=owner.user)

    assert [message.to for message in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Buchladen Hansen möchte bei Altstadt Stralsund mitmachen"
    assert (
        "Buchladen Hansen aus Stralsund möchte auf dem Marktplatz bei Altstadt Stralsund mitmachen."
        in message.body
    )
    assert f"https://marktplatz-mv.de/initiativen/{initiative.pk}/verwalten/" in message.body
    assert first.user.email in message.to


@pytest.mark.django_db
def test_without_managers_the_operator_hears_of_a_request(
    owner: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.OPERATOR_EMAIL = "betrieb@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        initiative_membership_request(
            initiative=InitiativeFactory(), shop=owner.shop, requested_by=owner.user
        )

    assert [message.to for message in mail.outbox] == [["betrieb@example.org"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "code"),
    [
        (Status.CONFIRMED, MembershipErrorCode.ALREADY_MEMBER),
        (Status.REQUESTED, MembershipErrorCode.ALREADY_REQUESTED),
    ],
)
def test_a_member_or_waiting_shop_cannot_ask_again(
    owner: Any, status: str, code: MembershipErrorCode
) -> None:
    existing = InitiativeMembershipFactory(shop=owner.shop, status=status)

    with pytest.raises(MembershipError) as error:
        initiative_membership_request(
            initiative=existing.initiative, shop=owner.shop, requested_by=owner.user
        )

    assert error.value.code == code
    existing.refresh_from_db()
    assert existing.status == status


@pytest.mark.django_db
def test_a_declined_shop_may_ask_again(owner: Any) -> None:
    declined = InitiativeMembershipFactory(
        shop=owner.shop, status=Status.DECLINED, decided_at=timezone.now(), decided_by=UserFactory()
    )

    initiative_membership_request(initiative=declined.initiative, shop=owner.shop, requested_by=owner.user)

    declined.refresh_from_db()
    assert (declined.status, declined.decided_at, declined.decided_by) == (Status.REQUESTED, None, None)


@pytest.mark.django_db
def test_a_hidden_initiative_takes_no_requests(owner: Any) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.HIDDEN)

    with pytest.raises(MembershipError) as error:
        initiative_membership_request(initiative=initiative, shop=owner.shop, requested_by=owner.user)

    assert error.value.code == MembershipErrorCode.INITIATIVE_HIDDEN
    assert not InitiativeMembership.objects.exists()


@pytest.mark.django_db
def test_the_error_message_is_for_people(german: None) -> None:
    assert str(MembershipError(MembershipErrorCode.ALREADY_MEMBER).message) == (
        "Dieses Geschäft ist bereits Mitglied der Initiative."
    )


# --- Deciding ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_confirming_makes_the_shop_a_member() -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(initiative=manager.initiative, status=Status.REQUESTED)

    initiative_membership_decide(
        initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=True
    )

    request.refresh_from_db()
    assert (request.status, request.decided_by) == (Status.CONFIRMED, manager.user)
    assert request.decided_at is not None


@pytest.mark.django_db
def test_declining_keeps_the_shop_out() -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(initiative=manager.initiative, status=Status.REQUESTED)

    initiative_membership_decide(
        initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=False
    )

    request.refresh_from_db()
    assert request.status == Status.DECLINED


@pytest.mark.django_db
def test_the_shops_managers_hear_of_the_decision(
    settings: Any, django_capture_on_commit_callbacks: Any, german: None
) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    manager = InitiativeManagerFactory(initiative__name="Altstadt Stralsund", initiative__slug="altstadt")
    owner = ShopMembershipFactory(shop__name="Buchladen Hansen", user__email="inhaber@example.org")
    request = InitiativeMembershipFactory(
        initiative=manager.initiative, shop=owner.shop, status=Status.REQUESTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        initiative_membership_decide(
            initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=True
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (["inhaber@example.org"], "Willkommen bei Altstadt Stralsund")
    assert "Gute Nachricht: Buchladen Hansen ist jetzt Mitglied bei Altstadt Stralsund." in message.body
    assert "https://marktplatz-mv.de/initiativen/altstadt/" in message.body


@pytest.mark.django_db
def test_a_declined_shop_hears_it_politely(django_capture_on_commit_callbacks: Any, german: None) -> None:
    manager = InitiativeManagerFactory(initiative__name="Altstadt Stralsund")
    owner = ShopMembershipFactory(shop__name="Buchladen Hansen")
    request = InitiativeMembershipFactory(
        initiative=manager.initiative, shop=owner.shop, status=Status.REQUESTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        initiative_membership_decide(
            initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=False
        )

    assert mail.outbox[0].subject == "Ihre Anfrage bei Altstadt Stralsund"
    assert "Altstadt Stralsund hat die Anfrage von Buchladen Hansen abgelehnt." in mail.outbox[0].body


@pytest.mark.django_db
def test_a_shop_without_managers_hears_at_its_public_address(django_capture_on_commit_callbacks: Any) -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(
        initiative=manager.initiative, shop__email="laden@example.org", status=Status.REQUESTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        initiative_membership_decide(
            initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=True
        )

    assert [message.to for message in mail.outbox] == [["laden@example.org"]]


@pytest.mark.django_db
def test_a_decision_is_taken_only_once() -> None:
    manager = InitiativeManagerFactory()
    request = InitiativeMembershipFactory(initiative=manager.initiative, status=Status.REQUESTED)
    initiative_membership_decide(
        initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=False
    )

    with pytest.raises(MembershipError) as error:
        initiative_membership_decide(
            initiative=manager.initiative, membership_id=request.pk, decided_by=manager.user, confirm=True
        )

    assert error.value.code == MembershipErrorCode.ALREADY_DECIDED
    request.refresh_from_db()
    assert request.status == Status.DECLINED


@pytest.mark.django_db
def test_a_request_to_another_initiative_cannot_be_decided() -> None:
    manager = InitiativeManagerFactory()
    foreign = InitiativeMembershipFactory(status=Status.REQUESTED)

    with pytest.raises(Http404):
        initiative_membership_decide(
            initiative=manager.initiative, membership_id=foreign.pk, decided_by=manager.user, confirm=True
        )

    foreign.refresh_from_db()
    assert foreign.status == Status.REQUESTED


@pytest.mark.django_db
def test_nothing_is_sent_when_the_request_fails(owner: Any, django_capture_on_commit_callbacks: Any) -> None:
    existing = InitiativeMembershipFactory(shop=owner.shop, status=Status.CONFIRMED)
    InitiativeManagerFactory(initiative=existing.initiative)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MembershipError):
        initiative_membership_request(
            initiative=existing.initiative, shop=owner.shop, requested_by=owner.user
        )

    assert mail.outbox == []
