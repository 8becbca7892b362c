"""Train the sentence model (geo/extract/sentence_model.py) on the annotated real articles.

    .venv/bin/python -m bench.train_sentence_model [--write]

Reads ``bench/gold/*.yaml`` and their texts in ``../shared/eval-dev`` (bench only; says so
and stops when absent). Units: the sentences of each article that hold an event trigger
(the extractor's own sentence splitter and trigger list). Label 1 when the sentence
overlaps a gold event's evidence span, else 0 (background, totals, reactions, topics).
Logistic regression (scikit-learn, ``class_weight="balanced"``, fixed seed) over the
model's own hashed features; 5-fold cross-validation grouped by article (GroupKFold):
prints AUC, and precision / recall of "not news" at the chosen threshold. ``--write``
refits on every article and writes ``data/sentence_model.json`` and
``data/sentence_model.meta.json``. ``bench/gold_fresh`` is never used (it stays blind).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THRESHOLD = 0.2  # below it the model sets a sentence aside: it must be quite sure


def units():
    from bench import extract_real as X
    from geo.articles import article_from_text
    from geo.extract.lexicon import default_lexicon
    from geo.extract.sentences import normalise, split_sentences
    from geo.extract.triggers import find_triggers

    lex = default_lexicon()
    golds = X.load_gold(None)
    docs = {d.key: d for d in X.load_fakes() + X.load_documents()}
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
            a, b = s.start + shift, s.end + shift
            label = int(any(x < b and a < y for x, y in spans))
            rows.append((g.key, s.text, label))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    from bench import extract_real as X

    if not X.DEV.exists():
        print(f"{X.DEV} is absent: nothing to train on")
        return 0
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    from geo.extract.sentence_model import N_FEATURES, features

    rows = units()
    groups = [r[0] for r in rows]
    y = np.array([r[2] for r in rows])
    data, ind, ptr = [], [], [0]
    for _, sentence, _ in rows:
        f = features(sentence)
        ind += list(f)
        data += list(f.values())
        ptr.append(len(ind))
    x = csr_matrix((data, ind, ptr), shape=(len(rows), N_FEATURES))
    print(f"{len(rows)} trigger sentences from {len(set(groups))} articles; "
          f"{int(y.sum())} tell a gold event, {int((1 - y).sum())} do not")

    def model():
        return LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000,
                                  random_state=13)

    prob = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        prob[test] = model().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    auc = roc_auc_score(y, prob)
    aside = prob < THRESHOLD
    tp = int((aside & (y == 0)).sum())
    prec = tp / max(1, int(aside.sum()))
    rec = tp / max(1, int((y == 0).sum()))
    lost = int((aside & (y == 1)).sum())
    print(f"cross-validated by article (5 folds): AUC {auc:.3f}; at p < {THRESHOLD}: "
          f"{int(aside.sum())} set aside, precision of 'not news' {prec:.2f}, recall {rec:.2f}, "
          f"gold-event sentences lost {lost} of {int(y.sum())}")
    if args.write:
        final = model().fit(x, y)
        coef = final.coef_[0]
        weights = {str(i): round(float(w), 5) for i, w in enumerate(coef) if abs(w) > 1e-4}
        out = ROOT / "data" / "sentence_model.json"
        out.write_text(json.dumps({"bias": round(float(final.intercept_[0]), 5),
                                   "threshold": THRESHOLD, "weights": weights}))
        meta = {
            "what": "P(a sentence holding an event trigger reports a new incident): logistic "
                    "regression over hashed words and word pairs (geo/extract/sentence_model.py)",
            "trained_on": f"bench/gold annotations: {len(set(groups))} real articles "
                          f"(FA-KES dev half and geoparsing dev documents), {len(rows)} "
                          "trigger sentences; texts read from ../shared/eval-dev at training "
                          "time only",
            "cross_validation": {"folds": 5, "grouped_by": "article", "auc": round(auc, 3),
                                 "threshold": THRESHOLD, "not_news_precision": round(prec, 3),
                                 "not_news_recall": round(rec, 3),
                                 "gold_sentences_lost": lost},
            "command": ".venv/bin/python -m bench.train_sentence_model --write",
            "sklearn": __import__("sklearn").__version__, "random_state": 13,
            "trained": dt.date.today().isoformat(),
        }
        (ROOT / "data" / "sentence_model.meta.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(f"written: {out} ({len(weights)} weights) and its metadata")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
