"""
Seed the category taxonomy of local retail (two levels).

The operator edits the categories later in the admin; reversing this migration deletes exactly the
slugs seeded here (sub-categories first).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

# (slug, German name, English name, [(slug, German name, English name), ...])
TAXONOMY: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "lebensmittel",
        "Lebensmittel",
        "Groceries",
        [
            ("feinkost", "Feinkost & Delikatessen", "Delicatessen"),
            ("bioladen", "Bioladen & Unverpackt", "Organic & zero waste"),
            ("kaese", "Käse", "Cheese"),
            ("fisch", "Fisch & Räucherwaren", "Fish & smoked fish"),
            ("kaffee-tee", "Kaffee & Tee", "Coffee & tea"),
        ],
    ),
    (
        "baeckerei-konditorei",
        "Bäckerei & Konditorei",
        "Bakery & patisserie",
        [
            ("baeckerei", "Bäckerei", "Bakery"),
            ("konditorei", "Konditorei & Torten", "Patisserie & cakes"),
            ("cafe", "Café", "Café"),
        ],
    ),
    (
        "fleischerei",
        "Fleischerei",
        "Butcher",
        [
            ("wurst-schinken", "Wurst & Schinken", "Sausages & ham"),
            ("wild-gefluegel", "Wild & Geflügel", "Game & poultry"),
            ("partyservice", "Partyservice", "Catering"),
        ],
    ),
    (
        "obst-gemuese",
        "Obst & Gemüse",
        "Fruit & vegetables",
        [
            ("hofladen", "Hofladen", "Farm shop"),
            ("wochenmarkt", "Wochenmarktstand", "Market stall"),
            ("gemuesekiste", "Gemüsekiste", "Veg box"),
        ],
    ),
    (
        "getraenke",
        "Getränke",
        "Drinks",
        [
            ("wein", "Wein & Sekt", "Wine & sparkling wine"),
            ("bier", "Bier & Brauerei", "Beer & brewery"),
            ("spirituosen", "Spirituosen", "Spirits"),
            ("getraenkemarkt", "Getränkemarkt", "Drinks store"),
        ],
    ),
    (
        "mode-bekleidung",
        "Mode & Bekleidung",
        "Fashion & clothing",
        [
            ("damenmode", "Damenmode", "Women's fashion"),
            ("herrenmode", "Herrenmode", "Men's fashion"),
            ("kindermode", "Kindermode", "Children's fashion"),
            ("second-hand", "Second Hand", "Second hand"),
            ("naehen-stoffe", "Stoffe & Kurzwaren", "Fabrics & haberdashery"),
        ],
    ),
    (
        "schuhe-lederwaren",
        "Schuhe & Lederwaren",
        "Shoes & leather goods",
        [
            ("schuhe", "Schuhe", "Shoes"),
            ("taschen-koffer", "Taschen & Koffer", "Bags & luggage"),
            ("schuhreparatur", "Schuhmacher & Reparatur", "Shoemaker & repairs"),
        ],
    ),
    (
        "buecher-schreibwaren",
        "Bücher & Schreibwaren",
        "Books & stationery",
        [
            ("buchhandlung", "Buchhandlung", "Bookshop"),
            ("antiquariat", "Antiquariat", "Antiquarian books"),
            ("schreibwaren", "Schreibwaren & Bürobedarf", "Stationery & office supplies"),
            ("zeitschriften", "Zeitungen & Zeitschriften", "Newspapers & magazines"),
        ],
    ),
    (
        "blumen-garten",
        "Blumen & Garten",
        "Flowers & garden",
        [
            ("blumenladen", "Blumenladen & Floristik", "Florist"),
            ("gaertnerei", "Gärtnerei & Pflanzen", "Nursery & plants"),
            ("gartenbedarf", "Gartenbedarf", "Garden supplies"),
        ],
    ),
    (
        "apotheke-drogerie",
        "Apotheke & Drogerie",
        "Pharmacy & drugstore",
        [
            ("apotheke", "Apotheke", "Pharmacy"),
            ("drogerie", "Drogerie & Kosmetik", "Drugstore & cosmetics"),
            ("reformhaus", "Reformhaus & Naturkost", "Health food store"),
            ("sanitaetshaus", "Sanitätshaus", "Medical supplies"),
        ],
    ),
    (
        "optik-hoergeraete",
        "Optik & Hörgeräte",
        "Optician & hearing aids",
        [
            ("optiker", "Optiker", "Optician"),
            ("hoerakustik", "Hörakustik", "Hearing aids"),
        ],
    ),
    (
        "elektronik-technik",
        "Elektronik & Technik",
        "Electronics & technology",
        [
            ("computer-handy", "Computer & Handy", "Computers & phones"),
            ("unterhaltungselektronik", "Fernseher & Hi-Fi", "TV & hi-fi"),
            ("elektrogeraete", "Elektrogeräte & Reparatur", "Appliances & repairs"),
            ("foto", "Foto & Kamera", "Photo & camera"),
        ],
    ),
    (
        "haushalt-wohnen",
        "Haushalt & Wohnen",
        "Home & living",
        [
            ("moebel", "Möbel", "Furniture"),
            ("heimtextilien", "Heimtextilien & Gardinen", "Home textiles & curtains"),
            ("kueche-haushalt", "Küche & Haushaltswaren", "Kitchen & housewares"),
            ("eisenwaren", "Eisenwaren & Werkzeug", "Hardware & tools"),
            ("farben-tapeten", "Farben & Tapeten", "Paint & wallpaper"),
        ],
    ),
    (
        "spielwaren",
        "Spielwaren",
        "Toys",
        [
            ("spielzeug", "Spielzeug", "Toys & games"),
            ("modellbau", "Modellbau", "Model making"),
            ("baby", "Babyausstattung", "Baby equipment"),
        ],
    ),
    (
        "sport-freizeit",
        "Sport & Freizeit",
        "Sports & leisure",
        [
            ("sportartikel", "Sportartikel", "Sporting goods"),
            ("wassersport", "Wassersport & Angeln", "Water sports & fishing"),
            ("camping-outdoor", "Camping & Outdoor", "Camping & outdoor"),
            ("musikinstrumente", "Musikinstrumente", "Musical instruments"),
        ],
    ),
    (
        "kunsthandwerk-geschenke",
        "Kunsthandwerk & Geschenke",
        "Crafts & gifts",
        [
            ("toepferei", "Töpferei & Keramik", "Pottery & ceramics"),
            ("galerie", "Galerie & Kunst", "Gallery & art"),
            ("geschenke", "Geschenke & Dekoration", "Gifts & decoration"),
            ("bastelbedarf", "Bastel- & Handarbeitsbedarf", "Craft & needlework supplies"),
        ],
    ),
    (
        "fahrraeder",
        "Fahrräder",
        "Bicycles",
        [
            ("fahrradhandel", "Fahrradhandel", "Bicycle shop"),
            ("e-bikes", "E-Bikes", "E-bikes"),
            ("fahrradwerkstatt", "Fahrradwerkstatt", "Bicycle repairs"),
        ],
    ),
    (
        "schmuck-uhren",
        "Schmuck & Uhren",
        "Jewellery & watches",
        [
            ("goldschmiede", "Goldschmiede", "Goldsmith"),
            ("uhrmacher", "Uhrmacher", "Watchmaker"),
            ("bernstein", "Bernsteinschmuck", "Amber jewellery"),
        ],
    ),
    (
        "tierbedarf",
        "Tierbedarf",
        "Pet supplies",
        [
            ("tiernahrung", "Tiernahrung", "Pet food"),
            ("aquaristik", "Aquaristik & Terraristik", "Aquariums & terrariums"),
            ("reitsport", "Reitsport", "Equestrian supplies"),
        ],
    ),
    (
        "regionale-produkte",
        "Regionale Produkte",
        "Regional products",
        [
            ("honig-imkerei", "Honig & Imkerei", "Honey & beekeeping"),
            ("sanddorn", "Sanddorn & Fruchtspezialitäten", "Sea buckthorn & fruit specialities"),
            ("manufaktur", "Manufakturwaren aus MV", "Handmade goods from MV"),
        ],
    ),
]


def _seeded_slugs() -> list[tuple[str, str]]:
    """(slug, parent slug or "") of every seeded category, parents first."""
    pairs: list[tuple[str, str]] = []
    for slug, _name, _name_en, children in TAXONOMY:
        pairs.append((slug, ""))
        pairs.extend((child_slug, slug) for child_slug, _cn, _ce in children)
    return pairs


def seed_categories(apps: Any, schema_editor: Any) -> None:
    Category = apps.get_model("directory", "Category")
    for top_position, (slug, name, name_en, children) in enumerate(TAXONOMY, start=1):
        parent, _created = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "position": top_position * 10, "parent": None},
        )
        for child_position, (child_slug, child_name, child_name_en) in enumerate(children, start=1):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "name": child_name,
                    "name_en": child_name_en,
                    "position": child_position * 10,
                    "parent": parent,
                },
            )


def unseed_categories(apps: Any, schema_editor: Any) -> None:
    Category = apps.get_model("directory", "Category")
    pairs = _seeded_slugs()
    children = [slug for slug, parent in pairs if parent]
    parents = [slug for slug, parent in pairs if not parent]
    Category.objects.filter(slug__in=children).delete()
    Category.objects.filter(slug__in=parents).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_categories, unseed_categories),
    ]
