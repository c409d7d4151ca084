"""
Word lists of the product generator (``manage.py generate_products``): what the shops of the
region sell, per sub-category of the seeded taxonomy, with units, price ranges and VAT rate.

Articles are listed most common first; the generator picks them with falling (Zipf-like)
weights, so some words are everywhere ("Brot", "Äpfel") and the last ones of each list are rare.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Assortment:
    """What one product sub-category (by slug) sells."""

    vat_rate: str  # "19", "7" or "0"
    unit: str  # QuantityUnit value of the sales unit
    quantities: tuple[str, ...]  # contents of one sales unit in ``unit`` ("" = no unit price)
    price: tuple[float, float]  # lowest and highest price of a sales unit in euros
    articles: tuple[str, ...]  # most common first
    qualifiers: tuple[str, ...]  # added to some names ("Roggenbrot mit Sauerteig")
    sizes: tuple[tuple[str, ...], ...] = ()  # variant label sets (sizes, colours); empty: simple products
    sentences: tuple[str, ...] = ()  # description sentences of this kind of article


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


FOOD_SENTENCES = _split(
    "Ohne Zusatzstoffe hergestellt.|Aus kontrolliert biologischem Anbau.|Kühl und trocken lagern."
    "|Frisch aus der Region, jeden Morgen geliefert.|Nach traditionellem Rezept.|Vegan."
    "|Enthält Gluten.|Kann Spuren von Nüssen enthalten.|Saisonal, solange der Vorrat reicht."
)
FASHION_SENTENCES = _split(
    "Pflegehinweis: 30 °C Schonwäsche.|Bequeme Passform für jeden Tag.|Fair produziert."
    "|Material: 100 % Baumwolle.|Material: Schurwolle aus Mecklenburg.|Echtes Leder, pflanzlich gegerbt."
    "|Fällt normal aus.|Wasserabweisend und atmungsaktiv."
)
HOME_SENTENCES = _split(
    "Langlebig und robust.|Handgefertigt in unserer Werkstatt.|Spülmaschinenfest.|Frostfest."
    "|Für drinnen und draußen.|Einfache Montage ohne Werkzeug.|Mit zwei Jahren Gewährleistung."
)
LEISURE_SENTENCES = _split(
    "Geeignet ab drei Jahren.|Ein schönes Geschenk.|Aus nachhaltigem Holz.|Wetterfest."
    "|Inklusive Anleitung.|Leicht und kompakt für unterwegs."
)

ASSORTMENTS: dict[str, Assortment] = {
    "brot-backwaren": Assortment(
        "7",
        "g",
        ("500", "750", "1000"),
        (1.8, 6.9),
        _split(
            "Roggenbrot|Vollkornbrot|Weizenbrötchen|Dinkelbrot|Bauernbrot|Sauerteigbrot|Mischbrot"
            "|Laugenbrezel|Butterkuchen|Streuselkuchen|Mohnschnecke|Kürbiskernbrot|Bienenstich"
            "|Zwiebelkuchen|Franzbrötchen|Pumpernickel|Eierschecke|Knäckebrot|Stollen|Pfefferkuchen"
        ),
        _split("mit Sauerteig|aus dem Steinofen|nach Hausrezept|mit Saaten|aus Urkorn|vom Bäcker|Bio"),
        sentences=FOOD_SENTENCES,
    ),
    "obst-gemuese": Assortment(
        "7",
        "kg",
        ("0.5", "1", "2.5"),
        (1.2, 7.5),
        _split(
            "Äpfel Elstar|Kartoffeln festkochend|Möhren|Tomaten|Zwiebeln|Äpfel Boskoop|Erdbeeren"
            "|Gurken|Birnen Conference|Kürbis Hokkaido|Rote Bete|Spargel weiß|Heidelbeeren|Blumenkohl"
            "|Pflaumen|Kohlrabi|Grünkohl|Kirschen|Rhabarber|Pastinaken|Topinambur|Quitten"
        ),
        _split("aus der Region|vom Hof|Bio|lose|Klasse I|frisch geerntet|aus eigenem Anbau"),
        sentences=FOOD_SENTENCES,
    ),
    "fleisch-wurst": Assortment(
        "7",
        "g",
        ("200", "400", "1000"),
        (2.5, 24.0),
        _split(
            "Bratwurst|Leberwurst|Schweinenacken|Rinderhack|Salami|Kochschinken|Rouladen"
            "|Schinkenspeck|Blutwurst|Sülze|Wildschweinbraten|Rehkeule|Entenbrust|Lammkeule"
        ),
        _split("vom Weiderind|hausgemacht|geräuchert|aus Freilandhaltung|vom Landschwein|grob"),
        sentences=FOOD_SENTENCES,
    ),
    "fisch": Assortment(
        "7",
        "g",
        ("150", "250", "500"),
        (2.9, 19.9),
        _split(
            "Räucherlachs|Matjes|Bismarckhering|Forelle geräuchert|Zanderfilet|Bratheringe"
            "|Fischfrikadellen|Rollmops|Aal geräuchert|Hechtklößchen|Maränen"
        ),
        _split("aus der Müritz|von der Ostsee|fangfrisch|nach Hausfrauenart|kaltgeräuchert"),
        sentences=FOOD_SENTENCES,
    ),
    "milch-kaese": Assortment(
        "7",
        "g",
        ("150", "250", "500"),
        (1.1, 9.9),
        _split(
            "Bergkäse|Frischmilch|Butter|Joghurt natur|Gouda jung|Quark|Ziegenkäse|Camembert"
            "|Schmand|Buttermilch|Schafskäse|Kefir|Tilsiter|Rohmilchkäse"
        ),
        _split("vom Hof|aus Heumilch|Bio|gereift|mild|würzig|laktosefrei"),
        sentences=FOOD_SENTENCES,
    ),
    "honig-aufstriche": Assortment(
        "7",
        "g",
        ("250", "500"),
        (3.5, 12.9),
        _split(
            "Rapshonig|Blütenhonig|Waldhonig|Erdbeerkonfitüre|Pflaumenmus|Lindenhonig"
            "|Sanddorngelee|Heidehonig|Quittengelee|Schlehenkonfitüre|Holundergelee"
        ),
        _split("cremig|flüssig|aus der Imkerei|Bio|mit Vanille|ohne Zuckerzusatz"),
        sentences=FOOD_SENTENCES,
    ),
    "feinkost": Assortment(
        "7",
        "ml",
        ("100", "250", "500"),
        (3.9, 18.9),
        _split(
            "Senf|Rapsöl|Leinöl|Kräutersalz|Sanddornsaft|Essig|Pesto|Chutney|Pilze eingelegt"
            "|Gewürzgurken|Leindotteröl|Meerrettich"
        ),
        _split("kaltgepresst|scharf|mittelscharf|aus Mecklenburg|Bio|im Glas"),
        sentences=FOOD_SENTENCES,
    ),
    "suesswaren": Assortment(
        "7",
        "g",
        ("100", "200", "400"),
        (1.5, 8.9),
        _split(
            "Schokolade|Pralinen|Marzipan|Fruchtgummi|Lakritz|Karamellbonbons|Nougat|Kekse"
            "|Baumkuchen|Sanddornpralinen"
        ),
        _split("Zartbitter|Vollmilch|handgemacht|Bio|mit Nüssen|vegan"),
        sentences=FOOD_SENTENCES,
    ),
    "wein": Assortment(
        "19",
        "l",
        ("0.75", "1"),
        (5.9, 29.0),
        _split("Riesling|Rotwein|Grauburgunder|Sekt|Rosé|Spätburgunder|Obstwein|Müller-Thurgau|Cremant"),
        _split("trocken|halbtrocken|lieblich|Bio|aus Sachsen|vom Weingut"),
        sentences=FOOD_SENTENCES,
    ),
    "bier": Assortment(
        "19",
        "l",
        ("0.33", "0.5"),
        (1.1, 4.5),
        _split("Pils|Helles|Weizenbier|Schwarzbier|Bockbier|Zwickel|Kellerbier|Rauchbier|Porter"),
        _split("naturtrüb|alkoholfrei|aus der Hausbrauerei|ungefiltert|Bio"),
        sentences=FOOD_SENTENCES,
    ),
    "spirituosen": Assortment(
        "19",
        "l",
        ("0.2", "0.5", "0.7"),
        (9.9, 45.0),
        _split("Korn|Obstbrand|Kräuterlikör|Gin|Sanddornlikör|Whisky|Aquavit|Schlehenbrand|Eierlikör"),
        _split("aus der Brennerei|fassgereift|Bio|doppelt gebrannt|mild"),
        sentences=FOOD_SENTENCES,
    ),
    "saefte": Assortment(
        "7",
        "l",
        ("0.33", "0.75", "1"),
        (1.2, 5.9),
        _split(
            "Apfelsaft|Sanddornsaft|Holunderblütensirup|Limonade|Rhabarberschorle|Birnensaft|Johannisbeersaft"
        ),
        _split("naturtrüb|direkt gepresst|Bio|ohne Zucker|aus Streuobst"),
        sentences=FOOD_SENTENCES,
    ),
    "kaffee-tee": Assortment(
        "7",
        "g",
        ("100", "250", "500", "1000"),
        (3.9, 24.0),
        _split("Kaffee|Espresso|Kräutertee|Schwarzer Tee|Grüner Tee|Früchtetee|Rooibos|Pfefferminztee"),
        _split("ganze Bohne|gemahlen|frisch geröstet|lose|Bio|fair gehandelt"),
        sentences=FOOD_SENTENCES,
    ),
    "damenmode": Assortment(
        "19",
        "piece",
        ("",),
        (19.0, 189.0),
        _split("Kleid|Bluse|Strickjacke|Rock|Jeans|Mantel|Pullover|Tunika|Schal|Leinenhose|Regenjacke"),
        _split("aus Leinen|aus Baumwolle|Wolle|gestreift|geblümt|schwarz|blau|rot"),
        sizes=(("S", "M", "L", "XL"), ("36", "38", "40", "42", "44")),
        sentences=FASHION_SENTENCES,
    ),
    "herrenmode": Assortment(
        "19",
        "piece",
        ("",),
        (19.0, 229.0),
        _split("Hemd|Jeans|Pullover|Sakko|Poloshirt|Strickjacke|Chino|Wintermantel|Fischerhemd|Krawatte"),
        _split("aus Leinen|aus Baumwolle|Schurwolle|kariert|slim fit|dunkelblau|grau"),
        sizes=(("S", "M", "L", "XL", "XXL"), ("48", "50", "52", "54")),
        sentences=FASHION_SENTENCES,
    ),
    "kindermode": Assortment(
        "19",
        "piece",
        ("",),
        (9.9, 79.0),
        _split("Body|Strampler|Matschhose|Kinderjacke|Mütze|Kleid|Latzhose|Regenjacke|Schlafanzug"),
        _split("aus Biobaumwolle|gestreift|mit Tiermotiv|wasserdicht|gefüttert"),
        sizes=(("74", "80", "86", "92"), ("104", "116", "128", "140")),
        sentences=FASHION_SENTENCES,
    ),
    "schuhe": Assortment(
        "19",
        "piece",
        ("",),
        (29.0, 199.0),
        _split(
            "Herrenschuhe Leder|Damenschuhe|Sneaker|Gummistiefel|Wanderschuhe|Hausschuhe|Sandalen"
            "|Kinderschuhe|Stiefeletten|Holzclogs"
        ),
        _split("braun|schwarz|wasserdicht|gefüttert|handgenäht|vegan"),
        sizes=(("38", "39", "40", "41", "42", "43", "44", "45"), ("36", "37", "38", "39", "40", "41")),
        sentences=FASHION_SENTENCES,
    ),
    "taschen-schmuck": Assortment(
        "19",
        "piece",
        ("",),
        (14.9, 249.0),
        _split(
            "Ledertasche|Rucksack|Bernsteinkette|Ohrringe|Armband|Geldbörse|Silberring|Jutebeutel|Brosche"
        ),
        _split("handgemacht|aus Silber|mit Bernstein|aus Leder|aus Segeltuch"),
        sentences=FASHION_SENTENCES,
    ),
    "wohnen-deko": Assortment(
        "19",
        "piece",
        ("",),
        (6.9, 149.0),
        _split("Kerze|Kissen|Wolldecke|Vase|Bilderrahmen|Windlicht|Teppich|Lampe|Spiegel|Treibholzdeko"),
        _split("aus Leinen|handgemacht|maritim|Bienenwachs|aus Holz|skandinavisch"),
        sentences=HOME_SENTENCES,
    ),
    "kueche-haushalt": Assortment(
        "19",
        "piece",
        ("",),
        (3.9, 129.0),
        _split(
            "Schneidebrett|Kochtopf|Pfanne|Messer|Geschirrtuch|Brotkasten|Teekanne|Besen|Bürste"
            "|Einmachglas|Auflaufform"
        ),
        _split("aus Holz|Edelstahl|Gusseisen|Emaille|aus Steingut|Bio-Baumwolle"),
        sentences=HOME_SENTENCES,
    ),
    "garten-pflanzen": Assortment(
        "7",
        "piece",
        ("",),
        (2.5, 59.0),
        _split(
            "Tomatenpflanze|Kräutertopf|Lavendel|Rosenstock|Obstbaum|Blumenerde|Saatgut|Erdbeerpflanze"
            "|Hortensie|Buchsbaum|Rankgitter"
        ),
        _split("im Topf|winterhart|Bio|aus eigener Anzucht|Sorte Ruby|Sorte Augusta"),
        sentences=HOME_SENTENCES,
    ),
    "werkzeug": Assortment(
        "19",
        "piece",
        ("",),
        (3.9, 199.0),
        _split(
            "Hammer|Schraubendreher|Akkuschrauber|Zange|Wasserwaage|Spaten|Schrauben|Dübel|Säge|Zollstock"
        ),
        _split("Profi|mit Holzgriff|Set|verzinkt|rostfrei"),
        sentences=HOME_SENTENCES,
    ),
    "blumen": Assortment(
        "7",
        "piece",
        ("",),
        (4.9, 59.0),
        _split("Blumenstrauß|Tulpen|Rosen|Sonnenblumen|Trockenblumen|Türkranz|Orchidee|Gesteck|Pfingstrosen"),
        _split("saisonal|aus der Gärtnerei|bunt|weiß|rot|gebunden"),
        sentences=HOME_SENTENCES,
    ),
    "buecher": Assortment(
        "7",
        "piece",
        ("",),
        (7.9, 39.0),
        _split(
            "Kochbuch|Roman|Kinderbuch|Reiseführer Ostsee|Krimi|Bildband Mecklenburg|Wanderkarte"
            "|Kalender|Sachbuch|Hörbuch"
        ),
        _split("gebunden|Taschenbuch|signiert|Neuauflage|plattdeutsch"),
        sentences=LEISURE_SENTENCES,
    ),
    "spielwaren": Assortment(
        "19",
        "piece",
        ("",),
        (4.9, 89.0),
        _split("Holzeisenbahn|Puzzle|Kuscheltier|Brettspiel|Bauklötze|Puppe|Sandspielzeug|Drachen|Murmeln"),
        _split("aus Holz|für Kinder|Klassiker|nachhaltig|handbemalt"),
        sentences=LEISURE_SENTENCES,
    ),
    "sport": Assortment(
        "19",
        "piece",
        ("",),
        (9.9, 299.0),
        _split("Laufschuhe|Zelt|Schlafsack|Angelrute|Paddel|Fußball|Yogamatte|Trinkflasche|Stirnlampe"),
        _split("ultraleicht|wasserdicht|für Einsteiger|Profi|Outdoor"),
        sentences=LEISURE_SENTENCES,
    ),
    "fahrrad": Assortment(
        "19",
        "piece",
        ("",),
        (4.9, 2999.0),
        _split(
            "Fahrradschlauch|Fahrradschloss|Fahrradhelm|Trekkingrad|E-Bike|Fahrradkorb|Luftpumpe"
            "|Fahrradlicht|Kinderfahrrad|Lastenrad"
        ),
        _split("28 Zoll|26 Zoll|mit Nabenschaltung|StVZO|Tiefeinsteiger"),
        sentences=LEISURE_SENTENCES,
    ),
    "basteln": Assortment(
        "19",
        "piece",
        ("",),
        (1.5, 39.0),
        _split("Wolle|Stricknadeln|Bastelpapier|Buntstifte|Aquarellfarben|Notizbuch|Füller|Stoff|Knöpfe"),
        _split("Set|bunt|Merino|recycelt|für Kinder"),
        sentences=LEISURE_SENTENCES,
    ),
    "drogerie": Assortment(
        "19",
        "ml",
        ("50", "100", "250"),
        (2.5, 19.9),
        _split("Handcreme|Seife|Shampoo|Duschgel|Zahnpasta|Sonnencreme|Lippenbalsam|Deo|Badesalz"),
        _split("mit Sanddorn|mit Lavendel|für empfindliche Haut|ohne Duftstoffe|Bio"),
        sentences=HOME_SENTENCES,
    ),
    "naturkosmetik": Assortment(
        "19",
        "ml",
        ("30", "50", "100"),
        (4.9, 34.0),
        _split("Gesichtscreme|Naturseife|Körperöl|Haarseife|Ringelblumensalbe|Serum|Bartöl"),
        _split("vegan|mit Bienenwachs|handgesiedet|mit Rosenöl|zertifiziert"),
        sentences=HOME_SENTENCES,
    ),
    "elektro": Assortment(
        "19",
        "piece",
        ("",),
        (9.9, 899.0),
        _split("Wasserkocher|Toaster|Kaffeemaschine|Staubsauger|Radio|Föhn|Mixer|Waschmaschine|Kühlschrank"),
        _split("Edelstahl|energiesparend|kabellos|mit Timer|weiß"),
        sentences=HOME_SENTENCES,
    ),
    "zubehoer": Assortment(
        "19",
        "piece",
        ("",),
        (2.9, 79.0),
        _split(
            "Ladekabel|Handyhülle|Batterien|Kopfhörer|Powerbank|Verlängerungskabel|Glühbirne|Speicherkarte"
        ),
        _split("USB-C|LED|universal|schwarz|wiederaufladbar"),
        sentences=HOME_SENTENCES,
    ),
    "keramik": Assortment(
        "19",
        "piece",
        ("",),
        (6.9, 89.0),
        _split("Tasse|Teller|Schale|Krug|Vase|Butterdose|Müslischale|Kerzenhalter|Eierbecher"),
        _split("handgetöpfert|glasiert|blau|Steinzeug|aus der Töpferei"),
        sentences=HOME_SENTENCES,
    ),
    "geschenke": Assortment(
        "19",
        "piece",
        ("",),
        (3.9, 69.0),
        _split("Geschenkkorb|Gutschein|Postkarte|Schlüsselanhänger|Magnet|Leuchtturm Modell|Kalender|Tasse"),
        _split("maritim|mit Motiv|aus der Region|Mecklenburg|handgemacht"),
        sentences=LEISURE_SENTENCES,
    ),
}

# Very rare articles (about 1 in 2,000 products each, any shop): the "rare word" searches.
RARE_ARTICLES: dict[str, str] = {
    "Sanddornsenf": "feinkost",
    "Mispelmarmelade": "honig-aufstriche",
    "Schwarzwurzeln": "obst-gemuese",
    "Kranichfedern Brosche": "taschen-schmuck",
    "Reetdachlaterne": "wohnen-deko",
    "Fischerteppich": "wohnen-deko",
    "Boddenzander": "fisch",
    "Feldsteinbrot": "brot-backwaren",
}
RARE_SHARE = 1 / 2000

# Makers: invented words ("Lindenhof", "Birkenhagen"); each shop sells a few of them.
MAKER_STARTS = _split(
    "Linden|Birken|Eichen|Buchen|Erlen|Eschen|Mühlen|Kloster|Wiesen|Heide|Moor|Sonnen|Wester|Oster"
    "|Sander|Haff|Bodden|Seen|Tannen|Kranich|Storchen|Rosen|Holunder|Schlehen|Hasel"
)
MAKER_ENDS = _split("hof|hagen|kamp|horst|dorf|beck|felde|walde|werder|winkel|grund|brink|born|au|mark")
MAKER_PATTERNS = ("{article} vom {maker}", "{maker} {article}", "{article} {qualifier}", "{article}")

DESCRIPTION_OPENINGS = _split(
    "Unser {article} aus {town}, {adjective} und {adjective2}."
    "|{article} – {adjective}, wie man es hier kennt."
    "|Beliebt bei unseren Kunden in {town}: {article}, {adjective}.|Direkt vom {maker}: {article}."
)
ADJECTIVES = _split(
    "frisch|regional|hochwertig|handgemacht|beliebt|klassisch|nachhaltig|ehrlich|liebevoll gemacht"
    "|kräftig|fein|saisonal|preiswert|robust|ausgezeichnet"
)
CLOSINGS = _split(
    "Abholung im Laden oder Lieferung in der Region möglich.|Fragen Sie uns gern im Geschäft."
    "|Auch als Geschenk verpackt erhältlich.|Solange der Vorrat reicht.|Mengenrabatt auf Anfrage."
)

# What a shop of a directory category sells mostly (product sub-category slugs).
SHOP_FOCUS: dict[str, tuple[str, ...]] = {
    "lebensmittel": ("obst-gemuese", "milch-kaese", "brot-backwaren", "feinkost"),
    "feinkost": ("feinkost", "honig-aufstriche", "wein", "suesswaren"),
    "bioladen": ("obst-gemuese", "milch-kaese", "feinkost", "kaffee-tee"),
    "kaese": ("milch-kaese",),
    "fisch": ("fisch",),
    "kaffee-tee": ("kaffee-tee", "suesswaren"),
    "baeckerei": ("brot-backwaren",),
    "konditorei": ("brot-backwaren", "suesswaren"),
    "cafe": ("brot-backwaren", "kaffee-tee"),
    "wurst-schinken": ("fleisch-wurst",),
    "wild-gefluegel": ("fleisch-wurst",),
    "hofladen": ("obst-gemuese", "milch-kaese", "fleisch-wurst", "honig-aufstriche"),
    "wochenmarkt": ("obst-gemuese", "blumen"),
    "gemuesekiste": ("obst-gemuese",),
    "wein": ("wein", "spirituosen"),
    "bier": ("bier",),
    "spirituosen": ("spirituosen", "wein"),
    "getraenkemarkt": ("bier", "saefte", "wein"),
    "damenmode": ("damenmode", "taschen-schmuck"),
    "herrenmode": ("herrenmode",),
    "kindermode": ("kindermode", "spielwaren"),
    "second-hand": ("damenmode", "herrenmode", "kindermode"),
    "naehen-stoffe": ("basteln",),
    "schuhe": ("schuhe",),
    "taschen-koffer": ("taschen-schmuck",),
    "buchhandlung": ("buecher",),
    "antiquariat": ("buecher",),
    "schreibwaren": ("basteln", "buecher"),
    "blumenladen": ("blumen", "wohnen-deko"),
    "gaertnerei": ("garten-pflanzen", "blumen"),
    "gartenbedarf": ("garten-pflanzen", "werkzeug"),
    "drogerie": ("drogerie", "naturkosmetik"),
    "reformhaus": ("naturkosmetik", "feinkost", "kaffee-tee"),
    "computer-handy": ("zubehoer", "elektro"),
    "unterhaltungselektronik": ("elektro", "zubehoer"),
    "elektrogeraete": ("elektro",),
    "moebel": ("wohnen-deko",),
    "heimtextilien": ("wohnen-deko",),
    "kueche-haushalt": ("kueche-haushalt",),
    "eisenwaren": ("werkzeug",),
    "spielzeug": ("spielwaren",),
    "baby": ("kindermode", "spielwaren"),
    "sportartikel": ("sport",),
    "wassersport": ("sport",),
    "camping-outdoor": ("sport",),
    "toepferei": ("keramik",),
    "geschenke": ("geschenke", "wohnen-deko"),
    "bastelbedarf": ("basteln",),
    "fahrradhandel": ("fahrrad",),
    "e-bikes": ("fahrrad",),
    "fahrradwerkstatt": ("fahrrad",),
    "goldschmiede": ("taschen-schmuck",),
    "bernstein": ("taschen-schmuck", "geschenke"),
    "honig-imkerei": ("honig-aufstriche",),
    "sanddorn": ("saefte", "honig-aufstriche", "spirituosen"),
    "manufaktur": ("keramik", "geschenke", "naturkosmetik"),
}
