import datetime as dt

import pytest

from geo.articles import article_from_text
from geo.errors import StoreError
from geo.store import Store
from tests.conftest import make_event


def test_new_store_is_empty_and_in_wal_mode(store):
    assert store.count_events() == 0
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_upserting_the_same_events_twice_leaves_the_same_rows(store, sample_events):
    first = store.upsert_events(sample_events)
    second = store.upsert_events(sample_events)
    assert (first.added, first.updated) == (6, 0)
    assert (second.added, second.updated) == (0, 6)
    assert store.count_events() == 6
    assert sorted(store.iter_events(), key=lambda e: e.event_id) == \
        sorted(sample_events, key=lambda e: e.event_id)


def test_writing_an_article_twice_is_idempotent(store):
    art = article_from_text("Clashes were reported in Idlib.", metadata={"url": "https://x.org/1"})
    found = [make_event(1, article_id=art.article_id), make_event(2, article_id=art.article_id)]
    store.write_article(art, found)
    again = store.write_article(art, found)
    assert store.count_events() == 2
    assert (again.added, again.updated, again.removed) == (0, 2, 0)
    assert store.get_article(art.article_id)["text"].startswith("Clashes")


def test_rewriting_an_article_drops_events_no_longer_found(store):
    art = article_from_text("Clashes were reported in Idlib.")
    store.write_article(art, [make_event(1, article_id=art.article_id),
                              make_event(2, article_id=art.article_id)])
    report = store.write_article(art, [make_event(1, article_id=art.article_id)])
    assert report.removed == 1
    assert [e.event_id for e in store.iter_events()] == [make_event(1).event_id]


def test_other_articles_events_are_untouched(store):
    a = article_from_text("One.", metadata={"url": "https://x.org/a"})
    b = article_from_text("Two.", metadata={"url": "https://x.org/b"})
    store.write_article(a, [make_event(1, article_id=a.article_id)])
    store.write_article(b, [])
    assert store.count_events() == 1


def test_load_frame_has_record_columns_and_types(store, sample_events):
    store.upsert_events(sample_events)
    frame = store.load_frame()
    assert len(frame) == 6
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["latitude"].dtype == "float64"
    assert frame.loc[frame["event_id"] == sample_events[0].event_id, "country_code"].item() == "SYR"


def test_version_changes_when_events_are_written(store):
    before = store.version()
    store.upsert_events([make_event(1)])
    assert store.version() != before


def test_database_url_from_environment(monkeypatch, tmp_path):
    target = tmp_path / "other.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{target}")
    s = Store()
    s.upsert_events([make_event(1, event_date=dt.date(2021, 1, 1))])
    assert target.exists() and s.count_events() == 1


def test_unreachable_database_is_a_store_error():
    with pytest.raises(StoreError):
        Store("postgresql://nobody@127.0.0.1:1/none")


def test_upsert_frame_is_idempotent_and_reads_back(store, sample_events):
    import pandas as pd

    frame = pd.DataFrame([e.to_dict() for e in sample_events])
    assert store.upsert_frame(frame).added == 6
    assert store.upsert_frame(frame).updated == 6
    assert sorted(store.iter_events(), key=lambda e: e.event_id) == \
        sorted(sample_events, key=lambda e: e.event_id)
