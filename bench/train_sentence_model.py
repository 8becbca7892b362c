"""Train the sentence model (geo/extract/sentence_model.py) on the annotated real articles.

    .venv/bin/python -m bench.train_sentence_model [--units trigger|candidate]
                                 [--no-position] [--threshold P] [--e2e] [--write]

Reads ``bench/gold/*.yaml`` and their texts in ``../shared/eval-dev`` (bench only; says so
and stops when absent). Units: the sentences of each article that hold an event trigger
(``--units trigger``, the extractor's own sentence splitter and trigger list) or only those
where the extractor, without the model, keeps an event the rules let through (``--units
candidate``, the decision the model really makes; it did worse out of fold). Label 1 when
the sentence overlaps a gold event's evidence span, else 0 (background, totals, reactions,
topics). The seed articles (``seeds/``) are always trained on, never scored. Features: the
model's own hashed words and word pairs and the sentence's place in the article
(``--no-position``: without). Logistic regression (scikit-learn,
``class_weight="balanced"``, fixed seed); 5-fold cross-validation grouped by article
(GroupKFold): prints AUC, and precision / recall of "not news" at the chosen threshold.
``--e2e`` also scores the whole extractor out of fold: each fold's articles are extracted
with the model fitted on the other four folds (and once with no model) and matched against
the gold as ``bench.extract_real`` does. ``--write`` refits on every article and writes
``data/sentence_model.json`` and ``data/sentence_model.meta.json``. ``bench/gold_fresh``
is never used (it stays blind).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THRESHOLD = 0.35  # below it the model sets a sentence aside (chosen out of fold, --e2e)
FOLDS = 5


def _docs(golds):
    from bench import extract_real as X

    docs = {d.key: d for d in reversed(X.load_fakes() + X.load_documents()) if d.credible != 0}
    return [docs[g.key] for g in golds if g.key in docs]


def candidate_sentences(golds) -> set[tuple[str, int]]:
    """(text, index) of the sentences where the extractor, with no model, keeps an event."""
    from bench import extract_real as X
    from geo.extract import pipeline

    seen: set[tuple[str, int]] = set()

    def record(sentence: str, position: int | None = None, **_):
        seen.add((sentence, position))
        return None

    real = pipeline.not_news_reason
    pipeline.not_news_reason = record
    try:
        X.run_extractor(_docs(golds), {g.key: g.published for g in golds})
    finally:
        pipeline.not_news_reason = real
    return seen


def seed_units() -> list[tuple]:
    """The seed articles (``seeds/*.txt``, the project's own): their acceptance tests
    (tests/test_extract_seed.py) hold that the extractor without the model finds every
    event they tell and nothing wrong, so a trigger sentence is labelled 1 when an event is
    drawn from it, else 0. Always trained on, never scored (they have no bench/gold file)."""
    from geo.articles import read_article
    from geo.extract import pipeline
    from geo.extract.lexicon import default_lexicon
    from geo.extract.sentences import normalise, split_sentences
    from geo.extract.triggers import find_triggers
    from geo.geocoding import open_geocoder

    from geo.extract import sentence_model as SM

    lex = default_lexicon()
    geocoder = open_geocoder()
    rows = []
    real = SM.MODEL_FILE
    SM.MODEL_FILE = ROOT / "data" / "no-sentence-model.json"
    try:
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            art = read_article(path)
            spans = [(e.evidence_start, e.evidence_end)
                     for e in pipeline.extract(art, geocoder, lexicon=lex).events]
            text = normalise(art.text)
            trig = find_triggers(text, lex)
            for sen in split_sentences(text):
                if sen.heading or not any(sen.start <= t.start < sen.end for t in trig):
                    continue
                label = int(any(a < sen.end and sen.start < b for a, b in spans))
                rows.append((f"seed:{path.stem}", sen.text, label, sen.index))
    finally:
        SM.MODEL_FILE = real
    return rows


def units(kind: str = "trigger"):
    from bench import extract_real as X
    from geo.articles import article_from_text
    from geo.extract.lexicon import default_lexicon
    from geo.extract.sentences import normalise, split_sentences
    from geo.extract.triggers import find_triggers

    lex = default_lexicon()
    golds = X.load_gold(None)
    docs = {d.key: d for d in X.load_fakes() + X.load_documents()}
    keep = candidate_sentences(golds) if kind == "candidate" else None
    rows = []
    for g in golds:
        doc = docs.get(g.key)
        if doc is None:
            continue
        art = article_from_text(doc.text, metadata={"published": g.published})
        text = normalise(art.text)
        shift = max(0, doc.text.find(art.text[:200]))
        spans = [(a, b) for e in g.events for a, b in X._spans(e)]
        trig = find_triggers(text, lex)
        for s in split_sentences(text):
            if s.heading or not any(s.start <= t.start < s.end for t in trig):
                continue
            if keep is not None and (s.text, s.index) not in keep:
                continue
            a, b = s.start + shift, s.end + shift
            label = int(any(x < b and a < y for x, y in spans))
            rows.append((g.key, s.text, label, s.index))
    return rows


def _matrix(rows, position: bool):
    from scipy.sparse import csr_matrix

    from geo.extract.sentence_model import N_FEATURES, features

    data, ind, ptr = [], [], [0]
    for r in rows:
        f = features(r[1], r[3] if position else None)
        ind += list(f)
        data += list(f.values())
        ptr.append(len(ind))
    return csr_matrix((data, ind, ptr), shape=(len(rows), N_FEATURES))


def _model():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000, random_state=13)


def _write_model(path: Path, fitted, threshold: float, position: bool) -> int:
    coef = fitted.coef_[0]
    weights = {str(i): round(float(w), 5) for i, w in enumerate(coef) if abs(w) > 1e-4}
    path.write_text(json.dumps({"bias": round(float(fitted.intercept_[0]), 5),
                                "threshold": threshold, "position": position,
                                "weights": weights}))
    return len(weights)


def end_to_end(rows, x, y, folds, threshold: float, position: bool) -> dict[str, dict]:
    """The extractor scored out of fold: each article extracted with the model fitted
    without its fold (and with no model), matched against the gold."""
    from bench import extract_real as X
    from geo.extract import sentence_model as SM

    golds = {g.key: g for g in X.load_gold(None)}
    out: dict[str, list[dict]] = {"no model": [], "out of fold": []}
    real = SM.MODEL_FILE
    with tempfile.TemporaryDirectory(prefix="sentence_model_") as tmp:
        try:
            for k, (train, test) in enumerate(folds):
                keys = sorted({rows[i][0] for i in test})
                held = [golds[key] for key in keys]
                docs = _docs(held)
                pub = {g.key: g.published for g in held}
                path = Path(tmp) / f"fold{k}.json"
                _write_model(path, _model().fit(x[train], y[train]), threshold, position)
                for label, model_path in (("no model", Path(tmp) / "none.json"),
                                          ("out of fold", path)):
                    SM.MODEL_FILE = model_path
                    runs = X.run_extractor(docs, pub)
                    out[label] += [X.score_article(golds[d.key], runs[d.key].events)
                                   for d in docs]
            # articles with no unit at all: the model decides nothing there
            rest = [g for key, g in golds.items() if key not in {r[0] for r in rows}]
            SM.MODEL_FILE = Path(tmp) / "none.json"
            runs = X.run_extractor(_docs(rest), {g.key: g.published for g in rest})
            scored = [X.score_article(g, runs[g.key].events) for g in rest if g.key in runs]
            for label in out:
                out[label] += scored
        finally:
            SM.MODEL_FILE = real
    return {label: X.total(r) for label, r in out.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--units", choices=("trigger", "candidate"), default="trigger")
    ap.add_argument("--position", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--e2e", action="store_true")
    args = ap.parse_args(argv)
    from bench import extract_real as X

    if not X.DEV.exists():
        print(f"{X.DEV} is absent: nothing to train on")
        return 0
    import numpy as np
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    gold_rows = units(args.units)
    seeds = seed_units()
    rows = gold_rows + seeds
    groups = [r[0] for r in gold_rows]
    y = np.array([r[2] for r in rows])
    x = _matrix(rows, args.position)
    print(f"{len(gold_rows)} {args.units} sentences from {len(set(groups))} articles; "
          f"{int(y[:len(gold_rows)].sum())} tell a gold event, "
          f"{int((1 - y[:len(gold_rows)]).sum())} do not; {len(seeds)} seed sentences "
          "always trained on")
    always = np.arange(len(gold_rows), len(rows))
    folds = [(np.concatenate([train, always]), test) for train, test in
             GroupKFold(n_splits=FOLDS).split(x[:len(gold_rows)], y[:len(gold_rows)], groups)]
    prob = np.zeros(len(gold_rows))
    for train, test in folds:
        prob[test] = _model().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    y = y[:len(gold_rows)]  # the figures are of the gold articles only
    auc = roc_auc_score(y, prob)
    threshold = args.threshold
    aside = prob < threshold
    tp = int((aside & (y == 0)).sum())
    prec = tp / max(1, int(aside.sum()))
    rec = tp / max(1, int((y == 0).sum()))
    lost = int((aside & (y == 1)).sum())
    print(f"cross-validated by article ({FOLDS} folds): AUC {auc:.3f}; at p < {threshold}: "
          f"{int(aside.sum())} set aside, precision of 'not news' {prec:.2f}, recall {rec:.2f}, "
          f"gold-event sentences lost {lost} of {int(y.sum())}")
    e2e = None
    if args.e2e:
        e2e = end_to_end(rows, x, np.array([r[2] for r in rows]), folds, threshold,
                         args.position)
        for label, t in e2e.items():
            print(f"extractor, {label}: {t['predicted']} predicted, {t['matched']} matched of "
                  f"{t['gold']}: precision {t['precision']:.3f}, recall {t['recall']:.3f}")
    if args.write:
        out = ROOT / "data" / "sentence_model.json"
        n = _write_model(out, _model().fit(x, np.array([r[2] for r in rows])), threshold,
                         args.position)
        cv = {"folds": FOLDS, "grouped_by": "article", "auc": round(auc, 3),
              "threshold": threshold, "not_news_precision": round(prec, 3),
              "not_news_recall": round(rec, 3), "gold_sentences_lost": lost}
        if e2e:
            cv["extractor_out_of_fold"] = {
                label: {k: t[k] for k in ("predicted", "matched", "gold", "precision",
                                          "recall")} for label, t in e2e.items()}
        meta = {
            "what": f"P(a sentence ({args.units} units) reports a new incident): logistic "
                    "regression over hashed words and word pairs"
                    + (" and the sentence's position" if args.position else "")
                    + " (geo/extract/sentence_model.py)",
            "trained_on": f"bench/gold annotations: {len(set(groups))} real articles "
                          f"(FA-KES dev half and geoparsing dev documents), {len(gold_rows)} "
                          f"{args.units} sentences, and the seed articles' {len(seeds)}; texts "
                          "read from ../shared/eval-dev at training time only",
            "cross_validation": cv,
            "command": ".venv/bin/python -m bench.train_sentence_model "
                       f"--units {args.units}{'' if args.position else ' --no-position'} "
                       f"--threshold {threshold} --e2e --write",
            "sklearn": __import__("sklearn").__version__, "random_state": 13,
            "trained": dt.date.today().isoformat(),
        }
        (ROOT / "data" / "sentence_model.meta.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(f"written: {out} ({n} weights) and its metadata")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
