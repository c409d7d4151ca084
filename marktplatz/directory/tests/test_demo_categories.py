"""The category taxonomy seeded by migration ``directory.0002_seed_categories``."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from marktplatz.directory.models import Category

seed_migration = importlib.import_module("marktplatz.directory.migrations.0002_seed_categories")

REQUIRED_TOP_LEVEL = {
    "lebensmittel",
    "baeckerei-konditorei",
    "fleischerei",
    "obst-gemuese",
    "getraenke",
    "mode-bekleidung",
    "schuhe-lederwaren",
    "buecher-schreibwaren",
    "blumen-garten",
    "apotheke-drogerie",
    "optik-hoergeraete",
    "elektronik-technik",
    "haushalt-wohnen",
    "spielwaren",
    "sport-freizeit",
    "kunsthandwerk-geschenke",
    "fahrraeder",
    "schmuck-uhren",
    "tierbedarf",
    "regionale-produkte",
}


@pytest.mark.django_db
def test_the_top_level_categories_are_seeded_in_order() -> None:
    top = list(Category.objects.filter(parent=None).order_by("position"))

    assert {c.slug for c in top} == REQUIRED_TOP_LEVEL
    assert top[0].slug == "lebensmittel"
    assert top[0].name == "Lebensmittel"
    assert top[0].name_en == "Groceries"


@pytest.mark.django_db
def test_every_top_level_category_has_named_sub_categories() -> None:
    for category in Category.objects.filter(parent=None):
        children = list(category.children.all())
        assert len(children) >= 2, category.slug
        assert all(child.name and child.name_en for child in children)


@pytest.mark.django_db
def test_reversing_deletes_exactly_the_seeded_categories() -> None:
    own = Category.objects.create(name="Eigene Kategorie", slug="eigene-kategorie")
    seeded = Category.objects.exclude(pk=own.pk).count()

    seed_migration.unseed_categories(apps, None)

    assert list(Category.objects.all()) == [own]
    seed_migration.seed_categories(apps, None)
    assert Category.objects.count() == seeded + 1
