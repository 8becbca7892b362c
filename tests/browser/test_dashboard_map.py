"""The real dashboard in headless Chromium (every non-local request blocked):
the map and its layers, a marker click filling the details panel, the filter
state surviving a copied URL in a new browser, and article text that never runs.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.articles import Article
from geo.store import Store
from tests.browser.conftest import frame_with, wait_app_idle
from tests.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
MARKERS = ".leaflet-overlay-pane path.leaflet-interactive"
EVIL_TEXT = ('<script>alert(1)</script> Shelling hit <img src=x onerror=alert(2)> the market '
             '<a href="javascript:alert(3)">link</a>.')


@pytest.fixture
def dashboard(streamlit_app, tmp_path):
    """The dashboard on a store of five events, one of them made of hostile text."""
    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    store = Store(url)
    evil = make_event(
        9, event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        location="<img src=x onerror=alert(4)>", latitude=36.2, longitude=37.15,
        actor1="<script>alert(5)</script>", evidence=EVIL_TEXT, fatalities=3,
        source="<b>Wire</b>", source_url="javascript:alert(6)", article_id="evil",
        event_date=dt.date(2020, 2, 25))
    store.write_article(Article(
        article_id="evil", path="evil.txt", format="txt",
        title="<img src=x onerror=alert(7)> Market shelled",
        text="First paragraph <script>alert(8)</script>.\n\n"
             "[click](javascript:alert(9)) <img src=x onerror=alert(10)>",
        source="Test Wire"), [evil])
    store.upsert_events([
        make_event(1),
        make_event(2, event_date=dt.date(2020, 2, 10), event_type="Diplomacy",
                   sub_event_type="Meeting or call", actor1="Hassan Rouhani (Iran)",
                   location="Tehran", latitude=35.69, longitude=51.42, country="Iran",
                   country_code="IRN"),
        make_event(3, event_date=dt.date(2020, 2, 20), event_type="Diplomacy",
                   sub_event_type="Threat", location="Ankara", latitude=39.93,
                   longitude=32.86, country="Turkey", country_code="TUR"),
        make_event(4, event_date=dt.date(2020, 1, 15), event_type="Protests",
                   sub_event_type="Peaceful protest", location="Kyiv", latitude=50.45,
                   longitude=30.52, country="Ukraine", country_code="UKR", origin="manual"),
    ])
    store.dispose()
    return streamlit_app(env={"DATABASE_URL": url})


def watch_dialogs(page) -> list[str]:
    seen: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def map_frame(page, timeout_ms: int = 60_000):
    """The streamlit-folium iframe once its Leaflet map shows markers."""
    return frame_with(page, MARKERS, timeout_ms)


def toggle(frame, overlay: str) -> None:
    """Tick or untick an overlay in the layer control."""
    frame.locator(".leaflet-control-layers-overlays label").filter(
        has_text=re.compile(rf"^\s*{re.escape(overlay)}\s*$")).locator("input").click()


def keyed(page, key: str):
    """The element with a Streamlit key, not a stale copy kept during a rerun."""
    return page.locator(f'.st-key-{key}:not([data-stale="true"])').first


def caption(page) -> str:
    return page.get_by_text("events match the filters").inner_text()


def injected(target) -> dict[str, int]:
    """Elements that only hostile event text could have made (the map's own script holds
    the escaped text as data: only a script that is nothing but an alert counts)."""
    return target.evaluate("""() => ({
        img_x: document.querySelectorAll('img[src="x"]').length,
        onerror: document.querySelectorAll('[onerror]').length,
        scripts: [...document.querySelectorAll('script')]
            .filter(s => /^\\s*alert\\(\\d+\\);?\\s*$/.test(s.textContent)).length,
        js_links: document.querySelectorAll('a[href^="javascript:"]').length,
    })""")


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_map_layers_click_details_and_nothing_runs(dashboard, page):
    dialogs = watch_dialogs(page)
    page.set_viewport_size({"width": 1500, "height": 950})
    page.goto(dashboard)
    frame = map_frame(page)
    assert caption(page).startswith("5 events match")
    frame.wait_for_selector(".cm-countries-ready", state="attached", timeout=15_000)
    assert frame.locator(MARKERS).count() == 5
    legend = frame.locator(".cm-legend").first.inner_text()
    for name in ("Battles", "Diplomacy", "Protests", "Explosions/Remote violence"):
        assert name in legend
    overlays = frame.locator(".leaflet-control-layers-overlays").inner_text()
    for name in ("Events per country", "Heat map", "Events"):
        assert name in overlays
    shot(page, "dashboard_map")

    # the choropleth and heat map overlays draw when switched on
    toggle(frame, "Events per country")
    frame.wait_for_selector(".cm-choropleth-ready", state="attached", timeout=15_000)
    assert frame.locator(".leaflet-cmchoropleth-pane path").count() == 5  # SYR IRN TUR UKR Crimea
    assert "Events per country" in frame.locator(".cm-choropleth-legend").inner_text()
    toggle(frame, "Heat map")
    frame.wait_for_selector("canvas.leaflet-heatmap-layer", timeout=5_000)
    shot(page, "dashboard_layers")
    toggle(frame, "Events per country")
    toggle(frame, "Heat map")

    # click the hostile event's marker: its popup, then the details panel beside the map
    evil = frame.locator(f'{MARKERS}[fill="#ff7f0e"]')
    evil.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert "<script>alert(1)</script> Shelling hit <img src=x onerror=alert(2)>" in \
        popup.inner_text()
    panel = keyed(page, "event_details")
    panel.wait_for(timeout=20_000)
    # the panel fills in as the rerun streams in: wait for its last field, then read it
    expect(panel).to_contain_text("<script>alert(5)</script>", timeout=30_000)
    text = panel.inner_text()
    assert "<script>alert(1)</script> Shelling hit <img src=x onerror=alert(2)>" in text
    assert "<img src=x onerror=alert(4)>" in text and "<script>alert(5)</script>" in text
    assert "Open the source" not in text  # javascript: is never a link
    # the map kept its view and popup: it was not re-rendered by the rerun
    frame = map_frame(page)
    assert frame.locator(".leaflet-popup-content").count() == 1
    assert frame.locator("path.cm-selected").count() == 1  # the ring, swapped in live

    page.get_by_text("Article:").click()
    article = keyed(page, "article_text")
    article.wait_for(timeout=10_000)
    assert "<script>alert(8)</script>" in article.inner_text()
    assert "[click](javascript:alert(9))" in article.inner_text()
    wait_app_idle(page)
    shot(page, "dashboard_selected")

    assert dialogs == []
    for target in (page, frame):
        assert injected(target) == {"img_x": 0, "onerror": 0, "scripts": 0, "js_links": 0}
    assert page.blocked_assets() == [], [b.url for b in page.blocked_assets()]


def test_copied_url_reproduces_the_view_in_a_new_browser(dashboard, page, browser):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(dashboard)
    map_frame(page)
    keyed(page, "f_types").click()
    page.keyboard.type("Diplom")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"type=Diplomacy"), timeout=15_000)
    keyed(page, "f_text").locator("input").fill("fighting")
    keyed(page, "f_text").locator("input").press("Enter")
    page.wait_for_url(re.compile(r"q=fighting"), timeout=15_000)
    # the type alone also gives 2 events: wait for the caption that names the text too
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')].some("
        "c => c.innerText.includes('2 events match') && c.innerText.includes('fighting'))",
        timeout=15_000)
    shared = page.url
    expected = caption(page)

    other = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        fresh = other.new_page()
        fresh.route("**/*", lambda route: route.continue_()
                    if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                    else route.abort())
        fresh.goto(shared)
        fresh.wait_for_function(
            "() => document.body.innerText.includes('events match the filters')",
            timeout=60_000)
        assert caption(fresh) == expected
        sidebar = fresh.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("Diplomacy (2)").wait_for(timeout=15_000)  # the chosen type's chip
        expect(keyed(fresh, "f_text").locator("input")).to_have_value("fighting",
                                                                      timeout=15_000)
        map_frame(fresh).wait_for_selector(".cm-countries-ready", state="attached",
                                           timeout=15_000)
        shot(fresh, "dashboard_shared_url")
        # reset clears the widgets and the URL
        keyed(fresh, "f_reset").locator("button").click()
        fresh.wait_for_function(
            "() => document.body.innerText.includes('5 events match')", timeout=15_000)
        assert "type=" not in fresh.url and "q=" not in fresh.url
    finally:
        other.close()
