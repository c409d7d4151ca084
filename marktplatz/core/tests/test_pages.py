"""The information and legal pages: each answers 200 with exactly one h1 and the content the law asks for."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from django.test import Client

PAGES = [
    ("/ueber-uns/", "About the Marktplatz"),
    ("/impressum/", "Imprint"),
    ("/datenschutz/", "Privacy policy"),
    ("/barrierefreiheit/", "Accessibility statement"),
    ("/ranking/", "How search results are ranked"),
]


def get_english(client: Client, path: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_answers_with_exactly_one_h1(client: Client, path: str, heading: str) -> None:
    html = get_english(client, path)

    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S) == [heading]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_headings_do_not_skip_a_level(client: Client, path: str, heading: str) -> None:
    html = get_english(client, path)
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]

    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]

    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/impressum/", "/datenschutz/", "/barrierefreiheit/"])
def test_legal_page_links_to_the_operators_email(client: Client, settings: Any, path: str) -> None:
    settings.OPERATOR_EMAIL = "betrieb@land.example"

    html = get_english(client, path)

    assert 'href="mailto:betrieb@land.example' in html


@pytest.mark.django_db
def test_imprint_marks_the_operators_address_as_a_placeholder(client: Client) -> None:
    html = get_english(client, "/impressum/")

    assert "<mark>[Address of the operator: street and number]</mark>" in html


@pytest.mark.django_db
def test_accessibility_statement_names_the_map_limitation_and_the_arbitration_board(client: Client) -> None:
    html = get_english(client, "/barrierefreiheit/")

    assert "is the accessible alternative" in html
    assert "<h2>Enforcement procedure</h2>" in html
    assert "(Schlichtungsstelle)" in html
    assert "This statement was prepared on 23 November 2026." in html


@pytest.mark.django_db
def test_ranking_page_states_that_no_placement_can_be_bought(client: Client) -> None:
    html = get_english(client, "/ranking/")

    assert "No shop can pay for a better position." in html
    assert "Shops are listed alphabetically by name." in html


@pytest.mark.django_db
def test_privacy_page_lists_every_cookie_in_a_table(client: Client) -> None:
    html = get_english(client, "/datenschutz/")

    for name in ("csrftoken", "sessionid", "django_language", "messages"):
        assert f'<th scope="row"><code>{name}</code></th>' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ueber-uns/", "/impressum/", "/datenschutz/"])  # lists, dl/address, table
def test_page_is_accessible_on_a_phone(phone_page: Any, assert_accessible: Any, path: str) -> None:
    phone_page.goto(path)

    assert phone_page.locator("h1").count() == 1
    assert_accessible(phone_page)
