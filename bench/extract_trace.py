"""Trace one annotated real article through the extractor: every sentence with the
place names found in it (and what each resolved to), the gold events told there and
the events predicted there, with their place reason.

    .venv/bin/python -m bench.extract_trace FA-KES:1965511139 [--gold bench/gold_fresh]

A debugging aid: prints dev text to the terminal only (reads ``../shared/eval-dev``
through ``bench.extract_real``), never writes it anywhere.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml

from bench import extract_real as er


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("key")
    ap.add_argument("--gold", type=Path, default=None)
    args = ap.parse_args(argv)
    from geo.articles import read_article
    from geo.extract.lexicon import default_lexicon
    from geo.extract.pipeline import analyse, extract
    from geo.geocoding import open_geocoder

    golds = {g.key: g for g in er.load_gold(folder=args.gold)}
    ga = golds.get(args.key)  # any dev article may be traced; gold lines only when annotated
    docs = {d.key: d for d in er.load_fakes() + er.load_documents()}
    doc = docs[args.key]
    meta = {"title": doc.title, "source": doc.source}
    published = (ga.published if ga else None) or doc.published
    if published:
        meta["published"] = published.isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.md"
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + doc.text,
                        encoding="utf-8")
        article = read_article(path)
    geocoder = open_geocoder()
    d = analyse(article, geocoder, default_lexicon())
    ex = extract(article, geocoder)
    shift = doc.text.find(article.text[:200]) if article.text else 0
    print(f"reference {d.reference} ({d.reference_reason}); dateline "
          f"{d.dateline.name if d.dateline else None}")
    for s in d.sentences:
        print(f"\n[{s.start + shift}:{s.end + shift}] {d.text[s.start:s.end]}")
        for m, p in d.placed:
            if s.start <= m.start < s.end:
                print(f"    place  {m.text!r} {m.role} [{m.why}] -> {p.name} ({p.country_code}, "
                      f"p{p.precision}, {p.admin1}) {p.reason}")
        for n in d.unplaced:
            if s.start <= n.start < s.end:
                print(f"    unplaced {n.text!r}: {n.reason}")
        for g in (ga.events if ga else []):
            if any(a <= s.start + shift < b or s.start + shift <= a < s.end + shift
                   for a, b in er._spans(g)):
                print(f"    GOLD   {er._line(g)}")
        for e in ex.events:
            if e.evidence_start is not None and s.start <= e.evidence_start < s.end:
                print(f"    PRED   {er._line(e.to_dict())}  <{e.geo_reason}> [{e.triggers}]")
        for c in ex.context:
            if s.start <= c.evidence_start < s.end:
                print(f"    ctx    {c.event_type}/{c.sub_event_type} {c.location}: {c.reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
