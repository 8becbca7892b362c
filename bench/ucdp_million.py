"""A million real-shaped UCDP GED rows, and their import timed.

    .venv/bin/python -m bench.ucdp_million make [ROWS]     # bench/out/ucdp-1m.csv (default 1,000,000)
    .venv/bin/python -m bench.ucdp_million import [ROWS]   # `geo import ucdp` of it into a fresh store

The shipped Syria extract (data/ucdp-ged/ged_syria_2016-2019.csv.gz) replicated:
copy k gets the ids ``id + k * 10**8`` (so every row is a new event), everything else
as shipped. Written to bench/out/ (git-ignored), never committed. ``import`` runs the
CLI (as a user would: learning places) in a fresh process into a scratch SQLite store
and a scratch copy of the gazetteer and prints the
wall time, its CPU time (user + system: comparable on a busy machine), the
load average and the process's peak resident memory (from ``/usr/bin/time``-style
``resource.getrusage`` of the child).
"""

from __future__ import annotations

import csv
import gzip
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SYRIA = ROOT / "data" / "ucdp-ged" / "ged_syria_2016-2019.csv.gz"


def make(rows: int = 1_000_000, path: Path | None = None) -> Path:
    path = path or OUT / f"ucdp-{rows // 1000}k.csv"
    if path.exists():
        return path
    with gzip.open(SYRIA, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        body = list(reader)
    at = header.index("id")
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        written, copy = 0, 0
        while written < rows:
            for row in body[:rows - written]:
                row = list(row)
                row[at] = str(int(row[at]) + copy * 10**8)
                out.writerow(row)
            written += min(len(body), rows - written)
            copy += 1
    tmp.replace(path)
    return path


def run_import(rows: int = 1_000_000) -> dict:
    path = make(rows)
    tmp = Path(tempfile.mkdtemp(prefix="ucdp-import-"))
    try:
        shutil.copyfile(ROOT / "data" / "gazetteer.sqlite", tmp / "gazetteer.sqlite")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'store.sqlite'}",
               "CONFLICTMAP_GAZETTEER": str(tmp / "gazetteer.sqlite")}
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "geo", "import", "ucdp", str(path)], cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - t
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
        if done.returncode:
            raise SystemExit(done.stderr[-2000:])
        last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        return {"rows": rows, "seconds": round(seconds, 1), "cpu_s": round(cpu, 1),
                "peak_mb": round(peak), "load": round(os.getloadavg()[0], 1),
                "summary": last}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str]) -> None:
    what = argv[0] if argv else "import"
    rows = int(argv[1]) if len(argv) > 1 else 1_000_000
    if what == "make":
        print(make(rows))
    else:
        r = run_import(rows)
        print(f"geo import ucdp, {r['rows']:,} rows: {r['seconds']} s wall, {r['cpu_s']} s CPU, "
              f"peak {r['peak_mb']} MB, load {r['load']}"
              f" — {r['summary']}")


if __name__ == "__main__":
    main(sys.argv[1:])
