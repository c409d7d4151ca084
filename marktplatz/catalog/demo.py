"""
Demo products for the demo shops (``make demo`` / ``make run``): fictional articles with German
names, prices, contents (so unit prices show), variants, counted stock (some sold out), food with
ingredients and non-food with product-safety information.

Each demo shop gets articles that fit its directory category (a bakery sells bread, a bicycle shop
inner tubes); the three featured shops of the demo logins get their whole range. The articles of a
shop depend only on the seed and the shop's slug, so every run gives the same catalogue. Loading
is idempotent (a shop that has products is left alone) and fast: bulk inserts, then one summary
update and one indexing pass, as ``directory.demo`` does for the shops.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.db import transaction
from django.utils import timezone

from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.demo import DEMO_SEED, FEATURED_SHOPS
from marktplatz.directory.models import Category, Shop

from .indexing import reindex_products
from .models import Product, ProductCategory, ProductVariant, QuantityUnit, StockMode, VatRate
from .services.products import product_summary_refresh

G, KG, ML, L, M, PIECE = (
    QuantityUnit.GRAM,
    QuantityUnit.KILOGRAM,
    QuantityUnit.MILLILITRE,
    QuantityUnit.LITRE,
    QuantityUnit.METRE,
    QuantityUnit.PIECE,
)
FOOD_VAT, STANDARD_VAT = VatRate.REDUCED, VatRate.STANDARD
ALWAYS, TRACKED, ON_REQUEST = StockMode.ALWAYS, StockMode.TRACKED, StockMode.ON_REQUEST

DEMO_PRODUCT_NOTE: Final = "Dies ist ein Demo-Artikel: erfunden, nur zur Vorschau des Marktplatzes."
# How many articles a generated (not featured) demo shop gets.
MIN_ITEMS, MAX_ITEMS = 3, 7
# The stock of a counted article: one draw in seven is "sold out".
STOCK_DRAWS: Final = (0, 2, 5, 8, 12, 20, 35)
DEMO_MAKER_ADDRESS: Final = "Demo-Straße 1, 18055 Rostock"


@dataclass(frozen=True)
class DemoItem:
    """One article of a demo range. Prices are gross (incl. VAT) in euros."""

    name: str
    category: str  # slug of the product taxonomy; "" for none
    price: str
    text: str
    quantity: str = ""  # contents of one sales unit, for the unit price
    unit: str = PIECE
    vat: str = STANDARD_VAT
    stock: str = ALWAYS
    variants: tuple[tuple[str, str], ...] = ()  # (label, price)
    compare_at: str = ""
    ingredients: str = ""  # food: ingredients, allergens in capitals
    maker: str = ""  # non-food: manufacturer ("" = the shop itself)
    warnings: str = ""  # non-food: warnings and safety information
    shipping: bool = True
    sold_out: bool = False  # counted stock at 0 for every variant


BAKERY: Final = (
    DemoItem(
        "Roggenmischbrot",
        "brot-backwaren",
        "3.90",
        "Kräftiges Mischbrot mit Natursauerteig, lange geführt und im Steinofen gebacken.",
        "750",
        G,
        FOOD_VAT,
        ingredients="Roggenmehl, WEIZENMEHL, Wasser, Natursauerteig (ROGGEN), Salz, Hefe.",
        shipping=False,
    ),
    DemoItem(
        "Dinkelvollkornbrot",
        "brot-backwaren",
        "4.60",
        "Saftiges Vollkornbrot aus Dinkel mit Sonnenblumenkernen.",
        "500",
        G,
        FOOD_VAT,
        ingredients="DINKELVOLLKORNMEHL, Wasser, Sonnenblumenkerne, Salz, Hefe.",
        shipping=False,
    ),
    DemoItem(
        "Körnerbrötchen",
        "brot-backwaren",
        "0.65",
        "Knuspriges Brötchen mit Sesam, Leinsaat und Kürbiskernen.",
        vat=FOOD_VAT,
        ingredients="WEIZENMEHL, Wasser, SESAM, Leinsaat, Kürbiskerne, Salz, Hefe.",
        shipping=False,
    ),
    DemoItem(
        "Butterkuchen vom Blech",
        "brot-backwaren",
        "1.80",
        "Ein Stück Butterkuchen mit Mandeln, wie bei Oma.",
        vat=FOOD_VAT,
        stock=TRACKED,
        ingredients="WEIZENMEHL, BUTTER, Zucker, MANDELN, VOLLMILCH, EIER, Hefe, Salz.",
        shipping=False,
    ),
    DemoItem(
        "Sanddorntorte",
        "brot-backwaren",
        "3.20",
        "Ein Stück Sahnetorte mit Sanddorn von der Küste.",
        vat=FOOD_VAT,
        stock=TRACKED,
        sold_out=True,
        ingredients="SAHNE, Sanddornmark, Zucker, WEIZENMEHL, EIER, Gelatine.",
        shipping=False,
    ),
    DemoItem(
        "Franzbrötchen",
        "brot-backwaren",
        "1.60",
        "Plundergebäck mit Zimt und Zucker.",
        vat=FOOD_VAT,
        variants=(("Klassisch mit Zimt", "1.60"), ("Mit Schokolade", "1.90")),
        ingredients="WEIZENMEHL, BUTTER, Zucker, Zimt, VOLLMILCH, Hefe; Variante: Schokolade (SOJA).",
        shipping=False,
    ),
    DemoItem(
        "Erdbeerkonfitüre extra",
        "honig-aufstriche",
        "4.50",
        "Hausgemacht aus Erdbeeren vom Hof nebenan, Fruchtgehalt 60 g je 100 g.",
        "250",
        G,
        FOOD_VAT,
        ingredients="Erdbeeren, Zucker, Zitronensaft, Geliermittel Pektin.",
    ),
    DemoItem(
        "Brotbeutel aus Leinen",
        "kueche-haushalt",
        "12.90",
        "Hält Brot länger frisch; waschbar bei 40 °C.",
        maker="Leinenweberei Nordlicht (Demo)",
        warnings="Vor dem ersten Gebrauch waschen. Nicht im Trockner trocknen.",
    ),
)

FLOWERS: Final = (
    DemoItem(
        "Blumenstrauß „Ostseebrise“",
        "blumen",
        "24.90",
        "Frischer Strauß der Saison in Blau und Weiß, gebunden am Tag der Abholung.",
        vat=FOOD_VAT,
        variants=(("Klein", "19.90"), ("Mittel", "24.90"), ("Groß", "34.90")),
        warnings="Einige Blumen können bei Haustieren Vergiftungen auslösen.",
        shipping=False,
    ),
    DemoItem(
        "Tulpen, 10 Stück",
        "blumen",
        "7.50",
        "Bunte Tulpen aus der Region.",
        vat=FOOD_VAT,
        stock=TRACKED,
        shipping=False,
    ),
    DemoItem(
        "Orchidee im Keramiktopf",
        "blumen",
        "29.00",
        "Weiße Phalaenopsis, zweitriebig, im glasierten Topf.",
        vat=FOOD_VAT,
        stock=TRACKED,
        warnings="Pflanze nicht zum Verzehr geeignet.",
        shipping=False,
    ),
    DemoItem(
        "Kräutertopf Basilikum",
        "garten-pflanzen",
        "2.99",
        "Aus unserer Gärtnerei, ungespritzt.",
        vat=FOOD_VAT,
        shipping=False,
    ),
    DemoItem(
        "Torffreie Blumenerde",
        "garten-pflanzen",
        "8.99",
        "Für Balkon und Kübel, mit Kompost aus der Region.",
        "20",
        L,
        maker="Gartenerden Vorpommern (Demo)",
        warnings="Nach der Verwendung Hände waschen. Für Kinder unzugänglich aufbewahren.",
        shipping=False,
    ),
    DemoItem(
        "Rosenschere",
        "garten-pflanzen",
        "18.50",
        "Bypass-Schere mit gehärteter Klinge und Sicherheitsverschluss.",
        maker="Werkzeugschmiede Warnow (Demo)",
        warnings="Scharfe Klinge. Nach Gebrauch verriegeln und außer Reichweite von Kindern aufbewahren.",
    ),
    DemoItem(
        "Duftkerze „Strandrose“",
        "wohnen-deko",
        "14.90",
        "Sojawachs mit Baumwolldocht, Brenndauer etwa 40 Stunden.",
        "180",
        G,
        maker="Kerzenzieherei Achterwasser (Demo)",
        warnings="Brennende Kerze nie unbeaufsichtigt lassen. Von brennbaren Gegenständen fernhalten.",
    ),
)

BICYCLES: Final = (
    DemoItem(
        "Citybike „Kettenblatt 7“",
        "fahrrad",
        "649.00",
        "Stabiles Stadtrad mit 7-Gang-Nabenschaltung, Nabendynamo und Gepäckträger.",
        stock=ON_REQUEST,
        variants=(
            ("Rahmenhöhe 50 cm", "649.00"),
            ("Rahmenhöhe 55 cm", "649.00"),
            ("Rahmenhöhe 60 cm", "669.00"),
        ),
        maker="Radmanufaktur Kettenblatt (Demo)",
        warnings="Vor der ersten Fahrt Bremsen und Lichtanlage prüfen. Schrauben nach 200 km nachziehen.",
    ),
    DemoItem(
        "Fahrradschlauch 28 Zoll",
        "fahrrad",
        "6.90",
        "Mit Sclaverand-Ventil (Presta), für Reifenbreiten 28–47 mm.",
        stock=TRACKED,
        variants=(("Sclaverand-Ventil", "6.90"), ("Dunlop-Ventil", "6.50"), ("Auto-Ventil", "6.50")),
        maker="Gummiwerk Hanse (Demo)",
        warnings="Höchstdruck auf dem Reifen beachten.",
    ),
    DemoItem(
        "Bügelschloss „Festmacher“",
        "fahrrad",
        "39.90",
        "Gehärteter Stahlbügel, 16 mm, mit zwei Schlüsseln.",
        stock=TRACKED,
        compare_at="49.90",
        maker="Schlosserei Küstenschutz (Demo)",
        warnings="Schlüssel getrennt vom Schloss aufbewahren.",
    ),
    DemoItem(
        "LED-Beleuchtungsset mit Akku",
        "fahrrad",
        "34.90",
        "Vorder- und Rücklicht, StVZO-zugelassen, Laden über USB-C.",
        stock=TRACKED,
        sold_out=True,
        maker="Lichtwerk Nord (Demo)",
        warnings="Nicht direkt in den Lichtstrahl blicken. Akku nur mit geeignetem Ladegerät laden.",
    ),
    DemoItem(
        "Kettenöl",
        "fahrrad",
        "7.90",
        "Biologisch abbaubar, für nasse und trockene Bedingungen.",
        "100",
        ML,
        maker="Schmierstoffe Peene (Demo)",
        warnings="Darf nicht in die Hände von Kindern gelangen. Nicht in Gewässer gelangen lassen.",
    ),
    DemoItem(
        "Fahrradhelm „Deichkrone“",
        "sport",
        "59.00",
        "Leichter Helm mit Rücklicht und Insektennetz.",
        stock=TRACKED,
        variants=(("Größe S/M (52–56 cm)", "59.00"), ("Größe M/L (56–61 cm)", "59.00")),
        maker="Helmbau Müritz (Demo)",
        warnings="Nach einem Sturz ersetzen. Nicht zum Klettern oder auf Spielplätzen tragen.",
    ),
)

BUTCHER: Final = (
    DemoItem(
        "Mecklenburger Leberwurst im Glas",
        "fleisch-wurst",
        "4.20",
        "Grobe Leberwurst nach Hausrezept mit Majoran.",
        "200",
        G,
        FOOD_VAT,
        ingredients="Schweinefleisch, Schweineleber, Speck, Zwiebeln, Salz, Majoran, Pfeffer.",
    ),
    DemoItem(
        "Rinderhackfleisch",
        "fleisch-wurst",
        "6.90",
        "Vom Weiderind aus der Region, täglich frisch gewolft.",
        "500",
        G,
        FOOD_VAT,
        stock=TRACKED,
        ingredients="Rindfleisch.",
        shipping=False,
    ),
    DemoItem(
        "Grillbratwurst, 6 Stück",
        "fleisch-wurst",
        "7.80",
        "Grobe Bratwurst nach Thüringer Art.",
        "600",
        G,
        FOOD_VAT,
        stock=TRACKED,
        ingredients="Schweinefleisch, Speck, Salz, Gewürze, SENFSAAT, Naturdarm.",
        shipping=False,
    ),
    DemoItem(
        "Luftgetrocknete Salami",
        "fleisch-wurst",
        "5.50",
        "Mild geräuchert und vier Wochen gereift.",
        "250",
        G,
        FOOD_VAT,
        ingredients="Schweinefleisch, Rindfleisch, Speck, Salz, Gewürze, Knoblauch.",
    ),
    DemoItem(
        "Schinkenspeck am Stück",
        "fleisch-wurst",
        "8.40",
        "Über Buchenholz geräuchert.",
        "300",
        G,
        FOOD_VAT,
        ingredients="Schweinefleisch, Salz, Gewürze, Rauch.",
    ),
)

DELI: Final = (
    DemoItem(
        "Räucherlachs, geschnitten",
        "fisch",
        "7.90",
        "Über Erlenholz kalt geräuchert.",
        "200",
        G,
        FOOD_VAT,
        stock=TRACKED,
        ingredients="LACHS, Salz, Rauch.",
        shipping=False,
    ),
    DemoItem(
        "Bismarckhering im Glas",
        "fisch",
        "5.20",
        "Heringsfilets in würziger Marinade mit Zwiebeln.",
        "500",
        G,
        FOOD_VAT,
        ingredients="HERING, Wasser, Branntweinessig, Zwiebeln, Zucker, Salz, SENFSAAT, Gewürze.",
    ),
    DemoItem(
        "Bergkäse, 12 Monate gereift",
        "milch-kaese",
        "5.80",
        "Kräftiger Rohmilchkäse aus einer kleinen Käserei.",
        "200",
        G,
        FOOD_VAT,
        stock=TRACKED,
        ingredients="Rohmilch (KUH), Salz, Lab, Milchsäurekulturen.",
    ),
    DemoItem(
        "Rapsöl, kaltgepresst",
        "feinkost",
        "6.40",
        "Aus Raps von den Feldern Mecklenburgs, schonend gepresst.",
        "0.5",
        L,
        FOOD_VAT,
        ingredients="Rapsöl.",
    ),
    DemoItem(
        "Kaffee „Ostseeröstung“",
        "kaffee-tee",
        "8.90",
        "Milde Röstung aus Arabica-Bohnen, langsam im Trommelröster geröstet.",
        "250",
        G,
        FOOD_VAT,
        variants=(
            ("Ganze Bohne", "8.90"),
            ("Gemahlen für Filter", "8.90"),
            ("Gemahlen für Espresso", "9.20"),
        ),
        ingredients="Röstkaffee (Arabica).",
    ),
    DemoItem(
        "Kräutertee „Strandspaziergang“",
        "kaffee-tee",
        "5.50",
        "Pfefferminze, Zitronenmelisse und Ringelblume.",
        "75",
        G,
        FOOD_VAT,
        ingredients="Pfefferminze, Zitronenmelisse, Ringelblumenblüten.",
    ),
)

FARM: Final = (
    DemoItem(
        "Kartoffeln, festkochend",
        "obst-gemuese",
        "4.50",
        "Sorte Linda vom eigenen Acker.",
        "2.5",
        KG,
        FOOD_VAT,
        ingredients="Kartoffeln.",
        shipping=False,
    ),
    DemoItem(
        "Äpfel Elstar",
        "obst-gemuese",
        "3.20",
        "Knackig und süß-säuerlich, aus dem Alten Land von nebenan.",
        "1",
        KG,
        FOOD_VAT,
        stock=TRACKED,
        ingredients="Äpfel.",
        shipping=False,
    ),
    DemoItem(
        "Möhren mit Grün",
        "obst-gemuese",
        "2.40",
        "Im Bund, frisch geerntet.",
        "1",
        KG,
        FOOD_VAT,
        ingredients="Möhren.",
        shipping=False,
    ),
    DemoItem(
        "Erdbeeren",
        "obst-gemuese",
        "4.90",
        "Sonnengereift, morgens gepflückt.",
        "500",
        G,
        FOOD_VAT,
        stock=TRACKED,
        sold_out=True,
        ingredients="Erdbeeren.",
        shipping=False,
    ),
    DemoItem(
        "Freilandeier, 10 Stück",
        "milch-kaese",
        "3.90",
        "Von Hühnern mit Auslauf, Größe M/L.",
        vat=FOOD_VAT,
        stock=TRACKED,
        ingredients="EIER (Freilandhaltung).",
        shipping=False,
    ),
    DemoItem(
        "Gemüsekiste der Saison",
        "obst-gemuese",
        "19.00",
        "Was gerade wächst, jede Woche anders.",
        vat=FOOD_VAT,
        variants=(("Klein (für 1–2 Personen)", "15.00"), ("Groß (für 3–4 Personen)", "25.00")),
        ingredients="Saisonales Gemüse; kann SELLERIE enthalten.",
        shipping=False,
    ),
)

DRINKS: Final = (
    DemoItem(
        "Riesling trocken",
        "wein",
        "9.90",
        "Frisch, mit Noten von Apfel und Zitrus.",
        "0.75",
        L,
        ingredients="Enthält SULFITE. Alkohol 12 % vol.",
    ),
    DemoItem(
        "Rosé-Sekt brut",
        "wein",
        "12.50",
        "Traditionelle Flaschengärung.",
        "0.75",
        L,
        ingredients="Enthält SULFITE. Alkohol 12,5 % vol.",
    ),
    DemoItem(
        "Kellerbier naturtrüb",
        "bier",
        "1.60",
        "Unfiltriert, süffig, aus einer kleinen Hausbrauerei.",
        "0.33",
        L,
        stock=TRACKED,
        ingredients="Wasser, GERSTENMALZ, Hopfen, Hefe. Alkohol 5,2 % vol.",
    ),
    DemoItem(
        "Sanddornlikör",
        "spirituosen",
        "14.90",
        "Fruchtig-herb, aus Sanddorn von der Küste.",
        "0.5",
        L,
        ingredients="Sanddornsaft, Alkohol, Zucker. Alkohol 20 % vol.",
    ),
    DemoItem(
        "Apfelsaft naturtrüb",
        "saefte",
        "2.80",
        "Direktsaft aus Streuobstwiesen.",
        "1",
        L,
        ingredients="Apfelsaft.",
    ),
)

FASHION: Final = (
    DemoItem(
        "Strickpullover aus Merinowolle",
        "damenmode",
        "89.00",
        "Weicher Pullover mit Rundhals, in der Region gestrickt.",
        stock=TRACKED,
        variants=(("S", "89.00"), ("M", "89.00"), ("L", "89.00"), ("XL", "94.00")),
        maker="Strickerei Haff (Demo)",
        warnings="Handwäsche kalt. Nicht im Trockner trocknen.",
    ),
    DemoItem(
        "T-Shirt aus Bio-Baumwolle",
        "herrenmode",
        "24.90",
        "Schlichtes T-Shirt, fair produziert.",
        stock=TRACKED,
        variants=(
            ("M, Marineblau", "24.90"),
            ("L, Marineblau", "24.90"),
            ("M, Weiß", "24.90"),
            ("L, Weiß", "24.90"),
        ),
        maker="Textilkontor Hanse (Demo)",
        warnings="Bei 40 °C waschen; kann leicht einlaufen.",
    ),
    DemoItem(
        "Regenjacke „Ostseewind“",
        "damenmode",
        "129.00",
        "Wasserdicht, atmungsaktiv, mit Kapuze.",
        compare_at="149.00",
        variants=(("S", "129.00"), ("M", "129.00"), ("L", "129.00")),
        maker="Wetterfest Bekleidung (Demo)",
        warnings="Von offenem Feuer fernhalten.",
    ),
    DemoItem(
        "Wollmütze mit Bommel",
        "kindermode",
        "19.90",
        "Warm und kratzfrei, für Kinder von 4 bis 10 Jahren.",
        maker="Strickerei Haff (Demo)",
        warnings="Bommel regelmäßig auf festen Sitz prüfen. Kordeln und Bänder nicht am Hals.",
    ),
    DemoItem(
        "Leinenstoff, Meterware",
        "damenmode",
        "16.00",
        "Halbleinen in Naturfarbe, 140 cm breit; Preis je Meter.",
        "1",
        M,
        maker="Leinenweberei Nordlicht (Demo)",
        warnings="Vor dem Nähen waschen, läuft bis zu 5 % ein.",
    ),
)

SHOES: Final = (
    DemoItem(
        "Lederschnürschuh „Hafenmeister“",
        "schuhe",
        "119.00",
        "Rahmengenäht, mit Ledersohle, neu besohlbar.",
        stock=TRACKED,
        variants=tuple((f"Größe {size}", "119.00") for size in range(40, 46)),
        maker="Schuhmanufaktur Elde (Demo)",
        warnings="Ledersohle kann bei Nässe rutschig sein.",
    ),
    DemoItem(
        "Gummistiefel",
        "schuhe",
        "39.90",
        "Naturkautschuk, mit herausnehmbarer Einlage.",
        variants=tuple((f"Größe {size}", "39.90") for size in (36, 38, 40, 42, 44)),
        maker="Gummiwerk Hanse (Demo)",
        warnings="Nicht in der Nähe von Hitzequellen trocknen.",
    ),
    DemoItem(
        "Ledergürtel",
        "taschen-schmuck",
        "34.00",
        "Vollrindleder, pflanzlich gegerbt, 3,5 cm breit.",
        variants=(("85 cm", "34.00"), ("95 cm", "34.00"), ("105 cm", "36.00")),
        maker="Lederwerkstatt Tollense (Demo)",
        warnings="Kann bei Nässe abfärben.",
    ),
    DemoItem(
        "Schuhcreme, farblos",
        "schuhe",
        "5.90",
        "Pflegt und schützt Glattleder, mit Bienenwachs.",
        "75",
        ML,
        maker="Pflegemittel Recknitz (Demo)",
        warnings="Darf nicht in die Hände von Kindern gelangen.",
    ),
)

BOOKS: Final = (
    DemoItem(
        "Wanderführer Mecklenburgische Seenplatte",
        "buecher",
        "16.90",
        "30 Touren zwischen Müritz und Feldberg, mit Karten (erfundener Demo-Titel).",
        vat=FOOD_VAT,
        maker="Verlag Demo-Kontor",
    ),
    DemoItem(
        "Kochbuch „Küstenküche“",
        "buecher",
        "24.00",
        "Rezepte von Rügen bis Usedom (erfundener Demo-Titel).",
        vat=FOOD_VAT,
        stock=TRACKED,
        maker="Verlag Demo-Kontor",
    ),
    DemoItem(
        "Notizbuch A5, gepunktet",
        "basteln",
        "12.50",
        "Fadengebunden, 160 Seiten, 100 g/m²-Papier.",
        maker="Papeterie Warnemünde (Demo)",
    ),
    DemoItem(
        "Füllfederhalter für Schulanfänger",
        "basteln",
        "17.90",
        "Mit Griffmulden, für Links- und Rechtshänder.",
        variants=(("Rechtshänder", "17.90"), ("Linkshänder", "17.90")),
        maker="Schreibgeräte Uecker (Demo)",
        warnings="Enthält verschluckbare Kleinteile (Patronen). Nicht für Kinder unter 3 Jahren.",
    ),
    DemoItem(
        "Postkarten-Set „Leuchttürme“",
        "geschenke",
        "8.00",
        "Zehn Karten mit Aquarellen der Leuchttürme an der Küste.",
        maker="Papeterie Warnemünde (Demo)",
    ),
)

HOUSEHOLD: Final = (
    DemoItem(
        "Emaillebecher",
        "kueche-haushalt",
        "11.90",
        "Klassischer Becher, 350 ml, spülmaschinenfest.",
        variants=(("Weiß", "11.90"), ("Dunkelblau", "11.90")),
        maker="Emaillierwerk Nord (Demo)",
        warnings="Nicht in der Mikrowelle verwenden.",
    ),
    DemoItem(
        "Geschirrtuch aus Halbleinen",
        "kueche-haushalt",
        "7.50",
        "Saugstark und fusselfrei.",
        maker="Leinenweberei Nordlicht (Demo)",
    ),
    DemoItem(
        "Schneidebrett aus Eiche",
        "kueche-haushalt",
        "29.00",
        "Aus einem Stück, geölt, 40 × 25 cm.",
        stock=TRACKED,
        warnings="Nicht in der Spülmaschine reinigen.",
    ),
    DemoItem(
        "Bienenwachskerze",
        "wohnen-deko",
        "6.50",
        "Handgezogen, aus reinem Bienenwachs.",
        "200",
        G,
        warnings="Brennende Kerze nie unbeaufsichtigt lassen.",
    ),
    DemoItem(
        "Akkuschrauber 12 V",
        "werkzeug",
        "89.00",
        "Mit zwei Akkus, Ladegerät und Bitsatz im Koffer.",
        stock=ON_REQUEST,
        maker="Werkzeugschmiede Warnow (Demo)",
        warnings="Gebrauchsanleitung lesen. Nur mit dem beiliegenden Ladegerät laden.",
    ),
)

CARE: Final = (
    DemoItem(
        "Sanddorn-Handcreme",
        "naturkosmetik",
        "8.90",
        "Pflegend, mit Sanddornöl und Sheabutter.",
        "50",
        ML,
        maker="Inselmanufaktur Hiddensee (Demo)",
        warnings="Nur zur äußerlichen Anwendung. Kontakt mit den Augen vermeiden.",
    ),
    DemoItem(
        "Olivenölseife",
        "naturkosmetik",
        "4.50",
        "Handgesiedet, ohne Duftstoffe.",
        "100",
        G,
        maker="Seifensiederei Peene (Demo)",
        warnings="Kontakt mit den Augen vermeiden.",
    ),
    DemoItem(
        "Duschgel „Meeresbrise“",
        "drogerie",
        "5.90",
        "Mild, pH-hautneutral.",
        "250",
        ML,
        maker="Inselmanufaktur Hiddensee (Demo)",
        warnings="Nicht einnehmen. Kontakt mit den Augen vermeiden.",
    ),
    DemoItem(
        "Lippenbalsam mit Bienenwachs",
        "naturkosmetik",
        "3.90",
        "Schützt bei Wind und Kälte.",
        "5",
        G,
        maker="Imkerei Lindenblüte (Demo)",
    ),
)

TECH: Final = (
    DemoItem(
        "USB-C-Ladekabel",
        "zubehoer",
        "9.90",
        "Geflochten, bis 60 W.",
        variants=(("1 m", "9.90"), ("2 m", "12.90")),
        maker="Kabelwerk Oder (Demo)",
        warnings="Beschädigte Kabel nicht mehr verwenden.",
    ),
    DemoItem(
        "LED-Taschenlampe",
        "elektro",
        "19.90",
        "Wasserfest, 300 Lumen, mit Batterien.",
        stock=TRACKED,
        maker="Lichtwerk Nord (Demo)",
        warnings="Nicht direkt in den Lichtstrahl blicken.",
    ),
    DemoItem(
        "Batterien AA, 4 Stück",
        "zubehoer",
        "4.99",
        "Alkaline, 1,5 V.",
        maker="Energiezellen Nord (Demo)",
        warnings="Nicht aufladen, nicht ins Feuer werfen. Für Kinder unzugänglich aufbewahren.",
    ),
    DemoItem(
        "Wasserkocher aus Edelstahl",
        "elektro",
        "39.00",
        "1,7 l, mit Kalkfilter und Abschaltautomatik.",
        stock=TRACKED,
        maker="Haushaltsgeräte Trebel (Demo)",
        warnings="Nur auf der zugehörigen Basisstation betreiben. Gerät wird heiß.",
    ),
)

TOYS: Final = (
    DemoItem(
        "Holzeisenbahn, Starterset",
        "spielwaren",
        "49.90",
        "Lok, zwei Wagen und 20 Schienenteile aus Buchenholz.",
        stock=TRACKED,
        maker="Holzspielwaren Schaalsee (Demo)",
        warnings="Achtung: Nicht für Kinder unter 36 Monaten geeignet. Verschluckbare Kleinteile.",
    ),
    DemoItem(
        "Puzzle „Kreidefelsen“, 1000 Teile",
        "spielwaren",
        "19.90",
        "Motiv der Steilküste, 68 × 48 cm.",
        maker="Spieleverlag Demo-Kontor",
        warnings="Nicht für Kinder unter 3 Jahren geeignet. Verschluckbare Kleinteile.",
    ),
    DemoItem(
        "Plüschrobbe",
        "spielwaren",
        "16.90",
        "Kuschelweich, waschbar bei 30 °C, 25 cm.",
        maker="Kuscheltiere Nordstrand (Demo)",
        warnings="Vor Gebrauch Etiketten entfernen.",
    ),
    DemoItem(
        "Sandspielzeug-Set",
        "spielwaren",
        "12.90",
        "Eimer, Schaufel, Sieb und drei Förmchen.",
        maker="Kunststoffwerk Strand (Demo)",
        warnings="Nur unter Aufsicht von Erwachsenen benutzen.",
    ),
)

SPORTS: Final = (
    DemoItem(
        "Trinkflasche aus Edelstahl",
        "sport",
        "22.90",
        "Doppelwandig, hält 12 Stunden kalt.",
        "0.75",
        L,
        maker="Outdoorbedarf Müritz (Demo)",
        warnings="Nicht für kohlensäurehaltige Heißgetränke.",
    ),
    DemoItem(
        "Angelschnur, monofil",
        "sport",
        "8.50",
        "0,25 mm, Tragkraft 5,8 kg.",
        "100",
        M,
        maker="Angelsport Küste (Demo)",
    ),
    DemoItem(
        "Yogamatte aus Naturkautschuk",
        "sport",
        "54.00",
        "Rutschfest, 4 mm stark.",
        stock=TRACKED,
        maker="Outdoorbedarf Müritz (Demo)",
        warnings="Kann Latex enthalten.",
    ),
)

GIFTS: Final = (
    DemoItem(
        "Handgetöpferte Tasse",
        "keramik",
        "24.00",
        "Steinzeug mit Seegrasglasur, jede ein Unikat.",
        stock=TRACKED,
        variants=(("Seegrün", "24.00"), ("Sandweiß", "24.00")),
        warnings="Für Lebensmittel geeignet, spülmaschinenfest.",
    ),
    DemoItem(
        "Bernsteinanhänger an Silberkette",
        "taschen-schmuck",
        "45.00",
        "Baltischer Bernstein, Kette aus 925er Silber, 45 cm.",
        stock=TRACKED,
        maker="Bernsteinschleiferei Ribnitz (Demo)",
        warnings="Kleinteile: für Kinder unter 3 Jahren ungeeignet.",
    ),
    DemoItem(
        "Leuchtturm-Kerzenhalter",
        "geschenke",
        "18.50",
        "Aus Keramik, für Teelichter.",
        warnings="Brennende Kerze nie unbeaufsichtigt lassen.",
    ),
)

REGIONAL: Final = (
    DemoItem(
        "Rapshonig, cremig",
        "honig-aufstriche",
        "6.50",
        "Aus unserer Imkerei, schonend gerührt.",
        "500",
        G,
        FOOD_VAT,
        ingredients="Honig.",
    ),
    DemoItem(
        "Sanddorn-Fruchtaufstrich",
        "honig-aufstriche",
        "4.80",
        "Herb und fruchtig, 70 % Fruchtanteil.",
        "200",
        G,
        FOOD_VAT,
        ingredients="Sanddornmark, Rohrzucker, Geliermittel Pektin.",
    ),
    DemoItem(
        "Sanddorn-Direktsaft",
        "saefte",
        "8.90",
        "Ungesüßt, reich an Vitamin C.",
        "0.5",
        L,
        ingredients="Sanddornsaft.",
    ),
    DemoItem(
        "Honig-Senf",
        "feinkost",
        "3.90",
        "Mild-süßer Senf mit Blütenhonig.",
        "180",
        ML,
        FOOD_VAT,
        ingredients="Wasser, SENFSAAT, Honig, Branntweinessig, Salz.",
    ),
)

PET: Final = (
    DemoItem(
        "Hundekekse mit Leber",
        "",
        "4.90",
        "Gebacken in der Region, ohne Zuckerzusatz.",
        "300",
        G,
        FOOD_VAT,
        ingredients="Ergänzungsfuttermittel für Hunde: Weizenmehl, Rinderleber (20 %), Haferflocken.",
    ),
    DemoItem(
        "Hundeleine aus Tau",
        "",
        "29.00",
        "Handgespleißt aus Segeltau, 1,5 m.",
        maker="Tauwerk Warnemünde (Demo)",
        warnings="Regelmäßig auf Verschleiß prüfen.",
    ),
)

OPTICS: Final = (
    DemoItem(
        "Brillenputztücher, 30 Stück",
        "drogerie",
        "3.90",
        "Einzeln verpackt, alkoholfrei.",
        maker="Optikbedarf Nord (Demo)",
    ),
    DemoItem(
        "Brilletui aus Filz",
        "taschen-schmuck",
        "14.00",
        "Aus Wollfilz, mit Druckknopf.",
        maker="Filzerei Lewitz (Demo)",
    ),
)

# Directory category slug (sub-category or main category) → the range of its shops.
RANGES: Final[dict[str, tuple[DemoItem, ...]]] = {
    "baeckerei-konditorei": BAKERY,
    "fleischerei": BUTCHER,
    "lebensmittel": DELI,
    "obst-gemuese": FARM,
    "getraenke": DRINKS,
    "mode-bekleidung": FASHION,
    "schuhe-lederwaren": SHOES,
    "buecher-schreibwaren": BOOKS,
    "blumen-garten": FLOWERS,
    "apotheke-drogerie": CARE,
    "optik-hoergeraete": OPTICS,
    "elektronik-technik": TECH,
    "haushalt-wohnen": HOUSEHOLD,
    "spielwaren": TOYS,
    "sport-freizeit": SPORTS,
    "kunsthandwerk-geschenke": GIFTS,
    "fahrraeder": BICYCLES,
    "schmuck-uhren": GIFTS,
    "tierbedarf": PET,
    "regionale-produkte": REGIONAL,
    "kaffee-tee": DELI,
    "honig-imkerei": REGIONAL,
    "sanddorn": REGIONAL,
}

# One product of a featured shop is hidden by the operator, so the back office shows the reason.
HIDDEN_DEMO_ITEM: Final = ("Blumenhaus Ostseebrise", "Torffreie Blumenerde")
HIDDEN_DEMO_REASON: Final = (
    "Demo: Bitte ergänzen Sie die Anschrift des Herstellers; danach zeigen wir den Artikel wieder."
)


@dataclass
class _Draft:
    product: Product
    variants: list[ProductVariant]


def _range_of(shop: Shop, ranges_by_category: dict[int, tuple[DemoItem, ...]]) -> tuple[DemoItem, ...]:
    for category in shop.categories.all():  # prefetched
        found = ranges_by_category.get(category.pk)
        if found:
            return found
    return ()


def _draft_products(
    *,
    shop: Shop,
    items: Sequence[DemoItem],
    categories: dict[str, ProductCategory],
    rng: random.Random,
    now: dt.datetime,
    sku_prefix: str,
) -> list[_Draft]:
    drafts = []
    for number, item in enumerate(items, start=1):
        category = categories.get(item.category) if item.category else None
        is_food = bool(category and category.is_food) or bool(item.ingredients and not item.maker)
        self_made = not item.maker
        product = Product(
            shop=shop,
            name=item.name,
            description=f"{item.text}\n\n{DEMO_PRODUCT_NOTE}",
            category=category,
            vat_rate=item.vat,
            quantity=Decimal(item.quantity) if item.quantity else None,
            unit=item.unit,
            stock_mode=item.stock,
            allows_pickup=True,
            allows_delivery=rng.random() < 0.6,
            allows_shipping=item.shipping and rng.random() < 0.8,
            is_active=True,
            ingredients=item.ingredients if is_food else "",
            manufacturer="" if is_food else (item.maker or shop.name),
            manufacturer_address=(
                ""
                if is_food
                else (
                    f"{shop.street}, {shop.postal_code} {shop.locality}" if self_made else DEMO_MAKER_ADDRESS
                )
            ),
            product_identifier="" if is_food else f"Art.-Nr. {sku_prefix}-{number:02d}",
            safety_warnings="" if is_food else item.warnings,
            created_at=now - dt.timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 1439)),
        )
        if (shop.name, item.name) == HIDDEN_DEMO_ITEM:
            product.hidden_by_operator = True
            product.operator_reason = HIDDEN_DEMO_REASON
        labelled = item.variants or (("", item.price),)
        variants = []
        for position, (label, price) in enumerate(labelled):
            stock = 0
            if item.stock == TRACKED and not item.sold_out:
                stock = rng.choice(STOCK_DRAWS)
            variants.append(
                ProductVariant(
                    label=label,
                    price=Decimal(price),
                    compare_at_price=Decimal(item.compare_at) if item.compare_at else None,
                    sku=f"{sku_prefix}-{number:02d}" + (f"-{position + 1}" if item.variants else ""),
                    stock=stock,
                    position=position,
                )
            )
        drafts.append(_Draft(product=product, variants=variants))
    return drafts


def demo_products_load(*, seed: int = DEMO_SEED, now: dt.datetime | None = None) -> int:
    """
    Give every demo shop without products its demo range; returns the number of new products.
    Idempotent: shops that already have products (demo or the owner's own) are left alone.
    """
    now = now or timezone.now()
    categories = {category.slug: category for category in ProductCategory.objects.all()}
    ranges_by_category = {
        category.pk: RANGES[category.slug] for category in Category.objects.filter(slug__in=RANGES)
    }
    # Sub-categories without a range of their own take their main category's.
    for category in Category.objects.filter(parent__slug__in=RANGES).exclude(slug__in=RANGES):
        assert category.parent is not None
        ranges_by_category[category.pk] = RANGES[category.parent.slug]
    featured = {shop.name for shop in FEATURED_SHOPS}
    shops = list(
        Shop.objects.filter(is_demo=True, products__isnull=True)
        .prefetch_related("categories")
        .order_by("slug")
    )
    drafts: list[_Draft] = []
    for shop in shops:
        items = _range_of(shop, ranges_by_category)
        if not items:
            continue
        rng = random.Random(f"{seed}-products-{shop.slug}")
        if shop.name not in featured:
            items = tuple(rng.sample(list(items), k=min(len(items), rng.randint(MIN_ITEMS, MAX_ITEMS))))
        drafts += _draft_products(
            shop=shop,
            items=items,
            categories=categories,
            rng=rng,
            now=now,
            sku_prefix=f"D{shop.pk}",
        )
    if not drafts:
        return 0
    with transaction.atomic():
        Product.objects.bulk_create([draft.product for draft in drafts], batch_size=500)
        for draft in drafts:
            for variant in draft.variants:
                variant.product = draft.product
        ProductVariant.objects.bulk_create(
            [variant for draft in drafts for variant in draft.variants], batch_size=1000
        )
        ids = [draft.product.pk for draft in drafts]
        product_summary_refresh(product_ids=ids)
        reindex_products(product_ids=ids)
        content_changed()
    return len(drafts)
