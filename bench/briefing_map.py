"""bench/briefing_map: the offline base map, the briefing and the dashboard map,
measured in Debian's Chromium with every non-local request refused.

    .venv/bin/python -m bench.briefing_map [--out bench/out/briefing-map] [--big 100000]
                                           [--no-dashboard] [--no-briefings]
                                           [--only syria-all,seed]

1. The demo store (what the dashboard loads on first start: the UCDP extracts in
   data/ucdp-ged/ and the seed articles), in a scratch SQLite file with a scratch
   copy of the gazetteer (DATABASE_URL / CONFLICTMAP_GAZETTEER point at them).
2. Briefings 1920x1080 of Syria Jan–Feb 2019, of Syria (all) and of the seed
   articles' events: PNG and PDF written to --out; per page: overlapping name
   boxes (from the page), the events' extent as a share of the map frame, default
   markercluster bubbles present or not, and the share of Syria's neighbours and
   major cities (gazetteer: population >= 400,000) that Tesseract reads in the PNG.
3. --big synthetic events (default 10^5) over Syria: PNG seconds (cold browser, as
   the CLI) and the standalone HTML's size. Targets: < 10 s, < 3 MB.
4. The real dashboard (streamlit run dashboard.py): first map render on a fresh
   page (navigation → markers and names drawn), target < 3 s, and screenshots at
   three zooms. The payload at 10^6 events is bench/dashboard.py's figure.

Needs tesseract-ocr (apt-get install tesseract-ocr) for the OCR figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NEIGHBOURS = ("Turkey", "Lebanon", "Israel", "Jordan", "Iraq")
MAJOR_POPULATION = 400_000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


def major_cities(gazetteer: Path) -> list[str]:
    from geo.map.place_names import label_text

    con = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
    rows = con.execute("SELECT name, ascii FROM places WHERE country_code3 = 'SYR' AND "
                       "feature_class = 'P' AND population >= ? AND source NOT LIKE 'learned:%'",
                       (MAJOR_POPULATION,)).fetchall()
    con.close()
    return sorted({label_text(n, a) for n, a in rows})


def ocr_words(png: Path) -> str:
    if not shutil.which("tesseract"):
        return ""
    out = subprocess.run(["tesseract", str(png), "-", "--psm", "11"], capture_output=True,
                         text=True, timeout=120).stdout
    return fold(out)


PAGE_FIGURES = """() => {
  const slot = document.querySelector('#cm-map-slot').getBoundingClientRect();
  const names = Array.from(document.querySelectorAll('.cm-name')).map(el => {
    const r = el.getBoundingClientRect(); return [el.textContent, r.left, r.top, r.right, r.bottom];
  });
  const marks = Array.from(document.querySelectorAll(
      '.leaflet-marker-pane .leaflet-marker-icon, .leaflet-overlay-pane path.leaflet-interactive'))
    .map(el => el.getBoundingClientRect()).filter(r => r.width > 0);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  marks.forEach(r => { const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
    x0 = Math.min(x0, cx); y0 = Math.min(y0, cy); x1 = Math.max(x1, cx); y1 = Math.max(y1, cy); });
  return {names: names, slot: [slot.left, slot.top, slot.right, slot.bottom],
          extent: marks.length ? [x0, y0, x1, y1] : null,
          defaultClusters: document.querySelectorAll(
            '.marker-cluster-small, .marker-cluster-medium, .marker-cluster-large').length};
}"""


def overlaps(names) -> int:
    return sum(1 for a, b in itertools.combinations(names, 2)
               if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5)


def briefing_figures(browser, html: str, png_path: Path) -> dict:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else r.abort())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.html"
        path.write_text(html, encoding="utf-8")
        page.goto(path.as_uri())
        page.wait_for_function("window.cmMapReady === true", timeout=60_000)
        fig = page.evaluate(PAGE_FIGURES)
        page.screenshot(path=str(png_path))
    context.close()
    slot = fig["slot"]
    area = (slot[2] - slot[0]) * (slot[3] - slot[1])
    ext = fig["extent"]
    fig["span_w"] = (ext[2] - ext[0]) / (slot[2] - slot[0]) if ext else 0
    fig["span_h"] = (ext[3] - ext[1]) / (slot[3] - slot[1]) if ext else 0
    fig["span_area"] = (ext[2] - ext[0]) * (ext[3] - ext[1]) / area if ext else 0
    fig["overlaps"] = overlaps(fig["names"])
    return fig


def ensure_demo_store(workdir: Path) -> str:
    url = f"sqlite:///{workdir / 'demo.sqlite'}"
    os.environ["DATABASE_URL"] = url
    gaz = workdir / "gazetteer.sqlite"
    if not gaz.exists():
        shutil.copyfile(ROOT / "data" / "gazetteer.sqlite", gaz)
    os.environ["CONFLICTMAP_GAZETTEER"] = str(gaz)
    from geo.demo import ensure_demo
    from geo.geocoding import open_geocoder
    from geo.store import Store

    store = Store(url)
    if store.count_events() == 0:
        started = time.perf_counter()
        ensure_demo(store, open_geocoder())
        print(f"demo store built in {time.perf_counter() - started:.1f} s")
    print(f"demo store: {store.count_events():,} events ({url})")
    store.dispose()
    return url


def briefings(out: Path, browser, only: set[str] | None = None) -> None:
    from geo import settings
    from geo.briefing import export_bytes, make_spec, render_briefing_html
    from geo.filters import EventFilter, filter_events
    from geo.store import Store

    frame = Store().load_frame()
    cities = major_cities(settings.gazetteer_path())
    cases = {
        "syria-2019-jan-feb": (EventFilter(countries=("SYR",), since=dt.date(2019, 1, 1),
                                           until=dt.date(2019, 2, 28)), "Syria, Jan–Feb 2019"),
        "syria-all": (EventFilter(countries=("SYR",)), "Syria 2016–2019"),
        "seed": (EventFilter(origins=("article",)), "Seed articles"),
    }
    made = dt.datetime(2026, 12, 2, 5, 0, tzinfo=dt.timezone.utc)
    print("\nbriefing 1920x1080          events  names  overlaps  span w/h/area     "
          "default-clusters  OCR neighbours  OCR cities")
    for key, (flt, title) in cases.items():
        if only and key not in only:
            continue
        events = filter_events(frame, flt)
        spec = make_spec(events, flt, made_at=made, title=title)
        html = render_briefing_html(events, spec, assets="inline")
        png = out / f"briefing-{key}.png"
        fig = briefing_figures(browser, html, png)
        (out / f"briefing-{key}.pdf").write_bytes(export_bytes("pdf", events, spec))
        words = ocr_words(png)
        nb = [n for n in NEIGHBOURS if fold(n) in words]
        ct = [c for c in cities if fold(c) in words]
        syria = key.startswith("syria")
        print(f"  {key:24} {len(events):7,} {len(fig['names']):6} {fig['overlaps']:9}  "
              f"{fig['span_w']:.0%}/{fig['span_h']:.0%}/{fig['span_area']:.0%}"
              f"{'':8}{fig['defaultClusters']:8}      "
              + (f"{len(nb)}/{len(NEIGHBOURS)} {len(nb) / len(NEIGHBOURS):.0%}    "
                 f"{len(ct)}/{len(cities)} {len(ct) / len(cities):.0%}" if syria and words else "-"))
        if syria and words:
            print(f"      not read: {sorted(set(NEIGHBOURS) - set(nb)) + sorted(set(cities) - set(ct))}")
    print(f"  major cities (population >= {MAJOR_POPULATION:,}): {', '.join(cities)}")


def big_export(n: int, out: Path) -> None:
    from bench.export_png import synthetic_events
    from geo.briefing import export_bytes, make_spec
    from geo.filters import EventFilter

    events = synthetic_events(n)
    spec = make_spec(events, EventFilter(), made_at=dt.datetime(2026, 12, 2), title="Big")
    started = time.perf_counter()
    html = export_bytes("html", events, spec)
    html_s = time.perf_counter() - started
    started = time.perf_counter()
    png = export_bytes("png", events, spec)
    png_s = time.perf_counter() - started
    (out / f"briefing-{n}.png").write_bytes(png)
    print(f"\n{n:,} synthetic events: HTML {len(html) / 1e6:.2f} MB in {html_s:.1f} s "
          f"(target < 3 MB); PNG (cold browser, as the CLI) {png_s:.1f} s (target < 10 s)")


def dashboard(out: Path, browser, workdir: Path) -> None:
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(workdir / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"], cwd=ROOT, env=dict(os.environ),
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)

        def open_map():
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url
                       or r.request.url.startswith(("data:", "blob:", "about:")) else r.abort())
            started = time.perf_counter()
            page.goto(base)
            frame = None
            while time.perf_counter() - started < 120:
                for f in page.frames:
                    try:
                        drawn = f.evaluate("""() => { const c = document.querySelector(
                            '.leaflet-container'); return !!c && !!c.querySelector(
                            '.leaflet-marker-icon, .leaflet-overlay-pane path.leaflet-interactive')
                            && (!c.querySelector('.leaflet-cmnames-pane')
                                || c.classList.contains('cm-names-ready')); }""")
                    except Exception:  # noqa: BLE001 - a frame navigating away
                        drawn = False
                    if drawn:
                        frame = f
                        break
                if frame:
                    break
                page.wait_for_timeout(50)
            return context, page, frame, time.perf_counter() - started

        context, page, frame, _ = open_map()  # warms the server caches
        context.close()
        times = []
        for _ in range(3):
            context, page, frame, took = open_map()
            times.append(took)
            if len(times) < 3:
                context.close()
        times.sort()
        print(f"\ndashboard first map render (fresh page → markers and names drawn): "
              f"median {times[1]:.2f} s of {', '.join(f'{t:.2f}' for t in times)} (target < 3 s)")
        if frame is None:
            print("  the map did not appear; see", workdir / "streamlit.log")
            return
        for zoom, centre in ((4, (34.0, 38.5)), (7, (35.6, 36.8)), (10, (35.93, 36.63))):
            frame.evaluate("""([z, c]) => { for (const k of Object.keys(window)) {
                const v = window[k]; if (k.startsWith('map_') && v && v.setView) {
                    v.setView(c, z, {animate: false}); } } }""", [zoom, list(centre)])
            page.wait_for_timeout(1500)
            fig = frame.evaluate("""() => Array.from(document.querySelectorAll('.cm-name'))
                .map(e => { const r = e.getBoundingClientRect();
                            return [e.textContent, r.left, r.top, r.right, r.bottom]; })""")
            page.screenshot(path=str(out / f"dashboard-zoom{zoom}.png"))
            print(f"  zoom {zoom:2}: {len(fig)} names, {overlaps(fig)} overlapping, "
                  f"e.g. {', '.join(f[0] for f in fig[:8])}")
        context.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "briefing-map"))
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--no-dashboard", action="store_true")
    parser.add_argument("--no-briefings", action="store_true")
    parser.add_argument("--only", default="", help="briefings to make, by key "
                        "(syria-2019-jan-feb, syria-all, seed; comma-separated; default all)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    workdir = out / "work"
    workdir.mkdir(exist_ok=True)
    ensure_demo_store(workdir)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        if not args.no_briefings:
            briefings(out, browser, {k.strip() for k in args.only.split(",") if k.strip()})
        if args.big:
            big_export(args.big, out)
        if not args.no_dashboard:
            dashboard(out, browser, workdir)
        browser.close()
    print(f"\nfiles in {out}")


if __name__ == "__main__":
    main()
