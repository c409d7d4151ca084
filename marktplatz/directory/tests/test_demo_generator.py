"""The shop generator shared by ``load_demo`` and ``generate_shops``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from marktplatz.directory.demo import ShopGenerator, demo_places, german_slug
from marktplatz.directory.models import Category, Shop
from marktplatz.geo.gazetteer import Place

NOW = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


def generator(seed: int) -> ShopGenerator:
    return ShopGenerator(seed=seed, places=demo_places(), categories=list(Category.objects.all()), now=NOW)


def fingerprint(draft: Any) -> tuple[Any, ...]:
    shop = draft.shop
    return (
        shop.name,
        shop.slug,
        shop.street,
        shop.postal_code,
        shop.lat,
        shop.lon,
        str(shop.phone),
        shop.status,
        tuple(sorted(s.kind for s in draft.services)),
        tuple((h.weekday, h.opens, h.closes) for h in draft.hours),
    )


@pytest.mark.django_db
def test_generate_shops_creates_exactly_the_count() -> None:
    out = io.StringIO()

    call_command("generate_shops", count=37, seed=3, stdout=out)

    assert Shop.objects.count() == 37
    assert "Created 37 demo shops" in out.getvalue()


@pytest.mark.django_db
def test_generate_shops_twice_with_the_same_seed_adds_shops_with_new_slugs() -> None:
    call_command("generate_shops", count=20, seed=3, stdout=io.StringIO())

    call_command("generate_shops", count=20, seed=3, stdout=io.StringIO())

    assert Shop.objects.count() == 40
    assert Shop.objects.values("slug").distinct().count() == 40


@pytest.mark.django_db
def test_generate_shops_refuses_a_count_below_one() -> None:
    with pytest.raises(CommandError, match=r"^--count must be at least 1\.$"):
        call_command("generate_shops", count=0, stdout=io.StringIO())


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_shops() -> None:
    first = [fingerprint(generator(7).draft(i)) for i in range(50)]
    again = [fingerprint(generator(7).draft(i)) for i in range(50)]
    other = [fingerprint(generator(8).draft(i)) for i in range(50)]

    assert first == again
    assert first != other


@pytest.mark.django_db
def test_the_first_round_uses_every_category_once() -> None:
    categories = list(Category.objects.all())
    gen = generator(1)

    first_categories = [gen.draft(i).category_ids[0] for i in range(len(categories))]

    assert sorted(first_categories) == sorted(c.pk for c in categories)


@pytest.mark.django_db
def test_special_days_lie_ahead_of_the_day_of_generation() -> None:
    gen = generator(2)
    special_days = [day for i in range(300) for day in gen.draft(i).special_days]

    assert special_days
    assert min(day.date for day in special_days) > timezone.localdate(NOW)


def test_places_are_weighted_by_population_shared_among_postal_codes() -> None:
    places = demo_places(
        [
            Place("18055", "Rostock", 54.09, 12.14, "Rostock", 200000),
            Place("18057", "Rostock", 54.09, 12.12, "Rostock", 200000),
            Place("17039", "Beseritz", 53.6, 13.28, "Mecklenburgische Seenplatte", None),
            Place(None, "Warnemünde", 54.17, 12.08, "Rostock", 8000),
        ]
    )

    assert [(p.postal_code, p.weight) for p in places] == [
        ("17039", 250.0),
        ("18055", 100000.0),
        ("18057", 100000.0),
    ]


def test_german_slug_transliterates_umlauts() -> None:
    assert german_slug("Bäckerei Größe Übersee Rostock") == "baeckerei-groesse-uebersee-rostock"
