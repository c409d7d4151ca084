"""The search module on the database at hand (run the suite on SQLite and on PostgreSQL)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import CategoryFactory, ShopFactory
from marktplatz.search import (
    Document,
    documents_index,
    index_shop,
    reindex_shops,
    remove_from_index,
    search_filter,
    search_query_parse,
)
from marktplatz.search.models import SearchDocument, SearchTerm

from .factories import IndexedShopFactory

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    """Names of the published shops matching ``text``, best first (then by name)."""
    query = search_query_parse(kind="shop", text=text)
    shops = search_filter(queryset=Shop.objects.published(), query=query)
    return [shop.name for shop in shops.order_by(F("relevance").desc(), "name")]


@pytest.fixture
def bakery() -> Shop:
    return IndexedShopFactory(
        name="Bäckerei Krüger",
        description="Brot und Brötchen aus dem Holzofen.",
        categories=[CategoryFactory(slug="baeckerei", name="Bäckerei", name_en="Bakery")],
    )


@pytest.mark.parametrize("text", ["Bäckerei", "Baeckerei", "backerei", "BÄCKEREI", "bäckerei krüger"])
def test_umlaut_spellings_find_the_same_shop(bakery, text):
    assert found(text) == ["Bäckerei Krüger"]


@pytest.mark.parametrize("text", ["Bäkerei", "Backerai", "Bäckerie"])
def test_a_typo_in_a_long_word_is_forgiven(bakery, text):
    assert found(text) == ["Bäckerei Krüger"]


def test_two_typos_are_forgiven_in_words_of_eight_letters_and_more():
    IndexedShopFactory(name="Fleischerei Schulz", categories=[])

    assert found("Fleischerai") == ["Fleischerei Schulz"]
    assert found("Flaischerai") == ["Fleischerei Schulz"]


def test_a_word_too_far_from_every_indexed_word_finds_nothing(bakery):
    assert found("Bkrxei") == []


def test_a_typo_is_forgiven_from_five_letters_on():
    IndexedShopFactory(name="Wolle & Garn", categories=[])

    assert found("Garm") == []
    assert found("Wolke") == ["Wolle & Garn"]


def test_plural_finds_singular_and_back():
    IndexedShopFactory(name="Schuhhaus Meyer", description="Schuhe für die ganze Familie.", categories=[])
    IndexedShopFactory(name="Hofladen Lenz", description="Ein Apfel am Tag.", categories=[])

    assert found("Schuh") == ["Schuhhaus Meyer"]
    assert found("Schuhe") == ["Schuhhaus Meyer"]
    assert found("Äpfel") == ["Hofladen Lenz"]
    assert found("Apfel") == ["Hofladen Lenz"]


def test_the_beginning_of_a_word_finds_the_word(bakery):
    assert found("Bäck") == ["Bäckerei Krüger"]


def test_every_word_must_be_found_somewhere():
    IndexedShopFactory(name="Bäckerei Rostock", locality="Rostock", categories=[])
    IndexedShopFactory(name="Bäckerei Wismar", locality="Wismar", categories=[])

    assert found("bäckerei wismar") == ["Bäckerei Wismar"]


def test_name_ranks_above_categories_above_description_and_town():
    cheese = CategoryFactory(slug="kaese", name="Käse", name_en="Cheese")
    IndexedShopFactory(name="Allerlei", description="Wir haben auch Käse.", categories=[])
    IndexedShopFactory(name="Bunter Markt", categories=[cheese])
    IndexedShopFactory(name="Zur Käserei", categories=[])
    IndexedShopFactory(name="Lindenladen", locality="Käsow", categories=[])

    query = search_query_parse(kind="shop", text="Käse")
    ranked = search_filter(queryset=Shop.objects.all(), query=query).order_by(F("relevance").desc(), "name")

    assert [(shop.name, shop.relevance) for shop in ranked] == [
        ("Zur Käserei", 4),
        ("Bunter Markt", 2),
        ("Allerlei", 1),
        ("Lindenladen", 1),
    ]


def test_relevance_adds_up_over_the_words():
    IndexedShopFactory(name="Bio-Bäckerei", categories=[])
    IndexedShopFactory(
        name="Bäckerei Sommer",
        categories=[CategoryFactory(slug="bioladen", name="Bioladen", name_en="Organic shop")],
    )

    assert found("bio bäckerei") == ["Bio-Bäckerei", "Bäckerei Sommer"]


def test_categories_are_found_in_german_and_english_with_their_parent():
    groceries = CategoryFactory(slug="lebensmittel", name="Lebensmittel", name_en="Groceries")
    IndexedShopFactory(
        name="Laden am Markt",
        categories=[
            CategoryFactory(slug="kaffee-tee", name="Kaffee & Tee", name_en="Coffee", parent=groceries)
        ],
    )

    assert found("Kaffee") == found("coffee") == found("Lebensmittel") == ["Laden am Markt"]


def test_stop_words_alone_match_nothing(bakery):
    query = search_query_parse(kind="shop", text="und die")

    assert query.terms == ()
    assert query.has_words
    assert found("und die") == []


def test_a_shop_that_was_never_indexed_is_not_found():
    ShopFactory(name="Bäckerei Ohne Index")

    assert found("Bäckerei") == []


def test_reindexing_replaces_the_old_text(bakery):
    Shop.objects.filter(pk=bakery.pk).update(name="Konditorei Krüger")

    index_shop(shop_id=bakery.pk)

    assert found("Konditorei") == ["Konditorei Krüger"]
    assert found("Bäckerei Krüger") == ["Konditorei Krüger"]  # still in its category
    assert found("Holzofen") == ["Konditorei Krüger"]
    assert SearchDocument.objects.filter(kind="shop", object_id=bakery.pk).count() == 1


def test_a_shop_that_is_no_longer_published_leaves_the_index(bakery):
    Shop.objects.filter(pk=bakery.pk).update(status=Shop.Status.HIDDEN)

    reindex_shops(shop_ids=[bakery.pk])

    assert not SearchDocument.objects.filter(object_id=bakery.pk).exists()
    assert found("Bäckerei") == []


def test_a_deleted_shop_leaves_the_index(bakery):
    shop_id = bakery.pk
    bakery.delete()

    reindex_shops(shop_ids=[shop_id])

    assert not SearchDocument.objects.exists()


def test_remove_from_index(bakery):
    remove_from_index(kind="shop", object_ids=[bakery.pk])

    assert found("Bäckerei") == []


def test_indexed_words_form_the_vocabulary(bakery):
    words = set(SearchTerm.objects.filter(kind="shop").values_list("word", flat=True))

    assert {"backerei", "kruger", "holzofen", "brotchen", "bakery"} <= words
    assert "und" not in words


def test_another_kind_of_document_does_not_mix_with_shops(bakery):
    documents_index(kind="product", documents=[Document(object_id=bakery.pk + 1000, title="Bäckerei-Tüte")])

    assert found("Bäckerei") == ["Bäckerei Krüger"]
    product_query = search_query_parse(kind="product", text="Bäkerei-Tüte")
    assert [term.corrections for term in product_query.terms] == [("backerei",), ()]


def test_search_reindex_rebuilds_the_index_of_published_shops(bakery):
    ShopFactory(name="Bäckerei Neu")
    ShopFactory(name="Bäckerei Versteckt", status=Shop.Status.HIDDEN)
    out = StringIO()

    call_command("search_reindex", stdout=out)

    assert out.getvalue() == "product: 0 indexed\nshop: 2 indexed\n"
    assert found("Bäckerei") == ["Bäckerei Krüger", "Bäckerei Neu"]


def test_the_last_text_of_an_object_given_twice_wins():
    documents_index(
        kind="product",
        documents=[Document(object_id=7, title="Apfelsaft"), Document(object_id=7, title="Birnensaft")],
    )

    assert list(SearchDocument.objects.values_list("object_id", "title")) == [(7, "birnensaft")]
