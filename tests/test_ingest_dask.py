"""Ingestion as Dask tasks stores exactly what the single-process run stores."""

import pytest
from sqlalchemy import select

from geo.ingest import ingest_paths
from geo.ingest_dask import ingest_paths_distributed, read_and_extract
from geo.store import Store, articles, events
from tests.conftest import ROOT
from tests.fakes import FakeGazetteer

SEED_TEXT = (ROOT / "seeds" / "000_04e7ac960a2816e0.txt").read_text(encoding="utf-8")
PLACES = ["Idlib", "Aleppo", "Saraqib", "Damascus", "Ankara", "Tehran"]


def _articles(folder):
    folder.mkdir()
    for i, place in enumerate(PLACES):
        body = SEED_TEXT.replace("Idlib", place)
        (folder / f"{i:02d}.txt").write_text(
            f"---\ntitle: Test article {i}\nsource: Test Wire\npublished: 2020-02-{10 + i}\n"
            f"url: https://example.org/{i}\ndateline: Tehran\n---\n{body}", encoding="utf-8")
    (folder / "99_empty.txt").write_text("", encoding="utf-8")
    return folder


def _rows(store):
    with store.engine.connect() as conn:
        ev = [tuple(r) for r in conn.execute(
            select(*[c for c in events.c if c.name != "stored_at"]).order_by(events.c.event_id))]
        arts = [tuple(r) for r in conn.execute(
            select(*[c for c in articles.c if c.name != "stored_at"])
            .order_by(articles.c.article_id))]
    return ev, arts


def test_dask_ingest_stores_the_same_rows_as_one_process(tmp_path):
    from distributed import LocalCluster

    folder = _articles(tmp_path / "in")
    single = Store(f"sqlite:///{tmp_path / 'single.sqlite'}")
    one = ingest_paths([folder], single, FakeGazetteer())
    spread = Store(f"sqlite:///{tmp_path / 'dask.sqlite'}")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        many = ingest_paths_distributed([folder], spread, scheduler=cluster.scheduler_address,
                                        geocoder_factory=FakeGazetteer)
    assert one.events > len(PLACES)  # the fake gazetteer finds events in every article
    assert [f.path for f in many.files] == [f.path for f in one.files]
    assert [f.error for f in many.failed] == [f.error for f in one.failed] != []
    assert many.summary() == one.summary()
    assert _rows(spread) == _rows(single)
    # again: idempotent, like the single-process run
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        again = ingest_paths_distributed([folder], spread, scheduler=cluster.scheduler_address,
                                         geocoder_factory=FakeGazetteer)
    assert again.added == 0 and _rows(spread) == _rows(single)
    single.dispose()
    spread.dispose()


def test_a_task_reports_an_unreadable_file_instead_of_failing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = read_and_extract(str(bad), FakeGazetteer)
    assert result.article is None and "binary" in result.error


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    from geo.errors import ConflictMapError

    folder = _articles(tmp_path / "in")
    store = Store(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with pytest.raises(ConflictMapError, match="Dask scheduler"):
        ingest_paths_distributed([folder], store, scheduler="tcp://127.0.0.1:1",
                                 geocoder_factory=FakeGazetteer, connect_timeout=2)
