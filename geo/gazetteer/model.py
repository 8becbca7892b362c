"""The learned ranker's weights: ``data/ranker.json`` (a logistic model, read once).

The file holds ``weights`` (feature name → weight, see :mod:`geo.gazetteer.features`),
``intercept``, a second small logistic model ``confidence`` (weights over the winner's
probability, its margin and the namesake count), an optional third ``answer_confidence``
(over the chain's final answer, :mod:`geo.geocoding.confidence`) and ``metadata`` (what it was trained on,
its cross-validated figures, the command that made it: ``python -m bench.train_ranker``).
Scoring is a dot product in pure Python, so a lookup stays fast. When the file is absent
the ranker falls back to its hand weights (:mod:`geo.gazetteer.rank`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import GazetteerError

__all__ = ["RankerModel", "load_model", "DEFAULT_MODEL_PATH"]

DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "ranker.json"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


@dataclass(frozen=True)
class RankerModel:
    weights: dict[str, float]
    intercept: float
    confidence_weights: dict[str, float]
    confidence_intercept: float
    metadata: dict
    # the chain's final-answer confidence (geo.geocoding.confidence): boosted trees over
    # the named signals ``answer_features``, each tree a tuple of nodes (feature index,
    # threshold, left, right, value; feature -1 at a leaf); empty: none
    answer_features: tuple[str, ...] = ()
    answer_trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...] = ()
    answer_baseline: float = 0.0

    @property
    def rates_answers(self) -> bool:
        """Whether the model rates the chain's final answers."""
        return bool(self.answer_trees)

    def contributions(self, features: dict[str, float]) -> dict[str, float]:
        """Each feature's share of the score (weight × value)."""
        w = self.weights
        return {k: w[k] * v for k, v in features.items() if v and k in w}

    def score(self, features: dict[str, float]) -> float:
        """The candidate's logit (higher: more likely the place meant)."""
        w = self.weights
        return self.intercept + sum(w.get(k, 0.0) * v for k, v in features.items() if v)

    def confidence(self, signals: dict[str, float]) -> float:
        """Probability that the winner is right (within 161 km), 0–1."""
        w = self.confidence_weights
        return _sigmoid(self.confidence_intercept + sum(w.get(k, 0.0) * v for k, v in signals.items()))

    def answer_confidence(self, signals: dict[str, float]) -> float:
        """Probability that the chain's final answer is right (within 161 km), 0–1."""
        x = [signals.get(k, 0.0) for k in self.answer_features]
        return _sigmoid(self.answer_baseline + sum(_tree_value(t, x) for t in self.answer_trees))

    @staticmethod
    def probability(logit: float) -> float:
        return _sigmoid(logit)


def _tree_value(nodes, x: list[float]) -> float:
    """The leaf value one regression tree gives the signal vector ``x``."""
    i = 0
    while True:
        feature, threshold, left, right, value = nodes[i]
        if feature < 0:
            return value
        i = left if x[feature] <= threshold else right


def _answer_part(data: dict) -> dict:
    part = data.get("answer_confidence") or {}
    if not part:
        return {}
    return {
        "answer_features": tuple(part["features"]),
        "answer_trees": tuple(tuple((int(f), float(t), int(lo), int(hi), float(v))
                                    for f, t, lo, hi, v in tree) for tree in part["trees"]),
        "answer_baseline": float(part["baseline"]),
    }


@lru_cache(maxsize=4)
def load_model(path: Path | str | None = None) -> RankerModel | None:
    """The model in ``path`` (default ``data/ranker.json``), or None when absent."""
    path = Path(path) if path is not None else DEFAULT_MODEL_PATH
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RankerModel(
            weights={k: float(v) for k, v in data["weights"].items()},
            intercept=float(data["intercept"]),
            confidence_weights={k: float(v) for k, v in data["confidence"]["weights"].items()},
            confidence_intercept=float(data["confidence"]["intercept"]),
            metadata=dict(data.get("metadata") or {}),
            **_answer_part(data),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"{path}: not a ranker model ({exc}); retrain with "
                             "`python -m bench.train_ranker`") from exc
