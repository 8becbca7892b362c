"""Benchmark article extraction: articles per second on one core, and peak memory.

    .venv/bin/python bench/extract.py [--articles 300] [--fake | --chain]

Two workloads, both ~600 words an article, one process (one core):
- ``seed``: the seed article (~640 words) again and again — geocoder answers cached;
- ``varied``: synthetic reports built from sentence templates with a different set
  of real place names in every article, so most lookups miss the caches.
Uses the built offline gazetteer (data/gazetteer.sqlite) unless ``--fake`` is given;
``--chain``: the configured geocoder chain (``geo.geocoding.open_geocoder``) around it, as
``python -m geo extract`` does (each mention also read with the window of text around it).
Prints a table; the target is >= 50 articles/s/core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geo.articles import article_from_text, read_article  # noqa: E402

TEMPLATES = (
    "{adj} forces shelled the town of {p1} on {wd}, killing {n} civilians and wounding "
    "{m} others, local officials said.",
    "Residents of {p1} said the bombardment began before dawn and lasted for several hours, "
    "damaging a school, a bakery and dozens of homes in the eastern districts.",
    "In {p2}, hundreds of protesters rallied outside the governor's office on {wd} to demand "
    "the release of detained activists, witnesses said.",
    "Police fired tear gas to disperse the crowd after some demonstrators threw stones at "
    "security vehicles parked near the main square.",
    "A drone strike hit a vehicle near {p3} late on {wd}, killing {n} people, according to a "
    "statement from the provincial health office.",
    "The {adj} army said it had recaptured several villages north of {p3} after two days of "
    "heavy fighting with armed groups in the area.",
    "Gunmen abducted {n} aid workers on the road between {p1} and {p2} in {month}, the "
    "organisation said, adding that contact with the team had been lost.",
    "Officials in {p2} arrested {m} men suspected of smuggling weapons across the border, "
    "the interior ministry said in a statement on {wd}.",
    "The foreign minister held talks with his counterpart in {p4} on {wd} and called for an "
    "immediate ceasefire and the opening of humanitarian corridors.",
    "Analysts said the fighting had displaced more than {big} people since {month}, many of "
    "whom were sheltering in schools and mosques with little access to clean water.",
    "Aid agencies warned that food prices had doubled in recent weeks and that the approach "
    "of the rainy season would make many roads impassable for trucks.",
    "Clashes erupted overnight in the southern outskirts of {p4} between rival factions, "
    "leaving at least {n} fighters dead, a security source said.",
)
ADJ = ("Syrian", "Sudanese", "Ethiopian", "Malian", "Nigerian", "Ukrainian", "Russian",
       "Somali", "Yemeni", "Congolese")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "June", "September", "November", "December")


def place_pool(geocoder, limit: int = 5000) -> list[str]:
    names = []
    if hasattr(geocoder, "iter_names") and type(geocoder).__name__ != "FakeGazetteer":
        for name, _folded in geocoder.iter_names(min_population=100_000):
            if name.isascii() and name[:1].isupper() and " " not in name.strip() \
                    and len(name) > 3:
                names.append(name)
            if len(names) >= limit * 3:
                break
    else:
        names = [p[0] for p in geocoder.places_table if p[4] not in ("PCLI",)]
    random.Random(7).shuffle(names)
    return names[:limit]


def synthetic_articles(n: int, pool: list[str], words: int = 600):
    rng = random.Random(42)
    published = dt.date(2024, 3, 16)
    out = []
    for i in range(n):
        places = {f"p{k}": rng.choice(pool) for k in range(1, 5)}
        parts, count = [], 0
        while count < words:
            s = rng.choice(TEMPLATES).format(
                adj=rng.choice(ADJ), wd=rng.choice(WEEKDAYS), month=rng.choice(MONTHS),
                n=rng.randint(2, 30), m=rng.randint(2, 40), big=rng.randint(2, 90) * 1000,
                **places)
            parts.append(s)
            count += len(s.split())
        body = f"{places['p1'].upper()} (Wire) - " + "\n\n".join(
            " ".join(parts[j:j + 3]) for j in range(0, len(parts), 3))
        out.append(article_from_text(body, title=f"Report {i}",
                                     metadata={"published": published, "url": f"bench:{i}"}))
    return out


def run(articles, geocoder) -> tuple[float, int]:
    from geo.extract import extract_events

    t0 = time.process_time()
    events = sum(len(extract_events(a, geocoder)) for a in articles)
    return time.process_time() - t0, events


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--fake", action="store_true", help="use the fake gazetteer")
    ap.add_argument("--chain", action="store_true",
                    help="use the geocoder chain, as `python -m geo extract` does")
    args = ap.parse_args(argv)

    if args.fake:
        from fakes import PLACES, FakeGazetteer

        geocoder = FakeGazetteer()
        geocoder.places_table = PLACES
    elif args.chain:
        from geo.geocoding import open_geocoder

        geocoder = open_geocoder()
    else:
        from geo.gazetteer import OfflineGazetteer

        geocoder = OfflineGazetteer()
    from geo.extract import extract_events
    from geo.extract.lexicon import default_lexicon

    seed = read_article(ROOT / "seeds" / "000_04e7ac960a2816e0.txt")
    t0 = time.perf_counter()
    default_lexicon()
    extract_events(seed, geocoder)
    cold = time.perf_counter() - t0

    pool = place_pool(getattr(geocoder, "gazetteer", geocoder))
    varied = synthetic_articles(args.articles, pool)
    words = sum(len(a.text.split()) for a in varied) / len(varied)

    rows = []
    cpu, events = run([seed] * args.articles, geocoder)
    rows.append(("seed (cached lookups)", len(seed.text.split()), args.articles, cpu, events))
    cpu, events = run(varied, geocoder)
    rows.append(("varied (fresh names)", round(words), len(varied), cpu, events))

    print(f"geocoder: {type(geocoder).__name__}; first article incl. loading: {cold * 1000:.0f} ms")
    print(f"{'workload':24} {'words':>5} {'articles':>8} {'cpu s':>7} {'art/s/core':>10} "
          f"{'ms/art':>7} {'events':>7}")
    for name, w, n, cpu, ev in rows:
        print(f"{name:24} {w:5} {n:8} {cpu:7.2f} {n / cpu:10.1f} {cpu / n * 1000:7.2f} {ev:7}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
