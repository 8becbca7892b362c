"""The map's player and the one-event link in headless Chromium (non-local requests
blocked): the date advances and the markers change; ``?event=ID`` in a fresh browser
opens the map on that event with its popup and details."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.store import Store
from tests.browser.test_dashboard_map import keyed, shot
from tests.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
DATE_BOX = ".cm-playback-date"
STEP_MARKERS = "path.cm-playback-marker"
START = dt.date(2020, 1, 6)


@pytest.fixture
def dashboard(streamlit_app, tmp_path):
    """Three weeks: 1 event in the first, 2 more in the second, 3 more in the third."""
    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    store = Store(url)
    found, n = [], 0
    for week, count in enumerate((1, 2, 3)):
        for k in range(count):
            n += 1
            found.append(make_event(n, event_date=START + dt.timedelta(days=7 * week + k),
                                    latitude=35.0 + n * 0.2, longitude=36.0 + n * 0.2,
                                    location=f"Place {n}"))
    store.upsert_events(found)
    store.dispose()
    return streamlit_app(env={"DATABASE_URL": url})


def frame_with(page, selector: str, timeout_ms: int = 60_000):
    """The streamlit-folium iframe once it holds ``selector``."""
    page.wait_for_function(
        """(sel) => [...document.querySelectorAll('iframe')].some(f => {
               try { return !!f.contentDocument.querySelector(sel); } catch (e) { return false; }
           })""", arg=selector, timeout=timeout_ms)
    for frame in page.frames:
        if frame.locator(selector).count():
            return frame
    raise AssertionError(f"no frame with {selector}")


def test_player_steps_the_map(dashboard, page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(dashboard)
    page.get_by_text("Play over time").click()
    frame = frame_with(page, f"{DATE_BOX}[data-step='0']")
    assert frame.locator(DATE_BOX).inner_text().startswith("2020-01-06 – 2020-01-12")
    assert frame.locator(STEP_MARKERS).count() == 1
    # one step forward by hand: the date and the markers change, the map stays
    frame.evaluate("() => { window.cmSameMap = map_div; }")
    keyed(page, "pb_next").locator("button:visible").first.click()
    frame.wait_for_selector(f"{DATE_BOX}[data-step='1']", timeout=30_000)
    assert frame.locator(DATE_BOX).inner_text().startswith("2020-01-06 – 2020-01-19")
    assert frame.locator(STEP_MARKERS).count() == 3
    assert frame.evaluate("() => window.cmSameMap === map_div")  # not rebuilt
    # a moving window of one week shows only that week's events
    page.get_by_text("a moving window").click()
    page.wait_for_function("() => !!document.querySelector('.st-key-pb_window input') "
                           "&& !document.querySelector('.st-key-pb_window input').disabled",
                           timeout=20_000)
    keyed(page, "pb_window").locator("input").fill("1")
    keyed(page, "pb_window").locator("input").press("Enter")
    frame.wait_for_function(
        "() => document.querySelector('.cm-playback-date').textContent"
        ".startsWith('2020-01-13 – 2020-01-19')", timeout=30_000)
    assert frame.locator(STEP_MARKERS).count() == 2
    # Play runs on by itself to the last step, then stops
    keyed(page, "pb_play").locator("button:visible").first.click()
    frame.wait_for_selector(f"{DATE_BOX}[data-step='2']", timeout=30_000)
    assert frame.locator(DATE_BOX).inner_text().startswith("2020-01-20 – 2020-01-26")
    assert frame.locator(STEP_MARKERS).count() == 3
    page.get_by_text("step 3 of 3").wait_for(timeout=20_000)
    shot(page, "playback_step")
    assert page.blocked_assets() == [], [b.url for b in page.blocked_assets()]
    assert page.unexpected_errors() == []


def test_event_link_in_a_fresh_browser(dashboard, browser):
    target = make_event(5).event_id  # Place 5, in the third week
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    try:
        fresh = context.new_page()
        fresh.route("**/*", lambda route: route.continue_()
                    if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                    else route.abort())
        fresh.goto(f"{dashboard}/?event={target}")
        frame = frame_with(fresh, ".leaflet-popup-content")
        popup = frame.locator(".leaflet-popup-content").last.inner_text()
        assert f"Event id: {target}" in popup and "Place 5" in popup
        view = frame.evaluate("() => [map_div.getCenter().lat, map_div.getCenter().lng, "
                              "map_div.getZoom()]")
        assert view[0] == pytest.approx(36.0, abs=0.05)
        assert view[1] == pytest.approx(37.0, abs=0.05) and view[2] == 11
        panel = keyed(fresh, "event_details")
        panel.wait_for(timeout=30_000)
        text = panel.inner_text()
        assert "Place 5" in text and f"{dashboard}/?event={target}" in text  # copy link
        # the popup's "Copy link" button makes the same link
        # (a click that lands while a rerun swaps the map's frame is lost: click the
        # current frame's button again until it has made the link)
        for attempt in range(6):
            frame = frame_with(fresh, ".leaflet-popup-content")
            frame.locator(".leaflet-popup-content .cm-copy-link").last.click()
            try:
                frame.wait_for_function(
                    "() => [...document.querySelectorAll('.cm-copy-link')]"
                    ".some(b => b.getAttribute('data-link'))", timeout=15_000)
                break
            except PlaywrightTimeoutError:
                assert attempt < 5, "the Copy link button never made a link"
        link = frame.evaluate("() => [...document.querySelectorAll('.cm-copy-link')]"
                              ".map(b => b.getAttribute('data-link')).filter(Boolean)[0]")
        assert link == f"{dashboard}/?event={target}"
        shot(fresh, "permalink")
    finally:
        context.close()
