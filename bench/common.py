"""Shared plumbing of the benchmarks: timing, memory, tables, the filters measured."""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from geo.filters import EventFilter

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "data" / "gazetteer.sqlite"

# What an analyst changes in the sidebar; the map's data is measured after each.
FILTERS: dict[str, EventFilter] = {
    "no filter": EventFilter(),
    "one year": EventFilter(since=dt.date(2022, 1, 1), until=dt.date(2022, 12, 31)),
    "Syria, Battles": EventFilter(countries=("SYR",), event_types=("Battles",)),
    "actor": EventFilter(actors=("Military Forces of Ukraine",)),
    "text 'battles'": EventFilter(text="battles"),
    "settlements, 3 types": EventFilter(max_geo_precision=1, event_types=(
        "Battles", "Protests", "Riots")),
}


def timed(fn: Callable, *, repeat: int = 1):
    """(best seconds, median seconds, last result) over ``repeat`` runs."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux: ``VmHWM`` of /proc/self/status (``ru_maxrss`` survives fork + exec, so a
    child started by a big parent would report the parent's peak); elsewhere
    ``ru_maxrss``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_note() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load} (figures scale with load)"


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def verdict(value: float, target: float) -> str:
    return "ok" if value < target else "OVER"
