"""
Text normalisation shared by both engines: folding, tokens, German stems and edit distance.

Every text goes through :func:`tokens` twice, once when a document is indexed and once when a
query is parsed, so both sides always agree. The canonical form keeps the German umlauts but
writes them one way: "Baeckerei", "BÄCKEREI" and "bäckerei" all become ``bäckerei`` ("ae", "oe",
"ue" are read as umlauts, except "ue" after "q", as the Snowball "german2" variant does); ``ß``
becomes ``ss`` and other accents are dropped (``café`` → ``cafe``). The German stemmer then maps
the umlauts to plain vowels, so "Äpfel" and "Apfel" share the stem ``apfel``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import snowballstemmer

__all__ = [
    "STOPWORDS",
    "canonical",
    "flat",
    "levenshtein_within",
    "stem",
    "tokens",
    "typo_distance",
]

# Snowball's German stop words (the list PostgreSQL's "german" configuration uses), so that both
# engines ignore the same words.
_STOPWORD_TEXT: Final = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den des dem die das
    dass daß derselbe derselben denselben desselben demselben dieselbe dieselben dasselbe dazu dein
    deine deinem deinen deiner deines denn derer dessen dich dir du dies diese diesem diesen dieser
    dieses doch dort durch ein eine einem einen einer eines einig einige einigem einigen einiger
    einiges einmal er ihn ihm es etwas euer eure eurem euren eurer eures für gegen gewesen hab habe
    haben hat hatte hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in
    indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine
    keinem keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein
    meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur ob oder ohne
    sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen
    solcher solches soll sollte sondern sonst über um und uns unse unsem unsen unser unses unter viel
    vom von vor während war waren warst was weg weil weiter welche welchem welchen welcher welches
    wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar
    zwischen
"""
STOPWORDS: Final[frozenset[str]] = frozenset(_STOPWORD_TEXT.split())

_UMLAUT_PAIRS: Final = re.compile(r"ae|oe|(?<!q)ue")
_UMLAUT_OF: Final = {"ae": "ä", "oe": "ö", "ue": "ü"}
_FLAT: Final = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_KEEP: Final = frozenset("äöü")
_NOT_WORD: Final = re.compile(r"[^0-9a-zäöü]+")
# Longer words are cut: nobody types them, and FTS5/tsvector limits stay far away.
MAX_TOKEN_LENGTH: Final = 40


def canonical(text: str) -> str:
    """Lowercase, umlauts written one way, ``ß`` → ``ss``, other accents dropped, words split by spaces."""
    lowered = unicodedata.normalize("NFC", text).casefold()  # casefold turns ß and ẞ into "ss"
    lowered = _UMLAUT_PAIRS.sub(lambda m: _UMLAUT_OF[m.group(0)], lowered)
    kept = []
    for char in lowered:
        if char in _KEEP or char.isascii():
            kept.append(char)
        else:
            kept.extend(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", "".join(kept)).strip()


def flat(word: str) -> str:
    """``word`` (canonical) without umlauts: the form the vocabulary and the typo distance use."""
    return word.translate(_FLAT)


def tokens(text: str) -> list[str]:
    """The canonical words of ``text`` worth indexing or searching: no stop words, no single letters."""
    return [
        word[:MAX_TOKEN_LENGTH] for word in canonical(text).split() if len(word) > 1 and word not in STOPWORDS
    ]


_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The German Snowball stem of a canonical word, without umlauts (``äpfel`` → ``apfel``)."""
    return flat(_stemmer.stemWord(word))


def typo_distance(word: str) -> int:
    """How many typos a query word may contain: none below 5 letters, 1 up to 7, 2 from 8 letters."""
    if len(word) < 5 or not word.isalpha():
        return 0
    return 1 if len(word) <= 7 else 2


def levenshtein_within(a: str, b: str, limit: int) -> int | None:
    """The edit distance of ``a`` and ``b`` if it is at most ``limit``, else ``None`` (banded, early exit)."""
    if abs(len(a) - len(b)) > limit:
        return None
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [limit + 1] * len(b)
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if char_a == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if min(current[max(0, low - 1) : high + 1]) > limit:
            return None
        previous = current
    distance = previous[len(b)]
    return distance if distance <= limit else None
