"""The map renders in Chromium with every non-local request blocked.

Two pages: the standalone export (``assets="inline"``, one HTML file) and the
Streamlit-style page (``assets="served"``, static/ served at /app/static/).
Tile requests of the optional OpenStreetMap layer are blocked and allowed to
fail; a script, stylesheet or font asked from off the machine fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from geo.map.assets import static_dir
from geo.map.builder import build_map
from geo.record import FIELDS
from geo.taxonomy import colour_for

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EVENTS = [
    dict(event_id="e1", event_type="Battles", sub_event_type="Armed clash",
         latitude=35.93, longitude=36.63, location="Idlib", geo_precision=1,
         event_date="2020-02-29", date_precision="day", fatalities=33,
         evidence="<script>alert(1)</script> Turkish soldiers were killed.",
         source="Test Wire", source_url="https://example.org/a"),
    dict(event_id="e2", event_type="Diplomacy", sub_event_type="Meeting or call",
         latitude=39.93, longitude=32.86, location="Ankara", geo_precision=1,
         actor1="Recep Tayyip Erdogan (Turkey)", actor2="Vladimir Putin (Russia)"),
    dict(event_id="e3", event_type="Explosions/Remote violence",
         latitude=44.95, longitude=34.10, location="Simferopol", geo_precision=1),
    dict(event_id="e4", event_type="Protests", latitude=50.45, longitude=30.52,
         location="Kyiv", geo_precision=2),
    dict(event_id="e5", event_type="Riots", latitude=None, longitude=None, location=""),
]
MARKERS = "path.leaflet-interactive"
COUNTRIES = ".leaflet-cmcountries-pane path"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(EVENTS, columns=list(FIELDS))


def _check_rendered(page, name: str) -> None:
    page.wait_for_selector(".leaflet-container", timeout=15_000)
    page.wait_for_selector(".cm-countries-ready", state="attached", timeout=15_000)
    page.wait_for_selector(MARKERS, timeout=15_000)
    markers = page.locator(MARKERS)
    assert markers.count() == 4  # the event without coordinates is skipped
    fills = {markers.nth(i).get_attribute("fill") for i in range(markers.count())}
    assert fills == {colour_for(e["event_type"]) for e in EVENTS if e["latitude"]}
    assert page.locator(COUNTRIES).count() > 200
    # Crimea: hatched and dashed, on top of Ukraine's shape
    assert page.locator(f'{COUNTRIES}[fill="url(#cm-hatch)"]').count() == 1
    # the legend lists the types present, the attribution names the sources
    legend = page.locator(".cm-legend").inner_text()
    for event in EVENTS[:4]:
        assert event["event_type"] in legend
    credits = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in credits and "Natural Earth" in credits and "Crimea" in credits
    # fonts and jQuery work: an icon has a glyph width, $ and L exist
    assert page.evaluate("typeof $ === 'function' && typeof L === 'object'")
    assert page.evaluate(
        "document.fonts.check('900 12px \"Font Awesome 6 Free\"')"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    # a popup opens (Idlib's marker: the only battle), the evidence escaped: text, not a script
    page.locator(f'{MARKERS}[fill="{colour_for("Battles")}"]').click(force=True)
    page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
    popup = page.locator(".leaflet-popup-content")
    assert "<script>alert(1)</script> Turkish soldiers" in popup.inner_text()
    assert popup.locator("script").count() == 0

    assert page.unexpected_errors() == []
    assert page.blocked_assets() == [], [b.url for b in page.blocked_assets()]
    # the optional OSM layer did ask for tiles, and was refused: the test is really offline
    assert any("tile.openstreetmap.org" in b.url for b in page.blocked)


def test_inline_export_renders_offline(page, serve_folder, tmp_path: Path) -> None:
    build_map(_frame(), assets="inline", title="Offline export").save(str(tmp_path / "map.html"))
    base = serve_folder(tmp_path)
    page.goto(f"{base}/map.html")
    _check_rendered(page, "map_offline")
    assert page.locator(".cm-map-title").inner_text() == "Offline export"


def test_served_page_renders_offline(page, serve_folder, tmp_path: Path) -> None:
    build_map(_frame(), assets="served", static_base="/app/static").save(
        str(tmp_path / "index.html")
    )
    base = serve_folder(tmp_path, mounts={"/app/static": static_dir()})
    page.goto(f"{base}/index.html")
    _check_rendered(page, "map_served")
    requested_local = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert any(u.endswith("/app/static/countries-50m.geojson") for u in requested_local)
    assert any(u.endswith("/app/static/leaflet/leaflet.js") for u in requested_local)


def test_large_result_clusters_offline_without_tiles(page, serve_folder, tmp_path: Path) -> None:
    import geo.map.builder as mapview

    n = mapview.MAX_INDIVIDUAL_MARKERS + 500
    types = [e["event_type"] for e in EVENTS]
    rows = [dict(event_id=f"c{i}", event_type=types[i % len(types)],
                 latitude=30 + (i % 100) * 0.2, longitude=30 + (i // 100) * 0.3,
                 location=f"Place <{i}>") for i in range(n)]
    m = build_map(pd.DataFrame(rows, columns=list(FIELDS)), assets="inline", tiles=False)
    m.save(str(tmp_path / "big.html"))
    # as on a loaded machine: the markers take longer to add than the initial zoom
    # takes to end (with chunked loading this threw "reading 'lat'" and drew no cluster)
    page.throttle_cpu(10)
    page.goto(f"{serve_folder(tmp_path)}/big.html")
    page.wait_for_selector(".cm-countries-ready", state="attached", timeout=15_000)
    # every event is in the cluster layer, and the map shows it as several clusters
    # (counting the clusters drawn in view depends on the zoom reached and is flaky)
    layer = next(c.get_name() for c in m._children.values()
                 if type(c).__name__ == "EventMarkers")
    page.wait_for_function(
        """([name, n]) => window[name] && window[name].getLayers().length === n
              && document.querySelectorAll('.cm-ring-icon').length > 3""",
        arg=[layer, n], timeout=60_000,
    )
    # clusters are rings in the types' colours, never markercluster's green/yellow bubbles
    assert page.locator(".marker-cluster-small, .marker-cluster-medium, "
                        ".marker-cluster-large").count() == 0
    ring = page.locator(".cm-ring-icon .cm-ring").first.get_attribute("style")
    shares = re.findall(r"#[0-9a-f]{6}", ring)
    assert "conic-gradient" in ring and shares
    assert set(shares) <= {colour_for(t) for t in types}  # which types depends on the zoom
    assert page.unexpected_errors() == []  # e.g. "Map has no maxZoom specified"
    assert page.blocked == []  # no tile layer: nothing at all leaves the machine
    page.screenshot(path=str(SCREENSHOTS / "map_clustered.png"))


def test_served_world_view_draws_light_outlines_then_full_ones_zoomed_in(
        page, serve_folder, tmp_path: Path) -> None:
    from geo.map.assets import LIGHT_OUTLINES_MAX_ZOOM

    build_map(_frame(), assets="served", static_base="/app/static", fit=False, tiles=False) \
        .save(str(tmp_path / "world.html"))
    page.goto(f"{serve_folder(tmp_path, mounts={'/app/static': static_dir()})}/world.html")
    page.wait_for_selector(".cm-countries-ready", state="attached", timeout=15_000)
    page.wait_for_selector(".cm-names-ready", state="attached", timeout=15_000)

    def fetched() -> list[str]:
        return [u.rsplit("/", 1)[1] for u in page.evaluate(
            "performance.getEntriesByType('resource').map(e => e.name)") if "countries-50m" in u]

    assert fetched() == ["countries-50m-light.geojson"]
    assert page.locator(".cm-countries-full").count() == 0
    assert page.locator(COUNTRIES).count() > 200
    assert page.locator(f'{COUNTRIES}[fill="url(#cm-hatch)"]').count() == 1  # Crimea too
    map_name = page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")
    page.evaluate(f"window['{map_name}'].setView([35.9, 36.6], {LIGHT_OUTLINES_MAX_ZOOM + 2})")
    page.wait_for_selector(".cm-countries-full", state="attached", timeout=15_000)
    assert fetched() == ["countries-50m-light.geojson", "countries-50m.geojson"]
    assert page.locator(f'{COUNTRIES}[fill="url(#cm-hatch)"]').count() == 1  # one layer only
    assert page.unexpected_errors() == [] and page.blocked_assets() == []


def test_grid_cells_closer_than_a_ring_are_one_ring_until_zoomed_in(
        page, serve_folder, tmp_path: Path) -> None:
    # dense cells (a 3 x 3 block of 0.5° cells): zoomed out, their rings would pile up;
    # they are drawn as fewer rings whose counts add up to every event, and zoomed in far
    # enough every cell is its own ring again
    from geo.map.aggregate import aggregate_for_map
    from geo.map.aggregate_layer import zoom_cells_apart
    from geo.map.ring_icon import MAX_DIAMETER

    rows = [dict(event_id=f"g{i}", event_type=("Battles", "Protests")[i % 2],
                 latitude=34.0 + (i % 3) * 0.5, longitude=38.0 + (i // 3 % 3) * 0.5,
                 location=f"Cell {i % 9}", geo_precision=1) for i in range(1800)]
    frame = pd.DataFrame(rows, columns=list(FIELDS))
    cells = aggregate_for_map(frame, cell_size=0.5)
    assert cells.kind == "cells" and len(cells.cells) == 9
    m = build_map(frame, cells=cells, assets="inline", tiles=False)
    layer = next(c.get_name() for c in m._children.values()
                 if type(c).__name__ == "AggregateCells")
    m.save(str(tmp_path / "cells.html"))
    page.goto(f"{serve_folder(tmp_path)}/cells.html")
    page.wait_for_selector(".cm-countries-ready", state="attached", timeout=15_000)
    shown = f"""() => window['{layer}']._featureGroup.getLayers().map(l =>
        l.getAllChildMarkers ? l.getAllChildMarkers().reduce((n, c) => n + c.options.cmCount, 0)
                             : l.options.cmCount)"""
    apart = zoom_cells_apart(0.5, MAX_DIAMETER)
    for zoom, grouped in ((apart - 2, True), (apart + 1, False)):
        page.evaluate(f"([z]) => window['{m.get_name()}'].setView([34.5, 38.5], z, "
                      "{animate: false})", [zoom])
        page.wait_for_function(
            f"""([z, grouped]) => {{
                const n = document.querySelectorAll('.cm-ring-icon').length;
                return window['{m.get_name()}'].getZoom() === z
                    && (grouped ? n > 0 && n < 9 : n === 9); }}""",
            arg=[zoom, grouped], timeout=30_000)
        counts = page.evaluate(shown)
        assert sum(counts) == 1800 and (len(counts) < 9) == grouped, (zoom, counts)
    assert page.locator(".marker-cluster-small, .marker-cluster-medium, "
                        ".marker-cluster-large").count() == 0
    assert page.unexpected_errors() == []
