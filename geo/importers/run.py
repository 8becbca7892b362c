"""One import run: a dataset file → the store (chunk by chunk) → the gazetteer (once).

:func:`import_file` reads with a format's :class:`~geo.importers.base.Importer`,
upserts each chunk's valid records with :meth:`Store.upsert_frame` (so importing
the same file again adds nothing), keeps every rejected row's number and reason,
and, when asked, teaches the gazetteer the places the file names, in one batch.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import GazetteerError, InputError
from geo.importers.read_ahead import read_ahead as read_ahead_in_process
from geo.importers.base import PLACE_COLUMNS, Importer, Progress, RowError

__all__ = ["ImportReport", "import_file"]

MAX_LISTED_ERRORS = 1000
BYTES_PER_ROW = 400  # a UCDP GED row is ~310 bytes, ACLED ~600, GDELT ~250
READ_AHEAD_FROM = 150_000  # smaller files: a second process would not pay for itself


@dataclass(slots=True)
class ImportReport:
    """What one import did; :meth:`summary` is the line that closes a run."""

    path: str
    kind: str
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first MAX_LISTED_ERRORS
    failure: str = ""          # the file broke off mid-way: what was read is stored
    learned: str = ""          # the gazetteer's report, or why nothing was learned
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        return self.added + self.updated

    def summary(self) -> str:
        return (f"read {self.rows_read} rows: {self.added} added, {self.updated} already stored, "
                f"{self.rejected} rejected")

    def error_lines(self) -> list[str]:
        lines = [e.message(self.path) for e in self.errors]
        if self.rejected > len(self.errors):
            lines.append(f"{self.path}: {self.rejected - len(self.errors)} more rejected rows "
                         "not listed")
        return lines


def import_file(path: str | Path, importer: Importer | str, store, *,
                learn_to: str | Path | None = None,
                progress: Progress | None = None,
                on_rejected: Callable[[RowError], None] | None = None,
                read_ahead: bool = False) -> ImportReport:
    """Import a dataset file into ``store``; raises InputError if it is unreadable.

    ``importer``: an Importer or its name (``"ucdp"``, ``"acled"``, ``"gdelt"``).
    ``learn_to``: a gazetteer file to teach the file's exactly located places
    (None: learn nothing). A file that breaks off mid-way keeps what was stored
    before the break and says so in ``failure``. ``on_rejected`` is called with
    every rejected row as it is found (the CLI prints each one); the report itself
    keeps the first MAX_LISTED_ERRORS and counts the rest, so a file of a million
    bad rows does not hold a million messages. ``read_ahead``: a file of more than
    about READ_AHEAD_FROM rows is read in a second (forked) process while this one
    writes (for a single-threaded caller such as the command line).
    """
    from geo.importers import get_importer

    if isinstance(importer, str):
        importer = get_importer(importer)
    started = time.perf_counter()
    report = ImportReport(path=str(path), kind=importer.name)
    places: list[pd.DataFrame] = []
    bulk = getattr(store, "bulk_load", None)
    loading = bulk(_expected_rows(path)) if bulk else contextlib.nullcontext()
    try:
        with loading:
            _read_into(importer, path, store, report, places, progress, on_rejected,
                       read_in_process=read_ahead and _expected_rows(path) >= READ_AHEAD_FROM)
    except InputError as exc:
        if report.rows_read == 0:
            raise
        report.failure = str(exc)
    if report.rows_read == 0:
        raise InputError(path, f"no {importer.title} rows in the file")
    if learn_to is not None and importer.teaches_places:
        report.learned = learn_places(learn_to, places, source=f"learned:{importer.name}")
    report.seconds = time.perf_counter() - started
    return report


def _expected_rows(path: str | Path) -> int:
    """A generous guess of a file's rows from its size (compressed files count ~8x):
    it only decides whether a bulk load into the store rebuilds its indexes once."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return 0
    if Path(path).suffix.lower() in (".gz", ".zip"):
        size *= 8
    return size // BYTES_PER_ROW


def _read_into(importer: Importer, path, store, report: ImportReport,
               places: list[pd.DataFrame], progress: Progress | None,
               on_rejected: Callable[[RowError], None] | None = None, *,
               read_in_process: bool = False) -> None:
    if read_in_process:
        chunks = read_ahead_in_process(lambda step: importer.read(path, progress=step), progress=progress)
    else:
        chunks = importer.read(path, progress=progress)
    for chunk in chunks:
        report.rows_read += chunk.rows_read
        report.rejected += len(chunk.errors)
        room = MAX_LISTED_ERRORS - len(report.errors)
        report.errors.extend(chunk.errors[:max(room, 0)])
        if on_rejected is not None:
            for error in chunk.errors:
                on_rejected(error)
        if len(chunk.frame):
            written = store.upsert_frame(chunk.frame)
            report.added += written.added
            report.updated += written.updated
        if len(chunk.places):
            places.append(chunk.places)


def learn_places(gazetteer: str | Path, frames: list[pd.DataFrame], *, source: str) -> str:
    """Add the distinct places to the gazetteer in one call; returns its report as text."""
    from geo.gazetteer.extend import add_learned_places

    if not frames:
        return f"{source}: no exactly located, named places to learn"
    places = pd.concat(frames, ignore_index=True).reindex(columns=list(PLACE_COLUMNS))
    places["lat3"], places["lon3"] = places["latitude"].round(3), places["longitude"].round(3)
    places = places.drop_duplicates(["name", "lat3", "lon3", "country_code3"])
    rows = [
        (name, float(lat), float(lon), a1 or None, a2 or None, cc3 or None, source)
        for name, lat, lon, a1, a2, cc3 in places[list(PLACE_COLUMNS)].itertuples(
            index=False, name=None)
    ]
    try:
        return str(add_learned_places(gazetteer, rows))
    except GazetteerError as exc:
        return f"{source}: places not learned: {exc}"
