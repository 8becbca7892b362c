"""Where end-to-end mention finding loses gold toponyms and precision (dev half).

    .venv/bin/python -m bench.mention_gaps            # the breakdown tables
    .venv/bin/python -m bench.mention_gaps --list K   # up to K examples per class
    .venv/bin/python -m bench.mention_gaps --out-of-fold   # each document scored by a
                                                      # detector trained without it

Every dev document goes through the geoparser as ``places --batch`` runs it
(:func:`geo.extract.geoparser.geoparse_text`'s steps, in one process); every scorable
gold toponym is then put in one class:

- **right** / **wrong place**: a returned placed mention overlaps it (within 161 km or
  not); "wrong place, other span" when the returned span is not the gold span;
- **rejected**: a candidate the rules proposed and placed overlaps it, but the
  detector (or the fallback rule) dropped it;
- **non-locative**: found, but marked a thing or a speaker and left unplaced;
- **unplaced**: a mention overlaps it but the gazetteer gave it no place;
- **never proposed**, by the phrase's kind: masked (inside an actor, dateline or
  credit), lower-case, demonym-like (ends -an/-ese/-ish/-i), abbreviation, known to
  the gazetteer as written (a boundary or phrasing miss), or unknown to it (one word /
  several).

Returned mentions that overlap no gold span (precision's loss) are counted by kind
(name / cue / demonym / dateline / capital) and use. The bench's figures (precision,
recall, acc@161) are printed too; with ``--out-of-fold`` they are the honest ones for
the learned detector: the documents are split as ``bench.train_mentions`` splits them
(GroupKFold by document) and each is parsed with a detector fitted on the other folds.

The development data is read only here (``../shared/eval-dev/geoparsing``); when it is
absent this says so and stops.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from bench.geoparse import DEV, haversine_km, load_documents, load_toponyms

_DEMONYM_END = re.compile(r"(?:an|ans|ese|ish|i|is|ic)$")


def _kind_unproposed(phrase: str, start: int, end: int, masked, is_known, fold) -> str:
    if any(a < end and start < b for a, b in masked):
        return "never proposed: masked (actor, dateline, credit)"
    if phrase[:1].islower():
        return "never proposed: lower-case"
    if is_known(fold(phrase)):
        return "never proposed: known to the gazetteer as written"
    if phrase.isupper() or "." in phrase:
        return "never proposed: abbreviation"
    if _DEMONYM_END.search(phrase) and " " not in phrase:
        return "never proposed: demonym-like"
    if " " in phrase:
        return "never proposed: unknown to the gazetteer, several words"
    return "never proposed: unknown to the gazetteer, one word"


def fold_models(docs, toponyms, folds: int = 5, learner: str = "trees",
                min_precision: float = 0.83):
    """{(corpus, doc_id): a detector fitted without that document} and the threshold
    chosen out of fold, as ``bench.train_mentions`` chooses it."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from bench.train_mentions import choose_threshold, collect, fit

    rows, labels, groups, info, n_gold = collect(docs, toponyms)
    names = sorted(rows[0])
    X, y = np.array([[r[n] for n in names] for r in rows]), np.array(labels)
    oof, models = np.zeros(len(y)), {}
    splits = list(GroupKFold(n_splits=folds).split(X, y, groups))
    fitted = []
    for train, test in splits:
        f = fit(learner, names, X[train], y[train], 0.5)
        oof[test] = f.probabilities(X[test])
        fitted.append((f.model, {groups[i] for i in test}))
    threshold = choose_threshold(oof, info, n_gold, min_precision)
    for model, held in fitted:
        model = replace(model, threshold=threshold)
        for g in held:
            corpus, doc_id = g.split(":", 1)
            models[(corpus, doc_id)] = model
    return models, threshold


def analyse(docs, toponyms, models=None):
    from geo.articles import Article, find_dateline
    from geo.extract.geoparser import parse_places, place_mentions
    from geo.extract.language import profile_for
    from geo.extract.language_places import PlaceFinder
    from geo.extract.lexicon import default_lexicon
    from geo.extract.places import fold_function
    from geo.geocoding import open_geocoder
    from geo.lang.detect import detect_language

    geocoder, lex, fold = open_geocoder(), default_lexicon(), fold_function()
    gold = defaultdict(list)
    for t in toponyms:
        if t.start is not None and t.end is not None:
            gold[(t.corpus, t.doc_id)].append(t)
    classes: Counter = Counter()
    examples = defaultdict(list)
    fp: Counter = Counter()
    fp_examples = defaultdict(list)
    score: Counter = Counter()
    for key in sorted(gold):
        if key not in docs:
            continue
        d = docs[key]
        text = d.get("text") or ""
        art = Article(article_id=key[1], path=key[1], format="txt", title=d.get("title") or "",
                      text=text, dateline=find_dateline(text), language=detect_language(text))
        profile = profile_for(art.language or "en")
        local = PlaceFinder(profile, geocoder) if profile is not None else None
        if models is None:
            parsed = parse_places(art, geocoder, lex, local=local)
        else:  # a document no fold model saw has no gold spans: the shipped one then
            parsed = parse_places(art, geocoder, lex, local=local,
                                  **({"model": models[key]} if key in models else {}))
        out = place_mentions(parsed, text)
        placed = [m for m in out if m.role != "non-locative" and m.latitude is not None]
        nonloc = [m for m in out if m.role == "non-locative"]
        kept_spans = {(m.start, m.end) for m in placed}
        cand_by_span = {(c.mention.start, c.mention.end): c for c in parsed.candidates}
        golds = gold[key]
        score["returned"] += len(placed)
        score["overlapping"] += sum(any(m.start < g.end and g.start < m.end for g in golds)
                                    for m in placed)
        for g in golds:
            if not g.scorable:
                continue
            ov = lambda a, b: a < g.end and g.start < b  # noqa: E731
            hits = [m for m in placed if ov(m.start, m.end)]
            if hits:
                right = any(haversine_km(g.latitude, g.longitude, m.latitude, m.longitude)
                            <= 161 for m in hits)
                same = any((m.start, m.end) == (g.start, g.end) for m in hits)
                cls = "right" if right else ("wrong place, same span" if same
                                             else "wrong place, other span")
            elif any(ov(c.mention.start, c.mention.end) for c in parsed.candidates
                     if (c.mention.start, c.mention.end) not in kept_spans):
                c = next(c for c in parsed.candidates if ov(c.mention.start, c.mention.end))
                ok = haversine_km(g.latitude, g.longitude, c.place.latitude,
                                  c.place.longitude) <= 161
                cls = f"rejected ({c.kind}), {'right' if ok else 'wrong'} place if kept"
            elif any(ov(m.start, m.end) for m in nonloc):
                cls = "non-locative"
            elif any(ov(m.start, m.end) for m in parsed.unplaced):
                cls = "unplaced (mention found, no place)"
            else:
                cls = _kind_unproposed(g.phrase, g.start, g.end, parsed.masked,
                                       geocoder.is_known_name, fold)
            classes[(g.corpus, cls)] += 1
            classes[("ALL", cls)] += 1
            examples[cls].append(f"{key[0]}:{key[1]} {g.phrase!r} "
                                 f"{text[max(0, g.start - 30):g.end + 30]!r}")
        for m in placed:
            if any(m.start < g.end and g.start < m.end for g in golds):
                continue
            c = cand_by_span.get((m.start, m.end))
            kind = c.kind if c else ("dateline" if m.use == "dateline" else "other")
            cls = f"{kind}, {m.use or '-'}"
            fp[cls] += 1
            fp_examples[cls].append(f"{key[0]}:{key[1]} {m.text!r} -> {m.name} "
                                    f"{text[max(0, m.start - 30):m.end + 30]!r}")
    return classes, examples, fp, fp_examples, score


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--list", type=int, default=0, help="examples per class")
    ap.add_argument("--out-of-fold", action="store_true",
                    help="each document parsed by a detector trained without it")
    ap.add_argument("--learner", choices=("trees", "logistic"), default="trees")
    ap.add_argument("--min-precision", type=float, default=0.83)
    args = ap.parse_args(argv)
    if not (args.dev / "documents.jsonl").exists():
        print(f"bench.mention_gaps: the development data is not here ({args.dev}); "
              "nothing measured.")
        return 0
    docs, toponyms = load_documents(args.dev), load_toponyms(args.dev)
    models = None
    if args.out_of_fold:
        models, threshold = fold_models(docs, toponyms, learner=args.learner,
                                        min_precision=args.min_precision)
        print(f"out of fold: 5 detectors, each without its fifth; threshold {threshold}\n")
    classes, examples, fp, fp_examples, score = analyse(docs, toponyms, models)
    total = sum(n for (c, _), n in classes.items() if c == "ALL")
    right = classes[("ALL", "right")]
    found = right + sum(n for (c, cls), n in classes.items()
                        if c == "ALL" and cls.startswith("wrong place"))
    print(f"precision {score['overlapping'] / (score['returned'] or 1):.1%}, recall "
          f"{found / (total or 1):.1%}, acc@161 {right / (total or 1):.1%} "
          f"({score['returned']} returned)\n")
    print(f"## Scorable gold toponyms ({total})\n\n| class | ALL | share |\n|---|---|---|")
    for (c, cls), n in sorted(classes.items(), key=lambda kv: -kv[1]):
        if c == "ALL":
            print(f"| {cls} | {n} | {n / total:.1%} |")
    fp_total = sum(fp.values())
    print(f"\n## Returned mentions overlapping no gold span ({fp_total})\n\n"
          "| kind, use | n |\n|---|---|")
    for cls, n in fp.most_common():
        print(f"| {cls} | {n} |")
    if args.list:
        for cls, xs in sorted(examples.items()):
            print(f"\n### {cls}")
            for x in xs[:args.list]:
                print("  ", x)
        for cls, xs in sorted(fp_examples.items()):
            print(f"\n### false positive: {cls}")
            for x in xs[:args.list]:
                print("  ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
