"""The dashboard draws your own tiles (CONFLICTMAP_TILES, a tiny MBTiles built here)
from its 127.0.0.1 tile server, every non-local request blocked; an unreadable
file gets a named warning and the outline map stands in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import frame_with, wait_app_idle
from tests.tilefixture import make_mbtiles, two_event_store

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
MARKERS = ".leaflet-overlay-pane path.leaflet-interactive"
LOADED_TILES = ".cm-local-tiles img.leaflet-tile-loaded"


def test_dashboard_uses_local_tiles_with_no_request_leaving(streamlit_app, page, tmp_path):
    tiles = make_mbtiles(tmp_path / "region.mbtiles")
    base = streamlit_app(env={"DATABASE_URL": two_event_store(tmp_path), "CONFLICTMAP_TILES": str(tiles)})
    page.goto(base)
    wait_app_idle(page)
    frame = frame_with(page, LOADED_TILES)
    frame.wait_for_selector(MARKERS)
    srcs = frame.eval_on_selector_all(LOADED_TILES, "els => els.map(e => e.src)")
    assert srcs and all(re.fullmatch(r"http://127\.0\.0\.1:\d+/\d+/\d+/\d+\.png", s)
                        for s in srcs), srcs
    # real images from the file: 256 px wide, decoded
    widths = frame.eval_on_selector_all(LOADED_TILES, "els => els.map(e => e.naturalWidth)")
    assert set(widths) == {256}
    # the default base layer, the names and the outlines still there
    checked = frame.locator(".leaflet-control-layers-base input:checked").locator("xpath=..")
    assert "Local tiles (region.mbtiles)" in checked.inner_text()
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert "Test Tiles contributors" in attribution
    frame.wait_for_selector(".cm-names-ready", state="attached")
    assert frame.locator(".cm-name").count() > 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-local-tiles.png"), full_page=True)
    assert page.blocked == []  # no request left the machine, not even a tile
    assert page.unexpected_errors() == []


def test_unreadable_tile_file_warns_and_outlines_stand_in(streamlit_app, page, tmp_path):
    bad = tmp_path / "broken.mbtiles"
    bad.write_text("not SQLite\n" * 100)
    base = streamlit_app(env={"DATABASE_URL": two_event_store(tmp_path), "CONFLICTMAP_TILES": str(bad)})
    page.goto(base)
    wait_app_idle(page)
    warning = page.locator('[data-testid="stAlert"]').filter(has_text="broken.mbtiles")
    assert "not an MBTiles file" in warning.inner_text()
    frame = frame_with(page, MARKERS)
    frame.wait_for_selector(".cm-countries-ready", state="attached")
    assert frame.locator(".cm-local-tiles").count() == 0
    assert "Local tiles" not in frame.locator(".leaflet-control-layers").inner_text()
    assert page.blocked_assets() == []
