"""``python -m geo serve``: the warm-up imports what the first run needs and loads the
store's events into the cache the pages read, so the first visitor does not wait."""

from __future__ import annotations

import sys

import pytest

from geo.ui import serve


@pytest.fixture
def started_runtime(monkeypatch):
    monkeypatch.setattr(serve, "_runtime_started", lambda timeout_s=60.0: True)


def test_warm_up_imports_the_first_runs_modules_and_loads_the_events(
        started_runtime, db_url, monkeypatch):
    from geo.record import Event
    from geo.store import Store
    from geo.ui import data

    import datetime as dt
    monkeypatch.setenv("DATABASE_URL", db_url)
    store = Store(db_url)
    store.upsert_events([Event(event_id="t:1", event_type="Battles", sub_event_type="Armed clash",
                               event_date=dt.date(2020, 1, 2), latitude=35.9, longitude=36.6,
                               location="Idlib", geo_precision=1, origin="manual")])
    store.dispose()
    done = serve.warm_up()
    assert done[-1] == "events"
    assert set(serve.WARM_MODULES) <= set(done) and set(serve.WARM_MODULES) <= set(sys.modules)
    frame = data.load_events()
    assert list(frame["event_id"]) == ["t:1"]
    assert data.load_events() is frame  # the warm copy is the cached one


def test_an_empty_store_is_left_for_the_first_start(started_runtime, db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert "events" not in serve.warm_up()


def test_streamlit_folium_is_never_imported_outside_a_script_run():
    # imported by the warm-up thread, its component serves an empty frame
    assert "streamlit_folium" not in serve.WARM_MODULES


def test_nothing_is_warmed_when_the_runtime_never_starts(monkeypatch):
    monkeypatch.setattr(serve, "_runtime_started", lambda timeout_s=60.0: False)
    assert serve.warm_up() == []
