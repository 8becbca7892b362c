"""A small trained model: does a sentence with an event trigger report a new incident?

Rules catch background, totals and negations by their wording; what is left is
statistical. This logistic model over hashed words and word pairs of the sentence was
trained on the team's own annotations of real articles (``bench/gold``), cross-validated
by article (``data/sentence_model.meta.json`` says on what, with which figures, and the
command that made it). Prediction is a pure function in plain Python (no run-time
dependency); the weights load on first use, never at import. Without the weights file
every sentence counts as news (the rules alone decide).
"""

from __future__ import annotations

import functools
import json
import math
import re
import zlib
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "sentence_model.json"
N_FEATURES = 1 << 14
POSITIONS = 6  # sentence positions told apart (0 = the first sentence); later ones share one
_WORD = re.compile(r"[a-z]+|\d+")


def features(sentence: str, position: int | None = None) -> dict[int, float]:
    """Hashed lower-case words and word pairs (numbers folded to their length), plus a
    few shape cues and, when given, where the sentence stands in the article (the lead
    tells the news, the tail the background); the same function trains and predicts."""
    words = ["#" * min(len(w), 4) if w.isdigit() else w
             for w in _WORD.findall(sentence.lower())]
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
    grams += [f"len:{min(len(words) // 10, 6)}"]
    if position is not None:
        grams += [f"pos:{min(position, POSITIONS)}"]
    out: dict[int, float] = {}
    for g in grams:
        k = _slot(g)
        out[k] = out.get(k, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
    return {k: v / norm for k, v in out.items()}


@functools.lru_cache(maxsize=65_536)  # pure; words and pairs recur from sentence to sentence
def _slot(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) % N_FEATURES


def _path(path: Path | None) -> Path:
    return MODEL_FILE if path is None else path  # read at call time: a bench may point it


@functools.lru_cache(maxsize=8)
def _weights(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return float(data["bias"]), {int(k): float(v) for k, v in data["weights"].items()}, \
        float(data["threshold"]), bool(data.get("position"))


def news_probability(sentence: str, position: int | None = None, *,
                     path: Path | None = None) -> float | None:
    """P(the sentence reports a new incident), or None when no model is installed. The
    position counts only for a model trained with it."""
    path = _path(path)
    w = _weights(path)
    if w is None:
        return None
    return _probability(sentence, position if w[3] else None, path)


@functools.lru_cache(maxsize=4096)  # a sentence telling three events is asked three times
def _probability(sentence: str, position: int | None, path: Path) -> float:
    bias, weights, _, _ = _weights(path)
    z = bias + sum(weights.get(k, 0.0) * v for k, v in features(sentence, position).items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def not_news_reason(sentence: str, position: int | None = None, *,
                    path: Path | None = None) -> str | None:
    """Why the model sets the sentence aside, or None when it reads as news."""
    path = _path(path)
    w = _weights(path)
    p = news_probability(sentence, position, path=path)
    if w is None or p is None or p >= w[2]:
        return None
    return f"the sentence model reads it as no new incident (p = {p:.2f})"
