"""bench/trends: the week's trends at 10^6 events, per country and per region.

SYNTHETIC events (bench/synthetic.py) as the dashboard holds them (categoricals),
:func:`geo.trends.weekly_trends` for several weeks spread over the data, at both
levels; also after a sidebar filter (one event type), as the Trends page runs it.
Target: < 1 s per week computed at 1,000,000 events.

    .venv/bin/python -m bench.trends [--sizes 100000,1000000] [--weeks 6] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt

from bench.common import GAZETTEER, machine_note, peak_rss_mb, table, timed, verdict
from bench.dashboard import dashboard_frame
from bench.synthetic import YEARS, load_places
from geo.filters import EventFilter, filter_events
from geo.trends import LEVELS, weekly_trends

TARGET_S = 1.0


def weeks(n: int) -> list[dt.date]:
    """n week starts spread over the synthetic years (after the first year: a full baseline)."""
    first, last = dt.date(YEARS[0] + 1, 1, 7), dt.date(YEARS[1] - 1, 12, 20)
    step = (last - first) / max(1, n - 1)
    return [first + step * i for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--weeks", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    places = load_places(GAZETTEER)
    rows, worst = [], {}
    for n in (int(s) for s in args.sizes.split(",")):
        frame = dashboard_frame(n, places)
        for level in LEVELS:
            for label, flt in (("no filter", None), ("Battles", EventFilter(
                    event_types=("Battles",)))):
                times, areas = [], 0
                for week in weeks(args.weeks):
                    def run(week=week, flt=flt, level=level):
                        events = frame if flt is None else filter_events(frame, flt)
                        return weekly_trends(events, week, level=level)

                    _, median, result = timed(run, repeat=args.repeat)
                    times.append(median)
                    areas = max(areas, len(result))
                rows.append([f"{n:,}", level, label, f"{len(times)}", f"{areas:,}",
                             f"{sum(times) / len(times) * 1000:.0f}",
                             f"{max(times) * 1000:.0f}"])
                worst[n] = max(worst.get(n, 0.0), max(times))
        del frame
    print("SYNTHETIC events (bench/synthetic.py) —", machine_note())
    print(table(rows, ["events", "level", "filter", "weeks", "areas (max)", "mean ms/week",
                       "worst ms/week"]))
    print()
    print(table([[f"{n:,}", f"{w * 1000:.0f}", verdict(w, TARGET_S)] for n, w in worst.items()],
                ["events", "worst ms per week (< 1000)", "target"]))
    print(f"\npeak memory of this process: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
