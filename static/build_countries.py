"""Convert world-atlas' Natural Earth TopoJSON (countries-50m.json) to the
country-outline GeoJSON the offline base layer draws.

Usage: python build_countries.py countries-50m.json countries-50m.geojson

- Arcs are decoded here (quantised, delta-encoded; the TopoJSON spec), so no
  npm tool is needed. Coordinates are rounded to 3 decimals (about 100 m).
- properties: ``name`` (Natural Earth's) and ``iso_a3`` (ISO 3166-1 alpha-3 from
  the feature's numeric id through pycountry; Kosovo, N. Cyprus and Somaliland,
  which have no id, by name; null for Siachen Glacier and Indian Ocean Ter.).
- Crimea: Natural Earth draws it inside Russia. This product follows
  internationally recognised borders (GeoNames puts Simferopol and Sevastopol in
  Ukraine), so the Crimea polygon is moved into Ukraine's feature, and a separate
  feature (``disputed: true``) marks it as occupied, to be drawn hatched.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pycountry

SIMFEROPOL = (34.10, 44.95)  # lon, lat
SEVASTOPOL = (33.5, 44.6)
CRIMEA_NOTE = "Crimea \u2014 occupied by Russia since 2014; attributed to Ukraine (GeoNames)"
RUSSIA, UKRAINE = "643", "804"
# Natural Earth features without an ISO numeric id, attributed by internationally
# recognised borders (Kosovo: the user-assigned code GeoNames' XK corresponds to).
ISO_BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}

Ring = list[list[float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute lon/lat arcs from quantised, delta-encoded TopoJSON arcs."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for qx, qy in arc:
            x += qx
            y += qy
            points.append([x * kx + dx, y * ky + dy])
        arcs.append(points)
    return arcs


def ring_from(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def rounded(ring: Ring) -> Ring:
    out: Ring = []
    for x, y in ring:
        point = [round(x, 3), round(y, 3)]
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def polygons_of(geometry: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    polygons = []
    for polygon in parts:
        rings = [rounded(ring_from(r, arcs)) for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            polygons.append(rings)
    return polygons


def contains(ring: Ring, point: tuple[float, float]) -> bool:
    """Even-odd point-in-polygon test on one ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def iso_a3(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_3 if country else None


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features: dict[str, dict[str, Any]] = {}
    ordered: list[dict[str, Any]] = []
    for i, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        polygons = polygons_of(geometry, arcs)
        if not polygons:
            continue
        numeric = geometry.get("id")
        name = geometry["properties"]["name"]
        feature = {
            "type": "Feature",
            "properties": {"name": name, "iso_a3": iso_a3(numeric) or ISO_BY_NAME.get(name)},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        }
        features[numeric or f"_{i}"] = feature
        ordered.append(feature)

    russia = features[RUSSIA]["geometry"]["coordinates"]
    crimea = [p for p in russia if contains(p[0], SIMFEROPOL) and contains(p[0], SEVASTOPOL)]
    if len(crimea) != 1:
        raise SystemExit(f"expected one Crimea polygon in Russia's shape, found {len(crimea)}")
    russia.remove(crimea[0])
    features[UKRAINE]["geometry"]["coordinates"].append(crimea[0])
    ordered.append({
        "type": "Feature",
        "properties": {
            "name": "Crimea", "iso_a3": "UKR", "disputed": True, "note": CRIMEA_NOTE,
        },
        "geometry": {"type": "Polygon", "coordinates": crimea[0]},
    })
    return {"type": "FeatureCollection", "features": ordered}


def main(argv: list[str]) -> None:
    source, target = argv
    with open(source, encoding="utf-8") as f:
        collection = convert(json.load(f))
    with open(target, "w", encoding="utf-8") as f:
        json.dump(collection, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
