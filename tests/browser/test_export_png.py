"""PNG and standalone-HTML exports of a briefing, drawn by Debian's Chromium.

The PNG has the size asked for, is not blank, and its legend shows the colour
of every event type on the map; the standalone HTML, opened with every request
refused, draws the map, the outlines and the markers.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from geo.briefing import export_bytes, make_spec, render_briefing_html, type_counts
from geo.filters import EventFilter
from geo.png import BrowserPool, chromium_problem, render_png
from geo.taxonomy import colour_for

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
Image = pytest.importorskip("PIL.Image")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
MADE = dt.datetime(2026, 11, 28, 14, 5, tzinfo=dt.timezone.utc)
MARKERS = ".leaflet-overlay-pane path.leaflet-interactive"


@pytest.fixture(scope="module")
def pool():
    import os

    if problem := chromium_problem():
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    with BrowserPool() as p:
        yield p


@pytest.fixture
def frame(store, sample_events) -> pd.DataFrame:
    store.upsert_events(sample_events)
    return store.load_frame()


def briefing(frame, *, width, height, scale=1):
    spec = make_spec(frame, EventFilter(), made_at=MADE, title="Test briefing",
                     width=width, height=height, scale=scale)
    return spec, render_briefing_html(frame, spec, assets="inline")


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _has_colour(image, rgb, tolerance: int = 4) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], rgb))
               for _, pixel in image.getcolors(maxcolors=1 << 20))


def _legend_box(page, html: str, width: int, height: int) -> dict:
    """Where the legend is drawn in a window of the PNG's size (CSS pixels)."""
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(html)
    page.wait_for_function("window.cmMapReady === true", timeout=20_000)
    return page.locator("#cm-legend").bounding_box()


@pytest.mark.parametrize("width, height, scale", [(1280, 720, 1), (1920, 1080, 1),
                                                  (1280, 720, 2)])
def test_png_has_the_size_asked_for_and_shows_the_legend_colours(
        pool, page, frame, width, height, scale):
    spec, html = briefing(frame, width=width, height=height, scale=scale)
    png = render_png(html, width=width, height=height, scale=scale, browser=pool)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (width * scale, height * scale) == spec.pixel_size
    SCREENSHOTS.mkdir(exist_ok=True)
    image.save(SCREENSHOTS / f"test_briefing_{width}x{height}@{scale}x.png")

    # not blank: many colours, a real spread of brightness
    grey = image.convert("L")
    histogram = grey.histogram()
    pixels = sum(histogram)
    mean = sum(i * n for i, n in enumerate(histogram)) / pixels
    variance = sum(n * (i - mean) ** 2 for i, n in enumerate(histogram)) / pixels
    assert variance > 100, variance
    assert len(image.getcolors(maxcolors=1 << 20)) > 50

    # the legend area holds every present type's colour
    box = _legend_box(page, html, width, height)
    assert box and box["width"] > 50 and box["height"] > 30
    legend = image.crop(tuple(round(v * scale) for v in (
        box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"])))
    present = list(type_counts(frame))
    assert present == ["Battles", "Strategic developments", "Diplomacy"]
    for name in present:
        assert _has_colour(legend, _rgb(colour_for(name))), name
    absent = colour_for("Protests")
    assert not _has_colour(legend, _rgb(absent))


def test_warm_pool_reuses_one_browser(pool, frame):
    _, html = briefing(frame, width=640, height=360)
    before = pool.launches
    for _ in range(2):
        render_png(html, width=640, height=360, browser=pool)
    assert pool.launches == max(before, 1)


def test_standalone_html_draws_with_every_request_refused(page, frame):
    _, html = briefing(frame, width=1280, height=720)
    page.set_viewport_size({"width": 1000, "height": 700})  # another screen: scaled to fit
    page.set_content(html)
    page.wait_for_selector(".leaflet-container", timeout=20_000)
    page.wait_for_selector(".cm-countries-ready", state="attached", timeout=20_000)
    page.wait_for_function("window.cmMapReady === true", timeout=20_000)
    assert page.evaluate("window.cmMapReadyReason") == "drawn"
    markers = page.locator(MARKERS)
    # events stacked at one point are one ring with their count (fanned out on click)
    rings = page.locator(".cm-ring-icon .cm-ring")
    stacked = sum(int(rings.nth(i).inner_text()) for i in range(rings.count()))
    assert rings.count() >= 1 and markers.count() + stacked == 5
    fills = {markers.nth(i).get_attribute("fill") for i in range(markers.count())}
    ring_styles = " ".join(rings.nth(i).get_attribute("style") for i in range(rings.count()))
    fills |= {c for c in (colour_for(t) for t in type_counts(frame)) if c in ring_styles}
    assert fills == {colour_for(t) for t in type_counts(frame)}
    assert page.locator(".leaflet-cmcountries-pane path").count() > 200
    assert page.locator(".cm-place-label").count() == 3
    # a lean page: no icon font, Bootstrap or jQuery inlined (the legend has swatches)
    assert page.evaluate("typeof window.jQuery") == "undefined"
    assert len(html) < 3_000_000
    assert "Test briefing" in page.locator("#cm-title").inner_text()
    assert page.blocked == []  # it asked for nothing at all
    assert page.unexpected_errors() == []


EXIT_SCRIPT = """
import atexit, sys
sys.path.insert(0, {root!r})
from geo.png import BrowserPool
pool = BrowserPool()
atexit.register(pool.close)  # what a page used to do: too late at interpreter exit
page = ("<div class='leaflet-container cm-countries-ready' style='width:50px;height:50px'>x"
        "</div><script>window.cmMapReady = true</script>")
print(len(pool.render(page, width=200, height=200)) > 100)
"""


def test_a_warm_pool_left_open_exits_cleanly(tmp_path):
    import subprocess
    import sys

    from tests.browser.conftest import ROOT

    script = tmp_path / "exit.py"
    script.write_text(EXIT_SCRIPT.format(root=str(ROOT)))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr
    assert "Traceback" not in done.stderr and "cannot schedule" not in done.stderr


def test_pdf_is_one_page_of_the_briefing(pool, frame):
    spec, _ = briefing(frame, width=1280, height=720)
    pdf = export_bytes("pdf", frame, spec, browser=pool)
    assert pdf.startswith(b"%PDF-")
    assert b"/Count 1" in pdf and b"/Count 2" not in pdf  # one page
    # the page is the frame's size: 1280 x 720 CSS px = 960 x 540 pt
    assert b"960 540" in pdf.replace(b"]", b" ") or b"/MediaBox [0 0 960 540" in pdf


def test_png_says_its_print_resolution(pool, frame):
    import struct

    spec, _ = briefing(frame, width=640, height=360, scale=2)
    png = export_bytes("png", frame, spec, browser=pool)
    at = png.index(b"pHYs")
    ppm_x, ppm_y, unit = struct.unpack(">IIB", png[at + 4:at + 13])
    assert unit == 1 and ppm_x == ppm_y and round(ppm_x * 0.0254) == 192
    assert struct.unpack(">II", png[16:24]) == (1280, 720)
