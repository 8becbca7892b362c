"""The sidebar's watchlists through AppTest: save the current filter, see what is new,
show a watchlist's events."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.filters import EventFilter
from geo.store import Store
from geo.watchlists import get_watchlist, save_watchlist
from tests.conftest import ROOT, make_event


@pytest.fixture
def app(monkeypatch, db_url, sample_events):
    Store(db_url).upsert_events(sample_events)
    monkeypatch.setenv("DATABASE_URL", db_url)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def markdown(at) -> str:
    return "\n".join(m.value for m in at.sidebar.markdown)


def test_save_the_current_filter_as_a_watchlist(app, db_url):
    app.run()
    assert "Save a filter below" in markdown(app)
    app.sidebar.multiselect(key="f_types").set_value(["Diplomacy"]).run()
    app.sidebar.text_input(key="wl_name").set_value("Talks <b>").run()
    app.sidebar.button(key="wl_save").click().run()
    assert not app.exception
    assert app.sidebar.success[0].value == "Saved “Talks <b>”: Diplomacy"
    assert get_watchlist(Store(db_url), "Talks <b>").filter == EventFilter(
        event_types=("Diplomacy",))
    assert "**Talks \\<b\\>** · 0 new since you last looked" in markdown(app)


def test_new_events_counted_and_shown(app, db_url):
    store = Store(db_url)
    save_watchlist(store, "Syria battles", EventFilter(countries=("SYR",),
                                                       event_types=("Battles",)))
    store.upsert_events([make_event(50), make_event(51),
                         make_event(52, event_type="Protests", sub_event_type="Peaceful protest")])
    app.run()
    assert not app.exception
    assert "**Syria battles** · 2 new since you last looked" in markdown(app)
    assert app.caption[0].value.startswith("9 events match")
    app.sidebar.button(key="wl_show_0").click().run()
    assert not app.exception
    assert app.caption[0].value.startswith("4 events match")  # two old and two new battles
    assert app.sidebar.multiselect(key="f_countries").value == ["SYR"]
    assert "**Syria battles** · 0 new since you last looked" in markdown(app)
