"""Tests of the offline gazetteer, with real places of Mecklenburg-Vorpommern."""

import pytest

from marktplatz.geo.distance import MV_BOUNDS, haversine_km
from marktplatz.geo.gazetteer import (
    DATA_FILE,
    MV_DISTRICTS,
    Place,
    all_places,
    all_postal_codes,
    is_mv_postal_code,
    load_places,
    localities_for_postal_code,
    lookup_postal_code,
    lookup_town,
    resolve_place,
    suggest_towns,
)


@pytest.mark.parametrize(
    ("code", "localities", "district"),
    [
        ("18055", {"Rostock"}, "Rostock"),
        ("19053", {"Schwerin"}, "Schwerin"),
        ("17489", {"Greifswald"}, "Vorpommern-Greifswald"),
        ("17033", {"Neubrandenburg"}, "Mecklenburgische Seenplatte"),
        ("18609", {"Binz", "Ostseebad Binz"}, "Vorpommern-Rügen"),
        ("23966", {"Wismar"}, "Nordwestmecklenburg"),
        ("18273", {"Güstrow"}, "Landkreis Rostock"),
        ("19370", {"Parchim"}, "Ludwigslust-Parchim"),
    ],
)
def test_lookup_postal_code(code, localities, district):
    place = lookup_postal_code(code)
    assert place is not None
    assert place.postal_code == code
    assert place.locality in localities
    assert place.district == district
    assert MV_BOUNDS.contains(place.lat, place.lon)


@pytest.mark.parametrize("code", ["10115", "20095", "99999", "00000", "1805", "180555", "", "abcde", "18O55"])
def test_lookup_postal_code_outside_mv_or_malformed_is_none(code):
    assert lookup_postal_code(code) is None
    assert not is_mv_postal_code(code)
    assert localities_for_postal_code(code) == []


def test_postal_code_input_may_have_surrounding_spaces():
    assert lookup_postal_code(" 18055 ") == lookup_postal_code("18055")
    assert is_mv_postal_code(" 18055 ")


def test_postal_code_covering_several_municipalities():
    assert localities_for_postal_code("18059") == ["Papendorf", "Pölchow", "Rostock", "Ziesendorf"]
    assert lookup_postal_code("18059").locality == "Rostock"  # the most populous
    assert "Neverin" in localities_for_postal_code("17039")


def test_all_postal_codes():
    codes = all_postal_codes()
    assert isinstance(codes, frozenset)
    assert 180 <= len(codes) <= 200
    assert {"18055", "19053", "17489", "23999"} <= codes
    assert all(is_mv_postal_code(code) for code in codes)
    assert all(code[:2] in {"17", "18", "19", "23"} for code in codes)


@pytest.mark.parametrize(
    "spelling", ["Güstrow", "güstrow", "GÜSTROW", "Guestrow", "guestrow", "Gustrow", " Güstrow "]
)
def test_lookup_town_tolerates_case_and_umlauts(spelling):
    place = lookup_town(spelling)
    assert place is not None
    assert place.locality == "Güstrow"
    assert place.postal_code == "18273"


@pytest.mark.parametrize(
    ("name", "locality"),
    [
        ("Ueckermünde", "Ueckermünde"),
        ("Ückermünde", "Ueckermünde"),
        ("Ribnitz Damgarten", "Ribnitz-Damgarten"),
        ("Waren", "Waren (Müritz)"),
        ("Waren (Müritz)", "Waren (Müritz)"),
        ("Ostseebad Binz", "Binz"),
        ("Hansestadt Wismar", "Wismar"),
        ("Universitäts- und Hansestadt Greifswald", "Greifswald"),
        ("Bergen", "Bergen auf Rügen"),
        ("Insel Poel", "Insel Poel"),
        ("Poel", "Insel Poel"),
        ("Torgelow", "Torgelow"),  # the town, not "Torgelow am See"
        ("Torgelow am See", "Torgelow am See"),
    ],
)
def test_lookup_town_understands_official_names(name, locality):
    place = lookup_town(name)
    assert place is not None
    assert place.locality == locality


def test_lookup_town_of_a_city_with_many_postal_codes_gives_the_lowest():
    assert lookup_town("Rostock").postal_code == "18055"
    assert lookup_town("Schwerin").postal_code == "19053"


def test_lookup_town_prefers_the_most_populous_namesake():
    namesakes = [p for p in all_places() if p.locality == "Neuenkirchen"]
    assert len({(p.lat, p.lon) for p in namesakes}) > 1
    best = max(namesakes, key=lambda p: p.population or 0)
    assert lookup_town("Neuenkirchen") == best


def test_lookup_town_finds_places_without_a_postal_code():
    place = lookup_town("Warnemünde")
    assert place is not None
    assert place.postal_code is None
    assert place.district == "Rostock"
    assert place.label == "Warnemünde"


@pytest.mark.parametrize("text", ["18055 Rostock", "18055, Rostock", "Rostock 18055", "18055  rostock"])
def test_lookup_town_accepts_postal_code_and_town(text):
    place = lookup_town(text)
    assert place is not None
    assert (place.postal_code, place.locality) == ("18055", "Rostock")


def test_lookup_town_with_postal_code_picks_the_named_municipality_of_that_code():
    assert lookup_town("18059 Papendorf").locality == "Papendorf"
    assert lookup_town("17309 Papendorf").district == "Vorpommern-Greifswald"  # the namesake
    assert lookup_town("18055 Rostok").locality == "Rostock"  # typo: the code decides
    assert lookup_town("10115 Berlin") is None


@pytest.mark.parametrize("name", ["Berlin", "Hamburg", "Xyzzy", "", "   ", "18055", "-"])
def test_lookup_town_unknown_is_none(name):
    assert lookup_town(name) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("18055", "18055 Rostock"),
        (" 23966 ", "23966 Wismar"),
        ("Güstrow", "18273 Güstrow"),
        ("guestrow", "18273 Güstrow"),
        ("17039 Neverin", "17039 Neverin"),
        ("Neverin, 17039", "17039 Neverin"),
        ("Ostseebad Binz", "18609 Binz"),
    ],
)
def test_resolve_place(text, label):
    place = resolve_place(text)
    assert place is not None
    assert place.label == label


@pytest.mark.parametrize("text", ["10115", "Berlin", "", "1234"])
def test_resolve_place_unknown_is_none(text):
    assert resolve_place(text) is None


def test_suggest_towns_by_name_prefix():
    labels = [place.label for place in suggest_towns("Gü")]
    assert labels[0] == "18273 Güstrow"
    assert "17089 Gültz" in labels
    assert [place.locality for place in suggest_towns("ros", limit=1)] == ["Rostock"]
    assert suggest_towns("ostseebad bi")[0].locality == "Binz"
    assert suggest_towns("Ück")[0].locality == "Ueckermünde"


def test_suggest_towns_lists_each_town_once():
    names = [place.locality for place in suggest_towns("Rostock", limit=50)]
    assert names.count("Rostock") == 1


def test_suggest_towns_by_postal_code_prefix():
    places = suggest_towns("1805", limit=50)
    codes = [p.postal_code or "" for p in places]
    assert codes == sorted(codes)
    assert {p.postal_code for p in places} == {"18055", "18057", "18059"}
    assert [p.label for p in suggest_towns("18182 Bl")] == ["18182 Blankenhagen"]


def test_suggest_towns_limit_and_empty_input():
    assert len(suggest_towns("B", limit=3)) == 3
    assert suggest_towns("B", limit=0) == []
    assert suggest_towns("") == []
    assert suggest_towns("Xyzzy") == []


def test_place_is_frozen():
    place = lookup_postal_code("18055")
    with pytest.raises(AttributeError):
        place.lat = 0.0  # type: ignore[misc]
    assert str(place) == "18055 Rostock"
    assert isinstance(place, Place)


# The data file itself.


def test_data_file_is_small_enough_to_commit():
    assert DATA_FILE.stat().st_size < 1_000_000


def test_every_postal_code_has_coordinates_inside_mv():
    places = all_places()
    for code in all_postal_codes():
        rows = [p for p in places if p.postal_code == code]
        assert rows, code
        for place in rows:
            assert MV_BOUNDS.contains(place.lat, place.lon), place


def test_every_place_is_inside_mv_and_in_one_of_the_eight_districts():
    assert len(MV_DISTRICTS) == 8
    for place in all_places():
        assert MV_BOUNDS.contains(place.lat, place.lon), place
        assert place.district in MV_DISTRICTS, place


def test_every_place_says_how_its_coordinates_were_obtained():
    places = all_places()
    assert {p.source for p in places} == {"exact", "alias", "fallback"}
    assert all(p.population is None for p in places if p.source == "fallback")
    exact = sum(p.source == "exact" for p in places if p.postal_code)
    assert exact > len([p for p in places if p.postal_code]) / 2


def test_the_kreisfreie_staedte_contain_only_themselves_and_their_parts():
    for place in all_places():
        if place.district in {"Rostock", "Schwerin"} and place.postal_code:
            assert place.locality == place.district, place


def test_districts_of_known_municipalities():
    expected = {
        ("17337", "Schönhausen"): "Mecklenburgische Seenplatte",
        ("17129", "Alt Tellin"): "Vorpommern-Greifswald",
        ("17111", "Kletzin"): "Mecklenburgische Seenplatte",
        ("19071", "Grambow"): "Nordwestmecklenburg",
        ("19073", "Grambow"): "Nordwestmecklenburg",
        ("19073", "Stralendorf"): "Ludwigslust-Parchim",
        ("19412", "Kuhlen-Wendorf"): "Ludwigslust-Parchim",
        ("18059", "Papendorf"): "Landkreis Rostock",
        ("18435", "Stralsund"): "Vorpommern-Rügen",
    }
    actual = {
        (p.postal_code, p.locality): p.district
        for p in all_places()
        if (p.postal_code, p.locality) in expected
    }
    assert actual == expected


def test_coordinates_of_well_known_towns_are_where_they_belong():
    # Approximate town centres, to catch a namesake or a misplaced point slipping through.
    towns = {
        "Rostock": (54.09, 12.13),
        "Schwerin": (53.63, 11.41),
        "Stralsund": (54.31, 13.09),
        "Greifswald": (54.09, 13.38),
        "Neubrandenburg": (53.56, 13.26),
        "Wismar": (53.89, 11.46),
        "Güstrow": (53.79, 12.18),
        "Binz": (54.40, 13.61),
        "Waren (Müritz)": (53.52, 12.68),
        "Pasewalk": (53.51, 13.99),
    }
    for name, (lat, lon) in towns.items():
        place = lookup_town(name)
        assert place is not None, name
        assert haversine_km(place.lat, place.lon, lat, lon) < 5, place


def test_load_places_rejects_a_file_without_the_expected_columns(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text("postal_code;locality\n18055;Rostock\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the columns"):
        load_places(broken)


def test_load_places_rejects_a_malformed_row(tmp_path):
    broken = tmp_path / "broken.csv"
    header = DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    broken.write_text(f"{header}\n18055;Rostock;north;12.1;Rostock;exact;table;1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_places(broken)
