"""
Offline gazetteer of Mecklenburg-Vorpommern: postal codes, towns, coordinates and districts.

The data comes from ``data/gazetteer_mv.csv``, which ``scripts/build_gazetteer.py`` derives from
GeoNames and the countrystatecity postal code database (see ``docs/decisions/0002-gazetteer.md``
and ``data/ATTRIBUTION.md``). No external service is called: the file is read once, on first use,
and kept in memory (about 800 rows).

Every function accepts user input as typed: surrounding whitespace is ignored and town names are
compared case-insensitively and tolerant of umlauts ("Güstrow", "Guestrow", "GÜSTROW" and
"Gustrow" are the same), official prefixes ("Ostseebad", "Hansestadt") and disambiguating
suffixes ("Waren" finds "Waren (Müritz)").

Coordinates are WGS 84 degrees. Each :class:`Place` says how its coordinates were obtained in
``source``: ``"exact"`` and ``"alias"`` are the GeoNames point of the place itself, ``"fallback"``
is an estimate from neighbouring places of the same postal code, typically 5-10 km off.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .names import core_name, fold, loose

__all__ = [
    "DATA_FILE",
    "MV_DISTRICTS",
    "Place",
    "all_places",
    "all_postal_codes",
    "is_mv_postal_code",
    "localities_for_postal_code",
    "lookup_postal_code",
    "lookup_town",
    "resolve_place",
    "suggest_towns",
]

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "gazetteer_mv.csv"

#: The two kreisfreie Städte and six Landkreise of Mecklenburg-Vorpommern (since 2011).
MV_DISTRICTS: Final[tuple[str, ...]] = (
    "Rostock",
    "Schwerin",
    "Landkreis Rostock",
    "Vorpommern-Rügen",
    "Vorpommern-Greifswald",
    "Mecklenburgische Seenplatte",
    "Nordwestmecklenburg",
    "Ludwigslust-Parchim",
)

_COLUMNS: Final = ("postal_code", "locality", "lat", "lon", "district", "source", "population")
_SOURCE_RANK: Final[Mapping[str, int]] = {"exact": 0, "alias": 1, "fallback": 2}
_POSTAL_CODE_RE: Final = re.compile(r"\d{5}", re.ASCII)
_CODE_THEN_TOWN_RE: Final = re.compile(r"(\d{5})[\s,]+(\D.*)", re.ASCII)
_TOWN_THEN_CODE_RE: Final = re.compile(r"(\D.*?)[\s,]+(\d{5})", re.ASCII)
_CODE_PREFIX_RE: Final = re.compile(r"(\d{1,5})[\s,]*(.*)", re.ASCII)


@dataclass(frozen=True, slots=True)
class Place:
    """
    A municipality under one of its postal codes, or a named place without a postal code.

    ``postal_code`` is ``None`` for places that have no postal code entry of their own, such as
    Ortsteile (Warnemünde, Bansin) found only in GeoNames. ``population`` is ``None`` when unknown.
    """

    postal_code: str | None
    locality: str
    lat: float
    lon: float
    district: str
    population: int | None = None
    source: str = "exact"

    @property
    def label(self) -> str:
        """Return the place as written on an envelope: "18055 Rostock", or just the name."""
        return f"{self.postal_code} {self.locality}" if self.postal_code else self.locality

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class _Index:
    """The gazetteer in the shapes the lookups need; built once by :func:`_index`."""

    places: tuple[Place, ...]
    by_code: Mapping[str, tuple[Place, ...]]  # best first
    towns: tuple[Place, ...]  # one place per town, best first
    full: Mapping[str, tuple[int, ...]]  # folded full name -> indexes into towns
    core: Mapping[str, tuple[int, ...]]  # folded core name -> indexes into towns
    loose_full: Mapping[str, tuple[int, ...]]
    loose_core: Mapping[str, tuple[int, ...]]
    prefix_keys: tuple[tuple[str, int, int], ...]  # sorted (key, kind, town index) for prefixes


def _rank(place: Place) -> tuple[int, int, bool, str, str]:
    """Return the sort key that puts the most relevant of several places first."""
    return (
        -(place.population or 0),
        _SOURCE_RANK.get(place.source, len(_SOURCE_RANK)),
        place.postal_code is None,
        place.postal_code or "",
        fold(place.locality),
    )


def _parse_row(row: Mapping[str, str], line: int) -> Place:
    try:
        return Place(
            postal_code=row["postal_code"] or None,
            locality=row["locality"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            district=row["district"],
            population=int(row["population"]) if row["population"] else None,
            source=row["source"],
        )
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{DATA_FILE.name}, line {line}: malformed row {dict(row)!r}") from exc


def load_places(path: Path = DATA_FILE) -> tuple[Place, ...]:
    """
    Read every place from the gazetteer file at ``path``.

    Raise ``ValueError`` if the file lacks a column or has a malformed row. Use the cached
    :func:`all_places` instead unless reading another file on purpose.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = set(_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name} lacks the columns {sorted(missing)}")
        return tuple(_parse_row(row, line) for line, row in enumerate(reader, start=2))


def _group(pairs: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for key, town in pairs:
        if town not in grouped[key]:
            grouped[key].append(town)
    return {key: tuple(sorted(towns)) for key, towns in grouped.items()}


def _towns(places: Iterable[Place]) -> tuple[Place, ...]:
    """Return one place per town: a municipality under several postal codes appears once."""
    best: dict[tuple[str, float, float], Place] = {}
    for place in places:
        key = (place.locality, place.lat, place.lon)
        if key not in best or _rank(place) < _rank(best[key]):
            best[key] = place
    return tuple(sorted(best.values(), key=_rank))


@functools.cache
def _index() -> _Index:
    places = load_places()
    by_code: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.postal_code:
            by_code[place.postal_code].append(place)
    towns = _towns(places)
    full = [(fold(town.locality), i) for i, town in enumerate(towns)]
    core = [(fold(core_name(town.locality)), i) for i, town in enumerate(towns)]
    return _Index(
        places=places,
        by_code={code: tuple(sorted(group, key=_rank)) for code, group in by_code.items()},
        towns=towns,
        full=_group(full),
        core=_group(core),
        loose_full=_group((loose(key), i) for key, i in full),
        loose_core=_group((loose(key), i) for key, i in core),
        prefix_keys=tuple(
            sorted(
                {(key, 0, i) for key, i in full}
                | {(key, 1, i) for key, i in core}
                | {(loose(key), 2, i) for key, i in (*full, *core)}
            )
        ),
    )


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;")


def _normalise_code(code: str) -> str | None:
    text = code.strip()
    return text if _POSTAL_CODE_RE.fullmatch(text) else None


def all_places() -> tuple[Place, ...]:
    """Return every place of the gazetteer, in file order (by postal code, then name)."""
    return _index().places


def all_postal_codes() -> frozenset[str]:
    """Return the postal codes of Mecklenburg-Vorpommern."""
    return frozenset(_index().by_code)


def is_mv_postal_code(code: str) -> bool:
    """Return whether ``code`` is a postal code of Mecklenburg-Vorpommern (e.g. "18055")."""
    normalised = _normalise_code(code)
    return normalised is not None and normalised in _index().by_code


def lookup_postal_code(code: str) -> Place | None:
    """
    Return the main place of the postal code ``code``, or ``None`` if it is no MV postal code.

    A postal code often covers several municipalities (17039: twelve villages around
    Neubrandenburg); the most populous one with the most precise coordinates is returned. Use
    :func:`localities_for_postal_code` for all of them.
    """
    normalised = _normalise_code(code)
    places = _index().by_code.get(normalised) if normalised else None
    return places[0] if places else None


def localities_for_postal_code(code: str) -> list[str]:
    """
    Return the names of the municipalities that the postal code ``code`` covers, alphabetically;
    an empty list if it is no MV postal code.
    """
    normalised = _normalise_code(code)
    places = _index().by_code.get(normalised, ()) if normalised else ()
    return sorted({place.locality for place in places}, key=fold)


def _town_candidates(name: str) -> tuple[int, ...]:
    """Return the indexes of the towns called ``name``, trying stricter comparisons first."""
    index = _index()
    keys = [key for key in dict.fromkeys((fold(name), fold(core_name(name)))) if key]
    attempts = [
        (index.full, keys),
        (index.core, keys),
        (index.loose_full, [loose(key) for key in keys]),
        (index.loose_core, [loose(key) for key in keys]),
    ]
    for mapping, candidates in attempts:
        for key in candidates:
            if key in mapping:
                return mapping[key]
    return ()


def _split_code_and_town(text: str) -> tuple[str, str] | None:
    """Split "18055 Rostock", "18055, Rostock" or "Rostock 18055" into code and town."""
    match = _CODE_THEN_TOWN_RE.fullmatch(text)
    if match:
        return match[1], match[2]
    match = _TOWN_THEN_CODE_RE.fullmatch(text)
    return (match[2], match[1]) if match else None


def _lookup_code_and_town(code: str, town: str) -> Place | None:
    """
    Return the place called ``town`` under ``code``; failing that the main place of ``code``, as
    the postal code is the more precise half; failing that (not an MV code) the town alone.
    """
    places = _index().by_code.get(code)
    if not places:
        return lookup_town(town)
    wanted = {_index().towns[i].locality for i in _town_candidates(town)}
    return next((place for place in places if place.locality in wanted), places[0])


def lookup_town(name: str) -> Place | None:
    """
    Return the place called ``name``, or ``None`` if there is none.

    The comparison ignores case, umlaut spelling, official prefixes and disambiguating suffixes
    (see :mod:`marktplatz.geo.names`). Among namesakes the most populous place wins; the place of
    a municipality with several postal codes carries the lowest one. "PLZ Ort" input such as
    "18055 Rostock" is accepted too; a bare postal code is not a town name (use
    :func:`resolve_place`).
    """
    text = _clean(name)
    split = _split_code_and_town(text)
    if split:
        return _lookup_code_and_town(*split)
    towns = _town_candidates(text) if text and not text.isdigit() else ()
    return _index().towns[min(towns)] if towns else None


def resolve_place(text: str) -> Place | None:
    """
    Return the place meant by a "where" input of the search, or ``None`` if it is not understood.

    ``text`` may be a postal code ("18055"), a town name ("Güstrow", "Ostseebad Binz") or both
    ("18055 Rostock", "Rostock, 18055").
    """
    cleaned = _clean(text)
    if _POSTAL_CODE_RE.fullmatch(cleaned):
        return lookup_postal_code(cleaned)
    return lookup_town(cleaned)


def _towns_by_prefix(prefix: str) -> list[int]:
    """
    Return the indexes of the towns whose name starts with ``prefix``, best first.

    Towns whose full name starts with the prefix come first, then those whose core name does
    ("Waren" for "Waren (Müritz)", also when the prefix itself has an official prefix such as
    "Ostseebad"), then umlaut-forgiving matches; within each group the most populous first.
    """
    index = _index()
    key, core_key = fold(prefix), fold(core_name(prefix))
    wanted = [(key, 0), (core_key, 1), (loose(key), 2), (loose(core_key), 2)]
    found: dict[int, int] = {}
    for search, floor in wanted:
        if not search:
            continue
        start = bisect.bisect_left(index.prefix_keys, (search, -1, -1))
        for candidate, kind, town in index.prefix_keys[start:]:
            if not candidate.startswith(search):
                break
            found[town] = min(max(kind, floor), found.get(town, 2))
    return sorted(found, key=lambda town: (found[town], town))


def suggest_towns(prefix: str, limit: int = 10) -> list[Place]:
    """
    Return up to ``limit`` places for an autocomplete field, best first.

    A name prefix ("Gü", "ostseebad b") gives towns whose name starts with it, most populous
    first. A digit prefix ("180") gives the municipalities of the postal codes starting with it,
    in postal code order; "18182 Bl" narrows them down by name.
    """
    text = _clean(prefix)
    if limit <= 0 or not text:
        return []
    match = _CODE_PREFIX_RE.fullmatch(text)
    if match is None:
        return [_index().towns[i] for i in _towns_by_prefix(text)[:limit]]
    code_prefix, name_prefix = match[1], fold(match[2])
    places = [
        place
        for code, group in sorted(_index().by_code.items())
        if code.startswith(code_prefix)
        for place in group
        if not name_prefix
        or any(
            key.startswith(name_prefix) or loose(key).startswith(loose(name_prefix))
            for key in (fold(place.locality), fold(core_name(place.locality)))
        )
    ]
    return places[:limit]
