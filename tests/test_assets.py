"""The vendored asset set and the functions that point maps at it."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import folium
import pytest
from folium.plugins import FastMarkerCluster, Fullscreen, HeatMap, MarkerCluster

from geo.map import assets
from geo.map.assets import (
    FOLIUM_VERSION,
    LOCAL_FILES,
    UnvendoredAssetError,
    find_remote_assets,
    inline_css,
    localise_assets,
    static_dir,
)

STATIC = static_dir()
USED = (folium.Map, MarkerCluster, FastMarkerCluster, HeatMap)


def test_every_folium_link_we_use_is_vendored() -> None:
    # the table was made for this folium: a new one may link other versions
    assert folium.__version__ == FOLIUM_VERSION
    for cls in USED:
        for name, url in [*cls.default_js, *cls.default_css]:
            assert name in LOCAL_FILES, f"{cls.__name__}: {name} ({url})"


@pytest.mark.parametrize("relpath", sorted(set(LOCAL_FILES.values())))
def test_vendored_file_exists_with_its_licence(relpath: str) -> None:
    path = STATIC / relpath
    assert path.is_file() and path.stat().st_size > 0
    top = STATIC / relpath.split("/")[0]
    assert [p for p in top.iterdir() if re.match(r"(MIT-)?LICEN[CS]E", p.name)], top


def test_static_readme_names_every_package_and_size_is_reasonable() -> None:
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    for package in ("leaflet@1.9.3", "jquery@3.7.1", "bootstrap@5.2.2", "bootstrap@3.4.1",
                    "@fortawesome/fontawesome-free@6.2.0", "leaflet.awesome-markers@2.0.5",
                    "leaflet.markercluster@1.1.0", "world-atlas@2.0.2", "folium==0.20.0"):
        assert package in readme
        assert package.split("==")[0] in (STATIC / "vendor.sh").read_text(encoding="utf-8")
    built = STATIC / "place-names.json"  # built at set-up from the gazetteer, not vendored
    size = sum(p.stat().st_size for p in STATIC.rglob("*") if p.is_file() and p != built)
    assert size < 4_000_000


@pytest.mark.parametrize("relpath", [
    "leaflet/leaflet.css", "fontawesome/css/all.min.css",
    "glyphicons/css/bootstrap-glyphicons.css", "awesome-markers/leaflet.awesome-markers.css",
])
def test_vendored_css_references_exist_and_inline_as_data(relpath: str) -> None:
    css = (STATIC / relpath).read_text(encoding="utf-8")
    for ref in re.findall(r"""url\(\s*['"]?([^'")#?]+)""", css):
        if not ref.startswith("data:"):
            assert (STATIC / relpath).parent.joinpath(ref).resolve().is_file(), ref
    inlined = inline_css(relpath)
    left = [r for r in re.findall(r"""url\(\s*['"]?([^'")]+)""", inlined)
            if not r.startswith(("data:", "#"))]
    assert left == []


def test_served_mode_sets_instance_links_only() -> None:
    m = folium.Map(tiles=None)
    MarkerCluster().add_to(m)
    HeatMap([[1.0, 2.0]]).add_to(m)
    localise_assets(m, mode="served", static_base="/base/static/")
    html = m.get_root().render()
    assert find_remote_assets(html) == []
    assert '<script src="/base/static/markercluster/leaflet.markercluster.js">' in html
    assert '<script src="/base/static/leaflet-heat/leaflet_heat.min.js">' in html
    assert MarkerCluster.default_js[0][1].startswith("https://")  # class untouched
    localise_assets(m, mode="served", static_base="/base/static")  # idempotent
    assert find_remote_assets(m.get_root().render()) == []


def test_inline_mode_puts_contents_in_the_page_once() -> None:
    m = folium.Map(tiles=None)
    MarkerCluster().add_to(m)
    MarkerCluster().add_to(m)
    localise_assets(m, mode="inline")
    html = m.get_root().render()
    assert find_remote_assets(html) == []
    assert html.count("L.MarkerClusterGroup=L.FeatureGroup.extend") == 1
    assert "<script src=" not in html
    assert "url(\"data:font/woff2;base64," in html


def test_unvendored_plugin_fails_early() -> None:
    m = folium.Map(tiles=None)
    Fullscreen().add_to(m)
    with pytest.raises(UnvendoredAssetError, match="Fullscreen"):
        localise_assets(m)
    with pytest.raises(ValueError):
        localise_assets(folium.Map(tiles=None), mode="cdn")  # type: ignore[arg-type]


def test_find_remote_assets() -> None:
    html = """
    <script src="https://cdn.example/a.js"></script><script src="/app/static/b.js"></script>
    <link rel="stylesheet" href="//cdn.example/b.css"/><link rel="preload" href="http://x/f.woff2">
    <style>@font-face{src:url(https://fonts.example/f.woff2)} @import "https://x/y.css";
    .a{background:url(data:image/png;base64,AAA)}</style>
    <a href="https://www.geonames.org/">GeoNames</a>
    <script>L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    fetch("https://data.example/c.geojson"); var ns = "http://www.w3.org/2000/svg";</script>
    """
    assert find_remote_assets(html) == [
        "https://cdn.example/a.js", "//cdn.example/b.css", "http://x/f.woff2",
        "https://fonts.example/f.woff2", "https://x/y.css", "https://data.example/c.geojson",
    ]
    assert find_remote_assets("<p>no assets</p>") == []


# -- the country outlines ----------------------------------------------------------------

@lru_cache(maxsize=1)
def countries() -> dict:
    return json.loads((STATIC / assets.COUNTRIES_GEOJSON).read_text(encoding="utf-8"))


def _inside(polygon: list, lon: float, lat: float) -> bool:
    ring, inside = polygon[0], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _feature(iso: str) -> dict:
    return next(f for f in countries()["features"]
                if f["properties"]["iso_a3"] == iso and not f["properties"].get("disputed"))


@pytest.mark.parametrize("lon, lat", [(34.10, 44.95), (33.5, 44.6)])  # Simferopol, Sevastopol
def test_crimea_is_in_ukraine_and_marked_disputed(lon: float, lat: float) -> None:
    ukraine, russia = _feature("UKR"), _feature("RUS")
    assert any(_inside(p, lon, lat) for p in ukraine["geometry"]["coordinates"])
    assert not any(_inside(p, lon, lat) for p in russia["geometry"]["coordinates"])
    disputed = [f for f in countries()["features"] if f["properties"].get("disputed")]
    assert len(disputed) == 1
    crimea = disputed[0]
    assert crimea["properties"]["name"] == "Crimea" and "occupied by Russia since 2014" in \
        crimea["properties"]["note"]
    assert _inside(crimea["geometry"]["coordinates"], lon, lat)


def test_outlines_are_rounded_and_carry_iso_codes() -> None:
    features = countries()["features"]
    assert len(features) > 200
    codes = {f["properties"]["iso_a3"] for f in features}
    assert {"UKR", "RUS", "SYR", "TUR", "IRN", "FRA", "XKX"} <= codes
    text = (STATIC / assets.COUNTRIES_GEOJSON).read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{4,}", text)


def test_build_scripts_ship_beside_the_data() -> None:
    for name in ("vendor.sh", "build_countries.py", "extract_glyphicons.py", "README.md"):
        assert (STATIC / name).is_file()
    assert Path(STATIC / "vendor.sh").stat().st_mode & 0o111
