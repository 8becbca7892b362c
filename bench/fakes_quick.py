"""Quick FA-KES dev-half figures for the event extractor (until bench/extract_real.py).

    .venv/bin/python bench/fakes_quick.py [--limit N] [--dump FILE.json]

Reads ``../shared/eval-dev/fakes/FA-KES.csv`` (bench only; says so and stops when it is
absent). Each credible article (labels = 1) goes through the extractor with its title,
source and date; prints: an event within 100 km of the labelled governorate's capital,
the most frequent event place within it, events per article, and events on the map vs
kept as context. ``--dump`` writes each article's events (id, type, place, date,
fatalities) so that two runs can be compared.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FAKES = ROOT.parent / "shared" / "eval-dev" / "fakes" / "FA-KES.csv"

CAPITALS = {  # governorate label → its capital, as the gazetteer names it
    "aleppo": "Aleppo", "idlib": "Idlib", "damascus": "Damascus", "deir ezzor": "Deir ez-Zor",
    "raqqa": "Raqqa", "homs": "Homs", "hasakeh": "Al-Hasakah", "hama": "Hama",
    "daraa": "Daraa", "quneitra": "Quneitra", "lattakia": "Latakia",
}


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dump")
    args = ap.parse_args(argv)
    if not FAKES.exists():
        print(f"{FAKES} is absent: nothing to measure")
        return 0
    from geo.articles import article_from_text
    from geo.extract import extract
    from geo.geocoding import open_geocoder

    geocoder = open_geocoder()
    caps = {}
    for label, name in CAPITALS.items():
        loc = geocoder.geocode(name + ", Syria")
        caps[label] = (loc.latitude, loc.longitude)
    rows = [r for r in csv.DictReader(FAKES.open(encoding="utf-8")) if r["labels"] == "1"]
    if args.limit:
        rows = rows[:args.limit]
    hit = top = n_events = n_context = 0
    dump = {}
    t0 = time.process_time()
    for r in rows:
        m, d, y = (int(x) for x in r["date"].split("/"))
        art = article_from_text(r["article_content"], title=r["article_title"], metadata={
            "published": dt.date(y, m, d), "source": r["source"], "url": f"fakes:{r['unit_id']}"})
        found = extract(art, geocoder)
        events = found.events
        n_events += len(events)
        n_context += len(found.context)
        cap = caps[r["location"]]
        near = [e for e in events if e.latitude is not None
                and km(cap, (e.latitude, e.longitude)) <= 100]
        hit += bool(near)
        places = Counter(e.location for e in events if e.latitude is not None)
        if places:
            best = places.most_common(1)[0][0]
            e = next(e for e in events if e.location == best)
            top += km(cap, (e.latitude, e.longitude)) <= 100
        dump[r["unit_id"]] = {"gold": r["location"], "events": [
            [e.event_type, e.sub_event_type, e.location, str(e.event_date), e.fatalities,
             e.actor1, e.actor2, e.evidence_start] for e in events],
            "context": [[c.event_type, c.location, str(c.event_date), c.reason, c.evidence_start]
                        for c in found.context], "hit": bool(near)}
    cpu = time.process_time() - t0
    n = len(rows)
    print(f"FA-KES dev half, credible articles: {n}")
    print(f"  governorate hit (event within 100 km): {hit / n:6.1%}")
    print(f"  most frequent place within 100 km:     {top / n:6.1%}")
    print(f"  events per article:                    {n_events / n:6.2f}")
    print(f"  context items per article:             {n_context / n:6.2f}")
    print(f"  articles/s (one core):                 {n / cpu:6.1f}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, indent=0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
