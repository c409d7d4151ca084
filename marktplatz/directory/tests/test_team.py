"""A shop's team: invitations by e-mail with a signed link, accepting, removing members."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import ShopMembership, StaffInvitation
from marktplatz.directory.services import team
from marktplatz.directory.services.team import (
    InvitationInvalid,
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_token,
    membership_remove,
)

from .factories import ShopMembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

Role = ShopMembership.Role


@pytest.fixture
def owner() -> ShopMembership:
    return ShopMembershipFactory(
        shop__name="Buchhandlung Seiten", user__first_name="Erika", user__last_name="Muster"
    )


def invite(
    owner: ShopMembership, email: str = "helfer@example.org", role: str = Role.STAFF
) -> StaffInvitation:
    return invitation_create(shop=owner.shop, email=email, role=role, invited_by=owner.user)


def link_in(message: Any) -> str:
    match = re.search(r"http://testserver(/meine-geschaefte/einladung/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


# --- Inviting ---------------------------------------------------------------------------------


def test_the_invitee_gets_an_email_with_a_signed_link(
    owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(owner, email=" Helfer@Example.org ")

    assert invitation.email == "helfer@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["helfer@example.org"]
    assert message.subject == "Einladung: Buchhandlung Seiten mitverwalten"
    assert (
        "Erika Muster lädt Sie ein, „Buchhandlung Seiten“ auf dem Marktplatz MV mitzuverwalten."
        in message.body
    )
    assert "Als Mitarbeiter/in können Sie den Eintrag des Geschäfts bearbeiten" in message.body
    assert "Der Link gilt 7 Tage." in message.body
    path = link_in(message)
    assert invitation_from_token(token=path.split("/")[-2]) == invitation
    assert path in message.alternatives[0][0]


def test_inviting_the_same_address_again_renews_the_open_invitation(owner: ShopMembership) -> None:
    first = invite(owner, role=Role.STAFF)

    second = invite(owner, role=Role.OWNER)

    assert second.pk == first.pk
    assert StaffInvitation.objects.get().role == Role.OWNER


def test_a_member_cannot_be_invited_again(owner: ShopMembership) -> None:
    with pytest.raises(ValidationError) as caught:
        invite(owner, email=owner.user.email.upper())

    assert caught.value.message_dict == {"email": ["Diese Person verwaltet das Geschäft bereits."]}


def test_the_team_page_sends_an_invitation(
    client: Client, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(owner.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory:shop_team", args=[owner.shop.pk]),
            {"email": "neu@example.org", "role": "owner"},
            follow=True,
        )

    assert [str(m) for m in response.context["messages"]] == [
        "Die Einladung ist unterwegs an neu@example.org."
    ]
    assert StaffInvitation.objects.get().role == Role.OWNER
    assert len(mail.outbox) == 1
    assert "neu@example.org" in response.content.decode()


# --- The link -----------------------------------------------------------------------------------


def test_a_forged_token_is_invalid() -> None:
    with pytest.raises(InvitationInvalid) as caught:
        invitation_from_token(token="abc:def:ghi")

    assert caught.value.reason == "invalid"


def test_a_token_signed_with_another_salt_is_invalid(owner: ShopMembership) -> None:
    invitation = invite(owner)
    token = signing.dumps({"i": invitation.pk, "e": "x"}, salt="something-else")

    with pytest.raises(InvitationInvalid):
        invitation_from_token(token=token)


def test_the_link_expires_after_seven_days(owner: ShopMembership, monkeypatch: pytest.MonkeyPatch) -> None:
    invitation = invite(owner)
    token = invitation_token(invitation=invitation)
    now = time.time()

    monkeypatch.setattr(signing.time, "time", lambda: now + 7 * 24 * 3600 - 60)
    assert invitation_from_token(token=token) == invitation
    monkeypatch.setattr(signing.time, "time", lambda: now + 7 * 24 * 3600 + 60)
    with pytest.raises(InvitationInvalid) as caught:
        invitation_from_token(token=token)

    assert caught.value.reason == "expired"


def test_a_withdrawn_invitation_no_longer_works(owner: ShopMembership) -> None:
    invitation = invite(owner)
    token = invitation_token(invitation=invitation)

    team.invitation_withdraw(shop=owner.shop, invitation_id=invitation.pk)

    with pytest.raises(InvitationInvalid):
        invitation_from_token(token=token)


def test_an_invitation_works_once(owner: ShopMembership) -> None:
    invitation = invite(owner)
    token = invitation_token(invitation=invitation)
    invitation_accept(invitation=invitation, user=UserFactory(email="helfer@example.org"))

    with pytest.raises(InvitationInvalid) as caught:
        invitation_from_token(token=token)

    assert caught.value.reason == "used"


# --- Accepting ----------------------------------------------------------------------------------


def accept_url(invitation: StaffInvitation) -> str:
    return reverse("directory:invitation_accept", args=[invitation_token(invitation=invitation)])


def test_logged_in_with_the_invited_address_a_button_accepts(client: Client, owner: ShopMembership) -> None:
    invitation = invite(owner)
    user = UserFactory(email="helfer@example.org")
    client.force_login(user)

    page = client.get(accept_url(invitation))
    assert page.status_code == 200
    assert not user.shop_memberships.exists()  # a GET never accepts
    response = client.post(accept_url(invitation))

    assert response.status_code == 302
    assert response["Location"] == reverse("directory:shop_dashboard", args=[owner.shop.pk])
    membership = user.shop_memberships.get()
    assert (membership.shop, membership.role) == (owner.shop, Role.STAFF)
    assert StaffInvitation.objects.get().accepted_at is not None


def test_logged_in_with_another_address_nothing_is_accepted(client: Client, owner: ShopMembership) -> None:
    invitation = invite(owner)
    client.force_login(UserFactory(email="jemand@example.org"))

    response = client.post(accept_url(invitation))

    assert response.status_code == 403
    assert "helfer@example.org" in response.content.decode()
    assert ShopMembership.objects.count() == 1


def test_not_logged_in_with_an_account_asks_to_log_in_first(client: Client, owner: ShopMembership) -> None:
    invitation = invite(owner)
    UserFactory(email="helfer@example.org")

    response = client.get(accept_url(invitation))

    assert response.status_code == 200
    assert response.context["login_url"] == (
        reverse("accounts:login") + "?" + urlencode({"next": accept_url(invitation)})
    )


def test_without_an_account_one_is_created_on_the_spot(client: Client, owner: ShopMembership) -> None:
    invitation = invite(owner, role=Role.OWNER)
    data = {
        "first_name": "Hans",
        "last_name": "Helfer",
        "password1": "Leuchtturm-am-Hafen-7",
        "password2": "Leuchtturm-am-Hafen-7",
    }

    response = client.post(accept_url(invitation), data)

    assert response.status_code == 302
    user = User.objects.get(email="helfer@example.org")
    assert user.check_password("Leuchtturm-am-Hafen-7")
    assert user.email_confirmed_at is not None
    assert ShopMembership.objects.get(user=user).role == Role.OWNER
    assert client.get(reverse("directory:shop_dashboard", args=[owner.shop.pk])).status_code == 200


def test_a_weak_password_is_refused_with_a_message(client: Client, owner: ShopMembership) -> None:
    invitation = invite(owner)

    response = client.post(accept_url(invitation), {"password1": "12345678", "password2": "12345678"})

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="helfer@example.org").exists()


def test_an_invalid_link_shows_a_page_that_explains(client: Client) -> None:
    response = client.get(reverse("directory:invitation_accept", args=["kaputt"]))

    assert response.status_code == 410
    assert "Dieser Einladungslink ist nicht gültig" in response.content.decode()


def test_an_owner_invited_as_staff_stays_owner(owner: ShopMembership) -> None:
    second_shop_owner = ShopMembershipFactory(shop=owner.shop, user__email="helfer@example.org")
    invitation = StaffInvitation.objects.create(shop=owner.shop, email="helfer@example.org", role=Role.STAFF)

    invitation_accept(invitation=invitation, user=second_shop_owner.user)

    assert ShopMembership.objects.get(pk=second_shop_owner.pk).role == Role.OWNER


# --- Removing -----------------------------------------------------------------------------------


def test_an_owner_removes_staff(client: Client, owner: ShopMembership) -> None:
    staff = ShopMembershipFactory(shop=owner.shop, role=Role.STAFF)
    client.force_login(owner.user)

    response = client.post(reverse("directory:shop_member_remove", args=[owner.shop.pk, staff.pk]))

    assert response.status_code == 302
    assert not ShopMembership.objects.filter(pk=staff.pk).exists()


def test_the_last_owner_cannot_be_removed(owner: ShopMembership) -> None:
    ShopMembershipFactory(shop=owner.shop, role=Role.STAFF)

    with pytest.raises(ValidationError) as caught:
        membership_remove(shop=owner.shop, membership_id=owner.pk)

    assert caught.value.messages == [
        "Die letzte Inhaberin oder der letzte Inhaber kann nicht entfernt werden. "
        "Laden Sie zuerst eine weitere Person als Inhaber/in ein."
    ]
    assert ShopMembership.objects.filter(pk=owner.pk).exists()


def test_one_of_two_owners_may_leave(client: Client, owner: ShopMembership) -> None:
    ShopMembershipFactory(shop=owner.shop, role=Role.OWNER)
    client.force_login(owner.user)

    response = client.post(reverse("directory:shop_member_remove", args=[owner.shop.pk, owner.pk]))

    assert response["Location"] == reverse("directory:my_shops")
    assert not ShopMembership.objects.filter(pk=owner.pk).exists()


def test_removing_the_last_owner_on_the_page_shows_the_reason(client: Client, owner: ShopMembership) -> None:
    client.force_login(owner.user)

    response = client.post(
        reverse("directory:shop_member_remove", args=[owner.shop.pk, owner.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Die letzte Inhaberin oder der letzte Inhaber kann nicht entfernt werden. "
        "Laden Sie zuerst eine weitere Person als Inhaber/in ein."
    ]
    assert ShopMembership.objects.filter(pk=owner.pk).exists()


def test_the_team_page_lists_members_and_open_invitations(client: Client, owner: ShopMembership) -> None:
    ShopMembershipFactory(shop=owner.shop, role=Role.STAFF, user__email="kollege@example.org")
    invite(owner, email="bald@example.org")
    client.force_login(owner.user)

    response = client.get(reverse("directory:shop_team", args=[owner.shop.pk]))

    html = response.content.decode()
    assert "kollege@example.org" in html
    assert "bald@example.org" in html
    assert response.context["removable_owner"] is False
