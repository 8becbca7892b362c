"""Why UCDP exact places miss 25 km with the gazetteer alone: one class per miss.

    .venv/bin/python -m bench.ucdp_misses [GAZETTEER] [--examples N]

GAZETTEER defaults to a fresh build in a scratch folder (never data/gazetteer.sqlite,
which the demo fills with UCDP's own places at first start). Each exact-precision event
of ``data/ucdp-ged`` is asked as ``bench.geocode`` asks it (the name with its
containers, the country as context); an answer more than 25 km off is put in one class:

* ``wrong namesake``: a settlement of the same name (exact or loose key) lies within
  25 km of the truth, and another one was chosen;
* ``variant within 25 km``: no same-name place, but a settlement within 25 km whose
  name is a spelling variant (loose keys at least 0.75 alike, difflib);
* ``same name, point off``: the answer has the name and lies 25-60 km off, none nearer;
* ``namesake far``: only same-name places more than 60 km off (in or out of the region);
* ``absent``: no place of that name or a variant near the truth (the container answers).

Results go to bench/out/ucdp-misses.json; the counts are printed per country.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from bench.ucdp import FILES, ROOT, exact_places
from geo.gazetteer.fold import fold_name, loose_key
from geo.gazetteer.rank import GeoContext, distance_km
from geo.gazetteer.schema import cell_of

OUT = ROOT / "bench" / "out"
VARIANT_RATIO = 0.75
POINT_OFF_KM = 60.0


def _core(name: str) -> str:
    from geo.geocoding.queries import parse_query

    parsed = parse_query(name)
    if not parsed.heads:
        return name
    return parsed.heads[1] if parsed.descriptor and len(parsed.heads) > 1 else parsed.heads[0]


def _spellings_near(path: Path, lat: float, lon: float, km: float = 25.0) -> list[tuple[str, str]]:
    """(place name, folded spelling) of every settlement spelling within ``km`` (read
    from the file itself: the same answer whichever code version is measured)."""
    cells = {cell_of(lat + dy, lon + dx) for dy in (-0.5, 0, 0.5) for dx in (-0.5, 0, 0.5)}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            f"SELECT p.name, n.folded_name, p.latitude, p.longitude FROM places p JOIN names n "
            f"ON n.place_id = p.id WHERE p.precision = 1 AND p.cell IN ({','.join('?' * len(cells))})",
            tuple(cells)).fetchall()
    finally:
        conn.close()
    return [(name, folded) for name, folded, la, lo in rows if distance_km(lat, lon, la, lo) <= km]


def classify(gaz, chain, gold) -> tuple[str, dict]:
    ctx = GeoContext(country_codes=(gold.country_code,))
    loc = chain.geocode(gold.query, context=ctx)
    km = distance_km(gold.latitude, gold.longitude, loc.latitude, loc.longitude) if loc else 1e9
    info = {"query": gold.query, "km": round(km, 1),
            "answer": loc.raw.get("name") if loc else None,
            "backend": loc.raw.get("backend") if loc else None}
    if km <= 25:
        return "hit", info
    core = _core(gold.name)
    folded = fold_name(core)
    key = loose_key(folded)
    same, variant = [], []
    for name, spelling in _spellings_near(gaz.path, gold.latitude, gold.longitude):
        nk = loose_key(spelling)
        if spelling == folded or nk == key:
            same.append(name)
        elif difflib.SequenceMatcher(None, key, nk).ratio() >= VARIANT_RATIO:
            variant.append(name)
    if same:
        info["near"] = same[:3]
        return "wrong namesake", info
    if variant:
        info["near"] = variant[:3]
        return "variant within 25 km", info
    named = [c for c in gaz.candidates(core, context=ctx, limit=50)
             if c.country_code == gold.country_code and c.precision == 1]
    if named:
        nearest = min(distance_km(gold.latitude, gold.longitude, c.latitude, c.longitude)
                      for c in named)
        info["nearest_same_km"] = round(nearest, 1)
        return ("same name, point off" if nearest <= POINT_OFF_KM else "namesake far"), info
    return "absent", info


def run(gazetteer: Path, examples: int) -> dict:
    from geo.gazetteer import OfflineGazetteer
    from geo.geocoding.chain import GeocoderChain

    gaz = OfflineGazetteer(path=gazetteer)
    chain = GeocoderChain(gaz)
    out: dict = {}
    for cc in FILES:
        classes: Counter = Counter()
        shown: dict[str, list] = defaultdict(list)
        for gold in exact_places(cc):
            cls, info = classify(gaz, chain, gold)
            classes[cls] += 1
            if cls != "hit" and len(shown[cls]) < examples:
                shown[cls].append(info)
        out[cc] = {"counts": dict(classes.most_common()), "examples": dict(shown)}
    return out


def main(argv: list[str]) -> None:
    examples = 8
    if "--examples" in argv:
        i = argv.index("--examples")
        examples = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if argv:
        path = Path(argv[0])
    else:
        from geo.gazetteer.build import build_gazetteer

        path = Path(tempfile.mkdtemp(prefix="bench-misses-")) / "pristine.sqlite"
        build_gazetteer(path)
    result = run(path, examples)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ucdp-misses.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    for cc, row in result.items():
        total = sum(row["counts"].values())
        misses = total - row["counts"].get("hit", 0)
        print(f"{cc}: {total} events, {misses} misses")
        for cls, n in row["counts"].items():
            if cls != "hit":
                print(f"   {cls:24} {n:5}  {n / misses:6.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
