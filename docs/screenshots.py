"""Make the README's screenshots: every page of the dashboard, in Chromium, offline.

    .venv/bin/python docs/screenshots.py [--out docs/screenshots]

A scratch store gets what a first start loads (the seed articles and the UCDP GED
demo extracts; the gazetteer is a scratch copy, so nothing in data/ changes), the
dashboard starts on a free 127.0.0.1 port, and Debian's Chromium opens each page
with every non-local request blocked. The article pages show the seed's events
(``?origin=article`` and its months); ``map-ucdp-cells.png`` shows all 25,000+ events as the
server-side grid cells. Each shot is taken once the page has drawn (Streamlit idle,
the page's own element present).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IDLE_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""
SEED = "origin=article&since=2019-12-01&until=2020-03-01"
# file name, URL path and query, the element that says the page has drawn
SHOTS = [
    ("map-seed.png", f"/?{SEED}", "iframe"),
    ("map-ucdp-cells.png", "/", "iframe"),
    ("events.png", f"/events?{SEED}", '[data-testid="stDataFrame"]'),
    ("timeline.png", f"/timeline?{SEED}", '[data-testid="stVegaLiteChart"], .vega-embed'),
    ("articles.png", f"/articles?{SEED}", ".cm-reader"),
    ("briefing.png", f"/briefing?{SEED}", "iframe"),
    ("review.png", f"/review?{SEED}", '[data-testid="stMain"] h1'),
    ("ingest.png", "/ingest", '[data-testid="stTabs"], [data-baseweb="tab-list"]'),
]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("streamlit did not start")


def _fill(store_url: str, gazetteer: Path) -> None:
    from geo.demo import ensure_demo
    from geo.gazetteer import OfflineGazetteer
    from geo.store import Store

    store = Store(store_url)
    if store.count_events() == 0:
        print(ensure_demo(store, OfflineGazetteer(path=gazetteer), learn_to=gazetteer).summary())
    store.dispose()


def _map_drawn(page) -> None:
    """The map iframe's Leaflet has drawn its markers or cells."""
    for _ in range(600):
        for frame in page.frames:
            if frame.locator(".leaflet-container path, .leaflet-marker-icon, "
                             ".marker-cluster").count():
                return
        page.wait_for_timeout(100)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="conflictmap-shots-"))
    gazetteer = scratch / "gazetteer.sqlite"
    shutil.copyfile(ROOT / "data" / "gazetteer.sqlite", gazetteer)
    store_url = f"sqlite:///{scratch / 'events.sqlite'}"
    os.environ["CONFLICTMAP_GAZETTEER"] = str(gazetteer)
    _fill(store_url, gazetteer)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": store_url}
    log = open(scratch / "streamlit.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py",
                             "--server.port", str(port), "--server.headless", "true"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        _wait_healthy(base, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                (base, "data:", "blob:", "about:")) else r.abort())
            for name, path, ready in SHOTS:
                page.goto(base + path)
                page.wait_for_selector(ready, timeout=120_000)
                page.wait_for_function(IDLE_JS, timeout=120_000)
                if ready == "iframe":
                    _map_drawn(page)
                page.wait_for_timeout(1500)  # let fonts, charts and the map settle
                page.screenshot(path=str(args.out / name), full_page=False)
                print(f"{args.out / name}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
