"""The main navigation tells screen-reader users where they are (``aria-current="page"``)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from marktplatz.accounts.tests.factories import UserFactory


def current_links(html: str) -> list[str]:
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', nav)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view_name", ["directory:search", "initiatives:list", "directory:signup", "accounts:login"]
)
def test_the_link_of_the_current_page_is_marked(client: Client, view_name: str) -> None:
    path = reverse(view_name)

    html = client.get(path).content.decode()

    assert current_links(html) == [path]


@pytest.mark.django_db
@pytest.mark.parametrize("view_name", ["directory:my_shops", "accounts:account"])
def test_the_links_for_logged_in_users_are_marked(client: Client, view_name: str) -> None:
    client.force_login(UserFactory())
    path = reverse(view_name)

    html = client.get(path).content.decode()

    assert current_links(html) == [path]


@pytest.mark.django_db
def test_no_link_is_marked_on_other_pages(client: Client) -> None:
    html = client.get(reverse("core:about")).content.decode()

    assert current_links(html) == []
