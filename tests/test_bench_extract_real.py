"""The scoring rule of bench/extract_real.py: when a predicted event matches a gold one.

Pure functions on hand-made records; no development data is read.
"""

import json

import pytest

from bench import extract_real as er

GOLD = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "latitude": 36.2021, "longitude": 37.1343, "geo_precision": 1, "admin1": "Ḩalab",
        "country_code": "SYR", "event_date": "2016-07-16", "date_precision": "day",
        "actor1": ["Military Forces of Syria"], "actor2": "Civilians (Syria)",
        "fatalities": 18, "evidence": [[0, 100], [150, 200]]}


def pred(**kw):
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
            "latitude": 36.21, "longitude": 37.15, "geo_precision": 1, "admin1": "Halab",
            "country_code": "SYR", "event_date": "2016-07-16", "actor1": "", "actor2": "",
            "fatalities": None, "evidence_start": 10, "evidence_end": 90}
    return {**base, **kw}


def test_type_place_and_date_make_a_match():
    assert er.event_matches(GOLD, pred())
    assert not er.event_matches(GOLD, pred(event_type="Battles"))
    assert not er.event_matches(GOLD, pred(event_date="2016-07-18"))
    assert er.event_matches(GOLD, pred(event_date="2016-07-15"))
    assert not er.event_matches(GOLD, pred(event_date=None))


def test_place_within_25_km_or_same_region_at_precision_2():
    assert not er.place_agrees(GOLD, pred(latitude=36.6, longitude=37.1))  # ~44 km
    # the extractor says "somewhere in Aleppo governorate": right at its own precision
    assert er.place_agrees(GOLD, pred(latitude=36.6, longitude=37.1, geo_precision=2))
    assert not er.place_agrees(GOLD, pred(latitude=35.9, longitude=36.6, geo_precision=2,
                                          admin1="Idlib"))
    country = {**GOLD, "geo_precision": 3}
    assert er.place_agrees(country, pred(latitude=33.5, longitude=36.3))
    assert not er.place_agrees(country, pred(country_code="TUR"))


def test_week_and_month_dates_accept_their_period():
    week = {**GOLD, "date_precision": "week"}
    assert er.date_agrees(week, pred(event_date="2016-07-22"))
    assert not er.date_agrees(week, pred(event_date="2016-07-25"))
    month = {**GOLD, "date_precision": "month"}
    assert er.date_agrees(month, pred(event_date="2016-07-31"))
    assert not er.date_agrees(month, pred(event_date="2016-08-01"))


def test_one_incident_twice_leaves_one_prediction_unmatched():
    row = er.score_article(er.GoldArticle("X:1", None, None, [GOLD], "sha"),
                           [pred(), pred(evidence_start=150, evidence_end=190)])
    assert (row["gold"], row["predicted"], row["matched"]) == (1, 2, 1)
    tot = er.total([{"key": "X:1", **row}])
    assert tot["precision"] == 0.5 and tot["recall"] == 1.0


def test_fields_are_scored_on_pairs_aligned_by_evidence():
    row = er.score_article(er.GoldArticle("X:1", None, None, [GOLD], "sha"),
                           [pred(event_type="Battles", actor1="Military Forces of Syria",
                                 fatalities=18)])
    assert row["matched"] == 0 and row["aligned"] == 1
    assert row["fields"]["type"] == [0, 1]
    assert row["fields"]["place"] == [1, 1]
    assert row["fields"]["actor1"] == [1, 1]
    assert row["fields"]["fatalities"] == [1, 1]


def test_fatalities_none_and_zero_agree_and_a_list_accepts_each_reading():
    assert er.fatalities_agree({"fatalities": 0}, {"fatalities": None})
    assert not er.fatalities_agree({"fatalities": 3}, {"fatalities": None})
    assert er.fatalities_agree({"fatalities": [270, 310]}, {"fatalities": 310})


def test_first_run_is_never_overwritten(tmp_path, monkeypatch):
    monkeypatch.setattr(er, "FIRST_RUN", tmp_path / "first_run.json")
    monkeypatch.setattr(er, "_commit", lambda: "abc")
    gold = {"X:1": er.GoldArticle("X:1", None, None, [GOLD], "sha1")}
    row = {"key": "X:1", "gold": 1, "predicted": 1, "matched": 0, "aligned": 0,
           "fields": {f: [0, 0] for f in er.FIELDS}}
    assert er.record_first_run([row], gold) == ["X:1"]
    assert er.record_first_run([{**row, "matched": 1}], gold) == []
    kept = json.loads((tmp_path / "first_run.json").read_text())["articles"]["X:1"]
    assert kept["matched"] == 0 and kept["gold_sha"] == "sha1"


@pytest.mark.parametrize("text,expected", [("7/5/2015", "2015-07-05"),
                                            ("9:55 AM ET, Sun January 4, 2015", "2015-01-04")])
def test_corpus_dates(text, expected):
    assert er._date_from_text(text).isoformat() == expected
    assert er._date_from_text("", "http://x.org/2018/03/31/story").isoformat() == "2018-03-31"


def test_another_gold_folder_keeps_its_own_first_runs(tmp_path, monkeypatch):
    # the default stays bench/gold and its first_run.json
    assert er.gold_paths(None, None) == (er.GOLD, er.FIRST_RUN)
    fresh = tmp_path / "gold_fresh"
    fresh.mkdir()
    assert er.gold_paths(fresh, None) == (fresh, fresh / "first_run.json")
    v1 = fresh / "first_run_v1.json"
    assert er.gold_paths(fresh, v1) == (fresh, v1)

    (fresh / "x-1.yaml").write_text(
        "corpus: X\ndoc_id: '1'\npublished: 2016-07-16\nevents:\n"
        "- event_type: Battles\n  latitude: 36.2\n  longitude: 37.1\n  geo_precision: 1\n"
        "  event_date: 2016-07-16\n  evidence: [[0, 10]]\n", encoding="utf-8")
    golds = {g.key: g for g in er.load_gold(None, fresh)}
    assert list(golds) == ["X:1"] and golds["X:1"].events[0]["event_type"] == "Battles"

    monkeypatch.setattr(er, "_commit", lambda: "abc")
    monkeypatch.setattr(er, "FIRST_RUN", tmp_path / "default_first_run.json")
    row = {"key": "X:1", "gold": 1, "predicted": 2, "matched": 1, "aligned": 1,
           "fields": {f: [0, 0] for f in er.FIELDS}}
    assert er.record_first_run([row], golds, v1, note="version 1") == ["X:1"]
    assert er.record_first_run([row], golds, fresh / "first_run.json", note="rework") == ["X:1"]
    assert er.record_first_run([{**row, "matched": 2}], golds, v1) == []
    assert not (tmp_path / "default_first_run.json").exists()
    kept = json.loads(v1.read_text())
    assert kept["extractor"] == "version 1" and kept["articles"]["X:1"]["matched"] == 1
    assert json.loads((fresh / "first_run.json").read_text())["extractor"] == "rework"
