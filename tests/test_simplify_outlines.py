"""static/simplify_outlines.py: the light outlines the dashboard draws first."""

from __future__ import annotations

import importlib.util
import json

from geo.map.assets import COUNTRIES_GEOJSON, COUNTRIES_LIGHT_GEOJSON, static_dir

_spec = importlib.util.spec_from_file_location("simplify_outlines",
                                               static_dir() / "simplify_outlines.py")
simplify = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(simplify)


def _points(geometry) -> int:
    def count(c):
        return 1 if isinstance(c[0], (int, float)) else sum(count(x) for x in c)
    return count(geometry["coordinates"])


def test_points_near_the_line_go_far_ones_stay():
    flat = [[0, 0], [1, 0.01], [2, -0.01], [3, 0.02], [4, 0]]
    assert simplify.simplify_line(flat, 0.05) == [[0, 0], [4, 0]]
    # a peak stays; then (2, -0.01) is 0.33 off the line to the peak, (1, 0.01) is not
    peak = [[0, 0], [1, 0.01], [2, -0.01], [3, 0.5], [4, 0]]
    assert simplify.simplify_line(peak, 0.05) == [[0, 0], [2, -0.01], [3, 0.5], [4, 0]]
    assert simplify.simplify_line(peak, 1.0) == [[0, 0], [4, 0]]


def test_a_tiny_island_goes_but_a_country_keeps_a_shape():
    big = [[0, 0], [0, 5], [5, 5], [5, 0], [0, 0]]
    islet = [[9, 9], [9, 9.01], [9.01, 9.01], [9, 9]]
    multi = {"type": "Feature", "properties": {"iso_a3": "AAA"},
             "geometry": {"type": "MultiPolygon", "coordinates": [[big], [islet]]}}
    out = simplify.simplify_feature(multi, 0.05)
    assert out["geometry"]["coordinates"] == [[big]] and out["properties"] == {"iso_a3": "AAA"}
    only = {"type": "Feature", "properties": {},
            "geometry": {"type": "Polygon", "coordinates": [islet]}}
    kept = simplify.simplify_feature(only, 0.05)["geometry"]["coordinates"]
    assert len(kept) == 1 and len(kept[0]) == 4 and kept[0][0] == kept[0][-1]


def test_the_shipped_light_file_has_every_country_with_fewer_points():
    full = json.loads((static_dir() / COUNTRIES_GEOJSON).read_text())["features"]
    light = json.loads((static_dir() / COUNTRIES_LIGHT_GEOJSON).read_text())["features"]
    assert [f["properties"] for f in light] == [f["properties"] for f in full]
    assert any(f["properties"].get("disputed") for f in light)  # Crimea's overlay too
    total_full = sum(_points(f["geometry"]) for f in full)
    total_light = sum(_points(f["geometry"]) for f in light)
    assert total_light < total_full / 2
