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
_WORD = re.compile(r"[a-z]+|\d+")


def features(sentence: str) -> dict[int, float]:
    """Hashed lower-case words and word pairs (numbers folded to their length), plus a
    few shape cues; the same function trains and predicts."""
    words = ["#" * min(len(w), 4) if w.isdigit() else w
             for w in _WORD.findall(sentence.lower())]
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
    grams += [f"len:{min(len(words) // 10, 6)}"]
    out: dict[int, float] = {}
    for g in grams:
        k = zlib.crc32(g.encode("utf-8")) % N_FEATURES
        out[k] = out.get(k, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
    return {k: v / norm for k, v in out.items()}


@functools.lru_cache(maxsize=2)
def _weights(path: Path = MODEL_FILE):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return float(data["bias"]), {int(k): float(v) for k, v in data["weights"].items()}, \
        float(data["threshold"])


def news_probability(sentence: str, *, path: Path = MODEL_FILE) -> float | None:
    """P(the sentence reports a new incident), or None when no model is installed."""
    if _weights(path) is None:
        return None
    return _probability(sentence, path)


@functools.lru_cache(maxsize=4096)  # a sentence telling three events is asked three times
def _probability(sentence: str, path: Path) -> float:
    bias, weights, _ = _weights(path)
    z = bias + sum(weights.get(k, 0.0) * v for k, v in features(sentence).items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def not_news_reason(sentence: str, *, path: Path = MODEL_FILE) -> str | None:
    """Why the model sets the sentence aside, or None when it reads as news."""
    w = _weights(path)
    p = news_probability(sentence, path=path)
    if w is None or p is None or p >= w[2]:
        return None
    return f"the sentence model reads it as no new incident (p = {p:.2f})"
