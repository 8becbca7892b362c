"""How likely the chain's final answer is right: the answer's ``confidence``.

The ranker's own confidence (:func:`geo.gazetteer.rank.confidence_signals`) judges the
learned model's pick among namesakes. The chain then decides more: a post-model rule may
put another candidate first (``rule``), a namesake outside the document's countries may
be kept on population or set aside for the document's region (``context-fallback``), a
place read inside an unknown name may stand for it (``inner-name``), a container may
stand for a place not found in it (``container-fallback``). :func:`answer_signals` is
what a small boosted-tree model (``answer_confidence`` in ``data/ranker.json``,
trained by ``python -m bench.train_ranker`` on the chain's out-of-fold answers) reads of
the final answer; :func:`rate_answer` is its estimate that the answer lies within 161 km
of the place meant. Both are pure functions of the answer's fields and the context.
"""

from __future__ import annotations

import math
from typing import Any

from geo.gazetteer.fold import fold_name
from geo.gazetteer.rank import RULES, GeoContext

__all__ = ["ANSWER_SIGNALS", "KINDS", "answer_kind", "answer_signals", "rate_answer"]

# The kinds of answer the chain gives (``backend``; a context fallback split by whether
# a namesake elsewhere was set aside or the name was not known at all).
KINDS = ("gazetteer", "gazetteer-outside", "inner-name", "context-fallback-namesake",
         "context-fallback-unknown", "container-fallback")
RATED_BACKENDS = frozenset({"gazetteer", "inner-name", "context-fallback", "container-fallback"})
FEW_COUNTRIES = 2

ANSWER_SIGNALS = (
    ("stage1", "s1_sq")
    + tuple(f"kind_{k}" for k in KINDS) + tuple(f"kind_{k}_s1" for k in KINDS)
    + tuple(f"rule_{r}" for r in RULES)
    + ("read_spelling", "prec_settlement", "prec_region", "prec_country", "log_pop",
       "log_candidates", "single", "margin", "ctx_none", "outside_ctx", "ctx_region",
       "loose", "physical", "admin2", "caps", "short", "name_is_query", "log_extent")
)


def _logit(p: float) -> float:
    p = min(0.99, max(0.01, p))
    return math.log(p / (1 - p))


def answer_kind(raw: dict[str, Any], context: GeoContext | None) -> str:
    """Which of :data:`KINDS` an answer is."""
    backend = raw.get("backend") or "gazetteer"
    if backend == "context-fallback":
        return ("context-fallback-namesake" if len(raw.get("candidates") or ()) > 1
                else "context-fallback-unknown")
    if backend == "gazetteer":
        countries = context.country_codes if context is not None else ()
        if (0 < len(countries) <= FEW_COUNTRIES and (raw.get("precision") or 1) < 3
                and raw.get("country_code") not in countries):
            return "gazetteer-outside"  # a namesake kept outside the document's countries
        return "gazetteer"
    return backend if backend in KINDS else "gazetteer"


def answer_signals(raw: dict[str, Any], context: GeoContext | None) -> dict[str, float]:
    """What the answer-confidence model reads of a final answer (its ``raw`` fields)."""
    s1 = _logit(float(raw.get("confidence") or 0.5)) / 5
    kind = answer_kind(raw, context)
    out = {"stage1": s1, "s1_sq": s1 * s1}
    for k in KINDS:
        out[f"kind_{k}"] = float(k == kind)
        out[f"kind_{k}_s1"] = s1 if k == kind else 0.0
    rule = raw.get("rule") or ""
    for r in RULES:
        out[f"rule_{r}"] = float(r == rule)
    cands = raw.get("candidates") or ()
    scores = [c.get("score") for c in cands[:2]]
    margin = (min(10.0, max(0.0, float(scores[0]) - float(scores[1]))) / 10
              if len(scores) == 2 and None not in scores else 1.0)
    precision = int(raw.get("precision") or 1)
    countries = context.country_codes if context is not None else ()
    regions = {fold_name(a) for a in context.admin1} if context is not None else set()
    query = str(raw.get("query") or "")
    words = query.replace(".", "").split()
    out.update({
        "read_spelling": float(str(raw.get("reason") or "").startswith("read ")),
        "prec_settlement": float(precision == 1), "prec_region": float(precision == 2),
        "prec_country": float(precision >= 3),
        "log_pop": math.log10(max(int(raw.get("population") or 0), 0) + 1) / 7,
        "log_candidates": math.log10(max(len(cands), 1)) / 3,
        "single": float(len(cands) <= 1), "margin": margin,
        "ctx_none": float(not countries),
        "outside_ctx": float(bool(countries) and raw.get("country_code") not in countries),
        "ctx_region": float(bool(raw.get("admin1")) and fold_name(raw["admin1"]) in regions),
        "loose": float(raw.get("match") == "loose"),
        "physical": float((raw.get("feature_class") or "") in ("H", "T", "L", "S", "V", "U")),
        "admin2": float(raw.get("feature_code") == "ADM2"),
        "caps": float(len(query) > 1 and query.isupper()),
        "short": float(len(words) == 1 and len(words[0]) <= 4),
        "name_is_query": float(fold_name(str(raw.get("matched_name") or "")) == fold_name(query)),
        "log_extent": math.log10(1 + float(raw.get("extent_km") or 0.0)) / 4,
    })
    return out


def rate_answer(model, raw: dict[str, Any], context: GeoContext | None) -> float | None:
    """The answer's confidence (0–1) by ``model``'s answer-confidence weights, or None when
    the model has none or the backend is not the chain's own (corrections, online)."""
    if model is None or not getattr(model, "rates_answers", False):
        return None
    if (raw.get("backend") or "gazetteer") not in RATED_BACKENDS:
        return None
    return model.answer_confidence(answer_signals(raw, context))
