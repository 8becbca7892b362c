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
figures are for documents the model has not seen. A third model rates the chain's final
answers (``answer_confidence``, :mod:`geo.geocoding.confidence`: the post-model rules,
namesakes kept or set aside, inner names and fallbacks are decided after the ranker):
every gold toponym goes through ``GeocoderChain.geocode`` with the ranker of the folds
that did not hold its document, and small boosted trees trained on these out-of-fold
answers are themselves cross-validated by document — the honest AUROC. Weights and figures go to
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
    items, rows = [], []
    for t in toponyms:
        if not t.scorable or (t.corpus, t.doc_id) not in docs:
            continue
        text = context_of(docs[(t.corpus, t.doc_id)], t)
        rows.append((t, text))
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
    return items, rows


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
    return figures, final_conf, {i: sigs[i] for i in answered}, {i: bool(right[i]) for i in answered}


def _model_of(ranker, conf) -> "RankerModel":
    from geo.gazetteer.features import FEATURES
    from geo.gazetteer.model import RankerModel

    return RankerModel(
        weights={k: float(w) for k, w in zip(FEATURES, ranker.coef_[0])},
        intercept=float(ranker.intercept_[0]),
        confidence_weights={k: float(w) for k, w in zip(CONF_KEYS, conf.coef_[0])},
        confidence_intercept=float(conf.intercept_[0]), metadata={})


def answer_phase(items, rows, sigs, rights, *, c=1.0):
    """The chain's final answers, out of fold: for each fold a ranker and a ranker
    confidence trained on the other folds, every gold toponym of the fold through
    ``GeocoderChain.geocode`` as ``geocode --batch`` asks it; the answer-confidence
    model (:mod:`geo.geocoding.confidence`) is then trained on these answers and
    cross-validated by document. Returns (figures, fitted model)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.geocoding.chain import GeocoderChain
    from geo.geocoding.confidence import ANSWER_SIGNALS, answer_kind, answer_signals
    from geo.geocoding.context import context_from_text

    groups = [it[0] for it in items]
    gaz = OfflineGazetteer(model=False)
    xs, ys, gs, corpora, kinds = [], [], [], [], []
    right_all = defaultdict(list)
    for train_i, test_i in GroupKFold(n_splits=FOLDS).split(items, groups=groups):
        ranker = train([items[i] for i in train_i if items[i][2]], c=c)
        known = [i for i in train_i if i in sigs]
        conf = LogisticRegression(C=1.0, max_iter=2000).fit(
            np.array([[sigs[i][k] for k in CONF_KEYS] for i in known]),
            np.array([int(rights[i]) for i in known]))
        gaz.model = _model_of(ranker, conf)
        gaz._resolve_cached.cache_clear()
        chain = GeocoderChain(gaz)
        for i in test_i:
            t, text = rows[i]
            ctx = context_from_text(text, gaz, mention=t.phrase)
            loc = chain.geocode(t.phrase, context=ctx)
            ok = loc is not None and haversine_km(t.latitude, t.longitude,
                                                  loc.latitude, loc.longitude) <= 161
            for key in (t.corpus, "ALL"):
                right_all[key].append(ok)
            if loc is None:
                continue
            signals = answer_signals(loc.raw, chain.context_for(ctx))
            xs.append([signals[k] for k in ANSWER_SIGNALS])
            ys.append(int(ok))
            gs.append(groups[i])
            corpora.append(t.corpus)
            kinds.append(answer_kind(loc.raw, chain.context_for(ctx)) + (
                f"/{loc.raw.get('rule')}" if loc.raw.get("rule") else ""))
    xs, ys = np.array(xs), np.array(ys)
    oof = np.zeros(len(ys))
    for tr, te in GroupKFold(n_splits=FOLDS).split(xs, groups=gs):
        oof[te] = _answer_model().fit(xs[tr], ys[tr]).predict_proba(xs[te])[:, 1]
    figures = {"acc161_chain_cv": {k: round(sum(v) / len(v), 4) for k, v in right_all.items()}}
    figures["answer_confidence_auroc_cv"] = {"ALL": round(_auroc(list(oof), [not y for y in ys]), 4)}
    stage1 = xs[:, ANSWER_SIGNALS.index("stage1")]
    figures["ranker_confidence_auroc_on_answers"] = round(_auroc(list(stage1), [not y for y in ys]), 4)
    for corpus in sorted(set(corpora)):
        idx = [j for j, cc in enumerate(corpora) if cc == corpus]
        figures["answer_confidence_auroc_cv"][corpus] = round(
            _auroc([oof[j] for j in idx], [not ys[j] for j in idx]), 4)
    by_kind = defaultdict(list)
    for k, y in zip(kinds, ys):
        by_kind[k].append(int(y))
    figures["answers_by_kind"] = {k: {"n": len(v), "right": round(sum(v) / len(v), 3)}
                                  for k, v in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))}
    final = _answer_model().fit(xs, ys)
    exported = export_trees(final)
    from geo.gazetteer.model import RankerModel
    check = RankerModel({}, 0.0, {}, 0.0, {}, answer_features=ANSWER_SIGNALS,
                        answer_trees=tuple(tuple(map(tuple, t)) for t in exported["trees"]),
                        answer_baseline=exported["baseline"])
    ours = [check.answer_confidence(dict(zip(ANSWER_SIGNALS, row))) for row in xs[:500]]
    theirs = final.predict_proba(xs[:500])[:, 1]
    assert max(abs(a - b) for a, b in zip(ours, theirs)) < 1e-3, "tree export differs"
    return figures, exported


# the answer-confidence model: small boosted trees (a linear model over the same signals
# reached 0.83 cross-validated; the kinds of answer interact with the ranker's confidence,
# the area's size and the population)
ANSWER_TREES = {"max_iter": 150, "learning_rate": 0.05, "max_leaf_nodes": 15,
                "min_samples_leaf": 20, "random_state": 0}


def _answer_model():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**ANSWER_TREES)


def export_trees(model) -> dict:
    """A fitted HistGradientBoostingClassifier as plain lists: per tree its nodes
    (feature index, threshold, left, right, value; feature -1 at a leaf), and the
    baseline logit — what :class:`geo.gazetteer.model.RankerModel` evaluates."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = []
        for n in predictor.nodes:
            leaf = bool(n["is_leaf"])
            nodes.append([-1 if leaf else int(n["feature_idx"]),
                          0.0 if leaf else float(n["num_threshold"]),
                          int(n["left"]), int(n["right"]),
                          round(float(n["value"]), 6) if leaf else 0.0])
        trees.append(nodes)
    return {"baseline": float(model._baseline_prediction.ravel()[0]), "trees": trees}


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
    from geo.geocoding.confidence import ANSWER_SIGNALS

    started = time.perf_counter()
    docs, toponyms = load_documents(), load_toponyms()
    items, rows = collect(docs, toponyms)
    figures, conf_model, sigs, rights = cross_validate(items, c=args.c)
    answer_figures, answer_model = answer_phase(items, rows, sigs, rights, c=args.c)
    figures.update(answer_figures)
    print("| corpus | n | hand ranker | learned (GroupKFold CV) | best possible |")
    print("|---|---|---|---|---|")
    for k in ("LGL", "TR-News", "GeoWebNews", "GeoVirus", "ALL"):
        f = figures[k]
        print(f"| {k} | {f['n']} | {f['hand']:.1%} | {f['learned']:.1%} | {f['oracle']:.1%} |")
    print(f"\nconfidence AUROC (answered, 'right within 161 km', CV): "
          f"{figures['confidence_auroc_answered']:.3f}")
    print("\nthe chain's final answers, out of fold (ranker, ranker confidence and answer "
          "confidence trained on the other folds):")
    print("acc@161 " + ", ".join(f"{k} {v:.1%}" for k, v in figures["acc161_chain_cv"].items()))
    print(f"ranker confidence AUROC on them: {figures['ranker_confidence_auroc_on_answers']:.3f}; "
          "answer confidence AUROC (CV by document): "
          + ", ".join(f"{k} {v:.3f}" for k, v in figures["answer_confidence_auroc_cv"].items()))
    print("answers by kind: " + "; ".join(f"{k} {v['n']} ({v['right']:.0%} right)"
                                          for k, v in figures["answers_by_kind"].items()))
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
        "answer_confidence": {"features": list(ANSWER_SIGNALS), "params": ANSWER_TREES,
                              **answer_model},
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
