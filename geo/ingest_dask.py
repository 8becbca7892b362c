"""Ingestion as dask.distributed tasks: one task per article file.

Each task reads one file, extracts its events and geocodes them on a worker,
and returns an :class:`ArticleResult`; the geocoder is opened once per worker
thread (``threading.local``: a SQLite-backed gazetteer must stay on its
thread). The client writes the results to the store in the order of the files,
with the same :meth:`~geo.store.Store.write_article` as the single-process
:func:`geo.ingest.ingest_paths`, so the stored rows are identical.

Workers need the project importable and, for the default geocoder, the
gazetteer at their ``CONFLICTMAP_GAZETTEER`` (or ``data/gazetteer.sqlite``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.articles import Article, iter_article_paths
from geo.errors import ConflictMapError, InputError
from geo.ingest import FileResult, IngestReport, read_and_extract_file
from geo.record import Event
from geo.store import Store

_local = threading.local()


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one task returns: the article and its events, or why the file was rejected."""

    path: str
    article: Article | None
    events: tuple[Event, ...] = ()
    error: str = ""


def _default_geocoder():
    from geo.geocoding import open_geocoder

    return open_geocoder()


def worker_geocoder(factory: Callable[[], object]):
    """The geocoder ``factory`` makes, made once per worker thread."""
    cache = getattr(_local, "geocoders", None)
    if cache is None:
        cache = _local.geocoders = {}
    if factory not in cache:
        cache[factory] = factory()
    return cache[factory]


def read_and_extract(path: str, geocoder_factory: Callable[[], object] = _default_geocoder
                     ) -> ArticleResult:
    """One task: read, extract and geocode one article file (nothing is stored)."""
    try:
        article, found = read_and_extract_file(path, worker_geocoder(geocoder_factory))
    except InputError as exc:
        return ArticleResult(path=path, article=None, error=str(exc))
    return ArticleResult(path=path, article=article, events=tuple(found))


def ingest_paths_distributed(
    paths: Iterable[str | Path],
    store: Store,
    *,
    scheduler,
    geocoder_factory: Callable[[], object] = _default_geocoder,
    progress: Callable[[Iterable], Iterable] | None = None,
    connect_timeout: float = 30.0,
) -> IngestReport:
    """Ingest article files through a Dask scheduler (an address or a ``Client``).

    Results are written as they arrive, in the order of the files.
    """
    from distributed import Client

    files = [str(p) for p in iter_article_paths(paths)]
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, set_as_default=False, timeout=connect_timeout) if own else scheduler
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConflictMapError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    report = IngestReport()
    try:
        futures = client.map(read_and_extract, files, geocoder_factory=geocoder_factory,
                             pure=False)
        for future in (progress(futures) if progress else futures):
            result: ArticleResult = future.result()
            future.release()
            report.files.append(_store_result(result, store))
    finally:
        if own:
            client.close()
    return report


def _store_result(result: ArticleResult, store: Store) -> FileResult:
    if result.error or result.article is None:
        return FileResult(path=result.path, error=result.error or "no article")
    written = store.write_article(result.article, result.events)
    return FileResult(path=result.path, events=len(result.events), added=written.added,
                      removed=written.removed)
