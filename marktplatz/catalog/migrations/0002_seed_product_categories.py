"""The seeded product taxonomy (two levels). The operator edits it in the admin afterwards."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# (slug, German, English, is_food, children)
TAXONOMY: list[tuple[str, str, str, bool, list[tuple[str, str, str]]]] = [
    (
        "lebensmittel",
        "Lebensmittel",
        "Food",
        True,
        [
            ("brot-backwaren", "Brot & Backwaren", "Bread & bakery"),
            ("obst-gemuese", "Obst & Gemüse", "Fruit & vegetables"),
            ("fleisch-wurst", "Fleisch & Wurst", "Meat & sausages"),
            ("fisch", "Fisch", "Fish"),
            ("milch-kaese", "Milchprodukte & Käse", "Dairy & cheese"),
            ("honig-aufstriche", "Honig & Aufstriche", "Honey & spreads"),
            ("feinkost", "Feinkost & Spezialitäten", "Delicatessen"),
            ("suesswaren", "Süßwaren", "Sweets"),
        ],
    ),
    (
        "getraenke",
        "Getränke",
        "Drinks",
        True,
        [
            ("wein", "Wein & Sekt", "Wine & sparkling wine"),
            ("bier", "Bier", "Beer"),
            ("spirituosen", "Spirituosen", "Spirits"),
            ("saefte", "Säfte & Limonaden", "Juices & soft drinks"),
            ("kaffee-tee", "Kaffee & Tee", "Coffee & tea"),
        ],
    ),
    (
        "mode",
        "Mode & Accessoires",
        "Fashion & accessories",
        False,
        [
            ("damenmode", "Damenmode", "Women's fashion"),
            ("herrenmode", "Herrenmode", "Men's fashion"),
            ("kindermode", "Kindermode", "Children's fashion"),
            ("schuhe", "Schuhe", "Shoes"),
            ("taschen-schmuck", "Taschen & Schmuck", "Bags & jewellery"),
        ],
    ),
    (
        "haus-garten",
        "Haus & Garten",
        "Home & garden",
        False,
        [
            ("wohnen-deko", "Wohnen & Deko", "Living & decoration"),
            ("kueche-haushalt", "Küche & Haushalt", "Kitchen & household"),
            ("garten-pflanzen", "Garten & Pflanzen", "Garden & plants"),
            ("werkzeug", "Werkzeug & Baumarkt", "Tools & DIY"),
            ("blumen", "Blumen", "Flowers"),
        ],
    ),
    (
        "freizeit",
        "Freizeit & Bücher",
        "Leisure & books",
        False,
        [
            ("buecher", "Bücher", "Books"),
            ("spielwaren", "Spielwaren", "Toys"),
            ("sport", "Sport & Outdoor", "Sports & outdoor"),
            ("fahrrad", "Fahrrad", "Bicycles"),
            ("basteln", "Basteln & Schreibwaren", "Crafts & stationery"),
        ],
    ),
    (
        "gesundheit",
        "Gesundheit & Pflege",
        "Health & care",
        False,
        [
            ("drogerie", "Drogerie & Kosmetik", "Toiletries & cosmetics"),
            ("naturkosmetik", "Naturkosmetik", "Natural cosmetics"),
        ],
    ),
    (
        "technik",
        "Technik & Elektro",
        "Electronics",
        False,
        [
            ("elektro", "Elektrogeräte", "Electrical appliances"),
            ("zubehoer", "Zubehör", "Accessories"),
        ],
    ),
    (
        "kunsthandwerk",
        "Kunsthandwerk & Geschenke",
        "Crafts & gifts",
        False,
        [
            ("keramik", "Keramik & Töpferei", "Pottery"),
            ("geschenke", "Geschenke & Souvenirs", "Gifts & souvenirs"),
        ],
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    ProductCategory = apps.get_model("catalog", "ProductCategory")
    for position, (slug, name, name_en, is_food, children) in enumerate(TAXONOMY):
        parent, _ = ProductCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "is_food": is_food, "position": position}
        )
        for child_position, (child_slug, child_name, child_name_en) in enumerate(children):
            ProductCategory.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "name_en": child_name_en,
                    "is_food": is_food,
                    "parent": parent,
                    "position": child_position,
                },
            )


def unseed(apps: Any, schema_editor: Any) -> None:
    ProductCategory = apps.get_model("catalog", "ProductCategory")
    slugs = [slug for slug, *_ in TAXONOMY]
    ProductCategory.objects.exclude(slug__in=slugs).filter(parent__slug__in=slugs).delete()
    ProductCategory.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
