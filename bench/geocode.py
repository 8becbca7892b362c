"""Geocoding benchmark: speed, cold start, memory, and accuracy on UCDP GED.

    .venv/bin/python -m bench.geocode            # everything (~1-2 min)
    .venv/bin/python -m bench.geocode speed      # warm lookups/s and peak memory only
    .venv/bin/python -m bench.geocode batch      # names/s through `geo geocode --batch --json`

Speed: warm lookups per second over a mixed list of ≥ 5,000 names (UCDP place names
with and without containers, gazetteer names, and made-up misses), in one process,
after one pass that fills the memo; the ratio to geopy's Nominatim at its usage
policy of 1 request/s. Cold start: a fresh ``python -m geo geocode Idlib --json``,
process start to answer. Peak memory: the speed process's maximum resident size.

Accuracy per country on exact-precision events: the share within 25 km and 161 km
and the median error (i) with the gazetteer alone, and (ii) with places learned from
the earlier 80 % of events (by date), tested on the later 20 %. "plain" is the
baseline: the name without its descriptor word, looked up in the gazetteer with the
country known; "name_context" is the chain given the name alone with its country and
region as context; "gazetteer" is the chain given the name with its containers
("X village, Y district, Z Governorate"), as a dataset importer asks.
Batch: the same mixed list written as a CSV, repeated to 120,000 rows (a dataset's place
column repeats its names), once with a ``context`` column (the country's name where the list
has one) and once with ``name`` only, through a fresh ``python -m geo geocode --batch FILE
--json`` whose output is discarded: rows per second of wall time, process start included.
Results also go to bench/out/geocode.json.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.ucdp import FILES, ROOT, GoldPlace, exact_places, time_split
from geo.gazetteer.rank import GeoContext, distance_km

OUT = ROOT / "bench" / "out"
GAZETTEER = ROOT / "data" / "gazetteer.sqlite"
NOMINATIM_RATE = 1.0  # requests per second allowed by its usage policy


def _chain(gazetteer_path: Path):
    from geo.gazetteer import OfflineGazetteer
    from geo.geocoding.chain import GeocoderChain

    return GeocoderChain(OfflineGazetteer(path=gazetteer_path))


# -- speed -------------------------------------------------------------------------
def mixed_names(n: int = 6000, seed: int = 7) -> list[tuple[str, GeoContext | None]]:
    rng = random.Random(seed)
    names: list[tuple[str, GeoContext | None]] = []
    for cc in FILES:
        for g in exact_places(cc):
            names.append((g.name, GeoContext(country_codes=(cc,))))
            names.append((g.query, None))
    import sqlite3

    conn = sqlite3.connect(GAZETTEER)
    names += [(r[0], None) for r in conn.execute(
        "SELECT name FROM names LIMIT 200000")][::97]
    conn.close()
    names += [(f"Qx{rng.randrange(10**6)}zz village", None) for _ in range(n // 10)]
    unique = list(dict.fromkeys(names))
    rng.shuffle(unique)
    return unique[:max(n, 5000)]


def run_speed() -> dict:
    names = mixed_names()
    chain = _chain(GAZETTEER)
    t = time.perf_counter()
    found = sum(chain.geocode(q, context=c) is not None for q, c in names)
    first = time.perf_counter() - t
    rounds, t = 20, time.perf_counter()
    for _ in range(rounds):
        for q, c in names:
            chain.geocode(q, context=c)
    warm = time.perf_counter() - t
    rate = rounds * len(names) / warm
    return {
        "names": len(names), "hits": found, "misses": len(names) - found,
        "first_pass_per_s": round(len(names) / first),
        "warm_per_s": round(rate),
        "ratio_to_nominatim_1rps": round(rate / NOMINATIM_RATE),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


COUNTRY_NAMES = {"SYR": "Syria", "MMR": "Myanmar", "CAF": "Central African Republic"}


def write_batch(path: Path, rows: int, *, context: bool) -> int:
    """The mixed list as a batch CSV of ``rows`` rows (repeated in order)."""
    import csv

    names = mixed_names()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "context"] if context else ["name"])
        for i in range(rows):
            q, c = names[i % len(names)]
            if context:
                out.writerow([q, COUNTRY_NAMES.get(c.country_codes[0], "") if c else ""])
            else:
                out.writerow([q])
    return rows


def run_batch(rows: int = 120_000, runs: int = 2) -> dict:
    out: dict = {"rows": rows}
    tmp = Path(tempfile.mkdtemp(prefix="geocode-batch-"))
    try:
        for label, context in (("with_context", True), ("name_only", False)):
            path = tmp / f"{label}.csv"
            write_batch(path, rows, context=context)
            cmd = [sys.executable, "-m", "geo", "geocode", "--batch", str(path), "--json"]
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
                times.append(time.perf_counter() - t)
            out[label] = {"best_s": round(min(times), 2), "per_s": round(rows / min(times))}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def cold_start(runs: int = 3) -> dict:
    cmd = [sys.executable, "-m", "geo", "geocode", "Idlib", "--json"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return {"cli_cold_start_s": round(min(times), 3), "cli_cold_start_median_s": round(
        statistics.median(times), 3)}


# -- accuracy ----------------------------------------------------------------------
def score(answers: list[tuple[GoldPlace, object]]) -> dict:
    errors = []
    for gold, loc in answers:
        errors.append(float("inf") if loc is None else
                      distance_km(gold.latitude, gold.longitude, loc.latitude, loc.longitude))
    n = len(errors)
    found = [e for e in errors if e != float("inf")]
    backends: dict[str, int] = {}
    for _gold, loc in answers:
        if loc is not None:
            b = loc.raw.get("backend", "gazetteer")
            backends[b] = backends.get(b, 0) + 1
    return {
        "by_backend": {k: round(v / n, 3) for k, v in sorted(backends.items())} if n else {},
        "events": n,
        "answered": round(len(found) / n, 3) if n else None,
        "within_25km": round(sum(e <= 25 for e in errors) / n, 3) if n else None,
        "within_161km": round(sum(e <= 161 for e in errors) / n, 3) if n else None,
        "median_km": round(statistics.median(errors), 1) if n else None,
    }


def plain(gaz, gold: GoldPlace):
    """The baseline: the name without its descriptor word, no containers, country known."""
    from geo.geocoding.queries import parse_query

    parsed = parse_query(gold.name)
    if not parsed.heads:
        return None
    core = parsed.heads[1] if parsed.descriptor and len(parsed.heads) > 1 else parsed.heads[0]
    return gaz.geocode(core, context=GeoContext(country_codes=(gold.country_code,)))


def chained(chain, gold: GoldPlace):
    return chain.geocode(gold.query, context=GeoContext(country_codes=(gold.country_code,)))


def name_in_context(chain, gold: GoldPlace):
    """The name alone (no containers in the text), its country and region as context."""
    ctx = GeoContext(country_codes=(gold.country_code,), admin1=(gold.adm_1,) if gold.adm_1 else ())
    return chain.geocode(gold.name, context=ctx)


def learn(gazetteer_path: Path, train: list[GoldPlace], gaz) -> str:
    """Add the training events' places to a gazetteer copy as learned places."""
    from geo.gazetteer.extend import LearnedPlace, add_learned_places
    from geo.geocoding.queries import parse_query

    rows, seen = [], set()
    for g in train:
        parsed = parse_query(g.name)
        if not parsed.heads:
            continue
        core = parsed.heads[1] if parsed.descriptor and len(parsed.heads) > 1 else parsed.heads[0]
        key = (core, round(g.latitude, 3), round(g.longitude, 3))
        if key in seen:
            continue
        seen.add(key)
        region = gaz.admin1_place(g.country_code, g.adm_1) if g.adm_1 else None
        rows.append(LearnedPlace(core, g.latitude, g.longitude,
                                 region.name if region else g.adm_1 or None, g.adm_2 or None,
                                 g.country_code, f"learned:ucdp-{g.country_code.lower()}"))
    return str(add_learned_places(gazetteer_path, rows))


def run_accuracy() -> dict:
    from geo.gazetteer import OfflineGazetteer

    from geo.gazetteer.build import build_gazetteer

    out: dict = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench-geocode-"))
    # (i) is "the gazetteer alone": a fresh build from the registry packages, never the
    # working data/gazetteer.sqlite, which may already have learned these very places;
    # and without the places the build learns from the shipped UCDP Syria extract
    # (geo/gazetteer/ucdp_places.py): those are the events scored here
    pristine = tmp / "pristine.sqlite"
    build_gazetteer(pristine, learned=[])
    gaz = OfflineGazetteer(path=pristine)
    chain = _chain(pristine)
    try:
        for cc in FILES:
            places = exact_places(cc)
            train, test = time_split(places)
            row = {
                "plain_all": score([(g, plain(gaz, g)) for g in places]),
                "name_context_all": score([(g, name_in_context(chain, g)) for g in places]),
                "gazetteer_all": score([(g, chained(chain, g)) for g in places]),
                "gazetteer_test20": score([(g, chained(chain, g)) for g in test]),
            }
            copy = tmp / f"gaz-{cc}.sqlite"
            shutil.copyfile(pristine, copy)
            row["learned_report"] = learn(copy, train, gaz)
            learned = _chain(copy)
            row["learned_test20"] = score([(g, chained(learned, g)) for g in test])
            learned.close()
            out[cc] = row
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _print(results: dict) -> None:
    s = results.get("speed")
    if s:
        print(f"speed: {s['names']} names ({s['hits']} hits, {s['misses']} misses); "
              f"first pass {s['first_pass_per_s']:,}/s; warm {s['warm_per_s']:,} lookups/s "
              f"= {s['ratio_to_nominatim_1rps']:,}x Nominatim at 1 req/s; "
              f"peak RSS {s['peak_rss_mb']} MB")
    c = results.get("cold")
    if c:
        print(f"cold start (python -m geo geocode Idlib --json): best {c['cli_cold_start_s']} s, "
              f"median {c['cli_cold_start_median_s']} s")
    b = results.get("batch")
    if b:
        for label in ("with_context", "name_only"):
            print(f"batch CLI ({label}, {b['rows']:,} rows, --json): {b[label]['best_s']} s "
                  f"= {b[label]['per_s']:,} names/s")
    acc = results.get("accuracy")
    if acc:
        print(f"\n{'country':7} {'set':18} {'events':>6} {'answered':>8} {'<=25km':>7} "
              f"{'<=161km':>7} {'median km':>9}")
        for cc, row in acc.items():
            for key in ("plain_all", "name_context_all", "gazetteer_all", "gazetteer_test20",
                        "learned_test20"):
                r = row[key]
                mix = ", ".join(f"{b} {v:.0%}" for b, v in r["by_backend"].items())
                print(f"{cc:7} {key:18} {r['events']:6} {r['answered']:8.1%} "
                      f"{r['within_25km']:7.1%} {r['within_161km']:7.1%} {r['median_km']:9.1f}"
                      f"  {mix}")
            print(f"{cc:7} learned: {row['learned_report']}")


def main(argv: list[str]) -> None:
    what = argv[0] if argv else "all"
    if what == "speed":
        print(json.dumps(run_speed()))
        return
    results: dict = {}
    if what in ("all", "perf"):
        child = subprocess.run([sys.executable, "-m", "bench.geocode", "speed"], cwd=ROOT,
                               check=True, capture_output=True, text=True)
        results["speed"] = json.loads(child.stdout.strip().splitlines()[-1])
        results["cold"] = cold_start()
    if what in ("all", "perf", "batch"):
        results["batch"] = run_batch()
    if what in ("all", "accuracy"):
        results["accuracy"] = run_accuracy()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "geocode.json").write_text(json.dumps(results, indent=2))
    _print(results)


if __name__ == "__main__":
    main(sys.argv[1:])
