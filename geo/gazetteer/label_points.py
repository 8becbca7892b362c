"""Conventional points of regions and countries (not population-weighted centres).

Readers and gold data place a region or a country at its geographic middle (GeoNames'
own ADM1/PCLI points are of that kind), not where its people live: a population-weighted
centre puts Queensland at Brisbane (~1,000 km off) and Texas near Austin.

* :func:`spread_centre` — the middle of the box around a region's member settlements,
  stray rows far from the bulk left out, longitudes
  unwrapped across the antimeridian;
* :func:`outline_points` — a label point per ISO alpha-3 code from the shipped Natural
  Earth country outlines (``static/countries-50m.geojson``): the area centroid of the
  largest polygon, or, when that falls outside it (a crescent-shaped country), the middle
  of the widest inside stretch of the polygon along the centroid's latitude.

Pure functions; nothing is read at import.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Sequence
from pathlib import Path

__all__ = ["spread", "spread_centre", "outline_points", "OUTLINES_PATH"]

OUTLINES_PATH = Path(__file__).resolve().parents[2] / "static" / "countries-50m.geojson"
# A member farther from the members' median point than STRAY_FACTOR times the 90th
# percentile of their distances (and more than STRAY_MIN_KM) is a stray row, left out.
# Measured on the dev gold's ADM1 points: 88 % within 161 km (plain box 90 % but with
# strays such as Donetsk oblast 130 km off; box trimmed by 4 %: 86 %; plain mean: 83 %).
STRAY_FACTOR = 3.0
STRAY_MIN_KM = 50.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    x = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(x)))


def spread_centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around ``points`` (lat, lon), stray points left out."""
    return spread(points)[0]


def spread(points: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], float]:
    """(middle of the box around ``points``, the box's diagonal in km), strays left out."""
    if not points:
        raise ValueError("spread_centre needs at least one point")
    if len(points) >= 10:
        mid = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
        dist = [_km(mid, p) for p in points]
        cut = max(STRAY_MIN_KM, STRAY_FACTOR * sorted(dist)[int(0.9 * (len(dist) - 1))])
        points = [p for p, d in zip(points, dist) if d <= cut]
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    # Unwrap across the antimeridian when that makes the spread smaller (Alaska, Fiji).
    shifted = [x + 360 if x < 0 else x for x in lons]
    if max(shifted) - min(shifted) < max(lons) - min(lons):
        lons = shifted
    lat = (min(lats) + max(lats)) / 2
    lon = (min(lons) + max(lons)) / 2
    diagonal = _km((min(lats), min(lons)), (max(lats), max(lons)))
    if lon > 180:
        lon -= 360
    return (lat, lon), diagonal


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(signed area, centroid lon, centroid lat) of a closed ring of [lon, lat]."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if a == 0:
        n = len(ring)
        return 0.0, sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n
    return a / 2, cx / (3 * a), cy / (3 * a)


def _inside(ring: list[list[float]], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _widest_stretch(ring: list[list[float]], y: float) -> float | None:
    """The longitude in the middle of the widest inside stretch of ``ring`` at latitude y."""
    xs = sorted(
        x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])
        if (y1 > y) != (y2 > y)
    )
    pairs = [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
    if not pairs:
        return None
    a, b = max(pairs, key=lambda p: p[1] - p[0])
    return (a + b) / 2


def label_point(geometry: dict) -> tuple[float, float] | None:
    """(lat, lon) of a label point inside the largest polygon of a GeoJSON geometry."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    best = None
    for poly in polygons:
        if not poly or len(poly[0]) < 3:
            continue
        area, x, y = _ring_area_centroid(poly[0])
        if best is None or abs(area) > best[0]:
            best = (abs(area), x, y, poly[0])
    if best is None:
        return None
    _a, x, y, ring = best
    if not _inside(ring, x, y):
        mid = _widest_stretch(ring, y)
        if mid is not None:
            x = mid
    return round(y, 4), round(x, 4)


def outline_points(path: Path | str = OUTLINES_PATH) -> dict[str, tuple[float, float]]:
    """ISO alpha-3 → (lat, lon) label point from the Natural Earth outlines ({} if absent)."""
    path = Path(path)
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        features = json.load(fh).get("features") or []
    out: dict[str, tuple[float, float]] = {}
    for f in features:
        props = f.get("properties") or {}
        code = props.get("iso_a3")
        if not code or props.get("disputed") or code in out:
            continue
        point = label_point(f.get("geometry") or {})
        if point is not None:
            out[code] = point
    return out
