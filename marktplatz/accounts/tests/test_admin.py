"""The operator's user admin: e-mail is the login, there is no user name."""

from __future__ import annotations

from typing import Any

import pytest

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.tests.factories import ShopMembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True, email="betrieb@land.example")
    client.force_login(user)
    return user


def test_add_user_with_email_and_password(client: Any, operator: Any) -> None:
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Neue.Person@Example.org",
            "first_name": "Nora",
            "last_name": "Neu",
            "usable_password": "true",
            "password1": "ein-langes-Passwort-7",
            "password2": "ein-langes-Passwort-7",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="neue.person@example.org")
    assert user.check_password("ein-langes-Passwort-7")
    assert (user.first_name, user.is_staff) == ("Nora", False)


def test_add_user_without_password_for_login_links(client: Any, operator: Any) -> None:
    client.post("/admin/accounts/user/add/", {"email": "link@example.org", "usable_password": "false"})

    assert User.objects.get(email="link@example.org").has_usable_password() is False


def test_email_must_be_unique_regardless_of_case(client: Any, operator: Any) -> None:
    UserFactory(email="doppelt@example.org")

    response = client.post(
        "/admin/accounts/user/add/", {"email": "DOPPELT@example.org", "usable_password": "false"}
    )

    assert response.context["adminform"].form.errors == {
        "email": ["Es gibt bereits ein Konto mit dieser E-Mail-Adresse."]
    }


def test_change_page_has_no_username_and_lists_managed_shops(client: Any, operator: Any) -> None:
    membership = ShopMembershipFactory()

    response = client.get(f"/admin/accounts/user/{membership.user.pk}/change/")

    assert response.status_code == 200
    assert "username" not in response.context["adminform"].form.fields
    assert response.context["inline_admin_formsets"][0].formset.prefix == "shop_memberships"
    assert membership.shop.name in response.content.decode()


def test_user_list_searches_by_email(client: Any, operator: Any) -> None:
    UserFactory(email="erika@hof.example")
    UserFactory(email="max@stadt.example")

    response = client.get("/admin/accounts/user/", {"q": "hof.example"})

    assert [user.email for user in response.context["cl"].result_list] == ["erika@hof.example"]
