"""The learned mention detector: its shipped weights, its metadata and a few decisions
pinned, so a retrain that changes them is seen."""

from __future__ import annotations

import json

import pytest

from geo.articles import Article
from geo.errors import InputError
from geo.extract.geoparser import parse_places
from geo.extract.lexicon import default_lexicon
from geo.extract.mention_model import (MODEL_FILE, candidate_features, decide,
                                       default_mention_model, load_mention_model)
from tests.test_places import gaz_path, geocoder  # noqa: F401  (fixtures)

META_FILE = MODEL_FILE.with_name("mention_model.meta.json")


def test_shipped_model_and_its_metadata():
    model = load_mention_model()
    assert model is not None, "data/mention_model.json is missing"
    meta = json.loads(META_FILE.read_text(encoding="utf-8"))
    assert meta["command"] == "python -m bench.train_mentions"
    assert "GroupKFold" in meta["cross_validation"]
    assert meta["threshold"] == model.threshold
    cv = meta["model_out_of_fold"]["ALL"]
    assert 0.5 < cv["precision"] <= 1 and 0.5 < cv["recall"] <= 1


def test_the_model_knows_every_feature_the_code_computes(geocoder):
    art = Article("t", "t", "txt", "", "Fighting in Idlib.", dateline=None)
    parsed = parse_places(art, geocoder, default_lexicon(), model=None)
    feats = candidate_features(parsed.text, parsed.candidates)
    assert set(feats[0]) == set(default_mention_model().features)


def verdicts(text, geocoder):
    art = Article("t", "t", "txt", "", text, dateline=None)
    parsed = parse_places(art, geocoder, default_lexicon(), model=None)
    decided = decide(parsed.text, parsed.candidates, default_mention_model())
    return {c.mention.text: keep for c, keep, _why in decided}


@pytest.mark.parametrize("text, name, keep", [
    ("Shelling hit villages in Idlib on Monday.", "Idlib", True),
    ("The Texas Department of Transportation closed the road.", "Texas", True),
    ("Syrian forces shelled the town.", "Syrian", True),
    ("Date of publication: 3 May 2020.", "Date", False),
    ("Tom Bell runs the shop. Bell said sales were good.", "Bell", False),
])
def test_pinned_decisions(geocoder, text, name, keep):
    assert verdicts(text, geocoder)[name] is keep


def test_without_a_model_the_rules_decide(geocoder):
    art = Article("t", "t", "txt", "", "Date of publication. Fighting in Idlib.", dateline=None)
    parsed = parse_places(art, geocoder, default_lexicon(), model=None)
    decided = decide(parsed.text, parsed.candidates, None)
    assert [(c.mention.text, keep, why) for c, keep, why in decided] == [
        ("Date", False, ""), ("Idlib", True, "")]


def test_a_broken_model_file_is_named(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text('{"features": ["a"], "mean": []}', encoding="utf-8")
    with pytest.raises(InputError, match="model.json"):
        load_mention_model(bad)
    assert load_mention_model(tmp_path / "absent.json") is None


def test_a_document_scored_at_once_agrees_with_one_candidate_at_a_time():
    import random

    model = load_mention_model()
    rng = random.Random(7)
    feats = [{n: rng.choice([0.0, 1.0, rng.random()]) for n in model.features}
             for _ in range(300)]
    together = model.probabilities(feats)
    assert len(together) == 300 and len({round(p, 3) for p in together}) > 10
    assert together == pytest.approx([model.probability(f) for f in feats], abs=1e-12)
    assert model.probabilities([]) == []


def test_the_surname_of_a_person_like_name_is_rejected_as_a_person(geocoder):
    # "Bell" ends "Tom Bell", a two-word name the gazetteer does not know whole: the
    # detector sees a person's surname, not a place inside an organisation's name
    art = Article("t", "t", "txt", "", "The shop owner Tom Bell spoke to reporters.",
                  dateline=None)
    parsed = parse_places(art, geocoder, default_lexicon(), model=None)
    bell = [c.mention for c in parsed.candidates if c.mention.text == "Bell"]
    assert bell and bell[0].rejected == "person"
    assert "('Tom Bell')" in bell[0].why
