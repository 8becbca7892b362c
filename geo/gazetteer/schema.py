"""The gazetteer file's SQLite schema and the one way rows are written into it.

Tables:

* ``places`` — one row per settlement, first-level region or country;
* ``names`` — (folded_name, place_id): the exact-fold index, with the surface
  spelling and its kind (0 main name, 1 alternate, 2 code/abbreviation, 3 demonym);
* ``loose_names`` — (loose_key, place_id): the looser second key;
* ``meta`` — build version and source package versions.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable

from geo.gazetteer.fold import fold_name, loose_key

__all__ = ["SCHEMA_VERSION", "create_schema", "insert_place", "name_keys", "cell_of", "STOP_WORDS"]

SCHEMA_VERSION = "2"  # 2: second-level divisions, features, demonyms (kind 3)

KIND_MAIN, KIND_ALTERNATE, KIND_CODE, KIND_DEMONYM = 0, 1, 2, 3

_DDL = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    ascii TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code2 TEXT,
    country_code3 TEXT,
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    precision INTEGER NOT NULL CHECK (precision IN (1, 2, 3)),
    source TEXT NOT NULL,
    cell INTEGER NOT NULL,
    extent_km REAL NOT NULL DEFAULT 0  -- regions and countries: how far their members spread
);
CREATE TABLE names (
    folded_name TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    name TEXT NOT NULL,
    kind INTEGER NOT NULL,
    PRIMARY KEY (folded_name, place_id)
) WITHOUT ROWID;
CREATE TABLE loose_names (
    loose_key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    PRIMARY KEY (loose_key, place_id)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_INDEXES = """
CREATE INDEX IF NOT EXISTS places_cell ON places(cell);
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE INDEX IF NOT EXISTS places_admin1 ON places(country_code2, admin1_code, precision);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
CREATE INDEX IF NOT EXISTS places_admin1_name ON places(admin1, precision);
CREATE INDEX IF NOT EXISTS places_admin2_name ON places(admin2, precision);
"""

# Words that are alternate names of some place but mostly mean something else.
STOP_WORDS = frozenset(
    """the has had and are was were for but not you all any can her his him its our
    out who why how now new old one two six ten day man men war way see say said
    says also from with this that they them then than there their what when where
    which will would could should about after before into over under city town
    village camp north south east west central centre center upper lower great
    little saint port fort mount lake river island beach bay hill hills valley
    news police army border capital district province region state county airport
    station market road street square bridge park church mosque school hospital
    university""".split()
)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables (on an empty database)."""
    conn.executescript(_DDL)


def create_indexes(conn: sqlite3.Connection) -> None:
    """Create the secondary indexes (after bulk loading, or idempotently later)."""
    conn.executescript(_INDEXES)


def cell_of(latitude: float, longitude: float) -> int:
    """A 1°×1° grid cell number, for reverse lookups."""
    return (int(math.floor(latitude)) + 90) * 360 + (int(math.floor(longitude)) + 180) % 360


def acceptable_name(name: str, folded: str, *, kind: int, precision: int) -> bool:
    """Whether a spelling goes into the name index (junk filter).

    Settlements drop one- and two-letter names, pure numbers, stop words,
    all-lower-case alternates (transliteration keys like "kfr nbl") and short
    all-capital alternates (airport codes like "HOD"). Country codes and
    abbreviations (kind 2) are always kept.
    """
    if not folded:
        return False
    if kind in (KIND_CODE, KIND_DEMONYM):
        return True
    if len(folded.replace(" ", "")) < 3 or folded.replace(" ", "").isdigit():
        return False
    if precision == 1:
        if folded in STOP_WORDS:
            return False
        if kind == KIND_ALTERNATE:
            letters = [c for c in name if c.isalpha()]
            if letters and not any(c.isupper() for c in letters):
                return False
            if name.isupper() and len(name) <= 4:
                return False
    return True


def name_keys(
    names: Iterable[tuple[str, int]], *, precision: int
) -> tuple[list[tuple[str, str, int]], set[str]]:
    """(folded, surface, kind) rows and the set of loose keys for one place's names."""
    seen: set[str] = set()
    rows: list[tuple[str, str, int]] = []
    loose: set[str] = set()
    for surface, kind in names:
        folded = fold_name(surface)
        if folded in seen or not acceptable_name(surface, folded, kind=kind, precision=precision):
            continue
        seen.add(folded)
        rows.append((folded, surface, kind))
        if kind == KIND_DEMONYM:
            continue  # a demonym is matched as written, never loosely
        key = loose_key(folded)
        if len(key) >= 3 or kind == KIND_CODE:
            loose.add(key)
    return rows, loose


def insert_place(conn: sqlite3.Connection, values: dict, names: Iterable[tuple[str, int]]) -> int:
    """Insert one place and its names; returns the new place id."""
    cur = conn.execute(
        """INSERT INTO places (geonameid, name, ascii, latitude, longitude, feature_class,
        feature_code, country_code2, country_code3, country, admin1_code, admin1, admin2,
        population, precision, source, cell, extent_km)
        VALUES (:geonameid, :name, :ascii, :latitude, :longitude, :feature_class,
        :feature_code, :country_code2, :country_code3, :country, :admin1_code, :admin1,
        :admin2, :population, :precision, :source, :cell, :extent_km)""",
        {**values, "cell": cell_of(values["latitude"], values["longitude"]),
         "extent_km": float(values.get("extent_km") or 0.0)},
    )
    place_id = int(cur.lastrowid)
    rows, loose = name_keys(names, precision=values["precision"])
    conn.executemany(
        "INSERT OR IGNORE INTO names (folded_name, place_id, name, kind) VALUES (?, ?, ?, ?)",
        [(f, place_id, s, k) for f, s, k in rows],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO loose_names (loose_key, place_id) VALUES (?, ?)",
        [(k, place_id) for k in loose],
    )
    return place_id
