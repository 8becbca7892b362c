"""bench/dashboard: from a filter change to the map's data, and the map's bytes.

For 1,000, 100,000 and 1,000,000 SYNTHETIC events (bench/synthetic.py), as the
dashboard holds them (the loaded store's dtypes: categoricals for repeated
text), per filter of :data:`bench.common.FILTERS`: the server-side time of
``filter_events`` + ``aggregate_for_map`` (the map's data ready), the time to
render the folium map, and the rendered HTML's size (the payload).
Targets at 1,000,000: < 300 ms and < 3 MB.

    .venv/bin/python -m bench.dashboard [--sizes 1000,100000,1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt

from bench.common import FILTERS, GAZETTEER, machine_note, peak_rss_mb, table, timed, verdict
from bench.synthetic import load_places, synthetic_events
from geo import store_bulk
from geo.filters import filter_events
from geo.map.aggregate import aggregate_for_map
from geo.map.builder import build_aggregate_map, map_payload

TARGET_MS, TARGET_MB = 300.0, 3.0


def dashboard_frame(n: int, places):
    """n synthetic events with the dtypes :meth:`Store.load_frame` gives."""
    raw = store_bulk.prepare_frame(synthetic_events(n, places))
    storage = store_bulk.storage_table(raw, dt.datetime(2026, 1, 1), dialect="postgresql")
    return store_bulk.table_to_frame(store_bulk.typed_table(storage.drop(["stored_at"])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    places = load_places(GAZETTEER)
    rows, worst = [], {}
    for n in (int(s) for s in args.sizes.split(",")):
        frame = dashboard_frame(n, places)
        for label, flt in FILTERS.items():
            def map_data(flt=flt):
                return aggregate_for_map(filter_events(frame, flt))

            best, median, data = timed(map_data, repeat=args.repeat)
            render_s, _, html = timed(lambda data=data: map_payload(build_aggregate_map(data)))
            mb = len(html.encode()) / 1e6
            rows.append([f"{n:,}", label, f"{data.located:,}", data.kind,
                         f"{len(data.cells) if data.kind == 'cells' else data.located:,}",
                         f"{median * 1000:.0f}", f"{render_s * 1000:.0f}", f"{mb:.2f}"])
            w = worst.setdefault(n, [0.0, 0.0, 0.0])
            worst[n] = [max(w[0], median * 1000), max(w[1], (median + render_s) * 1000),
                        max(w[2], mb)]
        del frame
    print("SYNTHETIC events (bench/synthetic.py) —", machine_note())
    print(table(rows, ["events", "filter", "matching", "sent as", "markers",
                       "filter→map data ms", "render ms", "payload MB"]))
    print()
    summary = [[f"{n:,}", f"{w[0]:.0f}", f"{w[1]:.0f}", f"{w[2]:.2f}",
                verdict(w[0], TARGET_MS) + "/" + verdict(w[2], TARGET_MB)]
               for n, w in worst.items()]
    print(table(summary, ["events", "worst map data ms (<300)", "worst incl. render ms",
                          "worst payload MB (<3)", "targets"]))
    print(f"\npeak memory of this process: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
