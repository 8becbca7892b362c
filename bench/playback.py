"""bench/playback: the server-side cost of one player step at 10^4 / 10^5 / 10^6 events.

SYNTHETIC events (bench/synthetic.py) as the dashboard holds them. Once per filter:
:class:`geo.playback.Playback` sorts the located events (reported apart). Per step:
the step's events sliced and aggregated (:meth:`Playback.step`), its layer built
(:func:`geo.map.playback_layer.playback_group`) and turned into the JavaScript that
streamlit-folium sends to the live map (its own ``_get_feature_group_string``), and
that payload's size. Steps sampled over the whole span, weekly cumulative (the
largest steps), weekly 4-week window and daily. Target: < 300 ms a step at 10^5.

    .venv/bin/python -m bench.playback [--sizes 10000,100000,1000000] [--samples 8]
"""

from __future__ import annotations

import argparse

import folium
from streamlit_folium import _get_feature_group_string

from bench.common import GAZETTEER, machine_note, table, timed, verdict
from bench.dashboard import dashboard_frame
from bench.synthetic import load_places
from geo.map.playback_layer import playback_group
from geo.playback import Playback, PlaybackOptions

TARGET_MS = 300.0
OPTIONS = {"week, cumulative": PlaybackOptions("week", "cumulative"),
           "week, 4-week window": PlaybackOptions("week", "window", 4),
           "day, 1-day window": PlaybackOptions("day", "window", 1)}


def one_step(pb: Playback, index: int, options: PlaybackOptions) -> str:
    step = pb.step(index, options)
    group = playback_group(step.data, label=step.step.label, index=index,
                           note=f"{step.events:,} events")
    return _get_feature_group_string(group, folium.Map(), idx=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    places = load_places(GAZETTEER)
    rows, worst = [], {}
    for n in (int(s) for s in args.sizes.split(",")):
        frame = dashboard_frame(n, places)
        prepare, _, pb = timed(lambda: Playback(frame))
        for label, options in OPTIONS.items():
            count = pb.steps(options)
            picks = sorted({round(i * (count - 1) / max(1, args.samples - 1))
                            for i in range(args.samples)})
            times, sizes = [], []
            for index in picks:
                best, _, js = timed(lambda index=index: one_step(pb, index, options), repeat=2)
                times.append(best)
                sizes.append(len(js.encode()))
            rows.append([f"{n:,}", label, f"{count:,}", f"{len(picks)}",
                         f"{prepare * 1000:.0f}", f"{sum(times) / len(times) * 1000:.0f}",
                         f"{max(times) * 1000:.0f}", f"{max(sizes) / 1e3:.0f}"])
            worst[n] = max(worst.get(n, 0.0), max(times) * 1000)
        del frame
    print("SYNTHETIC events (bench/synthetic.py) —", machine_note())
    print(table(rows, ["events", "steps", "of", "sampled", "sort once ms", "mean step ms",
                       "worst step ms", "largest step kB"]))
    print()
    print(table([[f"{n:,}", f"{w:.0f}", verdict(w, TARGET_MS) if n <= 100_000 else "-"]
                 for n, w in worst.items()],
                ["events", "worst step ms", "< 300 ms at 10^5"]))


if __name__ == "__main__":
    main()
