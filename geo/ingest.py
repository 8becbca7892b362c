"""Ingestion: article files → events → store, one file at a time.

A file that cannot be read is reported (file and reason) and skipped; what is
already stored is never touched by a failed file. The same article twice
leaves the same rows (ids are stable; :meth:`Store.write_article` replaces).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from geo.articles import Article, iter_article_paths, read_article
from geo.errors import InputError
from geo.record import Event

if TYPE_CHECKING:  # the store pulls in pandas and SQLAlchemy; extraction needs neither
    from geo.store import Store


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    events: int = 0
    added: int = 0
    removed: int = 0
    error: str = ""


@dataclass(slots=True)
class IngestReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def ok(self) -> list[FileResult]:
        return [f for f in self.files if not f.error]

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    @property
    def events(self) -> int:
        return sum(f.events for f in self.ok)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.ok)

    def summary(self) -> str:
        return (f"{len(self.ok)} article(s) read, {len(self.failed)} rejected; "
                f"{self.events} event(s), {self.added} new")


def extract_article(article: Article, geocoder) -> list[Event]:
    """The events an article reports (nothing is stored)."""
    from geo.extract import extract_events  # the extractor loads data lazily

    return extract_events(article, geocoder)


def ingest_paths(paths: Iterable[str | Path], store: Store, geocoder, *,
                 progress: Callable[[Iterable], Iterable] | None = None) -> IngestReport:
    """Ingest article files and folders into ``store``; errors are collected per file."""
    report = IngestReport()
    files = iter_article_paths(paths)
    for path in (progress(files) if progress else files):
        report.files.append(ingest_file(path, store, geocoder))
    return report


def ingest_file(path: str | Path, store: Store, geocoder) -> FileResult:
    try:
        article = read_article(path)
        found = extract_article(article, geocoder)
    except InputError as exc:
        return FileResult(path=str(path), error=str(exc))
    written = store.write_article(article, found)
    return FileResult(path=str(path), events=len(found), added=written.added,
                      removed=written.removed)


def ingest_seeds_if_empty(store: Store, geocoder, seeds_dir: Path) -> IngestReport | None:
    """First start: an empty store takes the shipped seed articles."""
    if store.count_events() > 0 or not seeds_dir.is_dir():
        return None
    return ingest_paths([seeds_dir], store, geocoder)
