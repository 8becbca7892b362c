"""The learned mention detector: is this candidate phrase a place mention?

The rules (:mod:`.mentions`, :mod:`.phrasing`, :mod:`.cues`) propose candidates —
names the gazetteer knows, with their use, their place and the rules' own verdict —
and this model weighs them: a logistic regression over the features of
:func:`candidate_features` (capitalisation, word frequency, the rules' verdict and
cues, the place's kind and population, the document's other places). Its weights are
``data/mention_model.json`` (with ``data/mention_model.meta.json``: what it was
trained on, the cross-validated figures, the command), made by
``python -m bench.train_mentions``. Without the file the rules' verdict stands.

Scoring is a dot product in plain Python: nothing beyond the standard library is
needed at run time.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.extract.cues import is_acronym, zipf
from geo.extract.mentions import Mention
from geo.extract.places import Place

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "mention_model.json"
_ROLES = ("locative", "neutral", "topic", "container", "nonlocative", "destination")
_LOCATIVE_WORDS = {"in", "at", "near", "from", "to", "into", "across", "outside", "around",
                   "of", "throughout", "across", "between", "toward", "towards", "via"}


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
        f = {
            "rule_keep": float(c.rule_keep),
            "rejected_embedded": float(m.rejected == "embedded"),
            "rejected_person": float(m.rejected == "person"),
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
        }
        for r in _ROLES:
            f[f"role_{r}"] = float(m.role == r)
        f["zipf_x_prec1"] = f["zipf"] * f["prec1"]
        f["zipf_x_neutral"] = f["zipf"] * f["role_neutral"]
        f["pop_x_neutral"] = f["log_population"] * f["role_neutral"]
        f["zipf_x_pop"] = f["zipf"] * f["log_population"]
        out.append(f)
    return out


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

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept, "threshold": self.threshold}


def load_mention_model(path: Path | str = MODEL_FILE) -> MentionModel | None:
    """The model in ``path``, or None when there is none (the rules decide)."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        model = MentionModel(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]),
                             tuple(d["coef"]), float(d["intercept"]), float(d["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a mention model ({exc}); retrain with "
                         "`python -m bench.train_mentions`") from None
    if not len(model.features) == len(model.mean) == len(model.scale) == len(model.coef):
        raise InputError(path, "feature, mean, scale and weight lists differ in length")
    return model


@functools.cache
def default_mention_model() -> MentionModel | None:
    """``data/mention_model.json``, read once per process (None when absent)."""
    return load_mention_model()


def decide(text: str, cands: list[Candidate], model: MentionModel | None,
           context_countries: tuple[str, ...] = ()) -> list[tuple[Candidate, bool, str]]:
    """(candidate, keep, why) for each candidate: the model's verdict, else the rules'."""
    if model is None:
        return [(c, c.rule_keep, "") for c in cands]
    feats = candidate_features(text, cands, context_countries)
    out = []
    for c, f in zip(cands, feats):
        p = model.probability(f)
        out.append((c, p >= model.threshold, f"mention model {p:.2f}"))
    return out
