"""A large dataset file is read in a second process while this one writes: the same
rows, rejections and failures as reading it here, and a reader's error is raised here."""

from __future__ import annotations

import gzip
import os

import pytest

from geo.errors import InputError
from geo.importers import get_importer, import_file
from geo.importers import run as run_mod
from geo.importers.read_ahead import read_ahead
from tests.test_hostile_datasets import _ucdp_rows


def _numbers(step):
    for k in range(5):
        step(k, 5)
        yield {"k": k, "pid": os.getpid()}


def test_items_come_in_order_from_another_process_with_their_progress():
    steps = []
    items = list(read_ahead(_numbers, progress=lambda done, total: steps.append((done, total))))
    assert [i["k"] for i in items] == [0, 1, 2, 3, 4]
    assert {i["pid"] for i in items} != {os.getpid()}
    assert steps == [(k, 5) for k in range(5)]


def _fails_after_two(step):
    yield 1
    yield 2
    raise InputError("/data/x.csv", "cannot read past row 3: broken", row=3)


def test_a_readers_error_is_raised_here_at_its_place_with_its_message():
    got = []
    with pytest.raises(InputError) as caught:
        for item in read_ahead(_fails_after_two):
            got.append(item)
    assert got == [1, 2]
    assert str(caught.value) == "/data/x.csv, row 3: cannot read past row 3: broken"
    assert caught.value.row == 3


def _endless(step):
    k = 0
    while True:
        yield k
        k += 1


def test_a_consumer_that_stops_early_ends_the_reader():
    items = read_ahead(_endless)
    assert next(items) == 0
    items.close()  # returns: the child was ended and joined


@pytest.fixture
def always_ahead(monkeypatch):
    monkeypatch.setattr(run_mod, "READ_AHEAD_FROM", 0)


def _stored(store):
    frame = store.load_frame().drop(columns=["stored_at"], errors="ignore")
    return frame.sort_values("event_id").reset_index(drop=True)


def test_read_ahead_stores_what_reading_here_stores(tmp_path, always_ahead):
    from geo.store import Store

    path = tmp_path / "ucdp.csv"
    path.write_bytes(_ucdp_rows(3000, best={5: "1e400"}, date_start={9: "2016-13-45"}))
    importer = get_importer("ucdp", block_bytes=64 * 1024)  # several chunks
    here = Store(f"sqlite:///{tmp_path / 'here.sqlite'}")
    ahead = Store(f"sqlite:///{tmp_path / 'ahead.sqlite'}")
    plain = import_file(path, importer, here)
    other = import_file(path, importer, ahead, read_ahead=True)
    assert (other.rows_read, other.added, other.rejected) == (plain.rows_read, plain.added,
                                                              plain.rejected) == (3000, 2998, 2)
    assert [e.message(path) for e in other.errors] == [e.message(path) for e in plain.errors]
    assert _stored(ahead).equals(_stored(here))


def test_a_cut_off_archive_read_ahead_keeps_what_came_before(store, tmp_path, always_ahead):
    whole = gzip.compress(_ucdp_rows(3000))
    path = tmp_path / "ucdp.csv.gz"
    path.write_bytes(whole[:len(whole) * 3 // 4])
    report = import_file(path, get_importer("ucdp", block_bytes=64 * 1024), store,
                         read_ahead=True)
    assert report.added > 0 and store.count_events() == report.added
    assert str(path) in report.failure and "cannot read past row" in report.failure


def test_an_unreadable_file_read_ahead_is_refused_as_before(store, tmp_path, always_ahead):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        import_file(path, "ucdp", store, read_ahead=True)
