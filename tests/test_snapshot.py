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


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values("event_id").reset_index(drop=True)
    return frame.astype({c: object for c in frame.columns if frame[c].dtype == "category"})


def test_a_new_version_reads_only_the_rows_written_since(store, sample_events, monkeypatch):
    import dataclasses
    import datetime as dt

    store.upsert_events(sample_events)
    snapshot.load_events_frame(store)
    changed = dataclasses.replace(sample_events[0], location="Moved", fatalities=77)
    store.upsert_events([make_event(99), changed])
    asked = []
    real = Store.load_table

    def only_since(self, *, since=None):
        asked.append(since)
        if since is None:
            raise AssertionError("the whole store was read again")
        return real(self, since=since)

    monkeypatch.setattr(Store, "load_table", only_since)
    updated = snapshot.load_events_frame(store)
    assert len(asked) == 1 and isinstance(asked[0], dt.datetime)
    monkeypatch.setattr(Store, "load_table", real)
    pd.testing.assert_frame_equal(_by_id(updated), _by_id(store.load_frame()))
    row = updated[updated["event_id"] == sample_events[0].event_id]
    assert row["location"].tolist() == ["Moved"] and row["fatalities"].tolist() == [77]
    assert len(list(snapshot.snapshot_dir(store).glob("events-*.arrow"))) == 1
    # and the file written is itself a good start for the next one
    store.upsert_events([make_event(100)])
    assert len(snapshot.load_events_frame(store)) == len(sample_events) + 2


def test_rows_removed_since_the_snapshot_mean_a_full_read(store):
    from geo.articles import article_from_text

    art = article_from_text("Clashes were reported in Idlib.")
    store.write_article(art, [make_event(i, article_id=art.article_id) for i in range(3)])
    assert len(snapshot.load_events_frame(store)) == 3
    store.write_article(art, [make_event(0, article_id=art.article_id)])  # two events gone
    again = snapshot.load_events_frame(store)
    assert again["event_id"].tolist() == [make_event(0).event_id]


@pytest.mark.postgres
def test_postgres_snapshots_are_updated_with_the_rows_written_since(pg_database_url, tmp_path,
                                                                     sample_events):
    s = Store(pg_database_url)
    s.upsert_events(sample_events[:2])
    assert len(snapshot.load_events_frame(s, directory=tmp_path)) == 2
    s.upsert_events(sample_events[2:])
    fresh = s.load_table(since=__import__("datetime").datetime.fromisoformat(s.version()[1]))
    assert fresh.num_rows == len(sample_events) - 2
    frame = snapshot.load_events_frame(s, directory=tmp_path)
    assert sorted(frame["event_id"]) == sorted(e.event_id for e in sample_events)
    s.dispose()


def test_a_snapshot_written_in_the_background_is_there_for_the_next_load(store, sample_events):
    import threading

    store.upsert_events(sample_events)
    frame = snapshot.load_events_frame(store, background=True)
    assert len(frame) == len(sample_events)
    for thread in threading.enumerate():
        if thread.name == "conflictmap-snapshot":
            thread.join(30)
    assert snapshot.snapshot_path(store, store.version()).exists()


def test_the_frame_held_is_brought_up_to_date_with_the_rows_written_since(
        store, sample_events, monkeypatch):
    # the dashboard after an ingested article: its loaded frame plus the new rows, not a
    # million rows converted again
    import dataclasses

    store.upsert_events(sample_events)
    before = store.version()
    frame = snapshot.load_events_frame(store, version=before)
    changed = dataclasses.replace(sample_events[0], location="Moved", fatalities=77,
                                  actor1="A group never seen before")
    store.upsert_events([make_event(99, country="Nowhere Land"), changed])
    asked = []
    real = Store.load_table

    def only_since(self, *, since=None):
        asked.append(since)
        assert since is not None, "the whole store was read again"
        return real(self, since=since)

    monkeypatch.setattr(Store, "load_table", only_since)
    updated = snapshot.updated_frame(store, frame, before, store.version())
    monkeypatch.setattr(Store, "load_table", real)
    assert len(asked) == 1
    pd.testing.assert_frame_equal(_by_id(updated), _by_id(store.load_frame()))
    assert list(updated.index) == list(range(len(updated)))
    for name in frame.columns:  # the held frame's dtypes, categories grown where needed
        assert updated[name].dtype.name == frame[name].dtype.name, name
    row = updated[updated["event_id"] == sample_events[0].event_id]
    assert row["actor1"].tolist() == ["A group never seen before"]
    assert len(frame) == len(sample_events)  # the held frame itself is left as it was


def test_a_held_frame_is_not_patched_when_rows_have_gone(store):
    from geo.articles import article_from_text

    art = article_from_text("Clashes were reported in Idlib.")
    store.write_article(art, [make_event(i, article_id=art.article_id) for i in range(3)])
    before = store.version()
    frame = snapshot.load_events_frame(store, version=before)
    store.write_article(art, [make_event(0, article_id=art.article_id)])  # two events gone
    assert snapshot.updated_frame(store, frame, before, store.version()) is None
    assert snapshot.updated_frame(store, frame, (3, "not a time"), store.version()) is None


@pytest.mark.parametrize("dropped", [[0, 5, 6, 599], list(range(0, 600, 2))])
def test_rows_dropped_by_position_few_or_many(dropped):
    frame = pd.DataFrame({"event_id": [f"e{i}" for i in range(600)],
                          "kind": pd.Categorical(["a", "b", "c"] * 200)})
    kept = snapshot.concat_events(snapshot._without(frame, __import__("numpy").array(dropped)))
    expected = frame.drop(index=dropped).reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, expected)


def test_the_dashboard_patches_its_loaded_frame_after_a_write(db_url, sample_events,
                                                              monkeypatch):
    # an article ingested while the dashboard runs: the next run reads the new rows only
    import threading

    from geo.ui import data

    monkeypatch.setenv("DATABASE_URL", db_url)
    store = data.get_store()
    store.upsert_events(sample_events[:3])
    first = data.load_events()
    assert data.load_events() is first
    store.upsert_events(sample_events[3:])
    reads = []
    real = Store.load_table

    def counted(self, *, since=None):
        if threading.current_thread().name != "conflictmap-snapshot":  # (the file's own)
            reads.append(since)
        return real(self, since=since)

    monkeypatch.setattr(Store, "load_table", counted)
    second = data.load_events()
    assert sorted(second["event_id"]) == sorted(e.event_id for e in sample_events)
    assert reads and all(since is not None for since in reads)  # never the whole store
    assert len(first) == 3


def test_the_patched_frames_snapshot_file_is_written_behind_the_page(store, sample_events):
    store.upsert_events(sample_events[:2])
    snapshot.load_events_frame(store)  # the file of the first version
    store.upsert_events(sample_events[2:])
    version = store.version()
    saver = snapshot.save_in_background(store, version, after_s=0)
    saver.join(30)
    assert snapshot.snapshot_path(store, version).exists()
    assert len(snapshot.read_snapshot(snapshot.snapshot_path(store, version))) == \
        len(sample_events)
