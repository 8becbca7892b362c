"""The open dashboard notices events written while it is open."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from streamlit.testing.v1 import AppTest

from geo.notices import new_events_notice, refresh_seconds
from geo.store import Store
from tests.conftest import ROOT, make_event


def test_no_notice_while_the_store_has_not_changed():
    assert new_events_notice((3, "2020-01-01 00:00:00"), (3, "2020-01-01 00:00:00"), 0, []) is None
    assert new_events_notice(None, (3, "x"), 2, []) is None


def test_a_notice_names_the_count_and_links_each_new_event():
    rows = [{"event_id": "art:1/2", "event_date": dt.date(2020, 3, 2), "event_type": "Battles",
             "location": "Saraqib", "country_code": "SYR"}]
    notice = new_events_notice((3, "a"), (5, "b"), 2, rows)
    assert notice.headline == "2 new events since you opened this view"
    assert notice.lines == (("?event=art%3A1%2F2", "2020-03-02 · Battles · Saraqib (SYR)"),)


def test_refresh_interval_comes_from_the_environment():
    assert refresh_seconds({}) == 15.0
    assert refresh_seconds({"CONFLICTMAP_REFRESH_SECONDS": "0"}) is None
    assert refresh_seconds({"CONFLICTMAP_REFRESH_SECONDS": "2.5"}) == 2.5


def test_store_lists_events_written_after_a_version(store):
    store.upsert_events([make_event(1)])
    before = store.version()
    time.sleep(0.01)  # stored_at has microseconds; two writes must not share one
    store.upsert_events([make_event(2, location="Homs"), make_event(3, location="Ariha")])
    count, rows = store.events_stored_after(before[1])
    assert count == 2 and {r["location"] for r in rows} == {"Homs", "Ariha"}
    assert store.events_stored_after("not a time") == (0, [])


def test_the_dashboard_shows_new_events_without_a_reload(monkeypatch, db_url):
    store = Store(db_url)
    store.upsert_events([make_event(1)])
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("CONFLICTMAP_REFRESH_SECONDS", "0")  # AppTest drives the reruns
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert not any("new event" in m.value for m in at.sidebar.markdown)
    time.sleep(0.01)
    store.upsert_events([make_event(2, location="Homs", event_type="Protests",
                                    sub_event_type="Peaceful protest")])
    at.run()
    assert not at.exception
    texts = [m.value for m in at.sidebar.markdown]
    assert "**1 new event since you opened this view**" in texts
    assert any("Homs" in t and "?event=" in t for t in texts)
    assert at.caption[0].value.startswith("2 events match")
    at.sidebar.button(key="dismiss_new_events").click().run()
    assert not any("new event" in m.value for m in at.sidebar.markdown)
