"""Per-article FA-KES rows (governorate hit, most frequent place) to compare two extractor
versions: ``.venv/bin/python -m bench.fakes_rows OUT.json [--against OLD.json]`` prints the
articles whose hits changed. Reads ``../shared/eval-dev`` through ``bench.extract_real``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import extract_real as er


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--against", type=Path)
    args = ap.parse_args(argv)
    docs = [d for d in er.load_fakes() if d.credible == 1]
    res = er.score_fakes(docs, er.run_extractor(docs), er.load_governorates())
    rows = {r["key"]: r for r in res["rows"]}
    args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.against:
        old = json.loads(args.against.read_text(encoding="utf-8"))
        for k, r in rows.items():
            o = old.get(k)
            if o and (o["governorate_hit"], o["top_place_hit"]) != (r["governorate_hit"],
                                                                    r["top_place_hit"]):
                print(f"{k} {r['label']}: gov {o['governorate_hit']}->{r['governorate_hit']} "
                      f"top {o['top_place']}->{r['top_place']} ({o['top_place_hit']}->"
                      f"{r['top_place_hit']}), events {o['events']}->{r['events']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
