"""How long the dashboard takes to show its first map, in Chromium, at 10^5..10^7 events.

    .venv/bin/python -m bench.firstrender                 # 100,000 and 1,000,000 events
    .venv/bin/python -m bench.firstrender 10000000        # any sizes (10^7: a 3 GB CSV, ~20 min import)
    .venv/bin/python -m bench.firstrender --in-memory 10000000   # the page's server work only

``--in-memory N``: no store, no browser — the 1M store's snapshot repeated (new ids)
to N rows as one Arrow table, then what a dashboard run does with it, step by step
(snapshot → DataFrame, the default filter, the grid cells, the folium map), with the
process's peak memory: where 10^7 breaks on one machine without a 20-minute import.

Per size: a store of N real-shaped UCDP rows (bench/out/ucdp-*.csv from
``bench.ucdp_million``, imported with ``geo import ucdp`` into bench/out/firstrender-N/,
kept for the next run), then Debian's Chromium (headless, every non-local request
refused) on ``python -m geo serve`` (what ``make run`` starts: ``streamlit run
dashboard.py`` with the code and the store's events loaded before the first browser asks):

- **first start**: no snapshot yet — server start to the map's first marker or cell;
- **restart**: a new server, the snapshot there — server start to the first map;
- **after a store change**: the server running, one event upserted (as an ingested
  article does), the page reloaded — reload to the first map.

Times are wall-clock on whatever the machine is doing; the load average is printed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.ucdp_million import OUT, ROOT, make

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# the map's first event drawn: a marker, a cell's ring (a marker icon) or a vector path
MAP_DRAWN_JS = """() => [...document.querySelectorAll('iframe')].some(f => {
    try { return !!(f.contentDocument && f.contentDocument.querySelector(
              '.leaflet-marker-pane .leaflet-marker-icon, path.leaflet-interactive')); }
    catch (e) { return false; } })"""


def store_of(rows: int) -> Path:
    folder = OUT / f"firstrender-{rows}"
    db = folder / "store.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        csv = make(rows)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", "import", "ucdp", str(csv), "--no-learn"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        print(f"  store of {rows:,} events imported in {time.perf_counter() - t:.0f} s")
    return db


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = _port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", "serve", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("streamlit exited")
        try:
            with opener.open(url + "/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.1)  # polling the server's health, not waiting for a result
    raise SystemExit("streamlit did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def first_map(page, url: str | None = None, timeout_s: float = 180) -> float:
    t = time.perf_counter()
    if url:
        page.goto(url)
    else:
        page.reload()
    page.wait_for_function(MAP_DRAWN_JS, timeout=timeout_s * 1000, polling=100)
    return time.perf_counter() - t


def one_more_event(db: Path) -> None:
    from geo.record import Event
    from geo.store import Store

    import datetime as dt
    store = Store(f"sqlite:///{db}")
    store.upsert_events([Event(event_id=f"bench:{time.time_ns()}", event_type="Battles",
                               sub_event_type="Armed clash", event_date=dt.date(2019, 6, 1),
                               latitude=35.9, longitude=36.6, location="Idlib",
                               geo_precision=1, origin="manual")])
    store.dispose()


def measure(rows: int, browser) -> dict:
    db = store_of(rows)
    shutil.rmtree(db.with_name(db.name + ".snapshots"), ignore_errors=True)
    out = {"rows": rows}
    for label in ("first_start", "restart"):
        t = time.perf_counter()
        proc, url = start_server(db)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("http://127.0.0.1", "data:", "blob:", "about:")) else r.abort())
            first_map(page, url)
            out[label] = round(time.perf_counter() - t, 1)
            if label == "restart":
                one_more_event(db)
                out["after_change"] = round(first_map(page), 1)
            context.close()
        finally:
            stop(proc)
    return out


def in_memory(rows: int) -> None:
    import resource

    import pyarrow as pa
    import pyarrow.compute as pc

    from geo import snapshot
    from geo.aggregate import aggregate_for_map
    from geo.credits import dataset_credits
    from geo.filters import EventFilter, filter_events
    from geo.mapview import build_map
    from geo.store import Store
    from geo.store_bulk import table_to_frame

    db = store_of(1_000_000)
    base = snapshot.load_events_table(Store(f"sqlite:///{db}"))
    copies, have = [], 0
    while have < rows:
        part = base.slice(0, min(base.num_rows, rows - have))
        ids = pc.binary_join_element_wise(part["event_id"], pa.scalar(f"#{len(copies)}"), "")
        copies.append(part.set_column(part.schema.get_field_index("event_id"), "event_id", ids))
        have += part.num_rows
    table = pa.concat_tables(copies)
    print(f"{table.num_rows:,} events as Arrow ({table.nbytes / 2**30:.1f} GiB)")

    def step(label, fn):
        t = time.perf_counter()
        out = fn()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        print(f"  {label:<28} {time.perf_counter() - t:6.2f} s   peak RSS {rss:5.1f} GiB",
              flush=True)
        return out

    frame = step("snapshot -> DataFrame", lambda: table_to_frame(table))
    shown = step("default filter", lambda: filter_events(frame, EventFilter()))
    cells = step("grid cells", lambda: aggregate_for_map(shown))
    step("credits + folium map", lambda: build_map(
        shown, cells=cells if cells.kind == "cells" else None,
        credits=dataset_credits(shown)).get_root().render())
    print(f"  load average {os.getloadavg()[0]:.1f}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--in-memory"]:
        in_memory(int(argv[1]) if len(argv) > 1 else 10_000_000)
        return
    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            print(f"{'events':>11} {'first start':>12} {'restart':>8} {'after change':>13}  load")
            for rows in sizes:
                r = measure(rows, browser)
                print(f"{r['rows']:>11,} {r['first_start']:>10} s {r['restart']:>6} s "
                      f"{r['after_change']:>11} s  {os.getloadavg()[0]:.1f}", flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
