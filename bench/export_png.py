"""Seconds per PNG export of a briefing, with a cold and a warm browser.

    .venv/bin/python bench/export_png.py [--events N] [--repeat R]

Cold: a new Chromium is started (and closed) for each export, as the CLI does.
Warm: one BrowserPool is reused, as the Streamlit page does (its first, launching
export is left out). Each figure is the median of R runs, for 1280x720 and
1920x1080 at scale 1, on N synthetic events (default 300) over Syria; the HTML
(assets inlined) is built once per size, and its build time is printed apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from geo.briefing import make_spec, render_briefing_html  # noqa: E402
from geo.filters import EventFilter  # noqa: E402
from geo.png import BrowserPool, render_png  # noqa: E402
from geo.record import FIELDS  # noqa: E402
from geo.taxonomy import TYPE_NAMES  # noqa: E402

SIZES = ((1280, 720), (1920, 1080))


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    places = [("Idlib", 35.93, 36.63), ("Aleppo", 36.20, 37.16), ("Homs", 34.73, 36.71),
              ("Hama", 35.13, 36.75), ("Deir ez-Zor", 35.34, 40.14), ("Raqqa", 35.95, 39.01),
              ("Daraa", 32.62, 36.10), ("Latakia", 35.52, 35.78)]
    rows = []
    for i in range(n):
        name, lat, lon = rng.choice(places)
        rows.append(dict(
            event_id=f"bench-{i}", event_type=rng.choice(TYPE_NAMES), location=name,
            latitude=lat + rng.uniform(-0.3, 0.3), longitude=lon + rng.uniform(-0.3, 0.3),
            geo_precision=1, country="Syria", country_code="SYR", origin="article",
            event_date=pd.Timestamp("2020-02-01") + pd.Timedelta(days=rng.randrange(29)),
            fatalities=rng.choice([None, 0, 1, 3, 10]),
        ))
    return pd.DataFrame(rows).reindex(columns=list(FIELDS))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    frame = synthetic_events(args.events)
    made = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    print(f"{args.events} events, median of {args.repeat} runs (seconds per PNG)")
    print(f"{'size':>10}  {'html build':>10}  {'cold':>6}  {'warm':>6}")
    with BrowserPool() as pool:
        pool.start()
        for width, height in SIZES:
            spec = make_spec(frame, EventFilter(), made_at=made, width=width, height=height)
            build = timed(lambda: render_briefing_html(frame, spec, assets="inline"))
            html = render_briefing_html(frame, spec, assets="inline")
            cold = [timed(lambda: render_png(html, width=width, height=height))
                    for _ in range(args.repeat)]
            render_png(html, width=width, height=height, browser=pool)  # warm-up
            warm = [timed(lambda: render_png(html, width=width, height=height, browser=pool))
                    for _ in range(args.repeat)]
            print(f"{width}x{height:<5}  {build:>10.2f}  {statistics.median(cold):>6.2f}  "
                  f"{statistics.median(warm):>6.2f}")
        print(f"browsers launched by the warm pool: {pool.launches}")


if __name__ == "__main__":
    main()
