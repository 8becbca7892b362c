"""The pages in Chromium with an XSS article in the store: nothing it carries runs.

The article (``tests/fixtures/xss-article.md``) has ``<script>``, ``<img src=x
onerror=...>``, ``<svg onload=...>``, ``javascript:`` links in its text, title,
source and URL. Each page that shows it (Events table, Articles reader, Map
popups, Ingest report) is opened in headless Chromium with every non-local
request blocked: no dialog may open and no element of the article's may exist.
Screenshots go to ``screenshots/pages-*.png``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from geo.articles import read_article
from geo.extract import extract_events
from geo.store import Store
from tests.browser.conftest import SCREENSHOTS, next_paint, wait_app_idle
from tests.conftest import make_event
from tests.fakes import FakeGazetteer

XSS_ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "xss-article.md"
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Anything the article could have injected, in any frame (the map is an iframe).
INJECTED = ("script:not([src])", "img[src='x']", "svg[onload]", "[onerror]", "[onload]",
            "[onmouseover]", "a[href^='javascript' i]", "iframe[src^='javascript' i]")
DATES_JS = ("[...document.querySelectorAll('[data-testid=\"stSidebar\"] "
            "[data-testid=\"stDateInput\"] input')].map(e => e.value).join(' ')")


@pytest.fixture
def app_url(streamlit_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'xss.sqlite'}"
    store = Store(url)
    article = read_article(XSS_ARTICLE)
    events = extract_events(article, FakeGazetteer())
    assert len(events) >= 3
    store.write_article(article, events)
    store.upsert_events([make_event(1, event_date=dt.date(2020, 2, 1), event_id="plain",
                                    evidence="A plain event.", location="Damascus",
                                    latitude=33.51, longitude=36.29)])
    store.dispose()
    return streamlit_app(env={"DATABASE_URL": url})


@pytest.fixture
def dialogs(page):
    seen: list[str] = []

    def on_dialog(dialog):
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def settle(page, wait: str | None = None) -> None:
    if wait:
        # generous: on a busy machine the first run of a page can take most of a minute
        page.wait_for_selector(wait, timeout=90_000)
    # the run finished and its images settled: a dialog or an onerror would have fired
    wait_app_idle(page, 90_000)


def sidebar_dates(page) -> str:
    return page.evaluate(f"() => {DATES_JS}")


def goto_page(page, title: str, wait: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    settle(page, wait)


def injected(page) -> list[str]:
    found = []
    for frame in page.frames:
        for selector in INJECTED:
            for html in frame.locator(selector).evaluate_all(
                    "els => els.map(e => e.outerHTML.slice(0, 120))"):
                found.append(f"{frame.url} {selector}: {html}")
    # Streamlit's own <script> elements carry a src; anything inline mentioning alert is ours
    return [f for f in found if "alert" in f or "javascript" in f.lower() or "src=\"x\"" in f]


def check_clean(page, dialogs, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"pages-{name}.png"), full_page=True)
    assert dialogs == [], dialogs
    assert injected(page) == []
    assert page.blocked_assets() == [], [b.url for b in page.blocked_assets()]
    assert page.unexpected_errors() == []


def test_xss_article_is_inert_on_every_page(page, app_url, dialogs):
    page.goto(app_url)
    settle(page, "iframe")

    goto_page(page, "Events", '[data-testid="stDataFrame"]')
    assert "4 events" in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    check_clean(page, dialogs, "events")
    grid = page.locator('[data-testid="stDataFrame"]')
    grid.hover()
    page.mouse.wheel(1400, 0)  # scroll the table to the evidence column
    next_paint(page)
    check_clean(page, dialogs, "events-evidence")

    goto_page(page, "Articles", ".cm-reader")
    head = page.locator(".cm-article-head")
    assert "Shelling in Idlib <script>alert('title')</script>" in head.inner_text()
    assert head.locator("a").count() == 0  # the javascript: URL is text, never a link
    reader = page.locator(".cm-reader")
    assert "<script>alert('xss')</script>" in reader.inner_text()
    assert "<img src=x onerror=alert('img')>" in reader.inner_text()
    marks = reader.locator("mark.cm-mark")
    assert marks.count() >= 6
    assert page.locator("li[id^='event-']").count() == 3
    # a highlight links to its event's entry, which exists on the page
    page.screenshot(path=str(SCREENSHOTS / "pages-articles-top.png"))
    target = marks.first.locator("a").get_attribute("href")
    assert target.startswith("#event-") and page.locator(target).count() == 1
    marks.first.locator("a").click()
    page.wait_for_function("t => location.hash === t", arg=target, timeout=10_000)
    check_clean(page, dialogs, "articles")

    goto_page(page, "Map", "iframe")
    frame = page.frame_locator("iframe").first
    markers = frame.locator(".leaflet-overlay-pane path.leaflet-interactive")
    frame.locator(".leaflet-overlay-pane path.leaflet-interactive, "
                  ".leaflet-marker-pane .cm-ring-icon").first.wait_for(timeout=20_000)
    texts = []

    def read_popups() -> None:
        for i in range(markers.count()):
            # dispatched: the legend (now with its keys) may cover a marker
            markers.nth(i).dispatch_event("click")
            popup = frame.locator(".leaflet-popup-content").last
            try:
                popup.wait_for(timeout=3_000)
            except PlaywrightTimeout:  # not a marker (or under another): next
                continue
            texts.append(popup.inner_text())
            assert popup.locator("script, img, svg").count() == 0
            if "onerror=alert('img')" in texts[-1]:
                next_paint(page)
                page.screenshot(path=str(SCREENSHOTS / "pages-map-popup-xss.png"))
            # dispatched: on a narrow map the expanded layer control may cover the button
            frame.locator(".leaflet-popup-close-button").last.dispatch_event("click")
            expect(frame.locator(".leaflet-popup")).to_have_count(0)

    read_popups()
    if not any("<img src=x onerror=alert('img')>" in t for t in texts):
        # the hostile event is stacked with others in a ring, or its marker was not drawn
        # yet when the markers were counted (a busy machine): open its popup the way a click
        # does, through markercluster's zoomToShowLayer, or on the map itself; wait until
        # the layer that carries it exists
        live = next(f for f in page.frames if f.locator(".leaflet-container").count())
        live.wait_for_function("""() => { const want = "onerror=alert('img')";
            const has = m => { const p = m.getPopup && m.getPopup();
                               return p && String(p.getContent()).includes(want); };
            for (const k of Object.keys(window)) {
                const g = window[k];
                if (!g) { continue; }
                if (typeof g.zoomToShowLayer === "function") {
                    for (const m of g.getLayers()) {
                        if (has(m)) { g.zoomToShowLayer(m, () => m.openPopup()); return true; } }
                } else if (typeof g.eachLayer === "function" && g._container) {
                    let hit = null;
                    g.eachLayer(m => { if (!hit && has(m)) { hit = m; } });
                    if (hit) { hit.openPopup(); return true; } } }
            return false; }""", timeout=20_000)
        popup = frame.locator(".leaflet-popup-content", has_text="onerror=alert('img')").last
        popup.wait_for(timeout=20_000)
        texts.append(popup.inner_text())
        assert popup.locator("script, img, svg").count() == 0
    assert any("<img src=x onerror=alert('img')>" in t for t in texts), texts
    wait_app_idle(page, 30_000)
    check_clean(page, dialogs, "map-popup")


def test_ingest_upload_report_and_timeline(page, app_url, dialogs, tmp_path):
    page.goto(app_url)
    settle(page, "iframe")
    goto_page(page, "Ingest", "[role=tab]")
    page.get_by_role("tab", name="Upload files").click()
    upload = tmp_path / "<img src=x onerror=alert('name')>.json"
    upload.write_text(json.dumps({
        "title": "<script>alert('json')</script>",
        "text": "Turkish troops clashed with Syrian forces near Saraqib on Friday "
                "<img src=x onerror=alert('json-img')>.",
        "published": "2020-02-20", "url": "javascript:alert('json-url')"}))
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
        [str(upload), str(bad)])
    # both uploaded (a chip offers "Remove", not "Cancel upload"), and the rerun done
    expect(page.locator('[data-testid="stFileChip"] [aria-label^="Remove "]')).to_have_count(
        2, timeout=15_000)
    settle(page)
    page.get_by_role("button", name="Ingest files").click()
    settle(page, '[data-testid="stDataFrame"]')
    alert = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "1 file(s) read, 1 rejected" in alert
    check_clean(page, dialogs, "ingest")

    goto_page(page, "Timeline", '[data-testid="stVegaLiteChart"]')
    before = sidebar_dates(page)
    assert before == "2020-02-01 2020-02-29"
    # one step at a time: each step reruns the app, and a key pressed during a rerun
    # may be taken by the slider of the run before
    for day in (2, 3, 4):
        thumb = page.locator('[data-testid="stSlider"] input[type=range]').first
        thumb.focus()
        thumb.press("ArrowRight")
        page.wait_for_function(f"() => ({DATES_JS}) === '2020-02-0{day} 2020-02-29'",
                               timeout=15_000)
        # the date input shows the new run's value; its caption comes later in the run
        settle(page)
    # the range chosen on the timeline is the sidebar's date filter, on every page
    caption = page.locator('[data-testid="stCaptionContainer"]').first
    expect(caption).to_contain_text("2020-02-04 – 2020-02-29", timeout=15_000)
    # dragging across the chart (Vega's interval brush) sets it too
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    box = page.locator('[data-testid="stVegaLiteChart"] canvas, '
                       '[data-testid="stVegaLiteChart"] svg').first.bounding_box()
    y = box["y"] + box["height"] * 0.3
    page.mouse.move(box["x"] + box["width"] * 0.08, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    page.mouse.up()
    page.wait_for_function(f"() => ({DATES_JS}) !== '2020-02-04 2020-02-29'", timeout=15_000)
    settle(page)
    since, until = sidebar_dates(page).split()
    assert "2020-02-04" <= since <= "2020-02-14" <= until < "2020-02-29", (since, until)
    assert chart.is_visible()  # the Friday 14th's event is still in range
    page.screenshot(path=str(SCREENSHOTS / "pages-timeline-brushed.png"))
    check_clean(page, dialogs, "timeline")


def test_a_first_deep_link_lands_on_the_entry_page(page, app_url, dialogs):
    """A fresh server's first request for /events runs the entry script, not the page
    alone (Streamlit's legacy pages/ mode), and shows the dashboard, not a KeyError."""
    page.goto(f"{app_url}/events")
    settle(page, '[data-testid="stSidebarNav"]')
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stDateInput"]',
                           timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    goto_page(page, "Events", '[data-testid="stDataFrame"]')
    assert page.locator('[data-testid="stException"]').count() == 0
