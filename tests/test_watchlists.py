"""Watchlists (geo/watchlists.py) on SQLite and PostgreSQL, and their CLI."""

import datetime as dt
import json

import pytest

from geo.errors import WatchlistError
from geo.filters import EventFilter
from geo.store import Store
from geo.watchlists import (
    count_new, delete_watchlist, get_watchlist, list_watchlists, mark_seen, new_events,
    save_watchlist,
)
from tests.conftest import make_event
from tests.test_cli import run_cli

SYRIA_BATTLES = EventFilter(countries=("SYR",), event_types=("Battles",))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'events.sqlite'}" if request.param == "sqlite" \
        else request.getfixturevalue("pg_database_url")
    s = Store(url)
    yield s
    s.dispose()


def later_events(start: int):
    """Two Syrian battles, a Syrian protest and a Turkish battle."""
    return [make_event(start), make_event(start + 1, event_date=dt.date(2020, 3, 2)),
            make_event(start + 2, event_type="Protests", sub_event_type="Peaceful protest"),
            make_event(start + 3, country="Turkey", country_code="TUR", location="Ankara")]


def test_save_list_update_and_delete(store):
    saved, new = save_watchlist(store, "  Syria   battles ", SYRIA_BATTLES)
    assert new and saved.name == "Syria battles" and saved.filter == SYRIA_BATTLES
    assert saved.description == "SYR · Battles"
    other, _ = save_watchlist(store, "Actors", EventFilter(actors=("HTS",), text="drone",
                                                            since=dt.date(2020, 1, 1)))
    assert get_watchlist(store, "Actors").filter == other.filter  # round trip of every field
    assert [w.name for w in list_watchlists(store)] == ["Actors", "Syria battles"]
    seen = mark_seen(store, "Syria battles", at=dt.datetime(2030, 1, 1))
    again, new = save_watchlist(store, "Syria battles", EventFilter(countries=("SYR",)))
    assert not new and again.filter == EventFilter(countries=("SYR",))
    assert again.last_seen_at == seen.last_seen_at == dt.datetime(2030, 1, 1)
    delete_watchlist(store, "Actors")
    assert [w.name for w in list_watchlists(store)] == ["Syria battles"]


def test_bad_names_are_named_errors(store):
    with pytest.raises(WatchlistError, match="needs a name"):
        save_watchlist(store, "   ", SYRIA_BATTLES)
    with pytest.raises(WatchlistError, match="longer than 80"):
        save_watchlist(store, "x" * 81, SYRIA_BATTLES)
    save_watchlist(store, "Syria", SYRIA_BATTLES)
    with pytest.raises(WatchlistError, match=r"no watchlist named 'Iran' \(saved: Syria\)"):
        get_watchlist(store, "Iran")


def test_new_since_the_last_look(store):
    store.upsert_events(later_events(100))  # stored before the watchlist: not new
    wl, _ = save_watchlist(store, "Syria battles", SYRIA_BATTLES)
    assert count_new(store, wl) == 0
    store.upsert_events(later_events(200))
    found = new_events(store, get_watchlist(store, "Syria battles"))
    assert sorted(found["event_id"]) == sorted(e.event_id for e in later_events(200)[:2])
    assert list(found["event_date"].dt.date) == [dt.date(2020, 2, 29), dt.date(2020, 3, 2)]
    # from a date: both batches' battles (they were stored today)
    assert len(new_events(store, wl, since=dt.date.today() - dt.timedelta(days=1))) == 4
    assert len(new_events(store, wl, since=dt.date.today() + dt.timedelta(days=1))) == 0
    wl = mark_seen(store, "Syria battles")
    assert count_new(store, wl) == 0


def test_watchlist_cli(db_url):
    store = Store(db_url)
    store.upsert_events(later_events(1))
    added = run_cli("watchlist", "add", "Syria battles", "--country", "SYR", "--type", "Battles",
                    db_url=db_url)
    assert added.returncode == 0, added.stderr
    assert "watchlist 'Syria battles' saved: SYR · Battles" in added.stdout
    store.upsert_events(later_events(10))
    listed = json.loads(run_cli("watchlist", "list", "--json", db_url=db_url).stdout)
    assert [(w["name"], w["new"], w["filter"]) for w in listed] == \
        [("Syria battles", 2, {"country": ["SYR"], "type": ["Battles"]})]
    report = run_cli("watchlist", "report", "Syria battles", "--since",
                     dt.date.today().isoformat(), "--json", db_url=db_url)
    assert report.returncode == 0, report.stderr
    events = json.loads(report.stdout)
    assert len(events) == 4 and {e["country_code"] for e in events} == {"SYR"}
    assert {e["event_type"] for e in events} == {"Battles"} and "evidence" in events[0]
    seen = run_cli("watchlist", "report", "Syria battles", "--mark-seen", db_url=db_url)
    assert "2 new event(s) for 'Syria battles'" in seen.stdout
    assert "0 new event(s)" in run_cli("watchlist", "report", "Syria battles",
                                       db_url=db_url).stdout
    missing = run_cli("watchlist", "report", "Nope", "--json", db_url=db_url)
    assert missing.returncode == 1 and "no watchlist named 'Nope'" in missing.stderr
    bad = run_cli("watchlist", "report", "Syria battles", "--since", "last week", db_url=db_url)
    assert bad.returncode == 1 and "--since 'last week' is not a date" in bad.stderr
