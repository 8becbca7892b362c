"""The offline base map's names, built locally from the gazetteer.

:func:`build_place_names` reads the built gazetteer (GeoNames via registry
packages) and ``data/seas.csv`` and writes one compact JSON file,
``static/place-names.json``, that :class:`geo.map.name_layer.PlaceNameLayer`
draws: country names, capitals, cities by population, first-level regions and
seas, each with the zooms it shows at, in the order they are placed (most
important first; the layer drops what would collide).

Decisions, all here and pure:

- :func:`label_text`: the place's own name when it is plain Latin-1 ("Aleppo",
  "São Paulo"), its ASCII form when it carries transliteration marks
  ("Ḩamāh" → "Hamah"): a briefing is read, not transcribed.
- :func:`city_min_zoom` / :func:`capital_min_zoom`: bigger places show earlier.
- :func:`country_min_zoom`: from the size of the country's outline.

Run at set-up (``make gazetteer`` → ``python -m geo basemap build``); rebuilt
when the gazetteer or the seas file is newer (:func:`is_current`).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from geo.errors import ConflictMapError

FORMAT_VERSION = 1
KINDS = ("country", "sea", "capital", "city", "region")
COUNTRY, SEA, CAPITAL, CITY, REGION = range(len(KINDS))
MIN_CITY_POPULATION = 15_000
MAX_ZOOM = 18
REGION_ZOOMS = (6, 10)
FILE_NAME = "place-names.json"


class PlaceNamesError(ConflictMapError):
    """The place-name file cannot be built or read (names the file)."""


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name on the base map: where, what, and between which zooms it shows."""

    latitude: float
    longitude: float
    text: str
    kind: int
    min_zoom: int
    max_zoom: int = MAX_ZOOM
    code: str = ""  # ISO alpha-3 for countries (the layer finds their outline by it)

    def row(self) -> list:
        out = [round(self.latitude, 3), round(self.longitude, 3), self.text, self.kind,
               self.min_zoom, self.max_zoom]
        return out + [self.code] if self.code else out


def label_text(name: str, ascii_name: str) -> str:
    """The name as printed: plain Latin-1 as is, else its transliteration
    (Unidecode: "Gəncə" → "Gence"; GeoNames' own ASCII form writes "G@nc@")."""
    name = (name or "").strip()
    ascii_name = (ascii_name or "").strip()
    if name and all(ord(ch) < 256 for ch in name):
        return name
    folded = unidecode(name.replace("ə", "e").replace("Ə", "E")).strip() if name else ""
    if folded and re.fullmatch(r"[A-Za-z0-9 .,'()\-/]+", folded):
        return folded
    return ascii_name if re.fullmatch(r"[A-Za-z0-9 .,'()\-/]+", ascii_name or "") else \
        (folded or ascii_name or name)


def city_min_zoom(population: int) -> int | None:
    """The first zoom a town shows at (None: never, too small for the base map)."""
    for threshold, zoom in ((5_000_000, 4), (1_000_000, 5), (300_000, 6), (100_000, 7),
                            (40_000, 8), (MIN_CITY_POPULATION, 9)):
        if population >= threshold:
            return zoom
    return None


def capital_min_zoom(population: int) -> int:
    return 3 if population >= 2_000_000 else 4 if population >= 300_000 else 5


def country_min_zoom(area_deg2: float) -> int:
    """Big countries are named at the world view, small ones once zoomed in."""
    for threshold, zoom in ((600.0, 2), (60.0, 3), (8.0, 4), (1.0, 5)):
        if area_deg2 >= threshold:
            return zoom
    return 6


def _ring_area(ring: list[list[float]]) -> float:
    """Planar area in square degrees, latitude-corrected (shoelace)."""
    if len(ring) < 3:
        return 0.0
    lat0 = sum(p[1] for p in ring) / len(ring)
    k = math.cos(math.radians(lat0))
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * k * y2 - x2 * k * y1
    return abs(s) / 2.0


def country_areas(geojson: dict) -> dict[str, float]:
    """ISO alpha-3 → area (square degrees, outer rings) from the outline file."""
    out: dict[str, float] = {}
    for feature in geojson.get("features", ()):
        props = feature.get("properties") or {}
        code, geometry = props.get("iso_a3"), feature.get("geometry") or {}
        if not code or props.get("disputed"):
            continue
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        area = sum(_ring_area(poly[0]) for poly in polygons if poly)
        out[code] = out.get(code, 0.0) + area
    return out


def read_seas(path: Path) -> list[PlaceName]:
    """``name,latitude,longitude,min_zoom,max_zoom`` rows (errors name the line)."""
    out = []
    with open(path, newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                out.append(PlaceName(float(row["latitude"]), float(row["longitude"]),
                                     row["name"].strip(), SEA, int(row["min_zoom"]),
                                     int(row["max_zoom"])))
            except (KeyError, TypeError, ValueError) as exc:
                raise PlaceNamesError(f"{path}, line {line}: bad sea row ({exc})") from exc
    return out


def gazetteer_names(gazetteer: Path, areas: dict[str, float]) -> list[PlaceName]:
    """Countries, capitals, cities and first-level regions from the gazetteer."""
    if not Path(gazetteer).is_file():
        raise PlaceNamesError(f"{gazetteer}: no gazetteer (python -m geo gazetteer build)")
    con = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT name, ascii, latitude, longitude, feature_code, country_code3, population"
            " FROM places WHERE feature_code IN ('PCLI', 'PPLC', 'ADM1')"
            " OR (feature_class = 'P' AND population >= ? AND source NOT LIKE 'learned:%')",
            (MIN_CITY_POPULATION,)).fetchall()
    except sqlite3.Error as exc:
        raise PlaceNamesError(f"{gazetteer}: not a gazetteer ({exc})") from exc
    finally:
        con.close()
    out: list[PlaceName] = []
    for name, ascii_name, lat, lon, code, iso3, population in rows:
        text = label_text(name, ascii_name)
        if not text:
            continue
        if code == "PCLI":
            out.append(PlaceName(lat, lon, text, COUNTRY,
                                 country_min_zoom(areas.get(iso3 or "", 0.0)), 10, iso3 or ""))
        elif code == "PPLC":
            out.append(PlaceName(lat, lon, text, CAPITAL, capital_min_zoom(population)))
        elif code == "ADM1":
            out.append(PlaceName(lat, lon, text, REGION, *REGION_ZOOMS))
        elif (zoom := city_min_zoom(population)) is not None:
            out.append(PlaceName(lat, lon, text, CITY, zoom))
    return out


def ordered(names: Iterable[PlaceName]) -> list[PlaceName]:
    """Most important first: kind, then first zoom (earlier = bigger), then name."""
    return sorted(names, key=lambda p: (p.kind, p.min_zoom, p.text))


def build_place_names(gazetteer: Path, countries_geojson: Path, seas_csv: Path,
                      out: Path) -> int:
    """Write the place-name file; returns how many names it holds."""
    try:
        geojson = json.loads(Path(countries_geojson).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlaceNamesError(f"{countries_geojson}: cannot read the outlines ({exc})") from exc
    names = ordered([*gazetteer_names(gazetteer, country_areas(geojson)), *read_seas(seas_csv)])
    payload = {"version": FORMAT_VERSION, "kinds": list(KINDS),
               "columns": ["lat", "lon", "text", "kind", "min_zoom", "max_zoom", "iso3"],
               "rows": [p.row() for p in names]}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    tmp.replace(out)
    return len(names)


def is_current(out: Path, *inputs: Path) -> bool:
    """The file exists and is newer than every input."""
    out = Path(out)
    if not out.is_file():
        return False
    return all(out.stat().st_mtime >= Path(p).stat().st_mtime for p in inputs if Path(p).exists())


def read_rows(path: Path, bounds: tuple[float, float, float, float] | None = None) -> list:
    """The file's rows, optionally only those inside ``(south, west, north, east)``
    (a standalone export embeds only the names around its events)."""
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))["rows"]
    except (OSError, ValueError, KeyError) as exc:
        raise PlaceNamesError(f"{path}: cannot read the place names ({exc})") from exc
    if bounds is None:
        return rows
    south, west, north, east = bounds
    return [r for r in rows if south <= r[0] <= north and west <= r[1] <= east]
