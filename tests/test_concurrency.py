"""An ingest running while the dashboard reads: no errors, no lost rows (two processes)."""

import multiprocessing as mp
import sys
import types

import pytest

from geo.store import Store
from tests.concurrency_workers import BATCH, BATCHES, reader, writer
from tests.conftest import make_event


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.sqlite'}"
    return request.getfixturevalue("pg_database_url")


def test_writer_and_reader_processes_lose_nothing(url, monkeypatch):
    Store(url).dispose()  # the schema exists before either process starts
    # spawn re-runs the parent's __main__ in each child; an AppTest run earlier in this
    # worker may have left dashboard.py there: the workers need none of it
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    ctx = mp.get_context("spawn")
    errors, seen, done = ctx.Queue(), ctx.Queue(), ctx.Event()
    r = ctx.Process(target=reader, args=(url, errors, done, seen))
    w = ctx.Process(target=writer, args=(url, errors, done))
    r.start()
    w.start()
    w.join(240)
    r.join(240)
    for p in (w, r):
        if p.is_alive():
            p.kill()
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, "\n".join(problems)
    assert w.exitcode == 0 and r.exitcode == 0
    reads, last = seen.get(timeout=5)
    assert reads >= 1 and last == BATCH * BATCHES
    store = Store(url)
    ids = set(store.load_frame()["event_id"])
    assert ids == {make_event(i).event_id for i in range(BATCH * BATCHES)}
    store.dispose()
