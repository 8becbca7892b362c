"""The Review page through AppTest: pick a decision, pick a candidate, save; typed
coordinates validated (an error, nothing stored); article text escaped."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.geocoding.corrections import list_corrections
from geo.store import Store
from geo.ui import data
from tests.conftest import ROOT, make_event
from tests.fakes import FakeGazetteer
from tests.test_pages import open_page

EVIDENCE = "Shelling near Tripoli <script>alert('x')</script> **bold** [link](javascript:x)."


@pytest.fixture
def app(monkeypatch, db_url):
    store = Store(db_url)
    store.upsert_events([
        make_event(1, location="Tripoli", latitude=32.89, longitude=13.19, admin1="Tripoli",
                   country="Libya", country_code="LBY", confidence=0.3, evidence=EVIDENCE),
        make_event(2, location="Tripoli", latitude=32.89, longitude=13.19, admin1="Tripoli",
                   country="Libya", country_code="LBY", confidence=0.6),
        make_event(3, location="Saraqib", latitude=35.86, longitude=36.80, confidence=0.9),
        make_event(4, origin="ucdp", location="Tripoli", confidence=0.1),
    ])
    store.dispose()
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setattr(data, "get_geocoder", FakeGazetteer)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def _stored(db_url):
    store = Store(db_url)
    try:
        return list_corrections(store), {e.event_id: e for e in store.iter_events()}
    finally:
        store.dispose()


def test_decisions_lowest_confidence_first_and_escaped(app):
    open_page(app, "review")
    table = app.dataframe[0].value
    assert list(table["place as named"]) == ["Tripoli", "Saraqib"]
    assert list(table["events"]) == [2, 1]
    assert "1 dataset events not listed" in app.caption[0].value
    pick = app.selectbox(key="review_pick")
    assert pick.value == "tripoli|LBY"
    quote = next(m.value for m in app.markdown if m.value.startswith(">"))
    assert r"\<script\>" in quote and r"\*\*bold\*\*" in quote and "<script>" not in quote
    radio = app.radio(key="review_candidate::tripoli|LBY")
    assert radio.value == 1  # the best candidate that is not the current place
    assert "Lebanon" in radio.options[1] and "current" in radio.options[0]


def test_pick_a_decision_then_a_candidate_and_save(app, db_url):
    open_page(app, "review")
    app.selectbox(key="review_pick").set_value("saraqib|SYR").run()
    assert not app.exception
    assert any("Saraqib" in s.value for s in app.subheader)
    app.selectbox(key="review_pick").set_value("tripoli|LBY").run()
    app.radio(key="review_candidate::tripoli|LBY").set_value(1).run()
    app.button(key="review_use").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Saved: **Tripoli** is now at Tripoli (34.4400")
    assert "2 stored event(s) moved" in app.success[0].value
    fixes, events = _stored(db_url)
    assert [(f.name, f.country_code) for f in fixes] == [("Tripoli", "LBN")]
    moved = [e for e in events.values() if e.location == "Tripoli" and e.origin == "article"]
    assert {(e.latitude, e.geo_backend) for e in moved} == {(34.44, "correction")}
    # the next session (AppTest reruns only the page after a switch, not the entry
    # script that loads the store) lists the decision at its new place, corrected, last
    again = open_page(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60),
                      "review")
    table = again.dataframe[0].value
    assert list(table["place as named"]) == ["Saraqib", "Tripoli"]
    assert list(table["status"]) == ["to review", "corrected"]
    assert list(table["country"]) == ["SYR", "LBN"]


@pytest.mark.parametrize("lat, lon, message", [
    ("91", "13.2", r"latitude must lie between \-90 and 90"),
    ("32.9", "thirteen", "longitude must be a decimal number"),
    ("", "13.2", "latitude is missing"),
])
def test_bad_typed_coordinates_show_an_error_and_store_nothing(app, db_url, lat, lon, message):
    open_page(app, "review")
    app.text_input(key="review_lat::tripoli|LBY").input(lat)
    app.text_input(key="review_lon::tripoli|LBY").input(lon)
    app.button(key="review_save").click().run()
    assert not app.exception
    assert message in app.error[0].value and app.error[0].value.startswith("Not saved")
    fixes, events = _stored(db_url)
    assert fixes == [] and all(e.geo_backend != "correction" for e in events.values())


def test_typed_coordinates_are_saved_with_label_and_precision(app, db_url):
    open_page(app, "review")
    app.text_input(key="review_lat::tripoli|LBY").input("34.4367")
    app.text_input(key="review_lon::tripoli|LBY").input("35,8497")
    app.text_input(key="review_label::tripoli|LBY").input("Tripoli <b>LB</b>")
    app.text_input(key="review_country::tripoli|LBY").input("LBN")
    app.selectbox(key="review_precision::tripoli|LBY").set_value(1)
    app.button(key="review_save").click().run()
    assert not app.exception
    assert r"Tripoli \<b\>LB\</b\>" in app.success[0].value  # the label, escaped
    fixes, events = _stored(db_url)
    assert [(f.location, f.latitude, f.longitude, f.country_code) for f in fixes] == [
        ("Tripoli <b>LB</b>", 34.4367, 35.8497, "LBN")]


def test_review_without_article_events(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'one.sqlite'}"
    Store(url).upsert_events([make_event(1, origin="ucdp")])
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(data, "get_geocoder", FakeGazetteer)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    open_page(at, "review")
    assert at.info[0].value.startswith("No geocoded article events match the filters")
