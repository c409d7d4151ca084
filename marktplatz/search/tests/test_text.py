import pytest

from marktplatz.search.text import canonical, levenshtein_within, stem, tokens, typo_distance


@pytest.mark.parametrize("text", ["Bäckerei", "Baeckerei", "BÄCKEREI", "BAECKEREI"])
def test_umlauts_are_written_one_way(text):
    assert canonical(text) == "bäckerei"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Straße", "strasse"),
        ("Café Crème", "cafe creme"),
        ("Quelle", "quelle"),
        ("Obst- & Gemüse-Hof", "obst gemüse hof"),
    ],
)
def test_canonical_form(text, expected):
    assert canonical(text) == expected


def test_tokens_drop_stop_words_and_single_letters():
    assert tokens("Der Laden für Schuhe & Taschen in Rostock, Haus B") == [
        "laden",
        "schuhe",
        "taschen",
        "rostock",
        "haus",
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("äpfel", "apfel"), "apfel"),
        (("schuhe", "schuh"), "schuh"),
        (("bäckerei", "backerei"), "backerei"),
    ],
)
def test_forms_of_a_word_share_a_stem(words, expected):
    assert {stem(canonical(word)) for word in words} == {expected}


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("backerei", "backerei", 2, 0),
        ("bakerei", "backerei", 1, 1),
        ("backerai", "backerei", 1, 1),
        ("fleischerai", "fleischerei", 2, 1),
        ("bckrei", "backerei", 2, 2),
        ("bckri", "backerei", 2, None),
        ("laden", "boden", 1, None),
    ],
)
def test_levenshtein_within_a_limit(a, b, limit, expected):
    assert levenshtein_within(a, b, limit) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("bio", 0), ("tees", 0), ("laden", 1), ("bakerei", 1), ("backerai", 2), ("18055", 0)],
)
def test_typos_allowed_by_word_length(word, expected):
    assert typo_distance(word) == expected
