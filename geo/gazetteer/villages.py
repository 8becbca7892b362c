"""Villages from registry packages that ship them beyond GeoNames' cities500.

Myanmar: the ``mm-geo-coder`` package (MIT) ships the Myanmar Information Management
Unit's village table (MIMU 9.6, Feb 2025: ~72,500 villages with their village tract,
township, district and state/region and a point). When the package is installed the
build adds each village as a settlement (``P.PPL``, population 0, precision 1) in its
state's first-level region, with its district as ``admin2`` (the township when the table
has no district; GeoNames' second level in Myanmar is the district); a village with the same
folded name as a cities500 settlement of the country within ``DUPLICATE_KM`` is left
out (that settlement already answers). Villages are written after the regions and
countries, so they never move a region's or a country's point or extent.

Kept apart from :mod:`geo.gazetteer.sources` so that other village sources (another
country's package) can be added here as one more reader.
"""

from __future__ import annotations

import importlib.metadata
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from geo.gazetteer.fold import fold_name
from geo.gazetteer.rank import distance_km
from geo.gazetteer.schema import KIND_ALTERNATE, KIND_MAIN, insert_place

DUPLICATE_KM = 10.0
_MIMU_DB = ("database", "mimu_geo_data_public.db")
# MIMU splits some states into parts: "Shan (North)", "Bago (East)" → "Shan", "Bago".
_PART = re.compile(r"\s*\((?:North|South|East|West)\)\s*$", re.I)
_TOWN_WORD = re.compile(r"\s+Town$", re.I)
# a point this far outside the box of the country's cities500 settlements is a typo
BOX_MARGIN_DEG = 1.0
TOWN_STRAY_KM = 100.0


# Burmese romanisation writes a final open "a" as "ar" ("Pauk Kar", "Thar Si") where
# other sources write "a" ("Paukka"): each such name is also indexed without the "r".
_BURMESE_AR = re.compile(r"(?<=a)r\b")


# A qualifier in brackets after the name: "Zar Tha Pyin (West)", "Mong Pang (Lower)",
# "Tha Win Chaung (Kan Pyo)" — the name without it is how others write the village.
_BRACKETED = re.compile(r"\s*\(.*$")


def spelling_variants(name: str, country_code2: str) -> list[str]:
    """Other spellings a village's name is indexed under: the name without a bracketed
    qualifier; in Myanmar also without a final "r" after "a"."""
    out: list[str] = []
    bare = _BRACKETED.sub("", name).strip()
    if bare != name and len(bare.replace(" ", "")) >= 3:
        out.append(bare)
    if country_code2 == "MM":
        for n in [name] + out:
            plain = _BURMESE_AR.sub("", n)
            if plain != n and plain not in out:
                out.append(plain)
    return out


@dataclass(frozen=True, slots=True)
class Village:
    """One village as a package ships it."""

    name: str
    country_code2: str
    region: str  # first-level region's name as the source spells it
    admin2: str | None
    latitude: float
    longitude: float
    source: str


def region_name(source_name: str) -> str:
    """A source's state name as GeoNames spells the first-level region."""
    return _PART.sub("", source_name).strip()


def _fold(name: str) -> str:
    return fold_name(name)


def mimu_path() -> Path | None:
    """The MIMU database inside an installed ``mm-geo-coder``, or None."""
    try:
        dist = importlib.metadata.distribution("mm-geo-coder")
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(dist.locate_file("mm_geo_coder")).joinpath(*_MIMU_DB)
    return path if path.is_file() else None


def read_mimu(path: Path, version: str) -> Iterator[Village]:
    """Villages of the MIMU table at ``path``, then its towns (the wards' table: one
    point per town, the middle of its wards; "Kawlin Town" → "Kawlin"). Rows without a
    name or a point are skipped."""
    source = f"mm-geo-coder {version} MIMU villages"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = list(conn.execute(f"SELECT village_eng, state_eng, township_eng, latitude, "
                                 f"longitude, {_district(conn, 'villages')} FROM villages"))
        has_wards = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'wards'").fetchone()
        if has_wards:
            district = _district(conn, "wards")
            towns = list(conn.execute(
                f"SELECT town_eng, state_eng, township_eng, avg(latitude), avg(longitude), "
                f"{district} FROM wards WHERE town_eng IS NOT NULL "
                f"GROUP BY town_eng, state_eng, township_eng"))
            rows += _towns_checked(towns, rows)
        for name, state, _township, lat, lon, district in rows:
            if not name or not state or lat is None or lon is None:
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
                continue
            yield Village(str(name).strip(), "MM", region_name(str(state)),
                          str(district).strip() if district else None, float(lat), float(lon),
                          source)
    finally:
        conn.close()


def _district(conn: sqlite3.Connection, table: str) -> str:
    """The column that names a row's district: ``district_eng`` (GeoNames' second level in
    Myanmar, and what datasets such as UCDP give), else the township."""
    columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    return "district_eng" if "district_eng" in columns else "township_eng"


def _median(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _towns_checked(towns: list[tuple], villages: list[tuple]) -> list[tuple]:
    """Towns named without their " Town" word; a town whose wards' point lies more than
    TOWN_STRAY_KM from the middle (median) of its township's villages takes that middle
    instead (a mistyped point: "Muse Town" at 27° S)."""
    by_township: dict[tuple, tuple[list[float], list[float]]] = {}
    for _name, state, township, lat, lon, *_rest in villages:
        if lat is None or lon is None:
            continue
        lats, lons = by_township.setdefault((state, township), ([], []))
        lats.append(lat)
        lons.append(lon)
    out = []
    for town, state, township, lat, lon, *rest in towns:
        pts = by_township.get((state, township))
        if pts and lat is not None and lon is not None:
            mid = (_median(pts[0]), _median(pts[1]))
            if distance_km(lat, lon, *mid) > TOWN_STRAY_KM:
                lat, lon = mid
        out.append((_TOWN_WORD.sub("", town), state, township, lat, lon, *rest))
    return out


def package_villages() -> list[Village]:
    """Every village the installed packages ship (empty when none is installed)."""
    path = mimu_path()
    if path is None:
        return []
    return list(read_mimu(path, importlib.metadata.version("mm-geo-coder")))


def write_villages(conn: sqlite3.Connection, villages: list[Village],
                   progress: Callable[[str], None] | None = None) -> tuple[int, list[str]]:
    """Add ``villages`` to a gazetteer being built; returns (written, skipped notes)."""
    if not villages:
        return 0, []
    if progress:
        progress(f"writing up to {len(villages)} villages")
    regions = {}
    for code, name, cc2, cc3, country in conn.execute(
            "SELECT admin1_code, name, country_code2, country_code3, country FROM places "
            "WHERE feature_code = 'ADM1'"):
        regions[(cc2, _fold(name))] = (code, name, cc3, country)
    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    boxes: dict[str, tuple[float, float, float, float]] = {}
    countries = {v.country_code2 for v in villages}
    for cc in countries:
        for name, lat, lon in conn.execute(
                "SELECT name, latitude, longitude FROM places WHERE country_code2 = ? "
                "AND precision = 1", (cc,)):
            known[(cc, _fold(name))].append((lat, lon))
        lat_lo, lat_hi, lon_lo, lon_hi = conn.execute(
            "SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM places "
            "WHERE country_code2 = ? AND precision = 1", (cc,)).fetchone()
        if lat_lo is not None:
            m = BOX_MARGIN_DEG
            boxes[cc] = (lat_lo - m, lat_hi + m, lon_lo - m, lon_hi + m)
    written, unknown_regions, outside = 0, set(), 0
    for v in villages:
        box = boxes.get(v.country_code2)
        if box and not (box[0] <= v.latitude <= box[1] and box[2] <= v.longitude <= box[3]):
            outside += 1
            continue
        region = regions.get((v.country_code2, _fold(v.region)))
        if region is None:
            unknown_regions.add(f"{v.country_code2} {v.region}")
            continue
        key = (v.country_code2, _fold(v.name))
        if any(distance_km(v.latitude, v.longitude, la, lo) <= DUPLICATE_KM for la, lo in known[key]):
            continue
        known[key].append((v.latitude, v.longitude))
        code, admin1, cc3, country = region
        insert_place(conn, {
            "geonameid": None, "name": v.name, "ascii": unidecode(v.name),
            "latitude": round(v.latitude, 5), "longitude": round(v.longitude, 5),
            "feature_class": "P", "feature_code": "PPL", "country_code2": v.country_code2,
            "country_code3": cc3, "country": country, "admin1_code": code, "admin1": admin1,
            "admin2": v.admin2, "population": 0, "precision": 1, "source": v.source,
        }, [(v.name, KIND_MAIN)] + [(n, KIND_ALTERNATE) for n in spelling_variants(v.name, v.country_code2)])
        written += 1
    notes = [f"villages of unknown region {r}" for r in sorted(unknown_regions)]
    if outside:
        notes.append(f"{outside} villages outside their country's box")
    return written, notes
