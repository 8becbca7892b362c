"""Grow a built gazetteer from more sources: GeoNames dumps and learned places.

* :func:`add_geonames_dump` — a GeoNames country or allCountries file (``SY.txt``,
  ``SY.zip``, ``allCountries.zip``; the standard 19-column tab-separated format).
* :func:`add_learned_places` — places learned from event datasets (UCDP, ACLED) or
  corrections: (name, lat, lon, admin1, admin2, country_code3, source) rows.

Both write into the existing file and say, per row, what they did.
"""

from __future__ import annotations

import csv
import io
import math
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from geo.errors import GazetteerError, GazetteerMissing, InputError
from geo.gazetteer.fold import fold_name
from geo.gazetteer.schema import (
    KIND_ALTERNATE,
    KIND_MAIN,
    cell_of,
    create_indexes,
    insert_place,
    name_keys,
)

__all__ = ["AddReport", "LearnedPlace", "add_geonames_dump", "add_learned_places", "learn_places"]

csv.field_size_limit(10_000_000)

# GeoNames feature codes → precision (anything else of class P is a settlement).
_PRECISION = {"ADM1": 2, "PCLI": 3, "PCLD": 3, "PCLF": 3, "PCLS": 3, "PCLIX": 3}
_KNOWN_WITHIN_KM = 10.0
_SAME_PLACE_KM = 2.0


@dataclass(frozen=True, slots=True)
class AddReport:
    """Rows added as new places, added as new names of existing places, or skipped."""

    source: str
    added: int = 0
    aliased: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"{self.source}: {self.added} added, {self.aliased} as new names, {self.skipped} skipped"


@dataclass(frozen=True, slots=True)
class LearnedPlace:
    """A place learned from a dataset or a correction (a precision-1 point)."""

    name: str
    latitude: float
    longitude: float
    admin1: str | None
    admin2: str | None
    country_code3: str | None
    source: str


def _open_rw(db_path: Path | str) -> sqlite3.Connection:
    db_path = Path(db_path)
    if not db_path.exists():
        raise GazetteerMissing(f"{db_path}: no gazetteer; run `python -m geo gazetteer build`")
    return sqlite3.connect(db_path)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _dump_lines(dump_path: Path) -> Iterator[str]:
    if dump_path.suffix.lower() == ".zip":
        with zipfile.ZipFile(dump_path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise InputError(dump_path, "no GeoNames .txt file inside the zip")
            with zf.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(dump_path, encoding="utf-8") as fh:
            yield from fh


def _countries(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    rows = conn.execute("SELECT country_code2, country_code3, name FROM places WHERE precision = 3")
    return {cc2: (cc3, name) for cc2, cc3, name in rows}


def add_geonames_dump(
    db_path: Path | str,
    dump_path: Path | str,
    *,
    feature_classes: frozenset[str] = frozenset({"P", "A"}),
    min_population: int = 0,
) -> AddReport:
    """Add the places of a GeoNames dump that the gazetteer does not hold yet.

    Class P rows become settlements; class A rows are kept only when they are ADM1
    regions or countries. Rows whose geonameid is already present are skipped.
    """
    dump_path = Path(dump_path)
    if not dump_path.exists():
        raise InputError(dump_path, "file not found")
    source = f"geonames-dump:{dump_path.name}"
    conn = _open_rw(db_path)
    added = skipped = 0
    try:
        known = {r[0] for r in conn.execute("SELECT geonameid FROM places WHERE geonameid IS NOT NULL")}
        countries = _countries(conn)
        admin1 = {
            code: name
            for code, name in conn.execute("SELECT admin1_code, name FROM places WHERE precision = 2")
        }
        for line_no, line in enumerate(_dump_lines(dump_path), start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise InputError(dump_path, f"expected 19 tab-separated GeoNames columns, got {len(cols)}", line=line_no)
            try:
                gid, lat, lon, pop = int(cols[0]), float(cols[4]), float(cols[5]), int(cols[14] or 0)
            except ValueError as exc:
                raise InputError(dump_path, f"not a GeoNames row: {exc}", line=line_no) from None
            fclass, fcode, cc2 = cols[6], cols[7], cols[8]
            precision = _PRECISION.get(fcode, 1)
            if (
                gid in known
                or fclass not in feature_classes
                or (fclass == "A" and precision == 1)
                or pop < min_population
            ):
                skipped += 1
                continue
            cc3, country = countries.get(cc2, (None, None))
            a1_code = f"{cc2}.{cols[10]}" if cols[10] else None
            values = {
                "geonameid": gid, "name": cols[1], "ascii": cols[2] or unidecode(cols[1]),
                "latitude": lat, "longitude": lon, "feature_class": fclass, "feature_code": fcode,
                "country_code2": cc2, "country_code3": cc3, "country": country,
                "admin1_code": a1_code, "admin1": cols[1] if precision == 2 else admin1.get(a1_code),
                "admin2": None, "population": pop, "precision": precision, "source": source,
            }
            alternates = [a for a in cols[3].split(",") if a]
            names = [(cols[1], KIND_MAIN), (cols[2], KIND_ALTERNATE)] + [(a, KIND_ALTERNATE) for a in alternates]
            insert_place(conn, values, names)
            known.add(gid)
            added += 1
        create_indexes(conn)
        conn.commit()
    except sqlite3.Error as exc:
        conn.rollback()
        raise GazetteerError(f"{db_path}: cannot add {dump_path.name}: {exc}") from exc
    finally:
        conn.close()
    return AddReport(source=source, added=added, skipped=skipped)


def _nearby(conn: sqlite3.Connection, lat: float, lon: float, km: float) -> list[tuple]:
    """Settlements within ``km`` (≤ 50) of a point, through the 1° grid-cell index."""
    cells = {cell_of(lat + dy, lon + dx) for dy in (-0.5, 0, 0.5) for dx in (-0.5, 0, 0.5)}
    marks = ",".join("?" * len(cells))
    dlat = km / 110.0  # a box around the point first: _km only for what is in it
    dlon = km / max(1.0, 111.32 * math.cos(math.radians(lat)))
    rows = conn.execute(
        f"SELECT id, latitude, longitude, country_code3 FROM places WHERE cell IN ({marks}) AND precision = 1"
        " AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
        (*cells, lat - dlat, lat + dlat, lon - dlon, lon + dlon),
    ).fetchall()
    return [r for r in rows if _km(lat, lon, r[1], r[2]) <= km]


def add_learned_places(
    db_path: Path | str, rows: Iterable[LearnedPlace | tuple]
) -> AddReport:
    """Add places learned from datasets: (name, lat, lon, admin1, admin2, country_code3, source).

    A name that already resolves to a place within 10 km is skipped; a new name
    for a settlement within 2 km becomes an alternate name of it; anything else is
    added as a new settlement (precision 1) with the row's ``source``.
    """
    conn = _open_rw(db_path)
    try:
        report = learn_places(conn, rows)
        conn.commit()
    except sqlite3.Error as exc:
        conn.rollback()
        raise GazetteerError(f"{db_path}: cannot add learned places: {exc}") from exc
    finally:
        conn.close()
    return report


def learn_places(conn: sqlite3.Connection, rows: Iterable[LearnedPlace | tuple]) -> AddReport:
    """:func:`add_learned_places` on an open gazetteer connection (the build's own, or a
    file's); the caller commits."""
    added = aliased = skipped = 0
    sources: set[str] = set()
    countries = {cc3: (cc2, name) for cc2, (cc3, name) in _countries(conn).items()}
    # regions once, not one unindexed scan of every place per row
    regions = {(cc3, fold_name(name)): code for cc3, name, code in conn.execute(
        "SELECT country_code3, name, admin1_code FROM places WHERE precision = 2")}
    region_names = {code: name for code, name in conn.execute(
        "SELECT admin1_code, name FROM places WHERE feature_code = 'ADM1'")}
    for raw in rows:
        p = raw if isinstance(raw, LearnedPlace) else LearnedPlace(*raw)
        sources.add(p.source)
        folded = fold_name(p.name)
        if not folded:
            skipped += 1
            continue
        same_name = conn.execute(
            """SELECT p.latitude, p.longitude FROM names n JOIN places p ON p.id = n.place_id
            WHERE n.folded_name = ?""",
            (folded,),
        ).fetchall()
        if any(_km(p.latitude, p.longitude, la, lo) <= _KNOWN_WITHIN_KM for la, lo in same_name):
            skipped += 1
            continue
        near = [r for r in _nearby(conn, p.latitude, p.longitude, _SAME_PLACE_KM)
                if p.country_code3 in (None, r[3])]
        if near:
            rows_, _ = name_keys([(p.name, KIND_MAIN)], precision=1)
            conn.executemany(
                "INSERT OR IGNORE INTO names (folded_name, place_id, name, kind) VALUES (?, ?, ?, ?)",
                [(f, near[0][0], s, k) for f, s, k in rows_],
            )
            aliased += 1
            continue
        cc2, country = countries.get(p.country_code3 or "", (None, None))
        a1_code = regions.get((p.country_code3, fold_name(p.admin1 or "")))
        admin1 = region_names.get(a1_code, p.admin1) if a1_code else p.admin1
        if a1_code is None and p.admin1:  # "Homs" for Ḩimş: the region by another name
            found = conn.execute(
                """SELECT p.admin1_code, p.name FROM names n JOIN places p ON p.id = n.place_id
                WHERE n.folded_name = ? AND p.feature_code = 'ADM1' AND p.country_code3 = ?""",
                (fold_name(p.admin1), p.country_code3)).fetchone()
            if found:
                a1_code, admin1 = found
        values = {
            "geonameid": None, "name": p.name, "ascii": unidecode(p.name),
            "latitude": float(p.latitude), "longitude": float(p.longitude),
            "feature_class": "P", "feature_code": "PPL", "country_code2": cc2,
            "country_code3": p.country_code3, "country": country,
            "admin1_code": a1_code, "admin1": admin1, "admin2": p.admin2,
            "population": 0, "precision": 1, "source": p.source,
        }
        insert_place(conn, values, [(p.name, KIND_MAIN)])
        added += 1
    return AddReport(source=", ".join(sorted(sources)), added=added, aliased=aliased, skipped=skipped)
