"""Train the learned candidate ranker on the dev half of the geoparsing corpora.

    .venv/bin/python -m bench.train_ranker            # writes data/ranker.json
    .venv/bin/python -m bench.train_ranker --dry-run  # cross-validated figures only

Reads ``../shared/eval-dev/geoparsing`` (only bench/ does; it says so and stops when the
folder is absent). For every gold toponym the gazetteer's candidates are looked up with
the same context the benchmark gives (title + 300 characters either side, read by
``geo.geocoding.context.context_from_text``), featurised by
:func:`geo.gazetteer.rank.featurise`, and labelled right when they lie within 161 km of
the gold point, or are a region or country whose spread holds it (half its extent). A logistic regression scores candidates; a second one, trained on the
ranker's out-of-fold decisions, predicts whether the winner is right (``confidence``).
Both are cross-validated with folds grouped by document (GroupKFold, 5 folds), so the
figures are for documents the model has not seen. Weights and figures go to
``data/ranker.json`` (its ``metadata`` says what it was trained on and how).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from pathlib import Path

from bench.geoparse import DEV, context_of, haversine_km, load_documents, load_toponyms

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "ranker.json"
FOLDS = 5


def collect(docs, toponyms):
    """(group, corpus, [features], [training labels], hand pick index, [within 161 km])
    per scorable gold toponym."""
    from geo.gazetteer.features import FEATURES
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.gazetteer.rank import featurise, rank_candidates
    from geo.geocoding.chain import GeocoderChain
    from geo.geocoding.context import context_from_text
    from geo.geocoding.queries import parse_query

    gaz = OfflineGazetteer(model=False)
    chain = GeocoderChain(gaz)
    items = []
    for t in toponyms:
        if not t.scorable or (t.corpus, t.doc_id) not in docs:
            continue
        text = context_of(docs[(t.corpus, t.doc_id)], t)
        ctx = chain.context_for(context_from_text(text, gaz, mention=t.phrase))
        places = []
        for spelling in parse_query(t.phrase).heads or (t.phrase,):
            places, region_asked, match, dateline = gaz.lookup_records(spelling, ctx)
            if places:
                break
        if not places:
            items.append((f"{t.corpus}:{t.doc_id}", t.corpus, [], [], None, []))
            continue
        feats = featurise(places, query=spelling, context=ctx, region_asked=region_asked,
                          match=match, dateline_country=dateline)
        # right place: within 161 km, or a region/country whose area holds the gold point
        # (its point convention is the gazetteer's business, not the ranker's)
        labels = [haversine_km(t.latitude, t.longitude, p.latitude, p.longitude)
                  <= max(161.0, 0.5 * (p.extent_km or 0.0)) for p in places]
        strict = [haversine_km(t.latitude, t.longitude, p.latitude, p.longitude) <= 161 for p in places]
        hand = rank_candidates(places, query=spelling, context=ctx, region_asked=region_asked,
                               match=match, dateline_country=dateline)[0]
        hand_i = next(i for i, p in enumerate(places) if p.place_id == hand.place_id)
        items.append((f"{t.corpus}:{t.doc_id}", t.corpus,
                      [[f[k] for k in FEATURES] for f in feats], labels, hand_i, strict))
    return items


def _auroc(scores, wrong):
    """AUROC of ``scores`` (low = likely wrong) for the positive class 'wrong'."""
    pairs = sorted(zip(scores, wrong))
    n_pos = sum(wrong)
    n_neg = len(wrong) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg = (i + j + 1) / 2  # ranks i+1..j
        rank_sum += avg * sum(1 for k in range(i, j) if not pairs[k][1])
        i = j
    # P(score of a right answer > score of a wrong one)
    return (rank_sum - n_neg * (n_neg + 1) / 2) / (n_pos * n_neg)


def train(items, *, c=1.0):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for it in items for row in it[2]], dtype=float)
    y = np.array([lab for it in items for lab in it[3]], dtype=int)
    w = np.array([1.0 / math.sqrt(len(it[2])) for it in items for _ in it[2]])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y, sample_weight=w)
    return model


def signals_of(model, it):
    from geo.gazetteer.features import FEATURES
    from geo.gazetteer.rank import confidence_signals

    logits = model.decision_function(it[2]) if it[2] else []
    order = sorted(range(len(logits)), key=lambda i: -logits[i])
    top = order[0]
    second = logits[order[1]] if len(order) > 1 else None
    sig = confidence_signals(dict(zip(FEATURES, it[2][top])), float(logits[top]),
                             None if second is None else float(second), len(order))
    return top, sig


CONF_KEYS = ("p_top", "margin", "single", "log_candidates", "prec_country", "prec_region",
             "ctx_match", "ctx_none", "outside_ctx", "loose", "demonym", "code_name", "log_pop",
             "pop_share", "near_any", "no_points", "admin1", "admin2", "feature", "continent",
             "country", "main_name", "ctx_region", "ctx_sole_country", "capital", "p_top_sq",
             "log_pop_single", "log_extent")


def cross_validate(items, *, c=1.0):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    groups = [it[0] for it in items]
    picks = [None] * len(items)
    sigs = [None] * len(items)
    for train_i, test_i in GroupKFold(n_splits=FOLDS).split(items, groups=groups):
        model = train([items[i] for i in train_i if items[i][2]], c=c)
        for i in test_i:
            if items[i][2]:
                picks[i], sigs[i] = signals_of(model, items[i])
    # scored as the benchmark scores: within 161 km (it[5]), whatever the training label
    right = [bool(it[2]) and it[5][picks[i]] for i, it in enumerate(items)]
    hand = [bool(it[2]) and it[5][it[4]] for it in items]
    oracle = [bool(it[2]) and any(it[5]) for it in items]
    per = defaultdict(lambda: defaultdict(list))
    for i, it in enumerate(items):
        for key in (it[1], "ALL"):
            per[key]["learned"].append(right[i])
            per[key]["hand"].append(hand[i])
            per[key]["oracle"].append(oracle[i])
    figures = {k: {m: round(sum(v) / len(v), 4) for m, v in d.items()} | {"n": len(d["hand"])}
               for k, d in per.items()}
    # confidence: a second model over the out-of-fold decisions, itself cross-validated
    answered = [i for i in range(len(items)) if items[i][2]]
    xs = np.array([[sigs[i][k] for k in CONF_KEYS] for i in answered])
    ys = np.array([int(right[i]) for i in answered])
    conf = np.zeros(len(answered))
    agroups = [groups[i] for i in answered]
    for tr, te in GroupKFold(n_splits=FOLDS).split(xs, groups=agroups):
        m = LogisticRegression(C=1.0, max_iter=2000).fit(xs[tr], ys[tr])
        conf[te] = m.predict_proba(xs[te])[:, 1]
    figures["confidence_auroc_answered"] = round(_auroc(list(conf), [not r for r in ys]), 4)
    final_conf = LogisticRegression(C=1.0, max_iter=2000).fit(xs, ys)
    return figures, final_conf


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="figures only, write nothing")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (DEV / "documents.jsonl").exists():
        print(f"bench.train_ranker: the development data is not here ({DEV}); nothing trained.")
        return 0
    import sklearn

    from geo.gazetteer.features import FEATURES

    started = time.perf_counter()
    docs, toponyms = load_documents(), load_toponyms()
    items = collect(docs, toponyms)
    figures, conf_model = cross_validate(items, c=args.c)
    print("| corpus | n | hand ranker | learned (GroupKFold CV) | best possible |")
    print("|---|---|---|---|---|")
    for k in ("LGL", "TR-News", "GeoWebNews", "GeoVirus", "ALL"):
        f = figures[k]
        print(f"| {k} | {f['n']} | {f['hand']:.1%} | {f['learned']:.1%} | {f['oracle']:.1%} |")
    print(f"\nconfidence AUROC (answered, 'right within 161 km', CV): "
          f"{figures['confidence_auroc_answered']:.3f}")
    if args.dry_run:
        return 0
    model = train([it for it in items if it[2]], c=args.c)
    data = {
        "weights": {k: round(float(w), 5) for k, w in zip(FEATURES, model.coef_[0])},
        "intercept": round(float(model.intercept_[0]), 5),
        "confidence": {
            "weights": {k: round(float(w), 5) for k, w in zip(CONF_KEYS, conf_model.coef_[0])},
            "intercept": round(float(conf_model.intercept_[0]), 5),
        },
        "metadata": {
            "what": "logistic candidate ranker and confidence model for the offline gazetteer",
            "trained_on": "dev half of ../shared/eval-dev/geoparsing (LGL, TR-News, GeoWebNews, "
                          f"GeoVirus): {len(items)} gold toponyms, "
                          f"{sum(len(it[2]) for it in items)} candidates, label = within 161 km",
            "cross_validation": f"GroupKFold({FOLDS}) by document; acc@161 of the gazetteer's "
                                "first candidate over all gold toponyms (no candidate = wrong)",
            "figures": figures,
            "command": "python -m bench.train_ranker",
            "scikit_learn": sklearn.__version__,
            "regularisation_C": args.c,
            "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "seconds": round(time.perf_counter() - started, 1),
        },
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
