import datetime as dt

import pytest

from geo.articles import article_from_text
from geo.errors import StoreError
from geo.store import Store
from tests.conftest import make_event


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    """Every store test runs on SQLite and on a PostgreSQL server the tests start."""
    url = f"sqlite:///{tmp_path / 'events.sqlite'}" if request.param == "sqlite" \
        else request.getfixturevalue("pg_database_url")
    s = Store(url)
    yield s
    s.dispose()


def test_new_store_is_empty_and_sqlite_is_in_wal_mode(store):
    assert store.count_events() == 0
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    else:
        assert store.dialect == "postgresql"


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


# -- the bulk paths (geo/store_bulk.py) ------------------------------------------

def _raw_rows(store):
    """Every stored value as the database returns it, but stored_at."""
    from sqlalchemy import select

    from geo.record import FIELDS
    from geo.store import events

    with store.engine.connect() as conn:
        rows = conn.execute(select(*[events.c[f] for f in FIELDS]).order_by(events.c.event_id))
        return [tuple(r) for r in rows]


def test_upsert_frame_stores_exactly_what_upsert_events_stores(store, sample_events, db_url):
    import pandas as pd

    reference = Store(db_url) if store.dialect == "sqlite" else None
    store.upsert_events(sample_events)
    by_rows = _raw_rows(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM events")
    store.upsert_frame(pd.DataFrame([e.to_dict() for e in sample_events]))
    assert _raw_rows(store) == by_rows
    if reference is not None:
        reference.dispose()


def test_upsert_frame_keeps_the_last_row_of_an_id_and_counts_ids(store):
    import pandas as pd

    rows = [make_event(1, location="first").to_dict(), make_event(2).to_dict(),
            make_event(1, location="second").to_dict()]
    report = store.upsert_frame(pd.DataFrame(rows))
    assert (report.added, report.updated) == (2, 0)
    assert {e.location for e in store.iter_events()} == {"second", "Idlib"}


def test_a_big_batch_rebuilds_the_indexes_and_reads_back(store, monkeypatch):
    import pandas as pd
    from sqlalchemy import inspect

    from geo import store_bulk

    monkeypatch.setattr(store_bulk, "REBUILD_INDEXES_FROM", 10)
    frame = pd.DataFrame([make_event(i, fatalities=i, date_uncertain=bool(i % 2)).to_dict()
                          for i in range(40)])
    indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("events")}
    assert store.upsert_frame(frame).added == 40
    assert {ix["name"] for ix in inspect(store.engine).get_indexes("events")} == indexes
    again = store.upsert_frame(frame.iloc[:5])
    assert (again.added, again.updated) == (0, 5)
    loaded = store.load_frame().sort_values("fatalities")
    assert loaded["fatalities"].tolist() == list(range(40))
    assert loaded["date_uncertain"].tolist() == [bool(i % 2) for i in range(40)]


def test_a_bulk_load_rebuilds_the_indexes_once_even_when_it_fails(store, monkeypatch):
    import pandas as pd
    from sqlalchemy import inspect

    from geo import store_bulk

    def index_names():
        return {ix["name"] for ix in inspect(store.engine).get_indexes("events")}

    monkeypatch.setattr(store_bulk, "REBUILD_INDEXES_FROM", 10)
    indexes = index_names()
    assert "ix_events_date" in indexes
    chunks = [pd.DataFrame([make_event(i).to_dict() for i in range(k, k + 20)])
              for k in (0, 20, 40)]
    with pytest.raises(RuntimeError):
        with store.bulk_load(60):
            for chunk in chunks[:2]:
                store.upsert_frame(chunk)
            if store.dialect == "sqlite":
                assert index_names() == set()  # dropped for the whole load
            raise RuntimeError("the file broke off")
    assert index_names() == indexes
    assert store.count_events() == 40  # each chunk was its own transaction
    with store.bulk_load(60):
        assert store.upsert_frame(chunks[2]).added == 20
    assert index_names() == indexes and store.count_events() == 60
    assert store.load_frame()["event_id"].nunique() == 60


def test_a_store_left_without_its_indexes_gets_them_back_on_open(tmp_path):
    from sqlalchemy import inspect, text

    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    first = Store(url)
    indexes = {ix["name"] for ix in inspect(first.engine).get_indexes("events")}
    with first.engine.begin() as conn:  # as a bulk load killed mid-way leaves it
        for name in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
    first.dispose()
    again = Store(url)
    assert {ix["name"] for ix in inspect(again.engine).get_indexes("events")} == indexes
    again.dispose()


def test_load_frame_uses_categoricals_and_never_nan_text(store, sample_events):
    import pandas as pd

    store.upsert_events(sample_events)
    frame = store.load_frame()
    assert isinstance(frame["event_type"].dtype, pd.CategoricalDtype)
    assert not frame["country_code"].isna().any()
    assert "" in set(frame["country_code"])
    assert frame["fatalities"].dtype == "Int64"


def test_load_table_of_an_empty_store(store):
    assert store.load_table().num_rows == 0
    assert len(store.load_frame()) == 0


def test_text_with_quotes_commas_and_newlines_round_trips(store):
    import pandas as pd

    tricky = 'He said: "no", then\nleft; back\\slash, \t tab'
    store.upsert_frame(pd.DataFrame([make_event(1, evidence=tricky, actor2="").to_dict()]))
    (event,) = list(store.iter_events())
    assert event.evidence == tricky and event.actor2 == ""
    assert store.load_frame()["evidence"].item() == tricky


def test_version_is_cheap_and_changes_on_upsert_frame(store):
    import pandas as pd

    before = store.version()
    store.upsert_frame(pd.DataFrame([make_event(1).to_dict()]))
    assert store.version() != before
