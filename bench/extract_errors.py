"""Count the causes of every false positive and false negative on an annotated set.

    .venv/bin/python -m bench.extract_errors [--gold bench/gold] [--list]

Each unmatched prediction (false positive) and unmatched gold event (false negative) is
given the first cause that fits, judged against the other side's events in the same
article (type / place / date as ``bench.extract_real`` matches them):

- ``no gold in article``: the article has no gold event at all;
- ``duplicate``: it would match a gold event that another prediction already matched
  (one incident split into several);
- ``wrong type``: a gold event with its place and date but another type;
- ``wrong place``: a gold event with its type and date but another place;
- ``wrong date``: a gold event with its type and place but another date;
- ``unplaced/country``: placed only at a country (precision 3) or not at all;
- ``no gold like it``: nothing in the article shares two of the three fields (background,
  a sentence that is no new event, a type never coded).

Misses are given the mirror causes (``merged`` when a prediction that matches it matched
another gold event; ``none predicted`` when the article got no prediction at all).
Reads ``../shared/eval-dev`` through ``bench.extract_real`` only.
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench import extract_real as er


def _fields(g: dict, p: dict) -> tuple[bool, bool, bool]:
    return er.type_agrees(g, p), er.place_agrees(g, p), er.date_agrees(g, p)


def fp_cause(p: dict, gold: list[dict], matched_gold: set[int]) -> str:
    if not gold:
        return "no gold in article"
    if any(er.event_matches(g, p) for i, g in enumerate(gold) if i in matched_gold):
        return "duplicate"
    for label, want in (("wrong type", (False, True, True)), ("wrong place", (True, False, True)),
                        ("wrong date", (True, True, False))):
        if any(_fields(g, p) == want for g in gold):
            return label
    if p.get("latitude") is None or (p.get("geo_precision") or 1) >= 3:
        return "unplaced/country"
    return "no gold like it"


def fn_cause(g: dict, pred: list[dict], used: set[int]) -> str:
    if not pred:
        return "none predicted"
    if any(er.event_matches(g, p) for j, p in enumerate(pred) if j in used):
        return "merged"
    for label, want in (("wrong type", (False, True, True)), ("wrong place", (True, False, True)),
                        ("wrong date", (True, True, False))):
        if any(_fields(g, p) == want for p in pred):
            return label
    return "nothing like it"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=None)
    ap.add_argument("--list", action="store_true", help="print every error with its cause")
    args = ap.parse_args(argv)
    if not er.DEV.is_dir():
        print(f"{er.DEV} is absent; stopping.")
        return 0
    golds = {g.key: g for g in er.load_gold(None, er.Path(args.gold) if args.gold else None)}
    docs = list({d.key: d for d in reversed(er.load_fakes() + er.load_documents())
                 if d.key in golds and d.credible != 0}.values())
    runs = er.run_extractor(docs, {k: g.published for k, g in golds.items()})
    fps, fns = Counter(), Counter()
    fp_types = Counter()
    for d in sorted(docs, key=lambda d: d.key):
        gold, pred = golds[d.key].events, runs[d.key].events
        m = er.max_matching(len(gold), len(pred), lambda i, j: er.event_matches(gold[i], pred[j]))
        used = set(m.values())
        for j, p in enumerate(pred):
            if j not in used:
                c = fp_cause(p, gold, set(m))
                fps[c] += 1
                fp_types[(c, p.get("event_type"))] += 1
                if args.list:
                    print(f"FP {c:18} {d.key} {er._line(p)} "
                          f"[{p.get('evidence_start')}:{p.get('evidence_end')}]")
        for i, g in enumerate(gold):
            if i not in m:
                c = fn_cause(g, pred, used)
                fns[c] += 1
                if args.list:
                    print(f"FN {c:18} {d.key} {er._line(g)}")
    print(f"false positives ({sum(fps.values())}):")
    for c, n in fps.most_common():
        print(f"  {n:4}  {c}")
    print("  by type:")
    for (c, t), n in fp_types.most_common(15):
        print(f"  {n:4}  {c} / {t}")
    print(f"false negatives ({sum(fns.values())}):")
    for c, n in fns.most_common():
        print(f"  {n:4}  {c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
