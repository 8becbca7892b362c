"""The learned mention detector: is this candidate phrase a place mention?

The rules (:mod:`.mentions`, :mod:`.phrasing`, :mod:`.cues`) propose candidates —
names the gazetteer knows, with their use, their place and the rules' own verdict —
and this model weighs them: a logistic regression over the features of
:func:`candidate_features` (capitalisation, word frequency, the rules' verdict and
cues, the place's kind and population, the document's other places). Its weights are
``data/mention_model.json`` (with ``data/mention_model.meta.json``: what it was
trained on, the cross-validated figures, the command), made by
``python -m bench.train_mentions``. Without the file the rules' verdict stands.

A document's candidates are scored together (:meth:`TreeMentionModel.probabilities`:
every tree at once, one NumPy step a level), one at a time by ``probability``.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geo.errors import InputError
from geo.extract.cues import is_acronym, zipf
from geo.extract.mentions import Mention
from geo.extract.places import Place

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "mention_model.json"
_ROLES = ("locative", "neutral", "topic", "container", "nonlocative", "destination")
_LOCATIVE_WORDS = {"in", "at", "near", "from", "to", "into", "across", "outside", "around",
                   "of", "throughout", "across", "between", "toward", "towards", "via"}
# the word after a name that makes it part of an organisation's or a building's name
_ORG_AFTER = {"university", "college", "school", "academy", "institute", "hospital", "clinic",
              "council", "church", "cathedral", "centre", "center", "court", "club", "fc",
              "united", "city", "county", "police", "pd", "department", "company", "inc",
              "corp", "ltd", "group", "party", "league", "times", "post", "herald", "tribune",
              "bank", "hotel", "stadium", "arena", "hall", "theatre", "theater", "museum",
              "library", "prison", "office", "board", "commission", "authority", "foundation",
              "association", "society", "airlines", "airways", "capitals", "high", "middle",
              "elementary", "analytica", "international", "national", "federal", "state"}
_STREET_AFTER = {"street", "st", "road", "rd", "avenue", "ave", "drive", "dr", "lane", "ln",
                 "boulevard", "blvd", "way", "place", "square", "parade", "terrace", "crescent",
                 "highway", "hwy", "pike", "court", "close"}
_CAP_WORD = re.compile(r"[A-Z][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name the rules found and placed, with their verdict and its features."""

    mention: Mention
    place: Place
    rule_keep: bool
    rule_why: str  # why the rules drop it ("" when they keep it)
    kind: str = "name"  # name | cue | demonym


def candidate_features(text: str, cands: list[Candidate],
                       context_countries: tuple[str, ...] = ()) -> list[dict[str, float]]:
    """One feature dict per candidate (all of one document, for its document features)."""
    where = Counter(c.place.country_code for c in cands if c.rule_keep)
    total = sum(where.values()) or 1
    names = Counter(c.mention.text for c in cands)
    locative_names = {c.mention.text for c in cands if c.mention.role == "locative"}
    out = []
    for c in cands:
        m, p = c.mention, c.place
        words_before = text[max(0, m.start - 40):m.start].split()
        prev = words_before[-1] if words_before else ""
        words_after = text[m.end:m.end + 40].split()
        nxt = words_after[0] if words_after else ""
        z = zipf(m.text.lower())
        nxt_word = nxt.lower().strip(".,;:\"'()’")
        if nxt_word.endswith(("'s", "’s")):
            nxt_word = nxt_word[:-2]
        line_start = text.rfind("\n", 0, m.start) + 1
        run = _title_run(words_before, words_after)
        f = {
            "rule_keep": float(c.rule_keep),
            "rejected_embedded": float(m.rejected == "embedded"),
            "rejected_person": float(m.rejected == "person"),
            "in_actor": float(m.rejected == "actor"),  # "Dublin City Council", "France's president"
            "dropped_frequent": float(c.rule_why == "frequent"),
            "dropped_small": float(c.rule_why == "small"),
            "embedded_kept": float(m.names_place and m.role == "nonlocative"
                                   and "in the name" in m.why),
            "kind_cue": float(c.kind == "cue"),
            "kind_demonym": float(c.kind == "demonym"),
            "demonym_plural": float(c.kind == "demonym" and m.text.endswith("s")),
            "n_words": min(len(m.text.split()), 4) / 4,
            "all_caps": float(m.text.isupper() and len(m.text) > 3),
            "acronym_like": float(is_acronym(m.text)),
            "hint_admin": float(m.hint == "admin"),
            "hint_settlement": float(m.hint == "settlement"),
            "zipf": z / 7,
            "zipf_prev": zipf(prev.lower().strip(".,;:\"'()")) / 7 if prev else 0.0,
            "prev_capitalised": float(prev[:1].isupper()),
            "prev_locative": float(prev.lower() in _LOCATIVE_WORDS),
            "prev_sentence_end": float(not prev or prev[-1:] in ".!?\"”:" or
                                       "\n" in text[max(0, m.start - 3):m.start]),
            "next_capitalised": float(nxt[:1].isupper()),
            "next_lower": float(nxt[:1].islower()),
            "comma_after_capital": float(text[m.end:m.end + 2] == ", " and
                                         text[m.end + 2:m.end + 3].isupper()),
            "comma_before": float(text[max(0, m.start - 2):m.start] == ", "),
            "possessive_after": float(text[m.end:m.end + 2] in ("'s", "’s")),
            "prec1": float(p.precision == 1),
            "prec2": float(p.precision == 2),
            "prec3": float(p.precision == 3),
            "log_population": math.log10(1 + max(p.population, 0)) / 7,
            "in_context_country": float(p.country_code in context_countries),
            "doc_country_share": where.get(p.country_code, 0) / total,
            "same_name_count": math.log1p(names[m.text]) / 3,
            "locative_elsewhere": float(m.text in locative_names),
            "ambiguity": min(len(p.candidates), 5) / 5,
            "place_score": max(0.0, min(1.0, p.score)),
            # the name has no reading in the document's countries: placed at their region
            # or country only as a stand-in, so it must be a place on other evidence
            "context_fallback": float(p.backend == "context-fallback"),
            # the span in its sentence: part of a longer capitalised name, an
            # organisation or a street, a line of a list, the lede
            "next_org_word": float(nxt[:1].isupper() and nxt_word in _ORG_AFTER),
            "next_street_word": float(nxt[:1].isupper() and nxt_word in _STREET_AFTER),
            "title_run": min(run, 4) / 4,
            "prev_the": float(prev.lower() == "the"),
            "line_start": float(not text[line_start:m.start].strip()),
            "digit_before": float(any(ch.isdigit() for ch in text[max(0, m.start - 12):m.start])),
            "colon_before": float(":" in text[max(0, m.start - 20):m.start]),
            "lede": float(m.start < 300),
            "quote_near": float(any(q in text[max(0, m.start - 2):m.end + 2]
                                    for q in "\"“”‘’'")),
        }
        for r in _ROLES:
            f[f"role_{r}"] = float(m.role == r)
        f["zipf_x_prec1"] = f["zipf"] * f["prec1"]
        f["zipf_x_neutral"] = f["zipf"] * f["role_neutral"]
        f["pop_x_neutral"] = f["log_population"] * f["role_neutral"]
        f["zipf_x_pop"] = f["zipf"] * f["log_population"]
        out.append(f)
    return out


def _title_run(words_before: list[str], words_after: list[str]) -> int:
    """How many capitalised words stand right next to the name (before and after)."""
    n = 0
    for w in reversed(words_before[-3:]):
        if not _CAP_WORD.fullmatch(w.strip(",;:\"“”()")) or w[-1:] in ",;:.":
            break
        n += 1
    for w in words_after[:3]:
        if not _CAP_WORD.fullmatch(w.strip(",;:\"“”()")):
            break
        n += 1
        if w[-1:] in ",;:.":
            break
    return n


@dataclass(frozen=True)
class MentionModel:
    """Logistic regression weights over named, standardised features."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept
        for name, mu, sd, w in zip(self.features, self.mean, self.scale, self.coef):
            z += w * (feats.get(name, 0.0) - mu) / sd
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, feats: list[dict[str, float]]) -> list[float]:
        return [self.probability(f) for f in feats]

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept, "threshold": self.threshold}


@dataclass(frozen=True)
class Tree:
    """One regression tree, flat: node ``i`` splits on ``feature[i] <= threshold[i]``
    (to ``left[i]``, else ``right[i]``); a leaf has ``left[i] == -1`` and ``value[i]``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, x: list[float]) -> float:
        i = 0
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        while left[i] != -1:
            i = left[i] if x[feature[i]] <= threshold[i] else right[i]
        return self.value[i]

    def to_json(self) -> dict:
        return {"f": list(self.feature), "t": list(self.threshold), "l": list(self.left),
                "r": list(self.right), "v": list(self.value)}


def _depth(tree: Tree, i: int = 0) -> int:
    if tree.left[i] == -1:
        return 0
    return 1 + max(_depth(tree, tree.left[i]), _depth(tree, tree.right[i]))


def _complete(tree: Tree, depth: int) -> tuple[list[int], list[float], list[float]]:
    """The tree as a complete one of ``depth`` levels (node ``i``'s children at ``2i+1``
    and ``2i+2``; a leaf above the last level always goes left and repeats its value):
    the split features and thresholds of the inner nodes, the values of the leaves."""
    inner = 2 ** depth - 1
    feature, threshold, value = [0] * inner, [math.inf] * inner, [0.0] * (inner + 1)
    stack = [(0, 0, 0)]  # (node of the tree, its place in the complete one, its level)
    while stack:
        node, at, level = stack.pop()
        if level == depth:
            value[at - inner] = tree.value[node]
        elif tree.left[node] == -1:  # a leaf early: both children carry it on
            stack += [(node, 2 * at + 1, level + 1), (node, 2 * at + 2, level + 1)]
        else:
            feature[at], threshold[at] = tree.feature[node], tree.threshold[node]
            stack += [(tree.left[node], 2 * at + 1, level + 1),
                      (tree.right[node], 2 * at + 2, level + 1)]
    return feature, threshold, value


@dataclass(frozen=True)
class TreeMentionModel:
    """Gradient-boosted trees over the same named features (raw, not standardised):
    log-odds = ``init + rate * sum(tree outputs)``. Scored over the trees made complete
    (:func:`_complete`): a few index steps per tree, no recursion, no calls."""

    features: tuple[str, ...]
    trees: tuple[Tree, ...]
    init: float
    rate: float
    threshold: float

    @functools.cached_property
    def _flat(self) -> tuple[int, list[tuple[list[int], list[float], list[float]]]]:
        depth = max((_depth(t) for t in self.trees), default=0)
        return depth, [_complete(t, depth) for t in self.trees]

    def probability(self, feats: dict[str, float]) -> float:
        x = [feats.get(name, 0.0) for name in self.features]
        depth, trees = self._flat
        levels = range(depth)
        total = 0.0
        for feature, threshold, value in trees:
            i = 0
            for _ in levels:
                i = 2 * i + (2 if x[feature[i]] > threshold[i] else 1)
            total += value[i - len(feature)]
        z = self.init + self.rate * total
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @functools.cached_property
    def _arrays(self) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
        """The complete trees stacked: split features and thresholds (trees × inner
        nodes) and leaf values (trees × leaves)."""
        depth, trees = self._flat
        feature = np.array([t[0] for t in trees], dtype=np.intp).reshape(len(trees), -1)
        threshold = np.array([t[1] for t in trees], dtype=float).reshape(len(trees), -1)
        value = np.array([t[2] for t in trees], dtype=float).reshape(len(trees), -1)
        return depth, feature, threshold, value

    def probabilities(self, feats: list[dict[str, float]]) -> list[float]:
        """``probability`` of each feature dict, all trees and candidates at once."""
        if not feats or not self.trees or self._flat[0] == 0:
            return [self.probability(f) for f in feats]
        depth, feature, threshold, value = self._arrays
        x = np.array([[f.get(name, 0.0) for name in self.features] for f in feats], dtype=float)
        rows = np.arange(len(feats))[:, None]
        trees = np.arange(len(self.trees))[None, :]
        at = np.zeros((len(feats), len(self.trees)), dtype=np.intp)
        for _ in range(depth):
            split = feature[trees, at]
            at = 2 * at + np.where(x[rows, split] > threshold[trees, at], 2, 1)
        total = value[trees, at - feature.shape[1]].sum(axis=1)
        z = np.clip(self.init + self.rate * total, -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-z))).tolist()

    def to_json(self) -> dict:
        return {"kind": "trees", "features": list(self.features), "init": self.init,
                "rate": self.rate, "threshold": self.threshold,
                "trees": [t.to_json() for t in self.trees]}


def _trees_from_json(d: dict) -> TreeMentionModel:
    trees = tuple(Tree(tuple(int(v) for v in t["f"]), tuple(float(v) for v in t["t"]),
                       tuple(int(v) for v in t["l"]), tuple(int(v) for v in t["r"]),
                       tuple(float(v) for v in t["v"])) for t in d["trees"])
    n = len(d["features"])
    for t in trees:
        size = len(t.feature)
        if not size == len(t.threshold) == len(t.left) == len(t.right) == len(t.value) or \
                any(not (-1 <= c < size) for c in t.left + t.right) or \
                any(f >= n for f, c in zip(t.feature, t.left) if c != -1):
            raise ValueError("a tree's node lists differ in length or point outside it")
    return TreeMentionModel(tuple(d["features"]), trees, float(d["init"]), float(d["rate"]),
                            float(d["threshold"]))


def load_mention_model(path: Path | str = MODEL_FILE) -> MentionModel | TreeMentionModel | None:
    """The model in ``path``, or None when there is none (the rules decide)."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        if d.get("kind") == "trees":
            return _trees_from_json(d)
        model = MentionModel(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]),
                             tuple(d["coef"]), float(d["intercept"]), float(d["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(path, f"not a mention model ({exc}); retrain with "
                         "`python -m bench.train_mentions`") from None
    if not len(model.features) == len(model.mean) == len(model.scale) == len(model.coef):
        raise InputError(path, "feature, mean, scale and weight lists differ in length")
    return model


@functools.cache
def default_mention_model() -> MentionModel | TreeMentionModel | None:
    """``data/mention_model.json``, read once per process (None when absent)."""
    return load_mention_model()


def decide(text: str, cands: list[Candidate], model: MentionModel | TreeMentionModel | None,
           context_countries: tuple[str, ...] = ()) -> list[tuple[Candidate, bool, str]]:
    """(candidate, keep, why) for each candidate: the model's verdict, else the rules'."""
    if model is None:
        return [(c, c.rule_keep, "") for c in cands]
    feats = candidate_features(text, cands, context_countries)
    return [(c, p >= model.threshold, f"mention model {p:.2f}")
            for c, p in zip(cands, model.probabilities(feats))]
