"""The walking skeleton end to end: an empty store, the dashboard's first start
ingests seeds/, and Chromium (every non-local request blocked) shows the seed's
events on the Leaflet map."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import frame_with

pytestmark = [pytest.mark.browser, pytest.mark.gazetteer, pytest.mark.xdist_group("browser")]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def test_first_start_ingests_the_seed_and_maps_it(streamlit_app, page, tmp_path):
    url = streamlit_app(env={"DATABASE_URL": f"sqlite:///{tmp_path / 'first.sqlite'}"})
    page.set_viewport_size({"width": 1400, "height": 900})
    # the very first request of a fresh server carries a filter: it must survive
    # Streamlit's switch from the legacy pages/ mode to st.navigation
    page.goto(url + "/?country=SYR&country=IRN&country=TUR&since=2019-12-01&until=2020-02-29")
    # the first start imports the demo (25,798 events) before the map: a busy machine
    # (two suites side by side, load 10) took more than 60 s
    frame = frame_with(page, ".leaflet-container path.leaflet-interactive, "
                             ".leaflet-container .cm-ring-icon", timeout_ms=240_000)
    markers = frame.locator("path.leaflet-interactive")
    # events stacked at one point are one ring with their count inside
    # read in one go: the cluster layer may redraw its rings while we read them one by one
    stacked = frame.evaluate("""() => [...document.querySelectorAll('.cm-ring-icon .cm-ring')]
        .reduce((n, r) => n + (parseInt(r.textContent, 10) || 0), 0)""")
    assert markers.count() + stacked >= 5
    legend = frame.locator(".cm-legend").inner_text()
    assert "Diplomacy" in legend and "Battles" in legend
    caption = page.get_by_text("events match the filters").inner_text()
    assert int(caption.split()[0].replace(",", "")) >= 5
    assert "SYR, IRN, TUR · 2019-12-01 – 2020-02-29" in caption  # only the seed's events
    assert page.blocked_assets() == []  # no script, stylesheet or font from off the machine
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard_first_start.png"), full_page=True)


def test_make_runs_server_starts_warm_and_maps_the_store(streamlit_app, page, tmp_path):
    """``python -m geo serve`` (what ``make run`` starts) loads the code and the store's
    events beside the server; the map it serves is drawn like streamlit run's."""
    from geo.importers import import_file
    from geo.store import Store

    db = f"sqlite:///{tmp_path / 'warm.sqlite'}"
    store = Store(db)
    report = import_file(Path(__file__).resolve().parents[1] / "fixtures" / "datasets"
                         / "ucdp_small.csv", "ucdp", store)
    store.dispose()
    assert report.added > 0
    url = streamlit_app(env={"DATABASE_URL": db}, warm=True)
    page.goto(url)
    # a generous bound for a busy machine: the warm-up and the first run share its cores
    frame = frame_with(page, ".leaflet-container path.leaflet-interactive, "
                             ".leaflet-container .cm-ring-icon", timeout_ms=180_000)
    assert frame.locator(".cm-legend").count() == 1
    caption = page.get_by_text("events match the filters").inner_text()
    assert int(caption.split()[0].replace(",", "")) == report.added
    log = "".join(p.read_text(errors="replace") for p in tmp_path.glob("streamlit-*.log"))
    assert "warm-up:" not in log  # nothing failed to warm
    assert page.blocked_assets() == []
