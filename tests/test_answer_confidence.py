"""The final answer's confidence: what it reads of an answer, the tree model that rates
it, and the post-model rule a winner records (pure functions, no gazetteer file)."""

from __future__ import annotations

import math

import pytest

from geo.gazetteer.model import RankerModel, load_model
from geo.gazetteer.rank import RULES, GeoContext, PlaceRecord, rank_candidates
from geo.geocoding.confidence import ANSWER_SIGNALS, answer_kind, answer_signals, rate_answer


def raw(**fields):
    base = {"name": "Salem", "latitude": 44.9, "longitude": -123.0, "precision": 1,
            "country_code": "USA", "admin1": "Oregon", "population": 160_000,
            "feature_class": "P", "feature_code": "PPLA", "confidence": 0.8,
            "backend": "gazetteer", "match": "exact", "matched_name": "Salem",
            "query": "Salem", "reason": "population", "candidates": [{"score": 2.0}, {"score": 0.5}]}
    base.update(fields)
    return base


US = GeoContext(country_codes=("USA",), admin1=("Oregon",))


def test_the_kind_of_answer_tells_a_kept_namesake_and_a_set_aside_one_apart():
    assert answer_kind(raw(), US) == "gazetteer"
    assert answer_kind(raw(country_code="IND"), US) == "gazetteer-outside"
    assert answer_kind(raw(country_code="IND"), None) == "gazetteer"  # no countries: not outside
    assert answer_kind(raw(country_code="IND", precision=3), US) == "gazetteer"  # a country stands
    fallback = raw(backend="context-fallback")
    assert answer_kind(fallback, US) == "context-fallback-namesake"  # two candidates
    assert answer_kind({**fallback, "candidates": [{}]}, US) == "context-fallback-unknown"
    assert answer_kind(raw(backend="inner-name"), US) == "inner-name"


def test_signals_carry_the_kind_the_rule_the_margin_and_the_area():
    s = answer_signals(raw(rule="capital-over-region", extent_km=999.0), US)
    assert set(s) == set(ANSWER_SIGNALS)
    assert s["kind_gazetteer"] == 1.0 and s["kind_inner-name"] == 0.0
    assert s["rule_capital-over-region"] == 1.0
    assert sum(s[f"rule_{r}"] for r in RULES) == 1.0
    assert s["margin"] == pytest.approx(0.15)
    assert s["ctx_region"] == 1.0 and s["outside_ctx"] == 0.0
    assert s["log_extent"] == pytest.approx(math.log10(1000) / 4)
    assert answer_signals(raw(), US)["log_extent"] == 0.0
    assert answer_signals(raw(confidence=0.9), US)["stage1"] > answer_signals(raw(), US)["stage1"]


def _model(trees, baseline=0.0):
    return RankerModel({}, 0.0, {}, 0.0, {}, answer_features=ANSWER_SIGNALS,
                       answer_trees=trees, answer_baseline=baseline)


def test_the_tree_model_rates_answers_of_the_chain_only():
    at = ANSWER_SIGNALS.index("kind_inner-name")
    # one stump: an inner-name answer -2, any other +2
    model = _model((((at, 0.5, 1, 2, 0.0), (-1, 0.0, 0, 0, 2.0), (-1, 0.0, 0, 0, -2.0)),))
    assert rate_answer(model, raw(), US) == pytest.approx(1 / (1 + math.exp(-2)))
    assert rate_answer(model, raw(backend="inner-name"), US) == pytest.approx(1 / (1 + math.exp(2)))
    assert rate_answer(model, raw(backend="correction"), US) is None  # an analyst's word stands
    assert rate_answer(_model(()), raw(), US) is None  # no trees: the ranker's confidence stays
    assert rate_answer(None, raw(), US) is None


def place(pid, name, code, precision, pop, admin1, lat, lon):
    return PlaceRecord(pid, pid, name, lat, lon, "A" if precision == 2 else "P", code, "USA", "US",
                       "United States", admin1, None, pop, precision, "test", name, 0)


def test_a_winner_put_first_by_a_rule_records_the_rule_and_says_so():
    state = place(1, "Washington", "ADM1", 2, 7_000_000, "Washington", 47.4, -120.5)
    capital = place(2, "Washington", "PPLC", 1, 700_000, "District of Columbia", 38.9, -77.0)
    model = RankerModel({"log_pop": 5.0}, 0.0, {"p_top": 1.0}, 0.0, {})
    ranked = rank_candidates([state, capital], query="washington", model=model)
    assert ranked[0].feature_code == "PPLC"
    assert ranked[0].rule == "capital-over-region"
    assert "capital" in ranked[0].reason and ranked[1].rule == ""
    plain = rank_candidates([capital], query="washington", model=model)
    assert plain[0].rule == ""


def test_the_shipped_model_trusts_a_sole_candidate_more_than_a_set_aside_namesake():
    model = load_model()
    if model is None or not model.rates_answers:
        pytest.skip("no trained answer-confidence model in data/ranker.json")
    sure = raw(confidence=0.95, candidates=[{"score": 3.0}])
    stand_in = raw(backend="context-fallback", confidence=0.4, precision=2,
                   candidates=[{"score": None}, {"score": 1.0}, {"score": 0.5}])
    assert rate_answer(model, sure, US) > rate_answer(model, stand_in, US)
