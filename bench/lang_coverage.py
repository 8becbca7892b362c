"""How many conflict places are found in their original script, from the per-language
place table, the gazetteer before this change and the gazetteer after it.

    .venv/bin/python bench/lang_coverage.py [--places bench/lang_places.csv]

Reads bench/lang_places.csv (places written for this project, one per line: language,
form in the original script, an English name the gazetteer resolves) and the built
gazetteer. For each language it prints, of its places, how many are found:
- table: by data/lang/<code>/places.csv alone;
- gazetteer before: by the gazetteer without original-script names (Arabic script: none;
  Cyrillic: transliterated by unidecode and folded, as the first cut did);
- gazetteer after: by its original-script names (geo.gazetteer.script_names);
- both: table or gazetteer after, as the extractor finds them now.
A form counts when it resolves to a place within 20 km of the English name's place.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extract_languages import near  # noqa: E402
from geo.extract.language import profile_for  # noqa: E402
from geo.extract.language_places import (FALLBACK_POPULATION, _accepted,  # noqa: E402
                                         find_places)
from geo.gazetteer.script_names import script_key, script_of  # noqa: E402
from geo.geocoding import open_geocoder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--places", type=Path, default=ROOT / "bench" / "lang_places.csv")
    args = ap.parse_args()
    gaz = open_geocoder()
    rows = [r for r in csv.DictReader(line for line in args.places.open(encoding="utf-8")
                                      if not line.startswith("#"))]
    print(f"{'lang':5} {'places':>6} {'table':>7} {'gaz before':>11} {'gaz after':>10} {'both':>6}")
    missed: list[str] = []
    for lang in dict.fromkeys(r["lang"] for r in rows):
        prof = profile_for(lang)
        countries = {c for _, c in prof.place_country if c} if prof else set()
        mine = [r for r in rows if r["lang"] == lang]
        table = before = after = both = 0
        for r in mine:
            form, place = r["form"], r["place"]
            hit = find_places(form, prof) if prof else []
            t = bool(hit) and any(_near_name(gaz, m.lookup, place) for m in hit)
            script = script_of(form)
            b = a = False
            if script is None or script == "cyrillic":  # Latin names, or Cyrillic by unidecode
                loc = gaz.geocode(form, exactly_one=True)
                raw = getattr(loc, "raw", None) or {}
                b = loc is not None and near(gaz, place, loc.latitude, loc.longitude) and (
                    script is None or (raw.get("population") or 0) >= FALLBACK_POPULATION)
            if script is not None:
                rec = _accepted(gaz.gazetteer.script_places(script_key(form)), countries)
                a = rec is not None and near(gaz, place, rec.latitude, rec.longitude)
            else:
                a = b  # Latin-script names: the same index before and after
            table, before, after = table + t, before + b, after + a
            both += t or a or b
            if not (t or a or b):
                missed.append(f"{lang} {form} ({place})")
        n = len(mine)
        print(f"{lang:5} {n:6d} {table:7d} {before:11d} {after:10d} {both:6d}  "
              f"({100 * both / n:.0f} %)")
    if missed:
        print("not found:", ", ".join(missed))


def _near_name(gaz, lookup: str, place: str) -> bool:
    loc = gaz.geocode(lookup, exactly_one=True)
    return loc is not None and near(gaz, place, loc.latitude, loc.longitude)


if __name__ == "__main__":
    main()
