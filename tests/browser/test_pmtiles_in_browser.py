"""Your own PMTiles in Chromium: raster tiles as images, vector tiles (a tiny
Protomaps-like extract built here) painted by the vendored protomaps-leaflet, both
fed by the 127.0.0.1 tile server, with every request that would leave the machine
blocked and none made."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from geo.map.assets import static_dir
from geo.map.builder import build_map
from geo.map.tile_server import close_all, configured_tiles
from geo.record import FIELDS
from tests.browser.conftest import frame_with, wait_app_idle
from tests.tilefixture import make_pmtiles, tile_colour, two_event_store

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LOADED_IMAGES = ".cm-local-tiles img.leaflet-tile-loaded"
VECTOR_TILES = ".cm-vector-tiles canvas.leaflet-tile-loaded"
LOCAL_TILE = r"http://127\.0\.0\.1:\d+/\d+/\d+/\d+\.{ext}"

#: the pixel colours the drawn vector tiles hold, and the layer's land and water fills
CANVAS_COLOURS = """(sel) => {
  const layer = window[Object.keys(window).find(k => k.startsWith("vector_tiles_"))];
  const fill = name => layer.paintRules.find(r => r.dataLayer === name
      && r.symbolizer.fill).symbolizer.fill.get(layer._map.getZoom()).toLowerCase();
  const seen = new Set();
  document.querySelectorAll(sel).forEach(c => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4 * 97) {
      seen.add("#" + [d[i], d[i + 1], d[i + 2]].map(v => v.toString(16).padStart(2, "0")).join(""));
    }
  });
  return {seen: Array.from(seen), earth: fill("earth"), water: fill("water"),
          placeLabels: layer.labelRules.filter(r => r.dataLayer === "places").length};
}"""


@pytest.fixture(autouse=True)
def _stop_servers():
    yield
    close_all()


def _events() -> pd.DataFrame:
    return pd.DataFrame([dict(event_id="a1", event_type="Battles", latitude=36.2,
                              longitude=37.15, location="Aleppo", country="Syria",
                              country_code="SYR")], columns=list(FIELDS))


def _tile_urls(page) -> list[str]:
    return [u for u in page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
            if re.search(r"/\d+/\d+/\d+\.(png|mvt)$", u)]


def test_raster_pmtiles_drawn_from_localhost(page, serve_folder, tmp_path):
    own = configured_tiles({"CONFLICTMAP_TILES": str(make_pmtiles(tmp_path / "r.pmtiles"))})
    build_map(_events(), local_tiles=own, tiles=False, fit=False).save(str(tmp_path / "i.html"))
    page.goto(f"{serve_folder(tmp_path, mounts={'/app/static': static_dir()})}/i.html")
    page.wait_for_selector(LOADED_IMAGES)
    srcs = page.eval_on_selector_all(LOADED_IMAGES, "els => els.map(e => e.src)")
    assert srcs and all(re.fullmatch(LOCAL_TILE.format(ext="png"), s) for s in srcs), srcs
    # each image is the file's tile for its place: its colour says which one
    z, x, y = (int(v) for v in re.search(r"/(\d+)/(\d+)/(\d+)\.png$", srcs[0]).groups())
    colour = page.evaluate("""async src => {
        const bitmap = await createImageBitmap(await (await fetch(src)).blob());
        const c = document.createElement('canvas'); c.width = c.height = 1;
        const g = c.getContext('2d'); g.drawImage(bitmap, 128, 128, 1, 1, 0, 0, 1, 1);
        return Array.from(g.getImageData(0, 0, 1, 1).data.slice(0, 3)); }""", srcs[0])
    assert tuple(colour) == tile_colour(z, x, y)
    assert page.blocked == [] and page.unexpected_errors() == []


def test_vector_pmtiles_painted_by_protomaps_leaflet(page, serve_folder, tmp_path):
    own = configured_tiles({"CONFLICTMAP_TILES": str(
        make_pmtiles(tmp_path / "extract.pmtiles", kind="vector"))})
    build_map(_events(), local_tiles=own, tiles=False, fit=False).save(str(tmp_path / "v.html"))
    page.goto(f"{serve_folder(tmp_path, mounts={'/app/static': static_dir()})}/v.html")
    page.wait_for_selector(VECTOR_TILES, timeout=30_000)
    page.wait_for_function("""(sel) => Array.from(document.querySelectorAll(sel)).every(c =>
        c.width > 0)""", arg=VECTOR_TILES)
    colours = page.evaluate(CANVAS_COLOURS, VECTOR_TILES)
    # the file's land and lake polygons, in the flavour's colours
    assert colours["earth"] in colours["seen"] and colours["water"] in colours["seen"], colours
    assert colours["placeLabels"] == 0  # the names layer names places, not the tiles
    urls = _tile_urls(page)
    assert urls and all(re.fullmatch(LOCAL_TILE.format(ext="mvt"), u) for u in urls), urls
    assert page.blocked == [] and page.unexpected_errors() == []


def test_dashboard_draws_a_vector_extract_with_no_request_leaving(streamlit_app, page, tmp_path):
    tiles = make_pmtiles(tmp_path / "extract.pmtiles", kind="vector")
    base = streamlit_app(env={"DATABASE_URL": two_event_store(tmp_path), "CONFLICTMAP_TILES": str(tiles)})
    page.goto(base)
    wait_app_idle(page)
    frame = frame_with(page, VECTOR_TILES)
    colours = frame.evaluate(CANVAS_COLOURS, VECTOR_TILES)
    assert colours["earth"] in colours["seen"], colours
    urls = _tile_urls(frame)
    assert urls and all(re.fullmatch(LOCAL_TILE.format(ext="mvt"), u) for u in urls), urls
    checked = frame.locator(".leaflet-control-layers-base input:checked").locator("xpath=..")
    assert "Local tiles (extract.pmtiles)" in checked.inner_text()
    assert "Test Tiles contributors" in frame.locator(".leaflet-control-attribution").inner_text()
    frame.wait_for_selector(".cm-names-ready", state="attached")
    assert frame.locator(".cm-name").count() > 0  # the offline names still on top
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-vector-pmtiles.png"), full_page=True)
    assert page.blocked == []
    assert page.unexpected_errors() == []


def test_briefing_png_uses_own_tiles_and_its_html_keeps_the_outlines(tmp_path):
    import datetime as dt
    import io

    from PIL import Image

    from geo.briefing import export_bytes, make_spec
    from geo.filters import EventFilter

    own = configured_tiles({"CONFLICTMAP_TILES": str(make_pmtiles(tmp_path / "r.pmtiles"))})
    events = pd.DataFrame([
        dict(event_id="a1", event_type="Battles", latitude=36.2, longitude=37.15,
             location="Aleppo", country="Syria", country_code="SYR"),
        dict(event_id="a2", event_type="Battles", latitude=33.5, longitude=36.3,
             location="Damascus", country="Syria", country_code="SYR"),
    ], columns=list(FIELDS))
    spec = make_spec(events, EventFilter(), made_at=dt.datetime(2026, 12, 2, 5, 0),
                     title="Own tiles", width=800, height=600, own_tiles=own)
    assert "127.0.0.1" in spec.online_hosts
    assert any("Test Tiles contributors" in c.text for c in spec.credits)
    png = export_bytes("png", events, spec)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "briefing-own-tiles.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {tile_colour(2, x, y) for x in range(4) for y in range(4)}
    pixels = list(image.get_flattened_data())
    share = sum(1 for p in pixels if p in colours) / len(pixels)
    assert share > 0.2, share  # the map frame is the file's (zoom-2) tiles, enlarged
    html = export_bytes("html", events, spec).decode()
    assert own.url not in html and "Test Tiles contributors" not in html
