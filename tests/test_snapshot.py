import pandas as pd
import pytest

from geo import snapshot
from geo.store import Store
from tests.conftest import make_event


def test_snapshot_equals_the_store_and_is_reused(store, sample_events, monkeypatch):
    store.upsert_events(sample_events)
    first = snapshot.load_events_frame(store)
    pd.testing.assert_frame_equal(first, store.load_frame())
    files = list(snapshot.snapshot_dir(store).glob("events-*.arrow"))
    assert len(files) == 1

    def no_database(*_):
        raise AssertionError("the snapshot should have been used")

    monkeypatch.setattr(Store, "load_table", no_database)
    pd.testing.assert_frame_equal(snapshot.load_events_frame(store), first)


def test_a_write_makes_a_new_snapshot_and_drops_the_old(store, sample_events):
    store.upsert_events(sample_events[:2])
    snapshot.load_events_frame(store)
    old = set(snapshot.snapshot_dir(store).glob("events-*.arrow"))
    store.upsert_events([make_event(99)])
    assert len(snapshot.load_events_frame(store)) == 3
    new = set(snapshot.snapshot_dir(store).glob("events-*.arrow"))
    assert len(new) == 1 and not (old & new)


def test_a_damaged_snapshot_is_rebuilt(store, sample_events):
    store.upsert_events(sample_events)
    path = snapshot.snapshot_path(store, store.version())
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not arrow")
    assert len(snapshot.load_events_frame(store)) == len(sample_events)


@pytest.mark.postgres
def test_postgres_snapshots_live_under_a_directory_of_their_own(pg_database_url, tmp_path,
                                                                 sample_events):
    s = Store(pg_database_url)
    s.upsert_events(sample_events)
    frame = snapshot.load_events_frame(s, directory=tmp_path)
    assert len(frame) == len(sample_events) and list(tmp_path.glob("events-*.arrow"))
    s.dispose()
