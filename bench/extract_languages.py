"""Benchmark the extractor per language: speed, share of expected events found, and how
many place names the gazetteer knows in their original script.

    .venv/bin/python bench/extract_languages.py [--repeat 20] [--fixture FILE]

``--fixture bench/lang_fresh.yaml``: articles written after the data was frozen
(an out-of-sample figure; the default file is the tests' own, in-sample).

Reads only the project's own test articles (tests/fixtures/lang_articles.yaml, written
for the tests) and the built gazetteer (data/gazetteer.sqlite). Per language it prints:
- articles/s over ``--repeat`` passes (one core; geocoder caches warm after pass one), by
  the wall clock and by this process's CPU time (steadier on a shared machine);
- found: expected events matched by type, date and place (within 20 km of a place of
  the expected name), and extra events (neither expected nor context);
- script coverage: of the language's place table, the share whose original spelling
  the gazetteer alone resolves to the same place: its Latin index (fold_name
  transliterates Cyrillic with unidecode) or its original-script names
  (geo.gazetteer.script_names; a case form such as "Харкові" is not a name there).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from geo.articles import article_from_text  # noqa: E402
from geo.extract import extract  # noqa: E402
from geo.geocoding import open_geocoder  # noqa: E402
from geo.extract.language import profile_for  # noqa: E402
from geo.extract.language_places import _accepted  # noqa: E402
from geo.gazetteer.script_names import script_key, script_of  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "lang_articles.yaml"


def km(a, b) -> float:
    (la1, lo1), (la2, lo2) = a, b
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    return 6371 * math.hypot(x, math.radians(la2 - la1))


def near(gaz, name, lat, lon) -> bool:
    if lat is None:
        return False
    return any(km((lat, lon), (w.latitude, w.longitude)) < 20
               for w in gaz.geocode(name, exactly_one=False) or [])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--misses", action="store_true",
                    help="after each language, list the expected events missed and the extras")
    args = ap.parse_args()
    gaz = open_geocoder()
    data = yaml.safe_load(args.fixture.read_text(encoding="utf-8"))
    print(f"{'lang':5} {'articles':>8} {'art/s':>8} {'cpu art/s':>9} {'found':>9} {'extra':>6} "
          f"{'script coverage':>16}")
    for lang, cases in data.items():
        arts = [article_from_text(c["text"], metadata={"published": str(c["published"])})
                for c in cases]
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.repeat):
            results = [extract(a, gaz) for a in arts]
        rate = args.repeat * len(arts) / (time.perf_counter() - t0)
        cpu_rate = args.repeat * len(arts) / max(1e-9, time.process_time() - c0)
        want = found = extra = 0
        listed = []
        for n, (case, res) in enumerate(zip(cases, results), 1):
            expected = [tuple(e) for e in case["events"]]
            want += len(expected)
            hit = set()
            for e in res.events:
                k = next((i for i, (t, p, d) in enumerate(expected) if i not in hit
                          and e.event_type == t and e.event_date == d
                          and near(gaz, p, e.latitude, e.longitude)), None)
                if k is None:
                    extra += 1
                    listed.append(f"  {lang} #{n} extra: {e.event_type}, {e.location}, "
                                  f"{e.event_date} ({e.evidence[:70]!r})")
                else:
                    hit.add(k)
            found += len(hit)
            listed += [f"  {lang} #{n} missed: {t}, {p}, {d}"
                       for i, (t, p, d) in enumerate(expected) if i not in hit]
        prof = profile_for(lang)
        forms = [(f, n) for f, n in prof.places]
        known = 0
        countries = {c for _, c in prof.place_country if c}
        for form, name in forms:
            loc = gaz.geocode(form, exactly_one=True)
            ok = loc is not None and near(gaz, name, loc.latitude, loc.longitude)
            if not ok and script_of(form):  # the gazetteer's original-script names
                rec = _accepted(gaz.gazetteer.script_places(script_key(form)), countries)
                ok = rec is not None and near(gaz, name, rec.latitude, rec.longitude)
            known += ok
        print(f"{lang:5} {len(arts):8d} {rate:8.1f} {cpu_rate:9.1f} {found:4d}/{want:<4d} {extra:6d} "
              f"{known:7d}/{len(forms):<4d}({100 * known / max(1, len(forms)):.0f} %)")
        if args.misses:
            print("\n".join(listed))


if __name__ == "__main__":
    main()
