"""Tests of the place name normalisation shared by the gazetteer build and its lookups."""

import pytest

from marktplatz.geo.names import core_name, fold, loose, name_keys


@pytest.mark.parametrize("spelling", ["Güstrow", "GÜSTROW", "güstrow", "Guestrow", " Güstrow  "])
def test_fold_makes_umlaut_spellings_equal(spelling):
    assert fold(spelling) == "guestrow"


def test_fold_handles_sharp_s_punctuation_and_decomposed_umlauts():
    assert fold("Groß Kiesow") == "gross kiesow"
    assert fold("Ribnitz-Damgarten") == fold("Ribnitz Damgarten") == "ribnitz damgarten"
    assert fold("Gu\u0308strow") == "guestrow"  # "ü" typed as "u" + combining diaeresis


def test_loose_forgives_a_missing_e_after_an_umlaut():
    assert loose(fold("Gustrow")) == loose(fold("Güstrow")) == "gustrow"


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Ostseebad Binz", "Binz"),
        ("Universitäts- und Hansestadt Greifswald", "Greifswald"),
        ("Hansestadt Wismar", "Wismar"),
        ("Waren (Müritz)", "Waren"),
        ("Röbel/Müritz", "Röbel"),
        ("Strasburg (Uckermark)", "Strasburg"),
        ("Born a. Darß", "Born"),
        ("Hammer a.d. Uecker", "Hammer"),
        ("Tessin b. Boizenburg", "Tessin"),
        ("Krakow am See", "Krakow"),
        ("Stolpe an der Peene", "Stolpe"),
        ("Bergen auf Rügen", "Bergen"),
        ("Insel Poel", "Poel"),
        ("Bad Doberan", "Bad Doberan"),
        ("Dorf Mecklenburg", "Dorf Mecklenburg"),
        ("Am Salzhaff", "Am Salzhaff"),
    ],
)
def test_core_name_strips_official_prefixes_and_suffixes(name, core):
    assert core_name(name) == core


def test_core_name_never_returns_an_empty_name():
    assert core_name("Ostseebad") == "Ostseebad"
    assert core_name("") == ""


def test_name_keys_has_full_and_core_form():
    assert name_keys("Waren (Müritz)") == {"waren mueritz", "waren"}
    assert name_keys("Rostock") == {"rostock"}
