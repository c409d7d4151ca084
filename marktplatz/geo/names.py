"""
Normalisation of German place names for comparison.

Place names in Mecklenburg-Vorpommern come in many spellings: with or without umlauts ("Güstrow",
"Guestrow", "Gustrow"), with official prefixes ("Ostseebad Binz", "Hansestadt Wismar") or with
disambiguating suffixes ("Waren (Müritz)", "Röbel/Müritz", "Born a. Darß", "Krakow am See"). The
functions here turn a name into comparison keys; they never change what is displayed.

Both the gazetteer build script and the run-time lookups use these functions, so a name matched at
build time is also found at run time.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["core_name", "fold", "loose", "name_keys"]

# Official titles that precede a municipality's name. Longest first: "Universitäts- und Hansestadt"
# must be removed before "Hansestadt" is looked at. "Osteseebad" is a misspelling found in GeoNames.
_PREFIXES: Final[tuple[str, ...]] = (
    "universitäts- und hansestadt ",
    "hanse- und universitätsstadt ",
    "landeshauptstadt ",
    "ostseeheilbad ",
    "schliemannstadt ",
    "barlachstadt ",
    "reuterstadt ",
    "seeheilbad ",
    "hansestadt ",
    "osteseebad ",
    "ostseebad ",
    "seebad ",
    "insel ",
    "stadt ",
)

# Suffixes that tell places of the same name apart: "/Müritz", " (Uckermark)", ", Stadt",
# " a. Darß", " a.d. Uecker", " b. Boizenburg", " am See", " an der Peene", " auf Rügen", ...
_SUFFIX_RE: Final = re.compile(
    r"""
    \s*/.*$                                   # Röbel/Müritz, Garz/Rügen
    | \s*\(.*\)\s*$                           # Strasburg (Uckermark)
    | \s*,.*$                                 # Greifswald, Hansestadt
    | \s+(?:a\.\s*d\.|a\.|b\.|bei|am|an\s+der|an|auf|im|in|ü\.|über)\s+\S.*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM_RE: Final = re.compile(r"[^a-z0-9]+")
_LOOSE_RE: Final = re.compile(r"([aou])e")


def fold(name: str) -> str:
    """
    Return the comparison key of ``name``.

    The key is case-folded, German umlauts and ß are transliterated (``ü`` becomes ``ue``), other
    diacritics are dropped and every run of punctuation or whitespace becomes a single space. Thus
    "Güstrow", "GÜSTROW" and "Guestrow" all give ``"guestrow"``, and "Ribnitz-Damgarten" equals
    "Ribnitz Damgarten".
    """
    text = unicodedata.normalize("NFC", name).casefold().translate(_UMLAUTS)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _NON_ALNUM_RE.sub(" ", text).strip()


def loose(key: str) -> str:
    """
    Return a looser form of a key made by :func:`fold`, in which ``ae``, ``oe`` and ``ue`` become
    ``a``, ``o`` and ``u``.

    This forgives umlauts typed without their ``e`` ("Gustrow" for Güstrow) at the price of a few
    collisions, so it is only consulted when the exact key finds nothing.
    """
    return _LOOSE_RE.sub(r"\1", key)


def core_name(name: str) -> str:
    """
    Return ``name`` without official prefixes and disambiguating suffixes.

    ``core_name("Ostseebad Binz")`` is ``"Binz"``, ``core_name("Waren (Müritz)")`` is ``"Waren"``
    and ``core_name("Universitäts- und Hansestadt Greifswald")`` is ``"Greifswald"``. A name that
    would become empty is returned unchanged.
    """
    text = " ".join(name.split())
    lowered = text.casefold()
    for prefix in _PREFIXES:
        if lowered.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    stripped = _SUFFIX_RE.sub("", text).strip()
    return stripped or text


def name_keys(name: str) -> frozenset[str]:
    """Return the folded keys of ``name``: its full form and its core form (see :func:`core_name`)."""
    return frozenset(key for key in (fold(name), fold(core_name(name))) if key)
