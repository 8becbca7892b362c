"""bench/scale: a million SYNTHETIC events through the store and the dashboard path.

Measures, for N synthetic events (bench/synthetic.py; default 1,000,000):
import time (``Store.upsert_frame`` into an empty store), re-import of 10 %
(idempotent updates), the store's size, the cold load (the database read into
Arrow/pandas and the snapshot written), and — in a fresh process, as a
dashboard restart — the warm load from the Arrow snapshot, the time from each
filter change to the map's data, the payload, and that process's peak memory.
Targets: import < 60 s, filter < 300 ms, payload < 3 MB, memory < 2 GB.

    .venv/bin/python -m bench.scale [-n 1000000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import FILTERS, GAZETTEER, ROOT, machine_note, peak_rss_mb, table, timed, \
    verdict


def dashboard_process(url: str, snapshots: str) -> None:
    """A dashboard's work in a fresh process; prints its figures as JSON."""
    from geo.filters import filter_events
    from geo.map.aggregate import aggregate_for_map
    from geo.map.builder import build_aggregate_map, map_payload
    from geo.snapshot import load_events_frame
    from geo.store import Store

    store = Store(url)
    load_s, _, frame = timed(lambda: load_events_frame(store, directory=Path(snapshots)))
    out = {"load_s": load_s, "filters": {}}
    for label, flt in FILTERS.items():
        _, median, data = timed(lambda flt=flt: aggregate_for_map(filter_events(frame, flt)),
                                repeat=3)
        render_s, _, html = timed(lambda data=data: map_payload(build_aggregate_map(data)))
        out["filters"][label] = [median, render_s, len(html.encode()), data.kind]
    out["frame_mb"] = frame.memory_usage(deep=True).sum() / 1e6
    out["peak_mb"] = peak_rss_mb()
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    parser.add_argument("--dashboard-process", nargs=2, metavar=("URL", "SNAPSHOTS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dashboard_process:
        return dashboard_process(*args.dashboard_process)

    from bench.synthetic import load_places, synthetic_events
    from geo.snapshot import write_snapshot, snapshot_path
    from geo.store import Store

    work = Path(tempfile.mkdtemp(prefix="conflictmap-bench-"))
    url = args.database_url or f"sqlite:///{work / 'events.sqlite'}"
    gen_s, _, frame = timed(lambda: synthetic_events(args.n, load_places(GAZETTEER)))
    store = Store(url)
    import_s, _, report = timed(lambda: store.upsert_frame(frame))
    assert report.added == args.n, report
    part = frame.sample(frac=0.1, random_state=1)
    update_s, _, again = timed(lambda: store.upsert_frame(part))
    assert again.updated == len(part) and store.count_events() == args.n
    del frame, part
    size_mb = _store_size_mb(store)
    version_s, _, version = timed(store.version, repeat=5)
    cold_s, _, table_ = timed(store.load_table)
    snap_s, _, path = timed(lambda: write_snapshot(
        table_, snapshot_path(store, version, directory=work / "snapshots")))
    del table_
    bench_peak = peak_rss_mb()
    store.dispose()
    child = subprocess.run([sys.executable, "-m", "bench.scale", "--dashboard-process", url,
                            str(work / "snapshots")], cwd=ROOT, capture_output=True, text=True,
                           check=True)
    dash = json.loads(child.stdout.strip().splitlines()[-1])
    worst_filter = max(v[0] for v in dash["filters"].values()) * 1000
    worst_payload = max(v[2] for v in dash["filters"].values()) / 1e6
    print(f"{args.n:,} SYNTHETIC events (bench/synthetic.py) on {store.dialect} — {machine_note()}")
    rows = [
        ["generate synthetic events", f"{gen_s:.1f} s", "", ""],
        ["import (upsert_frame, empty store)", f"{import_s:.1f} s", "< 60 s",
         verdict(import_s, 60)],
        ["re-import 10 % (updates)", f"{update_s:.1f} s", "", ""],
        ["store size", f"{size_mb:,.0f} MB", "", ""],
        ["store.version()", f"{version_s * 1000:.0f} ms", "", ""],
        ["cold load (database → Arrow)", f"{cold_s:.1f} s", "", ""],
        ["write Arrow snapshot", f"{snap_s:.1f} s ({path.stat().st_size / 1e6:,.0f} MB)", "",
         ""],
        ["dashboard load (snapshot → pandas)", f"{dash['load_s']:.2f} s", "", ""],
        ["loaded frame in memory", f"{dash['frame_mb']:,.0f} MB", "", ""],
        ["worst filter → map data", f"{worst_filter:.0f} ms", "< 300 ms",
         verdict(worst_filter, 300)],
        ["worst map payload", f"{worst_payload:.2f} MB", "< 3 MB", verdict(worst_payload, 3)],
        ["dashboard process peak memory", f"{dash['peak_mb']:,.0f} MB", "< 2048 MB",
         verdict(dash["peak_mb"], 2048)],
        ["benchmark process peak memory", f"{bench_peak:,.0f} MB", "", ""],
    ]
    print(table(rows, ["measure", "value", "target", ""]))
    print()
    print(table([[k, f"{v[0] * 1000:.0f}", f"{v[1] * 1000:.0f}", f"{v[2] / 1e6:.2f}", v[3]]
                 for k, v in dash["filters"].items()],
                ["filter", "filter→map data ms", "render ms", "payload MB", "sent as"]))
    if not args.database_url:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _store_size_mb(store) -> float:
    from sqlalchemy import text

    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            path = store.engine.url.database
            return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p)) / 1e6
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar() / 1e6


if __name__ == "__main__":
    main()
