"""
Demo data: fictional shops spread over the real towns of the region, for ``make run``, the
benchmarks and anyone who wants to see the directory filled.

One generator builds every demo shop: ``load_demo`` (a fixed seed, a few hundred shops, logins and
initiatives; idempotent) and ``generate_shops`` (any number, bulk inserts) both use
:class:`ShopGenerator`. Shop names are made of word lists (shop type + an invented word), never
names of real businesses; places, postal codes and districts come from the offline gazetteer.
Each shop's data depends only on the seed and its index, so the same seed gives the same shops.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from phonenumber_field.phonenumber import PhoneNumber

from marktplatz.geo.distance import destination_point, haversine_km
from marktplatz.geo.gazetteer import Place, all_places

from .models import (
    Category,
    DeliveryPostalCode,
    OpeningHours,
    PaymentMethod,
    ServiceKind,
    Shop,
    ShopService,
    SpecialDay,
)

DEMO_SEED: Final = 20250601
DEMO_SHOP_COUNT: Final = 320
DEMO_PASSWORD: Final = "demo1234marktplatz"  # noqa: S105 – published on purpose, demo logins only
DEMO_NOTE: Final = (
    "Dies ist ein Demo-Eintrag: Das Geschäft ist erfunden und zeigt nur, wie der Marktplatz funktioniert."
)
# Coordinates are jittered around the gazetteer's point of the town by at most this distance.
MAX_JITTER_KM: Final = 1.4
# Weight of a municipality without a population figure (GeoNames lists places from 500 inhabitants).
SMALL_PLACE_POPULATION: Final = 250

T = dt.time
Week = dict[int, list[tuple[dt.time, dt.time]]]


# --- Places ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPlace:
    """A municipality of a postal code, as the gazetteer lists it, with a weight for drawing shops."""

    postal_code: str
    locality: str
    district: str
    lat: float
    lon: float
    weight: float


def demo_places(places: Iterable[Place] | None = None) -> list[DemoPlace]:
    """
    Every (postal code, municipality) pair of the gazetteer, weighted by population: a town's
    population is shared among its postal codes, so Rostock, Schwerin and Greifswald get the most
    shops without a town with many postal codes counting several times.
    """
    rows = [p for p in (all_places() if places is None else places) if p.postal_code]
    codes_per_town = Counter((p.locality, p.population) for p in rows)
    return [
        DemoPlace(
            postal_code=str(p.postal_code),
            locality=p.locality,
            district=p.district,
            lat=p.lat,
            lon=p.lon,
            weight=max(p.population or 0, SMALL_PLACE_POPULATION)
            / codes_per_town[(p.locality, p.population)],
        )
        for p in sorted(rows, key=lambda p: (str(p.postal_code), p.locality))
    ]


# --- Word lists ------------------------------------------------------------------------------------

# Shop types by category slug (a sub-category without its own list uses its parent's).
SHOP_NOUNS: Final[dict[str, list[str]]] = {
    "lebensmittel": ["Dorfladen", "Kaufmannsladen", "Lebensmittel", "Marktladen", "Nahversorger"],
    "feinkost": ["Feinkost", "Delikatessen", "Feinkostkontor"],
    "bioladen": ["Bioladen", "Unverpackt-Laden", "Naturkostladen"],
    "kaese": ["Käsestube", "Käseladen", "Käsetheke"],
    "fisch": ["Fischhandel", "Räucherei", "Fischkate"],
    "kaffee-tee": ["Kaffeerösterei", "Teestube", "Teekontor"],
    "baeckerei-konditorei": ["Bäckerei", "Backstube", "Landbäckerei"],
    "baeckerei": ["Bäckerei", "Backstube", "Brotmanufaktur"],
    "konditorei": ["Konditorei", "Tortenatelier", "Zuckerbäckerei"],
    "cafe": ["Café", "Kaffeehaus", "Backhaus-Café"],
    "fleischerei": ["Fleischerei", "Landfleischerei", "Metzgerei"],
    "wurst-schinken": ["Wurstküche", "Schinkenräucherei"],
    "wild-gefluegel": ["Wildhandel", "Geflügelhof"],
    "partyservice": ["Partyservice", "Feinkostküche"],
    "obst-gemuese": ["Obst & Gemüse", "Gemüsestand", "Frischeladen"],
    "hofladen": ["Hofladen", "Gutsladen", "Bauernladen"],
    "wochenmarkt": ["Marktstand", "Gemüsewagen"],
    "gemuesekiste": ["Gemüsekiste", "Erntekiste"],
    "getraenke": ["Getränke", "Getränkeladen"],
    "wein": ["Weinhandlung", "Weinkontor", "Weinstube"],
    "bier": ["Brauerei", "Hausbrauerei", "Bierkontor"],
    "spirituosen": ["Brennerei", "Likörmanufaktur"],
    "getraenkemarkt": ["Getränkemarkt", "Getränkequelle"],
    "mode-bekleidung": ["Modehaus", "Boutique", "Modestube"],
    "damenmode": ["Damenmode", "Boutique"],
    "herrenmode": ["Herrenausstatter", "Herrenmode"],
    "kindermode": ["Kindermode", "Kinderkleiderstube"],
    "second-hand": ["Second Hand", "Kleiderkammer", "Stilwechsel"],
    "naehen-stoffe": ["Stoffladen", "Nähstube", "Kurzwaren"],
    "schuhe-lederwaren": ["Schuhhaus", "Lederwaren"],
    "schuhe": ["Schuhhaus", "Schuhladen"],
    "taschen-koffer": ["Taschenladen", "Lederwaren"],
    "schuhreparatur": ["Schuhmacherei", "Schuhwerkstatt"],
    "buecher-schreibwaren": ["Buchladen", "Bücherstube"],
    "buchhandlung": ["Buchhandlung", "Bücherstube", "Buchladen"],
    "antiquariat": ["Antiquariat", "Bücherboden"],
    "schreibwaren": ["Schreibwaren", "Papeterie"],
    "zeitschriften": ["Zeitungsladen", "Lesestube"],
    "blumen-garten": ["Blumenhaus", "Blumenladen"],
    "blumenladen": ["Blumenhaus", "Floristik", "Blumenladen"],
    "gaertnerei": ["Gärtnerei", "Staudengärtnerei"],
    "gartenbedarf": ["Gartenmarkt", "Gartenbedarf"],
    "apotheke-drogerie": ["Drogerie", "Apotheke"],
    "apotheke": ["Apotheke"],
    "drogerie": ["Drogerie", "Seifenladen"],
    "reformhaus": ["Reformhaus", "Naturkost"],
    "sanitaetshaus": ["Sanitätshaus"],
    "optik-hoergeraete": ["Optik", "Augenoptik"],
    "optiker": ["Augenoptik", "Optik", "Brillenwerkstatt"],
    "hoerakustik": ["Hörakustik", "Hörstudio"],
    "elektronik-technik": ["Elektrohaus", "Technikladen"],
    "computer-handy": ["Computerladen", "Handywerkstatt", "PC-Service"],
    "unterhaltungselektronik": ["Fernsehstudio", "Hi-Fi-Studio"],
    "elektrogeraete": ["Elektro", "Reparaturwerkstatt"],
    "foto": ["Fotostudio", "Fotoladen"],
    "haushalt-wohnen": ["Wohnladen", "Haushaltswaren"],
    "moebel": ["Möbelwerkstatt", "Wohnkontor", "Möbelhaus"],
    "heimtextilien": ["Raumausstatter", "Gardinenstudio"],
    "kueche-haushalt": ["Haushaltswaren", "Küchenladen"],
    "eisenwaren": ["Eisenwaren", "Werkzeughandel"],
    "farben-tapeten": ["Farbenhaus", "Malerbedarf"],
    "spielwaren": ["Spielwaren", "Spielzeugladen"],
    "spielzeug": ["Spielzeugladen", "Spielkiste"],
    "modellbau": ["Modellbau", "Modellbahnladen"],
    "baby": ["Babyladen", "Kinderwagenstube"],
    "sport-freizeit": ["Sporthaus", "Sportladen"],
    "sportartikel": ["Sporthaus", "Laufladen"],
    "wassersport": ["Angelladen", "Surfshop", "Wassersport"],
    "camping-outdoor": ["Outdoorladen", "Campingbedarf"],
    "musikinstrumente": ["Musikhaus", "Gitarrenwerkstatt"],
    "kunsthandwerk-geschenke": ["Kunsthandwerk", "Geschenkeladen"],
    "toepferei": ["Töpferei", "Keramikwerkstatt"],
    "galerie": ["Galerie", "Kunstkate"],
    "geschenke": ["Geschenkeladen", "Wohnideen"],
    "bastelbedarf": ["Bastelladen", "Wollstube"],
    "fahrraeder": ["Fahrradladen", "Radhaus"],
    "fahrradhandel": ["Fahrradladen", "Radhaus", "Zweiradhaus"],
    "e-bikes": ["E-Bike-Laden", "Radhaus"],
    "fahrradwerkstatt": ["Fahrradwerkstatt", "Radwerkstatt"],
    "schmuck-uhren": ["Schmuckatelier", "Juwelier"],
    "goldschmiede": ["Goldschmiede", "Schmuckwerkstatt"],
    "uhrmacher": ["Uhrmacher", "Uhrenwerkstatt"],
    "bernstein": ["Bernsteinstube", "Bernsteinwerkstatt"],
    "tierbedarf": ["Tierbedarf", "Zoofachhandel"],
    "tiernahrung": ["Futterkiste", "Tierfutterladen"],
    "aquaristik": ["Aquaristik", "Zoofachhandel"],
    "reitsport": ["Reitsport", "Sattlerei"],
    "regionale-produkte": ["Landladen", "Regionalladen"],
    "honig-imkerei": ["Imkerei", "Honighaus"],
    "sanddorn": ["Sanddornhof", "Fruchtmanufaktur"],
    "manufaktur": ["Manufaktur", "Landwerkstatt"],
}

# Invented words for the second half of a name, by top-level category, plus words for any shop.
FANCY_WORDS: Final[dict[str, list[str]]] = {
    "lebensmittel": ["Kornblume", "Lindenhof", "Ährengold", "Feldrain", "Kiepenkerl", "Rapsblüte"],
    "baeckerei-konditorei": ["Sonnenkorn", "Ährenkranz", "Mohnblüte", "Krustenglück", "Roggenfeld"],
    "fleischerei": ["Eichenrauch", "Buchenholz", "Weidegrund", "Landgut Seeblick"],
    "obst-gemuese": ["Apfelgarten", "Erntekorb", "Gutshof Rapsfeld", "Möhrenbeet", "Obstwiese"],
    "getraenke": ["Hopfenwind", "Rebenstein", "Kühler Grund", "Kornkammer"],
    "mode-bekleidung": ["Leinenweiß", "Nadelöhr", "Seidenfaden", "Strandgut", "Wollknäuel"],
    "schuhe-lederwaren": ["Sohlenwerk", "Schusterpalme", "Lederstrand", "Fußgänger"],
    "buecher-schreibwaren": ["Eselsohr", "Leseinsel", "Tintenfass", "Seitenwind", "Lesezeichen"],
    "blumen-garten": ["Ostseebrise", "Kornblumenblau", "Heckenrose", "Vergissmeinnicht", "Flieder"],
    "apotheke-drogerie": ["Kamille", "Lindenblüte", "Ringelblume", "Salbei", "Sanddornblüte"],
    "optik-hoergeraete": ["Weitblick", "Klarsicht", "Seeblick", "Hörgut", "Fernglas"],
    "elektronik-technik": ["Funkenflug", "Steckerleiste", "Lötstelle", "Schaltkreis"],
    "haushalt-wohnen": ["Kachelofen", "Wohnglück", "Dielenboden", "Nestwärme"],
    "spielwaren": ["Kreisel", "Bauklotz", "Drachenwind", "Murmelbahn", "Seifenblase"],
    "sport-freizeit": ["Rückenwind", "Seitenwind", "Gipfelglück", "Kielwasser", "Fangfrisch"],
    "kunsthandwerk-geschenke": ["Tonklumpen", "Strandgut", "Treibholz", "Glasperle", "Schatzkiste"],
    "fahrraeder": ["Kettenblatt", "Speiche", "Rückenwind", "Dynamo", "Freilauf"],
    "schmuck-uhren": ["Bernsteinküste", "Goldrausch", "Zeitlos", "Unruh", "Silberstreif"],
    "tierbedarf": ["Pfotenglück", "Wollknäuel", "Hufeisen", "Schnurrhaar", "Kuschelkorb"],
    "regionale-produkte": ["Heidegold", "Sanddornküste", "Bienenfleiß", "Kornblume", "Landliebe"],
}
GENERAL_FANCY_WORDS: Final = [
    "Hafenlicht",
    "Dünengras",
    "Möwenblick",
    "Leuchtturm",
    "Seewind",
    "Boddenblick",
    "Ankerplatz",
    "Strandkorb",
    "Lindenallee",
    "Backsteinhaus",
    "Kastanienhof",
    "Wellenreiter",
    "Abendrot",
]

# What the shop offers, by top-level category (the first sentence of the description).
OFFERS: Final[dict[str, list[str]]] = {
    "lebensmittel": [
        "Lebensmittel für jeden Tag, viele davon von Höfen aus der Umgebung.",
        "Von frischer Milch bis zu Gewürzen: alles für die Küche, dazu eine kleine Feinkostecke.",
    ],
    "baeckerei-konditorei": [
        "Brot aus eigenem Sauerteig, frische Brötchen und Kuchen nach Hausrezept.",
        "Handwerklich gebackenes Brot und Torten für jeden Anlass, auch auf Bestellung.",
    ],
    "fleischerei": [
        "Fleisch und Wurst von Tieren aus der Region, selbst geräuchert und gewürzt.",
        "Hausgemachte Wurstspezialitäten, Grillfleisch und ein Mittagstisch unter der Woche.",
    ],
    "obst-gemuese": [
        "Obst und Gemüse der Saison, direkt vom Feld und aus dem Gewächshaus.",
        "Kartoffeln, Äpfel und Gemüse aus eigenem Anbau, dazu Eier vom Hof.",
    ],
    "getraenke": [
        "Getränke aus der Region und aus aller Welt, mit Beratung und Lieferservice.",
        "Bier aus kleinen Brauereien, Weine, Säfte und Spezialitäten aus MV.",
    ],
    "mode-bekleidung": [
        "Mode für jeden Tag und besondere Anlässe, mit persönlicher Beratung.",
        "Ausgewählte Kleidung kleiner Marken, fair hergestellt und gut kombinierbar.",
    ],
    "schuhe-lederwaren": [
        "Bequeme Schuhe für Alltag und Wandern, Taschen und Reparaturen.",
        "Schuhe, Gürtel und Taschen, dazu Pflegemittel und eine kleine Werkstatt.",
    ],
    "buecher-schreibwaren": [
        "Bücher für alle Altersstufen, Bestellung jedes lieferbaren Titels bis morgen.",
        "Romane, Sachbücher, Karten und Schreibwaren, dazu Lesungen im Laden.",
    ],
    "blumen-garten": [
        "Sträuße, Gestecke und Topfpflanzen, auch für Hochzeiten und Trauerfeiern.",
        "Blumen der Saison, Kräuter und Pflanzen für Balkon und Garten.",
    ],
    "apotheke-drogerie": [
        "Beratung zu Gesundheit und Pflege, Naturkosmetik und Produkte für den Haushalt.",
        "Pflegeprodukte, Hausmittel und Naturkosmetik mit persönlicher Beratung.",
    ],
    "optik-hoergeraete": [
        "Brillen, Kontaktlinsen und Sehtests, mit Zeit für eine gute Beratung.",
        "Hörtests, Hörgeräte und Zubehör, auch Hausbesuche nach Absprache.",
    ],
    "elektronik-technik": [
        "Geräte, Zubehör und Reparaturen, wir richten Ihr neues Gerät auch ein.",
        "Reparatur von Handys, Computern und Haushaltsgeräten, dazu Zubehör und Beratung.",
    ],
    "haushalt-wohnen": [
        "Alles für Küche und Wohnung, von Töpfen bis zu Wohntextilien.",
        "Möbel und Wohnaccessoires, viele Stücke aus Werkstätten der Region.",
    ],
    "spielwaren": [
        "Spielzeug aus Holz, Brettspiele und Bastelsachen für Kinder jeden Alters.",
        "Spiele, Puzzles und Modellbau, dazu ein Spieletisch zum Ausprobieren.",
    ],
    "sport-freizeit": [
        "Ausrüstung für Sport und Freizeit, mit Beratung von Aktiven für Aktive.",
        "Alles für Angeln, Wassersport und Wandern an der Küste und an den Seen.",
    ],
    "kunsthandwerk-geschenke": [
        "Kunsthandwerk aus eigener Werkstatt und Geschenke aus der Region.",
        "Keramik, Glas und Textilien von Künstlerinnen und Künstlern aus MV.",
    ],
    "fahrraeder": [
        "Fahrräder, E-Bikes und Zubehör, dazu eine Werkstatt für alle Marken.",
        "Reparatur und Verkauf von Rädern, auch Leihräder für Ausflüge.",
    ],
    "schmuck-uhren": [
        "Schmuck aus eigener Werkstatt, Trauringe nach Ihren Wünschen und Uhrenreparaturen.",
        "Bernsteinschmuck, Silber und Gold, dazu Reparaturen und Batteriewechsel.",
    ],
    "tierbedarf": [
        "Futter, Zubehör und Pflege für Hund, Katze, Pferd und Kleintier.",
        "Alles für Ihr Haustier, mit Beratung zu Ernährung und Haltung.",
    ],
    "regionale-produkte": [
        "Honig, Sanddorn, Marmeladen und Geschenkkörbe mit Spezialitäten aus MV.",
        "Produkte von Höfen und Manufakturen aus der Region, liebevoll zusammengestellt.",
    ],
}

GENERIC_OFFERS: Final = [
    "Ein Fachgeschäft mit persönlicher Beratung und vielen Produkten aus der Region.",
    "Ausgewählte Waren, freundliche Beratung und ein offenes Ohr für Ihre Wünsche.",
]

STREETS: Final = [
    "Hauptstraße",
    "Lange Straße",
    "Am Markt",
    "Bahnhofstraße",
    "Schulstraße",
    "Dorfstraße",
    "Gartenstraße",
    "Mühlenstraße",
    "Kirchstraße",
    "Lindenstraße",
    "Friedrich-Ebert-Straße",
    "Rosa-Luxemburg-Straße",
    "Bergstraße",
    "Friedensstraße",
    "Goethestraße",
    "Schillerstraße",
    "Feldstraße",
    "Ringstraße",
    "Neue Straße",
    "Poststraße",
    "Wallstraße",
    "Hafenstraße",
    "Strandstraße",
    "Seestraße",
    "Breite Straße",
    "Am Hafen",
    "Marktplatz",
    "Rathausstraße",
    "Kastanienallee",
    "Birkenweg",
    "Wiesenweg",
    "Karl-Marx-Straße",
    "Parkstraße",
    "Mittelstraße",
    "Wasserstraße",
]

# Fictional numbers the Bundesnetzagentur keeps free for film and fiction (never assigned).
FICTIONAL_PHONE_PREFIXES: Final = ["+494066969", "+493023125", "+4917139200", "+4917604690"]

PAYMENT_SETS: Final[list[list[str]]] = [
    [PaymentMethod.CASH, PaymentMethod.GIROCARD],
    [PaymentMethod.CASH, PaymentMethod.GIROCARD, PaymentMethod.CREDIT_CARD],
    [PaymentMethod.CASH, PaymentMethod.GIROCARD, PaymentMethod.MOBILE],
    [PaymentMethod.CASH, PaymentMethod.BANK_TRANSFER, PaymentMethod.INVOICE],
    [PaymentMethod.CASH, PaymentMethod.GIROCARD, PaymentMethod.PAYPAL, PaymentMethod.BANK_TRANSFER],
    [PaymentMethod.CASH],
]


# --- Opening hours ---------------------------------------------------------------------------------


def _days(days: Iterable[int], *intervals: tuple[dt.time, dt.time]) -> Week:
    return {day: list(intervals) for day in days}


MON_FRI: Final = range(5)
HOURS_PATTERNS: Final[dict[str, Week]] = {
    "standard": {**_days(MON_FRI, (T(9), T(18))), 5: [(T(9), T(13))]},
    "lunch_break": {**_days(MON_FRI, (T(9), T(12, 30)), (T(14, 30), T(18))), 5: [(T(9), T(12))]},
    "wednesday_afternoon": {
        **_days([0, 1, 3, 4], (T(9), T(12, 30)), (T(14), T(18))),
        2: [(T(9), T(12, 30))],
        5: [(T(9), T(12))],
    },
    "boutique": {**_days(range(1, 5), (T(10), T(18))), 5: [(T(10), T(14))]},
    "long": _days(range(6), (T(7), T(20))),
    "bakery": {**_days(MON_FRI, (T(6), T(18))), 5: [(T(6), T(12))]},
    "bakery_sunday": {**_days(MON_FRI, (T(6), T(18))), 5: [(T(6), T(12))], 6: [(T(7, 30), T(11))]},
    "butcher": {**_days(MON_FRI, (T(7), T(18))), 5: [(T(7), T(12))]},
    "farm_shop": {1: [(T(14), T(18))], 4: [(T(14), T(18))], 5: [(T(9), T(12))]},
    "pharmacy": {**_days(MON_FRI, (T(8), T(18, 30))), 5: [(T(8, 30), T(12, 30))]},
    "workshop": {**_days(MON_FRI, (T(8), T(12)), (T(13), T(17))), 5: [(T(9), T(12))]},
}
HOURS_BY_TOP_CATEGORY: Final[dict[str, list[str]]] = {
    "baeckerei-konditorei": ["bakery", "bakery", "bakery_sunday"],
    "lebensmittel": ["long", "standard", "lunch_break"],
    "fleischerei": ["butcher"],
    "obst-gemuese": ["farm_shop", "standard", "long"],
    "apotheke-drogerie": ["pharmacy"],
    "mode-bekleidung": ["boutique", "standard", "lunch_break"],
    "schuhe-lederwaren": ["standard", "lunch_break", "boutique"],
    "schmuck-uhren": ["boutique", "lunch_break"],
    "kunsthandwerk-geschenke": ["boutique", "standard"],
    "fahrraeder": ["workshop", "standard"],
    "elektronik-technik": ["workshop", "standard"],
    "regionale-produkte": ["farm_shop", "boutique"],
}
DEFAULT_HOURS: Final = ["standard", "lunch_break", "wednesday_afternoon"]

# How likely each way of selling is, by top-level category (other categories use the default).
SERVICE_WEIGHTS: Final[dict[str, dict[str, float]]] = {
    "default": {
        ServiceKind.PHONE_ORDER: 0.6,
        ServiceKind.DELIVERY: 0.35,
        ServiceKind.PICKUP: 0.55,
        ServiceKind.SHIPPING: 0.3,
        ServiceKind.ONLINE_SHOP: 0.25,
        ServiceKind.VOUCHERS: 0.4,
    },
    "food": {
        ServiceKind.PHONE_ORDER: 0.75,
        ServiceKind.DELIVERY: 0.55,
        ServiceKind.PICKUP: 0.7,
        ServiceKind.SHIPPING: 0.1,
        ServiceKind.ONLINE_SHOP: 0.1,
        ServiceKind.VOUCHERS: 0.25,
    },
}
FOOD_CATEGORIES: Final = {"lebensmittel", "baeckerei-konditorei", "fleischerei", "obst-gemuese", "getraenke"}


@lru_cache(maxsize=8192)
def _parsed_phone(number: str) -> PhoneNumber:
    """Parsing is the slow part of saving a phone number; there are only a few thousand distinct ones."""
    return PhoneNumber.from_string(number)


def german_slug(text: str) -> str:
    """A slug with the German transliteration of umlauts ("Bäckerei" → "baeckerei")."""
    for umlaut, plain in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
        ("ß", "ss"),
    ):
        text = text.replace(umlaut, plain)
    return slugify(text)


# --- The generator ---------------------------------------------------------------------------------


@dataclass
class ShopDraft:
    """An unsaved shop with everything that hangs off it; :func:`drafts_save` writes it."""

    shop: Shop
    category_ids: list[int]
    services: list[ShopService] = field(default_factory=list)
    delivery_postal_codes: list[str] = field(default_factory=list)
    hours: list[OpeningHours] = field(default_factory=list)
    special_days: list[SpecialDay] = field(default_factory=list)


class ShopGenerator:
    """
    Builds fictional shops. The shop at ``index`` depends only on the seed, the index, the places,
    the categories and the day it is built (special days lie ahead of ``today``).
    """

    def __init__(
        self,
        *,
        seed: int,
        places: Sequence[DemoPlace],
        categories: Sequence[Category],
        now: dt.datetime | None = None,
    ) -> None:
        if not places:
            raise ValueError("The gazetteer has no places.")
        if not categories:
            raise ValueError("There are no categories; run the migrations first.")
        self.seed = seed
        self.places = list(places)
        self.categories = sorted(categories, key=lambda c: c.slug)
        self.now = (now or timezone.now()).astimezone(timezone.get_current_timezone())
        self.today = self.now.date()
        self._cum_weights = list(itertools.accumulate(p.weight for p in self.places))
        self._category_by_id = {c.pk: c for c in self.categories}
        # Every category gets a shop in the first round; after that the order is shuffled by seed.
        self._category_cycle = list(self.categories)
        random.Random(f"{seed}-categories").shuffle(self._category_cycle)
        self._neighbours: dict[str, list[str]] = {}

    # -- public --

    def draft(
        self,
        index: int,
        *,
        place: DemoPlace | None = None,
        category: Category | None = None,
        name: str | None = None,
        status: str | None = None,
        name_attempt: int = 0,
    ) -> ShopDraft:
        """
        The shop number ``index``; the keyword arguments pin what a hand-picked demo shop needs.
        Another ``name_attempt`` gives the same shop under another name.
        """
        rng = random.Random(f"{self.seed}-{index}")
        category = category or self._category_for(index, rng)
        top = self._top(category)
        place = place or self._place(rng)
        name = name or self._name(random.Random(f"{self.seed}-{index}-name-{name_attempt}"), category, top)
        lat, lon = self._jitter(rng, place)
        created_at = self.now - dt.timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1439))
        status = status or self._status(rng)
        slug = german_slug(f"{name} {place.locality}")[:120].rstrip("-")
        offer = rng.choice(OFFERS.get(top.slug, GENERIC_OFFERS))
        shop = Shop(
            name=name,
            slug=slug,
            status=status,
            status_reason=(
                "Demo: Die Angaben werden gerade geprüft." if status == Shop.Status.HIDDEN else ""
            ),
            is_demo=True,
            description=f"{offer} {self._since(rng, place)}\n\n{DEMO_NOTE}",
            street=f"{rng.choice(STREETS)} {self._house_number(rng)}",
            postal_code=place.postal_code,
            locality=place.locality,
            district=place.district,
            lat=lat,
            lon=lon,
            location_source=Shop.LocationSource.GAZETTEER,
            phone=self._phone(rng),
            email=f"{slug[:40].rstrip('-')}@demo.example",
            website=f"https://demo.example/{slug}" if rng.random() < 0.5 else "",
            payment_methods=[str(code) for code in rng.choice(PAYMENT_SETS)],
            closed_on_public_holidays=rng.random() < 0.92,
            created_at=created_at,
            published_at=(
                created_at + dt.timedelta(hours=rng.randint(1, 48))
                if status == Shop.Status.PUBLISHED
                else None
            ),
        )
        category_ids = [category.pk]
        siblings = [c for c in self.categories if c.parent_id == top.pk and c.pk != category.pk]
        if siblings and rng.random() < 0.2:  # e.g. a bakery that is also a café
            category_ids.append(rng.choice(siblings).pk)
        draft = ShopDraft(shop=shop, category_ids=category_ids)
        self._add_services(rng, draft, top, place)
        shop.how_to_order = self._how_to_order(draft)
        self._add_hours(rng, draft, top)
        self._add_special_days(rng, draft)
        return draft

    # -- pieces --

    def _category_for(self, index: int, rng: random.Random) -> Category:
        if index < len(self._category_cycle):
            return self._category_cycle[index]
        return rng.choice(self._category_cycle)

    def _top(self, category: Category) -> Category:
        if category.parent_id and category.parent_id in self._category_by_id:
            return self._category_by_id[category.parent_id]
        return category

    def _place(self, rng: random.Random) -> DemoPlace:
        point = rng.random() * self._cum_weights[-1]
        return self.places[min(bisect.bisect_right(self._cum_weights, point), len(self.places) - 1)]

    def _name(self, rng: random.Random, category: Category, top: Category) -> str:
        nouns = SHOP_NOUNS.get(category.slug) or SHOP_NOUNS.get(top.slug) or [top.name]
        fancy = FANCY_WORDS.get(top.slug, []) + GENERAL_FANCY_WORDS
        noun, word = rng.choice(nouns), rng.choice(fancy)
        return f"{word} – {noun}" if rng.random() < 0.15 else f"{noun} {word}"

    @staticmethod
    def _jitter(rng: random.Random, place: DemoPlace) -> tuple[float, float]:
        distance = MAX_JITTER_KM * math.sqrt(rng.random())
        lat, lon = destination_point(place.lat, place.lon, rng.uniform(0, 360), distance)
        return round(lat, 6), round(lon, 6)

    @staticmethod
    def _status(rng: random.Random) -> str:
        draw = rng.random()
        if draw < 0.03:
            return Shop.Status.PENDING
        if draw < 0.06:
            return Shop.Status.HIDDEN
        return Shop.Status.PUBLISHED

    @staticmethod
    def _since(rng: random.Random, place: DemoPlace) -> str:
        return f"Seit {rng.randint(1952, 2022)} in {place.locality}."

    @staticmethod
    def _house_number(rng: random.Random) -> str:
        number = str(rng.randint(1, 98))
        return number + "a" if rng.random() < 0.08 else number

    @staticmethod
    def _phone(rng: random.Random) -> PhoneNumber:
        return _parsed_phone(f"{rng.choice(FICTIONAL_PHONE_PREFIXES)}{rng.randint(0, 999):03d}")

    def _add_services(self, rng: random.Random, draft: ShopDraft, top: Category, place: DemoPlace) -> None:
        weights = SERVICE_WEIGHTS["food" if top.slug in FOOD_CATEGORIES else "default"]
        kinds = [kind for kind, chance in weights.items() if rng.random() < chance]
        if not kinds:
            kinds = [rng.choice(list(weights))]
        shop = draft.shop
        for kind in kinds:
            service = ShopService(kind=kind)
            if kind == ServiceKind.PHONE_ORDER:
                service.phone = shop.phone
                service.hours = rng.choice(
                    ["Mo–Fr 9–12 Uhr", "Während der Öffnungszeiten", "Mo–Sa 8–11 Uhr", "Di–Fr 10–17 Uhr"]
                )
            elif kind == ServiceKind.DELIVERY:
                service.fee = rng.choice([Decimal("0.00"), Decimal("2.50"), Decimal("3.00"), Decimal("3.90")])
                service.minimum_order = rng.choice(
                    [None, Decimal("10.00"), Decimal("15.00"), Decimal("20.00"), Decimal("25.00")]
                )
                if rng.random() < 0.6:
                    service.delivery_radius_km = rng.choice(
                        [Decimal("3.0"), Decimal("5.0"), Decimal("8.0"), Decimal("10.0"), Decimal("15.0")]
                    )
                    service.note = "Lieferung mit dem eigenen Wagen, meist am selben Tag."
                else:
                    codes = self._neighbour_codes(place)
                    draft.delivery_postal_codes = codes[: rng.randint(2, 6)]
                    service.note = "Wir liefern dienstags und freitags in die genannten Postleitzahlen."
            elif kind == ServiceKind.PICKUP:
                service.note = rng.choice(
                    [
                        "Bis 12 Uhr bestellt, ab 15 Uhr abholbereit.",
                        "Bestellen Sie per Telefon oder E-Mail, wir legen alles zurück.",
                        "Abholung am Seiteneingang, auch kontaktlos.",
                    ]
                )
            elif kind == ServiceKind.SHIPPING:
                service.fee = rng.choice([Decimal("4.90"), Decimal("5.90"), Decimal("6.95")])
                service.minimum_order = rng.choice([None, Decimal("20.00")])
                service.note = "Versand innerhalb Deutschlands, ab 60 € versandkostenfrei."
            elif kind == ServiceKind.ONLINE_SHOP:
                service.url = f"https://demo.example/{shop.slug}/shop"
            elif kind == ServiceKind.VOUCHERS:
                service.note = rng.choice(
                    ["Gutscheine ab 10 € im Laden und per Post.", "Gutscheine in jeder Höhe, auch als PDF."]
                )
            draft.services.append(service)

    def _neighbour_codes(self, place: DemoPlace) -> list[str]:
        """The place's own postal code and the nearest other ones (for delivery areas)."""
        if place.postal_code not in self._neighbours:
            centres: dict[str, DemoPlace] = {}
            for other in self.places:
                centres.setdefault(other.postal_code, other)
            ranked = sorted(centres.values(), key=lambda o: haversine_km(place.lat, place.lon, o.lat, o.lon))
            codes = [place.postal_code] + [
                o.postal_code for o in ranked if o.postal_code != place.postal_code
            ]
            self._neighbours[place.postal_code] = codes[:6]
        return self._neighbours[place.postal_code]

    @staticmethod
    def _how_to_order(draft: ShopDraft) -> str:
        kinds = {s.kind for s in draft.services}
        parts = []
        if ServiceKind.PHONE_ORDER in kinds:
            parts.append("Rufen Sie uns an, wir beraten Sie gern am Telefon.")
        if ServiceKind.PICKUP in kinds:
            parts.append("Ihre Bestellung liegt zur Abholung im Laden bereit.")
        if ServiceKind.DELIVERY in kinds:
            parts.append("In der Umgebung bringen wir Ihre Bestellung auch vorbei.")
        if ServiceKind.ONLINE_SHOP in kinds:
            parts.append("Rund um die Uhr bestellen Sie in unserem Online-Shop.")
        if ServiceKind.SHIPPING in kinds:
            parts.append("Wir verschicken auch per Post.")
        return " ".join(parts) or "Kommen Sie einfach vorbei."

    @staticmethod
    def _add_hours(rng: random.Random, draft: ShopDraft, top: Category) -> None:
        pattern = HOURS_PATTERNS[rng.choice(HOURS_BY_TOP_CATEGORY.get(top.slug, DEFAULT_HOURS))]
        for weekday, intervals in sorted(pattern.items()):
            for opens, closes in intervals:
                draft.hours.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
        if 6 in pattern:
            draft.shop.closed_on_public_holidays = False

    def _add_special_days(self, rng: random.Random, draft: ShopDraft) -> None:
        draw = rng.random()
        if draw < 0.12:
            start = self.today + dt.timedelta(days=rng.randint(7, 60))
            for offset in range(rng.randint(3, 7)):
                draft.special_days.append(
                    SpecialDay(date=start + dt.timedelta(days=offset), is_closed=True, note="Betriebsferien")
                )
        elif draw < 0.2:
            for month, day, closes in ((12, 24, T(12)), (12, 31, T(13))):
                date = dt.date(self.today.year, month, day)
                if date < self.today:
                    date = date.replace(year=date.year + 1)
                draft.special_days.append(
                    SpecialDay(date=date, is_closed=False, opens=T(8), closes=closes, note="Kürzer geöffnet")
                )
        elif draw < 0.24:
            date = self.today + dt.timedelta(days=rng.randint(3, 40))
            draft.special_days.append(SpecialDay(date=date, is_closed=True, note="Inventur"))


# --- Saving ----------------------------------------------------------------------------------------


def drafts_save(*, drafts: Sequence[ShopDraft], batch_size: int = 1000) -> list[Shop]:
    """Insert the drafts with bulk inserts (a few queries per ``batch_size`` shops)."""
    shops: list[Shop] = []
    through = Shop.categories.through
    for start in range(0, len(drafts), batch_size):
        batch = drafts[start : start + batch_size]
        created = Shop.objects.bulk_create([d.shop for d in batch])
        links: list[Any] = []
        services: list[ShopService] = []
        codes: list[DeliveryPostalCode] = []
        hours: list[OpeningHours] = []
        special_days: list[SpecialDay] = []
        for draft, shop in zip(batch, created, strict=True):
            links.extend(through(shop_id=shop.pk, category_id=cid) for cid in draft.category_ids)
            for service in draft.services:
                service.shop = shop
            services.extend(draft.services)
            codes.extend(DeliveryPostalCode(shop=shop, postal_code=c) for c in draft.delivery_postal_codes)
            for row in draft.hours:
                row.shop = shop
            hours.extend(draft.hours)
            for special in draft.special_days:
                special.shop = shop
            special_days.extend(draft.special_days)
        through.objects.bulk_create(links, batch_size=batch_size * 2)
        ShopService.objects.bulk_create(services, batch_size=batch_size * 2)
        DeliveryPostalCode.objects.bulk_create(codes, batch_size=batch_size * 2)
        OpeningHours.objects.bulk_create(hours, batch_size=batch_size * 4)
        SpecialDay.objects.bulk_create(special_days, batch_size=batch_size * 2)
        shops.extend(created)
    return shops


def _unique_slugs(drafts: Sequence[ShopDraft], taken: set[str]) -> None:
    """Make the drafts' slugs unique among themselves and against ``taken`` (adds "-2", "-3", ...)."""
    for draft in drafts:
        base = draft.shop.slug
        slug, counter = base, 1
        while slug in taken:
            counter += 1
            slug = f"{base[:110]}-{counter}"
        if slug != base:
            draft.shop.slug = slug
            for service in draft.services:
                if service.url:
                    service.url = f"https://demo.example/{slug}/shop"
            if draft.shop.website:
                draft.shop.website = f"https://demo.example/{slug}"
        taken.add(slug)


def demo_generator(*, seed: int, now: dt.datetime | None = None) -> ShopGenerator:
    return ShopGenerator(
        seed=seed,
        places=demo_places(),
        categories=list(Category.objects.filter(is_active=True)),
        now=now,
    )


def shops_generate(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> list[Shop]:
    """
    Create ``count`` more demo shops (``generate_shops``). Slugs already in the database get a
    suffix, so running it again adds another ``count`` shops.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    generator = demo_generator(seed=seed)
    taken = set(Shop.objects.values_list("slug", flat=True))
    created: list[Shop] = []
    for start in range(0, count, batch_size):
        drafts = [generator.draft(i) for i in range(start, min(count, start + batch_size))]
        _unique_slugs(drafts, taken)
        with transaction.atomic():
            created.extend(drafts_save(drafts=drafts, batch_size=batch_size))
        if progress:
            progress(len(created))
    return created


# --- load_demo ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str


DEMO_LOGINS: Final = (
    DemoLogin("inhaberin@demo.example", "owner of two shops (Bäckerei Sonnenkorn, Blumenhaus Ostseebrise)"),
    DemoLogin("mitarbeiter@demo.example", "staff of Bäckerei Sonnenkorn"),
    DemoLogin("initiative@demo.example", "manager of the initiative Rostocker Kaufleute online (Demo)"),
    DemoLogin("betrieb@demo.example", "operator (is_staff and is_superuser: /admin/)"),
)


@dataclass(frozen=True)
class FeaturedShop:
    """A hand-picked demo shop that the demo logins manage."""

    name: str
    category: str
    postal_code: str


FEATURED_SHOPS: Final = (
    FeaturedShop("Bäckerei Sonnenkorn", "baeckerei", "18055"),
    FeaturedShop("Blumenhaus Ostseebrise", "blumenladen", "18057"),
    FeaturedShop("Fahrradladen Kettenblatt", "fahrradhandel", "17489"),
)


@dataclass(frozen=True)
class DemoInitiative:
    name: str
    slug: str
    region: str
    postal_code: str  # the centre of its area
    radius_km: float
    description: str


DEMO_INITIATIVES: Final = (
    DemoInitiative(
        "Rostocker Kaufleute online (Demo)",
        "rostocker-kaufleute-online-demo",
        "Rostock",
        "18055",
        6.0,
        "Händlerinnen und Händler aus Rostock zeigen gemeinsam, wie man bei ihnen bestellen kann.",
    ),
    DemoInitiative(
        "Altstadt Stralsund e. V. (Demo)",
        "altstadt-stralsund-demo",
        "Altstadt Stralsund",
        "18439",
        4.0,
        "Die Geschäfte der Stralsunder Altstadt zwischen Alter Markt und Hafen.",
    ),
    DemoInitiative(
        "Wir in Wismar (Demo)",
        "wir-in-wismar-demo",
        "Wismar",
        "23966",
        5.0,
        "Gemeinsam für eine lebendige Innenstadt in Wismar: Einkaufen, Bestellen, Liefern lassen.",
    ),
    DemoInitiative(
        "Greifswalder Innenstadthändler (Demo)",
        "greifswalder-innenstadthaendler-demo",
        "Greifswald",
        "17489",
        5.0,
        "Die Läden rund um den Greifswalder Markt, mit Lieferdienst per Lastenrad.",
    ),
    DemoInitiative(
        "Schweriner Schlossviertel (Demo)",
        "schweriner-schlossviertel-demo",
        "Schwerin",
        "19053",
        5.0,
        "Fachgeschäfte zwischen Schloss, Pfaffenteich und Schelfstadt.",
    ),
    DemoInitiative(
        "Rügen regional (Demo)",
        "ruegen-regional-demo",
        "Insel Rügen",
        "18528",
        25.0,
        "Hofläden, Manufakturen und Geschäfte der Insel Rügen.",
    ),
)
INITIATIVE_MEMBER_LIMIT: Final = 15
MAX_NAME_ATTEMPTS: Final = 20


@dataclass
class DemoLoadResult:
    shops_created: int
    demo_shops: int
    users_created: int
    initiatives_created: int
    memberships_created: int


def demo_drafts(*, generator: ShopGenerator, count: int = DEMO_SHOP_COUNT) -> list[ShopDraft]:
    """The demo shops: the featured ones first, then ``count`` generated ones (unique slugs)."""
    by_code = {p.postal_code: p for p in reversed(generator.places)}  # first (main) place per code
    categories = {c.slug: c for c in generator.categories}
    missing = [f.postal_code for f in FEATURED_SHOPS if f.postal_code not in by_code]
    if missing:
        raise ValueError(f"The gazetteer lacks the postal codes of the featured demo shops: {missing}")
    drafts = [
        generator.draft(
            -1 - number,
            place=by_code[featured.postal_code],
            category=categories.get(featured.category),
            name=featured.name,
            status=Shop.Status.PUBLISHED,
        )
        for number, featured in enumerate(FEATURED_SHOPS)
    ]
    seen = {(d.shop.name, d.shop.locality) for d in drafts}
    for index in range(count):
        draft = generator.draft(index)
        attempt = 0
        # Two shops of the same name in one town would look like a mistake.
        while (draft.shop.name, draft.shop.locality) in seen and attempt < MAX_NAME_ATTEMPTS:
            attempt += 1
            draft = generator.draft(index, name_attempt=attempt)
        seen.add((draft.shop.name, draft.shop.locality))
        drafts.append(draft)
    _unique_slugs(drafts, set())
    return drafts


def demo_load(*, count: int = DEMO_SHOP_COUNT, seed: int = DEMO_SEED) -> DemoLoadResult:
    """
    Load the demo data; idempotent. Shops are recognised by their slug, users by e-mail,
    initiatives by slug, so a second run creates nothing and changes nothing.
    """
    generator = demo_generator(seed=seed)
    drafts = demo_drafts(generator=generator, count=count)
    slugs = [d.shop.slug for d in drafts]
    with transaction.atomic():
        existing = set(Shop.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        created = drafts_save(drafts=[d for d in drafts if d.shop.slug not in existing])
        shops = {s.slug: s for s in Shop.objects.filter(slug__in=slugs)}
        users, users_created = _demo_users()
        featured = [shops[d.shop.slug] for d in drafts[: len(FEATURED_SHOPS)]]
        _demo_shop_memberships(users=users, featured=featured)
        initiatives_created, memberships_created = _demo_initiatives(
            users=users, shops=[shops[slug] for slug in slugs]
        )
    # The index is derived data: (re)index every demo shop, so a rebuilt or new index is complete.
    search_index_shops(shop_ids=[s.pk for s in shops.values()])
    return DemoLoadResult(
        shops_created=len(created),
        demo_shops=len(shops),
        users_created=users_created,
        initiatives_created=initiatives_created,
        memberships_created=memberships_created,
    )


def _demo_users() -> tuple[dict[str, Any], int]:
    from marktplatz.accounts.models import User

    names = {
        "inhaberin@demo.example": ("Ilka", "Inhaberin"),
        "mitarbeiter@demo.example": ("Max", "Mitarbeiter"),
        "initiative@demo.example": ("Ines", "Initiative"),
        "betrieb@demo.example": ("Bernd", "Betrieb"),
    }
    users: dict[str, Any] = {}
    created = 0
    for login in DEMO_LOGINS:
        user = User.objects.filter(email=login.email).first()
        if user is None:
            first_name, last_name = names[login.email]
            operator = login.email == "betrieb@demo.example"
            user = User.objects.create_user(
                login.email,
                DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                is_staff=operator,
                is_superuser=operator,
                email_confirmed_at=timezone.now(),
            )
            created += 1
        users[login.email] = user
    return users, created


def _demo_shop_memberships(*, users: dict[str, Any], featured: Sequence[Shop]) -> None:
    from .models import ShopMembership

    wanted = [
        (featured[0], users["inhaberin@demo.example"], ShopMembership.Role.OWNER),
        (featured[1], users["inhaberin@demo.example"], ShopMembership.Role.OWNER),
        (featured[0], users["mitarbeiter@demo.example"], ShopMembership.Role.STAFF),
    ]
    for shop, user, role in wanted:
        ShopMembership.objects.get_or_create(shop=shop, user=user, defaults={"role": role})


def _demo_initiatives(*, users: dict[str, Any], shops: Sequence[Shop]) -> tuple[int, int]:
    """The demo initiatives with the published demo shops nearby as members (a few still waiting)."""
    from marktplatz.geo.gazetteer import lookup_postal_code
    from marktplatz.initiatives.models import Initiative, InitiativeManager, InitiativeMembership

    initiatives_created = memberships_created = 0
    published = [s for s in shops if s.status == Shop.Status.PUBLISHED]
    manager = users["initiative@demo.example"]
    for spec in DEMO_INITIATIVES:
        centre = lookup_postal_code(spec.postal_code)
        if centre is None:
            continue
        initiative, created = Initiative.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "region": spec.region,
                "description": f"{spec.description}\n\n{DEMO_NOTE}",
                "website": f"https://demo.example/initiativen/{spec.slug}",
                "email": f"{spec.slug[:40]}@demo.example",
                "status": Initiative.Status.PUBLISHED,
            },
        )
        initiatives_created += created
        if spec is DEMO_INITIATIVES[0]:
            InitiativeManager.objects.get_or_create(initiative=initiative, user=manager)
        nearby = sorted(
            (haversine_km(centre.lat, centre.lon, s.lat, s.lon), s.slug, s)
            for s in published
            if haversine_km(centre.lat, centre.lon, s.lat, s.lon) <= spec.radius_km
        )
        members = [s for _d, _slug, s in nearby[:INITIATIVE_MEMBER_LIMIT]]
        existing = set(
            InitiativeMembership.objects.filter(initiative=initiative).values_list("shop_id", flat=True)
        )
        now = timezone.now()
        new = []
        for position, shop in enumerate(members):
            if shop.pk in existing:
                continue
            # The last two of a larger group show the manager's queue: one waiting, one declined.
            status = InitiativeMembership.Status.CONFIRMED
            if len(members) >= 5 and position == len(members) - 1:
                status = InitiativeMembership.Status.REQUESTED
            elif len(members) >= 5 and position == len(members) - 2:
                status = InitiativeMembership.Status.DECLINED
            decided = status != InitiativeMembership.Status.REQUESTED
            new.append(
                InitiativeMembership(
                    initiative=initiative,
                    shop=shop,
                    status=status,
                    requested_at=now,
                    decided_at=now if decided else None,
                    decided_by=manager if decided and spec is DEMO_INITIATIVES[0] else None,
                )
            )
        InitiativeMembership.objects.bulk_create(new)
        memberships_created += len(new)
    return initiatives_created, memberships_created


# --- Search index ------------------------------------------------------------------------------------


def search_index_shops(*, shop_ids: Sequence[int]) -> None:
    """Put the shops into the search index (bulk inserts bypass the services that index a shop)."""
    from marktplatz.search import reindex_shops

    reindex_shops(shop_ids=shop_ids)
