"""The review of geocoding decisions (geo.review) on real SQLite stores: the list,
the candidates, a correction that moves stored events and wins on re-ingestion."""

from __future__ import annotations

import pytest

from geo.errors import CorrectionError
from geo.gazetteer import OfflineGazetteer
from geo.geocoding import load_corrections
from geo.geocoding.chain import GeocoderChain
from geo.geocoding.corrections import list_corrections
from geo.ingest import ingest_text
from geo.review import (ReviewItem, candidates_for, correct, dataset_event_count,
                        decision_key, nudged_admin1, parse_coordinates, review_items)
from tests.conftest import make_event
from tests.fakes import FakeGazetteer
from tests.geofixture import chain, gaz_path  # noqa: F401 (fixtures)

TEXT = ("Syrian government forces shelled Saraqeb in Idlib province on Friday, killing three "
        "civilians.\n\nRebels attacked an army post near Tripoli in Lebanon on Saturday.\n")


def _tripoli(n, confidence, **kw):
    return make_event(n, location="Tripoli", latitude=32.89, longitude=13.19, admin1="Tripoli",
                      country="Libya", country_code="LBY", confidence=confidence, **kw)


def test_decisions_group_article_events_lowest_confidence_first(store):
    store.upsert_events([
        _tripoli(1, 0.7), _tripoli(2, 0.4, evidence="Clashes <b>near</b> Tripoli."),
        make_event(3, confidence=0.9), make_event(4, location="IDLIB", confidence=0.95),
        make_event(5, origin="ucdp", location="Tripoli", confidence=0.1),
        make_event(6, location="", latitude=None, longitude=None, confidence=0.05)])
    frame = store.load_frame()
    items = review_items(frame)
    assert [(d.key, d.events) for d in items] == [("tripoli|LBY", 2), ("idlib|SYR", 2)]
    first = items[0]
    assert (first.confidence, first.latitude, first.precision) == (0.4, 32.89, 1)
    assert first.evidence == "Clashes <b>near</b> Tripoli."  # the least confident event's
    assert dataset_event_count(frame) == 1
    assert review_items(frame.iloc[0:0]) == []


def test_candidates_are_ranked_in_the_chosen_country(store, chain):
    store.upsert_events([_tripoli(1, 0.4)])
    item = review_items(store.load_frame())[0]
    found = candidates_for(chain, item)
    assert [(c.country_code, c.chosen) for c in found] == [("LBY", True), ("LBN", False)]
    assert found[0].score > found[1].score and found[0].reason
    fake = candidates_for(FakeGazetteer(), item)  # any geocoder with candidates()
    assert [c.country_code for c in fake] == ["LBY", "LBN"]


def test_picking_a_candidate_moves_the_stored_events_at_once(store, chain):
    store.upsert_events([_tripoli(1, 0.4), _tripoli(2, 0.5),
                         make_event(3, origin="ucdp", location="Tripoli")])
    before = store.version()
    item = review_items(store.load_frame())[0]
    lebanon = next(c for c in candidates_for(chain, item) if c.country_code == "LBN")
    done = correct(store, item, candidate=lebanon, note="the Lebanese city")
    assert done.moved == 2 and store.version() != before  # cached frames reload
    stored = {e.event_id: e for e in store.iter_events()}
    moved = [e for e in stored.values() if e.origin == "article"]
    assert {(e.latitude, e.longitude, e.country_code, e.geo_backend) for e in moved} == {
        (34.44, 35.85, "LBN", "correction")}
    assert all("the Lebanese city" in e.geo_reason for e in moved)
    assert next(e for e in stored.values() if e.origin == "ucdp").latitude == 35.93
    [fix] = list_corrections(store)
    assert (fix.name, fix.location, fix.context_country) == ("Tripoli", "Tripoli", None)
    after = review_items(store.load_frame())
    assert after[0].key == decision_key("Tripoli", "LBN") and after[0].corrected


def test_a_typed_correction_wins_on_reingestion(store, chain):
    assert ingest_text(TEXT, store, chain, title="Test").events == 2
    items = {d.key: d for d in review_items(store.load_frame())}
    saraqib = items["saraqib|SYR"]  # the article wrote "Saraqeb"
    lat, lon = parse_coordinates("35.8700", "36,7900")
    done = correct(store, saraqib, latitude=lat, longitude=lon, label="Saraqib (east)")
    assert done.moved == 1
    chain.set_corrections(load_corrections(store))
    again = ingest_text(TEXT, store, chain, title="Test")  # the same article again
    assert (again.error, again.events) == ("", 2)  # "in Idlib province" still nests it
    again = {e.location: e for e in store.iter_events()}
    assert (again["Saraqib (east)"].latitude, again["Saraqib (east)"].longitude) == (35.87, 36.79)
    assert again["Saraqib (east)"].geo_backend == "correction"
    assert again["Tripoli"].latitude == 34.44  # the other place is untouched
    # a fresh chain (a new process) reads the correction from the store as well
    fresh = GeocoderChain(chain.gazetteer, corrections=load_corrections(store))
    assert fresh.geocode("Saraqeb").raw["backend"] == "correction"
    assert [c.raw["backend"] for c in fresh.candidates("Saraqeb")] == ["correction"]
    assert fresh.candidates("Saraqeb", corrections=False)[0].name == "Saraqib"


@pytest.mark.parametrize("lat, lon, country, kept", [
    (35.87, 36.79, None, "Idlib"),  # a nudge of a kilometre keeps the region
    (35.87, 36.79, "TUR", None),  # another country: the region is not known
    (36.20, 37.16, None, None),  # 60 km away, near Aleppo: not known either
])
def test_typed_coordinates_keep_the_region_only_when_they_nudge_the_point(lat, lon, country,
                                                                          kept):
    item = ReviewItem(key="saraqib|SYR", location="Saraqib", country_code="SYR",
                      country="Syria", admin1="Idlib", latitude=35.86, longitude=36.80,
                      precision=1, backend="gazetteer", reason="", confidence=0.5, events=1,
                      evidence="", event_ids=("e1",))
    assert nudged_admin1(item, lat, lon, country) == kept


def test_a_correction_scoped_to_the_country_stays_there(store, chain):
    store.upsert_events([_tripoli(1, 0.4)])
    item = review_items(store.load_frame())[0]
    done = correct(store, item, latitude=32.9, longitude=13.2, only_in_country=True)
    assert done.correction.context_country == "LBY" and done.moved == 1


@pytest.mark.parametrize("lat, lon, message", [
    ("", "36.6", "latitude is missing"),
    ("35.8", "east", "longitude must be a decimal number"),
    ("95", "36.6", "latitude must lie between -90 and 90"),
    ("35.8", "-181", "longitude must lie between -180 and 180"),
])
def test_bad_typed_coordinates_are_refused(lat, lon, message):
    with pytest.raises(CorrectionError, match=message):
        parse_coordinates(lat, lon)


def test_a_correction_needs_one_answer_and_stores_nothing_when_invalid(store):
    store.upsert_events([_tripoli(1, 0.4)])
    item = review_items(store.load_frame())[0]
    with pytest.raises(CorrectionError, match="either a candidate"):
        correct(store, item)
    with pytest.raises(CorrectionError, match="precision"):
        correct(store, item, latitude=1.0, longitude=1.0, precision=5)
    assert list_corrections(store) == []
    assert next(store.iter_events()).latitude == 32.89


def test_a_settlement_correction_can_teach_the_gazetteer(store, gaz_path, tmp_path):
    import shutil

    copy = tmp_path / "gaz.sqlite"
    shutil.copyfile(gaz_path, copy)
    store.upsert_events([make_event(1, location="Umm Nir", confidence=0.2)])
    item = review_items(store.load_frame())[0]
    done = correct(store, item, latitude=34.9, longitude=36.9, gazetteer_path=copy)
    assert done.learned == 1
    g = OfflineGazetteer(path=copy)
    assert g.best("Umm Nir").source == "correction"
    g.close()
