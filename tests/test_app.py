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
