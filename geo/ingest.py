"""Ingestion: article files → events → store, one file at a time.

A file that cannot be read is reported (file and reason) and skipped; what is
already stored is never touched by a failed file. The same article twice
leaves the same rows (ids are stable; :meth:`Store.write_article` replaces).
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from geo.articles import ARTICLE_SUFFIXES, Article, article_from_text, iter_article_paths, \
    read_article
from geo.errors import ConflictMapError, ExtractionError, InputError
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
    rejected_rows: tuple[str, ...] = ()  # datasets: "FILE, row N: reason" for rows not stored


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


def read_and_extract_file(path: str | Path, geocoder, *, record_path: str | None = None
                          ) -> tuple[Article, list[Event]]:
    """Read one article file and extract its events; every failure is an InputError
    naming the file (an unexpected one becomes :class:`ExtractionError`), so one
    bad file never stops a batch. ``record_path``: see :func:`ingest_file`."""
    try:
        article = read_article(path)
        if record_path is not None:
            article = dataclasses.replace(article, path=record_path)
        return article, extract_article(article, geocoder)
    except ConflictMapError:
        raise
    except Exception as exc:  # noqa: BLE001 - the edge of one file: named, then skipped
        raise ExtractionError(path, f"cannot read its events ({type(exc).__name__}: "
                                    f"{str(exc)[:200]})") from exc


def ingest_file(path: str | Path, store: Store, geocoder, *,
                record_path: str | None = None) -> FileResult:
    """Read, extract and store one article file. ``record_path``: the path to
    store for the article instead of ``path`` (an upload's temporary file)."""
    try:
        article, found = read_and_extract_file(path, geocoder, record_path=record_path)
        written = store.write_article(article, found)
    except ConflictMapError as exc:
        return FileResult(path=str(path), error=str(exc))
    return FileResult(path=str(path), events=len(found), added=written.added,
                      removed=written.removed)


def ingest_seeds_if_empty(store: Store, geocoder, seeds_dir: Path) -> IngestReport | None:
    """First start: an empty store takes the shipped seed articles."""
    if store.count_events() > 0 or not seeds_dir.is_dir():
        return None
    return ingest_paths([seeds_dir], store, geocoder)


# -- the Ingest page: pasted text and uploaded files ------------------------------

PASTED = "pasted text"


@dataclass(frozen=True, slots=True)
class UploadKind:
    """A kind of file the Ingest page accepts: its suffixes and how to ingest one file.

    ``ingest(path, store, geocoder) -> FileResult``. Dataset importers add
    themselves to :data:`UPLOAD_KINDS` with a few lines, e.g.
    ``UPLOAD_KINDS["ucdp"] = UploadKind("UCDP GED (CSV)", (".csv", ".csv.gz"), import_ucdp)``.
    """

    label: str
    suffixes: tuple[str, ...]
    ingest: Callable[[Path, Store, object], FileResult]


def ingest_uploaded_article(path: Path, store: Store, geocoder) -> FileResult:
    """An uploaded article file, stored under "upload/<its name>" (its temporary path goes)."""
    return ingest_file(path, store, geocoder, record_path=f"upload/{path.name}")


def _dataset_ingest(kind: str) -> Callable[[Path, Store, object], FileResult]:
    """Import a dataset file (rows that cannot be read are listed, the rest stored)."""
    def ingest(path: Path, store: Store, geocoder) -> FileResult:
        from geo import settings
        from geo.importers.run import import_file

        gazetteer = settings.gazetteer_path()
        try:
            report = import_file(path, kind, store,
                                 learn_to=gazetteer if gazetteer.is_file() else None)
        except InputError as exc:
            return FileResult(path=str(path), error=str(exc))
        return FileResult(path=str(path), events=report.stored, added=report.added,
                          rejected_rows=tuple(report.error_lines()))
    return ingest


DATASET_SUFFIXES = (".csv", ".gz", ".zip", ".tsv", ".txt")
UPLOAD_KINDS: dict[str, UploadKind] = {
    "article": UploadKind("News articles (txt, md, html, json)", ARTICLE_SUFFIXES,
                          ingest_uploaded_article),
    "ucdp": UploadKind("UCDP GED (CSV)", DATASET_SUFFIXES, _dataset_ingest("ucdp")),
    "acled": UploadKind("ACLED export (CSV)", DATASET_SUFFIXES, _dataset_ingest("acled")),
    "gdelt": UploadKind("GDELT 2.0 events (tab-separated export)",
                        (".csv", ".zip", ".tsv", ".txt"), _dataset_ingest("gdelt")),
}


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as the browser sent it: its original name and its bytes."""

    name: str
    data: bytes


def ingest_text(text: str, store: Store, geocoder, *, title: str = "",
                metadata: dict | None = None) -> FileResult:
    """Ingest pasted article text (optional title and metadata); errors name "pasted text"."""
    meta = dict(metadata or {})
    if title.strip():
        meta["title"] = title.strip()
    try:
        article = article_from_text(text.replace("\r\n", "\n"), title=title, path=PASTED,
                                    metadata=meta)
        found = extract_article(article, geocoder)
        written = store.write_article(article, found)
    except ConflictMapError as exc:
        return FileResult(path=PASTED, error=str(exc))
    return FileResult(path=PASTED, events=len(found), added=written.added,
                      removed=written.removed)


def upload_kind_for(name: str, kind: str = "article") -> UploadKind:
    """The registered kind, refusing a file whose suffix it does not accept."""
    if kind not in UPLOAD_KINDS:
        raise InputError(name, f"unknown upload kind {kind!r}; expected one of "
                         + ", ".join(UPLOAD_KINDS))
    found = UPLOAD_KINDS[kind]
    if not name.lower().endswith(found.suffixes):
        raise InputError(name, f"unsupported file type for {found.label}; expected one of "
                         + ", ".join(found.suffixes))
    return found


def ingest_upload(upload: Upload, store: Store, geocoder, *, kind: str = "article") -> FileResult:
    """Ingest one uploaded file: written to a temporary folder under its original
    name (the reader goes by its suffix), and every error names the user's file."""
    name = safe_upload_name(upload.name)
    try:
        handler = upload_kind_for(name, kind)
        with tempfile.TemporaryDirectory(prefix="conflictmap-upload-") as folder:
            path = Path(folder) / name
            path.write_bytes(upload.data)
            result = handler.ingest(path, store, geocoder)
    except ConflictMapError as exc:
        return FileResult(path=name, error=str(exc))
    return dataclasses.replace(
        result, path=name, error=result.error.replace(str(path), name),
        rejected_rows=tuple(r.replace(str(path), name) for r in result.rejected_rows))


MAX_UPLOAD_NAME_BYTES = 200  # file systems refuse names past 255 bytes


def safe_upload_name(name: str) -> str:
    """The file name part of what a browser sent, usable as a file name here: no
    folder (``/`` or ``\\``), no control character, no leading dot, at most
    MAX_UPLOAD_NAME_BYTES of UTF-8 with its suffix kept."""
    name = PurePath(str(name).replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable() and c not in '/\x00').strip()
    if not name.strip(". "):
        return "upload"
    if name.startswith("."):  # ".txt": a suffix with no name, or a hidden file
        name = "upload" + name
    if len(name.encode("utf-8")) > MAX_UPLOAD_NAME_BYTES:
        suffix = "".join(PurePath(name).suffixes[-2:])
        suffix = suffix if len(suffix.encode("utf-8")) <= 20 else ""
        stem = name[:len(name) - len(suffix)].encode("utf-8")
        stem = stem[:MAX_UPLOAD_NAME_BYTES - len(suffix.encode("utf-8"))]
        name = stem.decode("utf-8", errors="ignore") + suffix
    return name


def ingest_uploads(uploads: Iterable[Upload], store: Store, geocoder, *, kind: str = "article",
                   progress: Callable[[int, int, str], None] | None = None) -> IngestReport:
    """Ingest uploaded files one by one; ``progress(done, total, name)`` after each."""
    uploads = list(uploads)
    report = IngestReport()
    for i, upload in enumerate(uploads, 1):
        report.files.append(ingest_upload(upload, store, geocoder, kind=kind))
        if progress:
            progress(i, len(uploads), upload.name)
    return report


def report_rows(report: IngestReport) -> list[dict]:
    """One row per file for the page's table: what was added, or why it was rejected."""
    return [{"file": f.path,
             "status": "rejected" if f.error else
             (f"added; {len(f.rejected_rows)} row problem(s)" if f.rejected_rows else "added"),
             "events": None if f.error else f.events, "new": None if f.error else f.added,
             "removed": None if f.error else f.removed,
             "reason": f.error or "; ".join(f.rejected_rows[:20])}
            for f in report.files]
