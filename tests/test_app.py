"""The dashboard's sidebar and pages through Streamlit's AppTest (no browser)."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.conftest import ROOT


@pytest.fixture
def app(monkeypatch, db_url, sample_events):
    Store(db_url).upsert_events(sample_events)
    monkeypatch.setenv("DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    return at


def caption(at) -> str:
    return at.caption[0].value


def test_dashboard_starts_with_every_event(app):
    app.run()
    assert not app.exception
    assert caption(app).startswith("6 events match the filters · 5 on the map")


def test_sidebar_event_type_filter_narrows_the_map(app):
    app.run()
    app.sidebar.multiselect(key="f_types").set_value(["Diplomacy"]).run()
    assert not app.exception
    assert caption(app).startswith("2 events match")
    assert app.query_params["type"] == ["Diplomacy"] or app.query_params["type"] == "Diplomacy"


def test_sidebar_options_show_counts(app):
    app.run()
    types = app.sidebar.multiselect(key="f_types")
    assert "Diplomacy (2)" in types.options
    countries = app.sidebar.multiselect(key="f_countries")
    assert "Syria (3)" in countries.options


def test_filters_start_from_the_url(app):
    app.query_params["country"] = "IRN"
    app.run()
    assert not app.exception
    assert caption(app).startswith("1 events match")


def test_date_range_filter(app):
    app.run()
    app.sidebar.date_input(key="f_dates").set_value((dt.date(2020, 2, 15), dt.date(2020, 2, 29)))
    app.run()
    assert caption(app).startswith("2 events match")


def test_filters_persist_on_the_events_page(app):
    app.run()
    app.sidebar.multiselect(key="f_actors").set_value(["Recep Tayyip Erdogan (Turkey)"]).run()
    app.switch_page("pages/events.py").run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 2


def test_sub_type_options_follow_the_chosen_types(app):
    app.run()
    subs = app.sidebar.multiselect(key="f_sub_types")
    assert {"Armed clash (3)", "Meeting or call (1)", "Threat (1)"} <= set(subs.options)
    app.sidebar.multiselect(key="f_types").set_value(["Diplomacy"]).run()
    subs = app.sidebar.multiselect(key="f_sub_types")
    assert set(subs.options) == {"Meeting or call (1)", "Threat (1)"}
    subs.set_value(["Threat"]).run()
    assert caption(app).startswith("1 events match")
    assert app.query_params["sub"] in (["Threat"], "Threat")
    # a sub-type that no longer belongs to the chosen types is dropped
    app.sidebar.multiselect(key="f_types").set_value(["Battles"]).run()
    assert not app.exception
    assert app.sidebar.multiselect(key="f_sub_types").value == []


def test_free_text_precision_and_origin(app):
    app.run()
    app.sidebar.text_input(key="f_text").input("offensive").run()
    assert caption(app).startswith("1 events match")
    assert app.query_params["q"] in (["offensive"], "offensive")
    app.sidebar.text_input(key="f_text").input("").run()
    precision = app.sidebar.selectbox(key="f_precision")
    assert "Settlement (3)" in precision.options and "Region or finer (4)" in precision.options
    precision.set_value(1).run()
    assert caption(app).startswith("3 events match")
    assert app.query_params["prec"] in (["1"], "1")
    origin = app.sidebar.multiselect(key="f_origins")
    assert set(origin.options) == {"article (5)", "ucdp (1)"}
    app.sidebar.selectbox(key="f_precision").set_value(0).run()
    app.sidebar.multiselect(key="f_origins").set_value(["ucdp"]).run()
    assert caption(app).startswith("1 events match")


def test_new_filters_start_from_the_url(app):
    app.query_params.update({"type": "Diplomacy", "sub": "Threat", "q": "warned",
                             "prec": "1", "origin": "article"})
    app.run()
    assert not app.exception
    assert caption(app).startswith("1 events match")
    assert app.sidebar.multiselect(key="f_sub_types").value == ["Threat"]
    assert app.sidebar.text_input(key="f_text").value == "warned"
    assert app.sidebar.selectbox(key="f_precision").value == 1


def test_reset_clears_widgets_and_the_url(app):
    app.query_params.update({"country": "SYR", "q": "town", "prec": "2"})
    app.run()
    assert caption(app).startswith("2 events match")
    app.sidebar.button(key="f_reset").click().run()
    assert not app.exception
    assert caption(app).startswith("6 events match")
    assert app.sidebar.multiselect(key="f_countries").value == []
    assert app.sidebar.text_input(key="f_text").value == ""
    assert dict(app.query_params) == {}


def test_bad_link_is_reported_not_fatal(app):
    app.query_params["since"] = "yesterday"
    app.run()
    assert not app.exception
    assert "The link's filter was ignored" in app.sidebar.warning[0].value
    assert caption(app).startswith("6 events match")


def test_details_panel_shows_a_clicked_event_escaped(app, monkeypatch):
    app.run()
    frame_ids = app.session_state["filtered"]["event_id"].tolist()
    target = frame_ids[0]
    # what streamlit-folium keeps under the map's key after a marker click
    app.session_state["main_map"] = {"last_object_clicked": {"lat": 35.93, "lng": 36.63},
                                     "last_object_clicked_tooltip": f"Idlib — Battles Event id: {target}",
                                     "last_object_clicked_popup": None}
    app.run()
    assert not app.exception
    assert app.session_state["selected_event_id"] == target
    texts = " ".join(m.value for m in app.markdown)
    assert "Fighting was reported near the town" in texts
    assert any(b.label == "Clear selection" for b in app.button)
    app.button(key="clear_selection").click().run()
    assert "selected_event_id" not in app.session_state
