"""What every answer of /api/v1/ shares: the OpenAPI document, headers, languages, errors, rate limit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from marktplatz.directory.tests.factories import ShopFactory

from .helpers import get, problem, write_catalogue

pytestmark = pytest.mark.django_db

SHOP_LIST_PARAMETERS = {
    "q",
    "near",
    "lat",
    "lon",
    "radius_km",
    "category",
    "service",
    "open_now",
    "initiative",
    "page",
    "page_size",
}


# --- OpenAPI ----------------------------------------------------------------------------------------


def test_openapi_document_lists_the_paths(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Marktplatz API"
    assert document["info"]["version"] == "1.0.0"
    assert "read-only API" in document["info"]["description"]
    assert {path: set(operations) for path, operations in document["paths"].items()} == {
        "/api/v1/shops": {"get"},
        "/api/v1/shops/{slug}": {"get"},
        "/api/v1/categories": {"get"},
        "/api/v1/initiatives": {"get"},
        "/api/v1/initiatives/{slug}": {"get"},
        "/api/v1/products": {"get"},
        "/api/v1/products/{product_id}": {"get"},
    }


def test_openapi_document_describes_every_shop_parameter(client: Any) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/shops"]["get"]

    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert set(parameters) == SHOP_LIST_PARAMETERS
    assert all(parameter["in"] == "query" and parameter["description"] for parameter in parameters.values())
    assert parameters["service"]["schema"]["items"]["enum"] == [
        "phone_order",
        "delivery",
        "pickup",
        "shipping",
        "online_shop",
        "vouchers",
    ]
    assert parameters["page_size"]["schema"]["maximum"] == 100


def test_openapi_document_describes_the_400_answer(client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json()

    answers = document["paths"]["/api/v1/shops"]["get"]["responses"]
    assert set(answers) == {"200", "400", "429"}
    bad_request = answers["400"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    problem_schema = document["components"]["schemas"]["ParameterProblemOut"]
    assert document["components"]["schemas"][bad_request]["properties"]["detail"]["items"] == {
        "$ref": "#/components/schemas/ParameterProblemOut"
    }
    assert set(problem_schema["properties"]) == {"parameter", "message"}


def test_docs_page_serves_swagger_ui_from_our_own_static_files(client: Any) -> None:
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b'src="/static/ninja/swagger-ui-bundle.js"' in response.content
    assert b"cdn." not in response.content


def test_index_links_the_endpoints(client: Any) -> None:
    response = client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {
        "openapi": "http://testserver/api/v1/openapi.json",
        "docs": "http://testserver/api/v1/docs",
        "shops": "http://testserver/api/v1/shops",
        "categories": "http://testserver/api/v1/categories",
        "initiatives": "http://testserver/api/v1/initiatives",
        "products": "http://testserver/api/v1/products",
    }


# --- Headers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["shops", "categories", "initiatives", "openapi.json"])
def test_answers_may_be_read_from_any_origin_and_cached_for_a_minute(client: Any, path: str) -> None:
    response = client.get(f"/api/v1/{path}", headers={"origin": "https://example.org"})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"


def test_errors_may_be_read_from_any_origin_but_are_not_cached(client: Any) -> None:
    response = get(client, "shops", page="0")

    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.has_header("Cache-Control")


def test_a_cors_preflight_allows_get(client: Any) -> None:
    response = client.options(
        "/api/v1/shops",
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, OPTIONS"


def test_answers_vary_with_the_language(client: Any) -> None:
    response = get(client, "shops")

    assert "Accept-Language" in response["Vary"]


# --- Errors --------------------------------------------------------------------------------------------


def test_other_methods_are_refused_in_json(client: Any) -> None:
    response = client.post("/api/v1/shops", headers={"accept-language": "en"})

    assert response.status_code == 405
    assert response.json() == {"detail": "The API only answers GET requests."}
    assert response["Allow"] == "GET, OPTIONS"


def test_an_unknown_path_answers_json_404(client: Any) -> None:
    response = client.get("/api/v1/laeden", headers={"accept-language": "en"})

    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no such endpoint. The API is described at http://testserver/api/v1/openapi.json."
    }


def test_messages_are_in_the_requested_language(client: Any, settings: Any, tmp_path: Path) -> None:
    write_catalogue(
        tmp_path, "de", {"There is no category “%(slug)s”.": "Die Kategorie „%(slug)s“ gibt es nicht."}
    )
    settings.LOCALE_PATHS = [tmp_path]

    german = client.get("/api/v1/shops", {"category": "raumschiffe"})
    english = get(client, "shops", language="en", category="raumschiffe")

    assert problem(german) == [("category", "Die Kategorie „raumschiffe“ gibt es nicht.")]
    assert problem(english) == [("category", "There is no category “raumschiffe”.")]


def test_type_errors_are_german_by_default(client: Any) -> None:
    response = client.get("/api/v1/shops", {"page": "zwei"})

    assert problem(response) == [("page", "Bitte eine ganze Zahl eingeben.")]


# --- Rate limit ------------------------------------------------------------------------------------------


def test_too_many_requests_from_one_address_are_refused(client: Any, settings: Any) -> None:
    settings.RATELIMIT_ENABLE = True
    settings.API_RATE_LIMIT = "2/d"  # a day-long window: the test never straddles two
    cache.clear()
    ShopFactory()

    answers = [
        client.get("/api/v1/shops", headers={"accept-language": "en"}, REMOTE_ADDR="192.0.2.1")
        for _ in range(3)
    ]
    other_address = client.get("/api/v1/shops", REMOTE_ADDR="192.0.2.2")

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[2].json() == {"detail": "Too many requests. Please wait a moment and try again."}
    assert 1 <= int(answers[2]["Retry-After"]) <= 24 * 3600
    assert other_address.status_code == 200
