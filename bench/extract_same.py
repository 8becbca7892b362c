"""Is the extractor's output unchanged? Dump everything it says, then compare two dumps.

    .venv/bin/python -m bench.extract_same dump bench/out/same-before.json
    .venv/bin/python -m bench.extract_same dump bench/out/same-after.json
    .venv/bin/python -m bench.extract_same compare bench/out/same-before.json bench/out/same-after.json
    .venv/bin/python -m bench.extract_same check bench/out/same-before.json   # dump + compare

For work meant to change speed only (no output): every part must be byte-identical.
The parts (each a list of JSON-able records, compared record by record):

- ``seed-cli``: ``python -m geo extract SEED --json``, its stdout as it is printed;
- ``synthetic``: :func:`geo.extract.extract` (events, context set aside, names not found)
  on the ``varied`` articles of ``bench/extract.py`` (``--synthetic N``, default 120);
- ``languages``: the same on every article of ``tests/fixtures/lang_articles.yaml`` and
  ``bench/lang_fresh*.yaml``;
- ``gold``, ``fakes``: the same on the articles of ``bench.extract_real`` (its gold set and
  the credible FA-KES half), read back from ``.md`` files as ``bench.extract_real`` does;
  the gold score rows (``--rows``) follow from these events;
- ``e2e``: :func:`geo.extract.places_batch.places_of_batch` (what ``places --batch --json``
  prints) on the documents ``bench.geoparse --mode e2e`` sends; its per-corpus figures
  follow from these mentions.

``gold``, ``fakes`` and ``e2e`` need the development data (``../shared/eval-dev``) and are
skipped without it; nothing from it is written into the project (dumps go to bench/out/,
which git ignores). ``--parts a,b`` limits a dump to some parts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SEED = ROOT / "seeds" / "000_04e7ac960a2816e0.txt"
PARTS = ("seed-cli", "synthetic", "languages", "gold", "fakes", "e2e")


def _extraction(result) -> dict:
    return {"events": [e.to_dict() for e in result.events],
            "context": [c.to_dict() for c in result.context],
            "not_found": [[n.start, n.end, n.text, n.reason] for n in result.names_not_found]}


def part_seed_cli() -> list:
    proc = subprocess.run([sys.executable, "-m", "geo", "extract", str(SEED), "--json"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return [proc.stdout]


def part_synthetic(geocoder, n: int) -> list:
    from bench.extract import place_pool, synthetic_articles
    from geo.extract import extract

    return [_extraction(extract(a, geocoder))
            for a in synthetic_articles(n, place_pool(geocoder))]


def part_languages(geocoder) -> list:
    import yaml

    from geo.articles import article_from_text
    from geo.extract import extract

    out = []
    files = [ROOT / "tests" / "fixtures" / "lang_articles.yaml",
             *sorted((ROOT / "bench").glob("lang_fresh*.yaml"))]
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for lang, cases in data.items():
            for i, c in enumerate(cases):
                art = article_from_text(c["text"], metadata={"published": str(c["published"])})
                out.append({"file": path.name, "lang": lang, "case": i,
                            **_extraction(extract(art, geocoder))})
    return out


def _real_docs(which: str):
    from bench import extract_real as er

    if not er.DEV.is_dir():
        return None, None
    if which == "fakes":
        return [d for d in er.load_fakes() if d.credible == 1], None
    gold_dir, _ = er.gold_paths(None, None)
    golds = {g.key: g for g in er.load_gold(None, gold_dir)}
    docs = list({d.key: d for d in reversed(er.load_fakes() + er.load_documents())
                 if d.key in golds and d.credible != 0}.values())
    return docs, {k: g.published for k, g in golds.items()}


def part_real(geocoder, which: str) -> list | None:
    """As ``bench.extract_real.run_extractor``: front matter + text, read back, extracted."""
    from bench import extract_real as er
    from geo.articles import read_article
    from geo.errors import ConflictMapError
    from geo.extract import extract

    docs, published = _real_docs(which)
    if docs is None:
        return None
    out = []
    with tempfile.TemporaryDirectory(prefix="extract_same_") as tmp:
        for i, doc in enumerate(docs):
            path = er.write_article(Path(tmp) / f"{i:05d}.md", doc, published)
            try:
                out.append({"key": doc.key, **_extraction(extract(read_article(path),
                                                                  geocoder))})
            except ConflictMapError as exc:
                out.append({"key": doc.key, "error": str(exc)})
    return out


def part_e2e(geocoder) -> list | None:
    from bench import geoparse as gp
    from geo.extract.places_batch import places_of_batch

    if not (gp.DEV / "documents.jsonl").exists():
        return None
    docs, toponyms = gp.load_documents(gp.DEV), gp.load_toponyms(gp.DEV)
    with tempfile.TemporaryDirectory(prefix="extract_same_") as tmp:
        path = gp.write_batch(Path(tmp) / "docs.jsonl", docs, gp.batch_keys(docs, toponyms))
        return [a.to_dict() for a in places_of_batch(path, geocoder)]


def dump(parts: list[str], synthetic: int) -> dict:
    from geo.geocoding import open_geocoder

    geocoder = open_geocoder()
    out: dict = {}
    for part in parts:
        t0 = time.process_time()
        if part == "seed-cli":
            records = part_seed_cli()
        elif part == "synthetic":
            records = part_synthetic(geocoder, synthetic)
        elif part == "languages":
            records = part_languages(geocoder)
        elif part in ("gold", "fakes"):
            records = part_real(geocoder, part)
        else:
            records = part_e2e(geocoder)
        if records is None:
            print(f"{part}: no development data, skipped", file=sys.stderr)
            continue
        out[part] = [json.dumps(r, ensure_ascii=False, sort_keys=True, default=str)
                     for r in records]
        print(f"{part}: {len(records)} records, {time.process_time() - t0:.1f} s CPU",
              file=sys.stderr)
    return out


def compare(a: dict, b: dict) -> int:
    """Print the differences part by part; the number of differing records."""
    bad = 0
    for part in sorted(set(a) | set(b)):
        ra, rb = a.get(part), b.get(part)
        if ra is None or rb is None:
            print(f"{part}: only in {'the first' if rb is None else 'the second'} dump")
            continue
        diff = [i for i in range(max(len(ra), len(rb)))
                if i >= len(ra) or i >= len(rb) or ra[i] != rb[i]]
        bad += len(diff)
        print(f"{part}: {len(ra)} / {len(rb)} records, "
              f"{'identical' if not diff else f'{len(diff)} differ'}")
        for i in diff[:3]:
            x = ra[i] if i < len(ra) else ""
            y = rb[i] if i < len(rb) else ""
            at = next((j for j in range(min(len(x), len(y))) if x[j] != y[j]),
                      min(len(x), len(y)))
            print(f"  record {i} at char {at}:\n    - {x[max(0, at - 150):at + 150]}\n"
                  f"    + {y[max(0, at - 150):at + 150]}")
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("dump", "compare", "check"))
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--parts", default=",".join(PARTS))
    ap.add_argument("--synthetic", type=int, default=120)
    args = ap.parse_args(argv)
    parts = [p for p in args.parts.split(",") if p]
    if unknown := set(parts) - set(PARTS):
        ap.error(f"unknown parts: {sorted(unknown)}")
    if args.command == "compare":
        a, b = (json.loads(f.read_text(encoding="utf-8")) for f in args.files[:2])
        return 1 if compare(a, b) else 0
    if args.command == "check":
        base = json.loads(args.files[0].read_text(encoding="utf-8"))
        now = dump([p for p in parts if p in base], args.synthetic)
        return 1 if compare({k: v for k, v in base.items() if k in now}, now) else 0
    args.files[0].parent.mkdir(parents=True, exist_ok=True)
    args.files[0].write_text(json.dumps(dump(parts, args.synthetic), ensure_ascii=False,
                                        indent=0) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
