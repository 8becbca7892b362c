"""The importer interface and its plumbing, written once for every format.

An :class:`Importer` subclass says what its format looks like (columns, header,
delimiter) and how one chunk of raw text columns becomes event records
(:meth:`Importer.convert`). This class does the rest:

* opening: plain, ``.gz`` and ``.zip`` files (the first member of a zip), with a
  clear :class:`~geo.errors.InputError` for an empty, binary, non-UTF-8 or wrongly
  laid-out file before anything is read;
* parsing in chunks with pyarrow's streaming CSV reader (every column as text).
  pyarrow, not ``pandas.read_csv``: pandas silently pads a row with too few fields,
  pyarrow hands every row with the wrong number of fields to a callback with its
  row number, so such a row is reported and the rest are read;
* row numbers as the user sees them in a spreadsheet: **with a header, the header
  is row 1 and the first event is row 2; without one (GDELT), the first line is
  row 1**. A quoted field spanning lines is one row; blank lines are not counted;
* the record contract checked for the whole chunk at once, ids repeated within
  the file rejected, and the result handed out as :class:`ImportChunk` values.

Nothing here constructs an :class:`~geo.record.Event` per row: a chunk is a
DataFrame with the record's columns, ready for :meth:`geo.store.Store.upsert_frame`.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from geo.errors import InputError
from geo.importers.columns import record_problems
from geo.record import FIELDS, TEXT_FIELDS

__all__ = ["PLACE_COLUMNS", "Converted", "ImportChunk", "Importer", "Progress", "RowError"]

PLACE_COLUMNS = ("name", "latitude", "longitude", "admin1", "admin2", "country_code3")
Progress = Callable[[int, int], None]  # (bytes done, bytes in all) of the file on disk
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True, order=True)
class RowError:
    """A row that could not be stored: its number (see the module doc) and why."""

    row: int
    reason: str

    def message(self, path: str | Path) -> str:
        return f"{path}, row {self.row}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Converted:
    """What a format makes of one raw chunk, index-aligned with it.

    ``frame`` has the record's columns; ``problems`` is "" for a good row, else the
    reason; ``places`` (PLACE_COLUMNS) are the places this chunk can teach the
    gazetteer, a subset of the rows.
    """

    frame: pd.DataFrame
    problems: pd.Series
    places: pd.DataFrame | None = None


@dataclass(frozen=True, slots=True)
class ImportChunk:
    """Valid records of one chunk, the rows rejected in it, and its learnable places."""

    frame: pd.DataFrame
    errors: tuple[RowError, ...]
    rows_read: int
    places: pd.DataFrame


class Importer:
    """Base class of the dataset importers; subclasses are small (see ``ucdp.py``)."""

    name: ClassVar[str]                 # "ucdp": the CLI's word and the origin
    title: ClassVar[str]                # "UCDP GED CSV", for messages
    columns: ClassVar[tuple[str, ...]]  # required columns (all columns when headerless)
    header: ClassVar[bool] = True
    delimiter: ClassVar[str] = ","
    quoted: ClassVar[bool] = True
    teaches_places: ClassVar[bool] = True
    # the further columns convert() reads; None: all of them. Only the columns a
    # format uses are converted to text and handed to pandas (a UCDP file has 49, its
    # importer reads 20): the rest are parsed for their count and dropped
    optional_columns: ClassVar[tuple[str, ...] | None] = None

    def __init__(self, *, block_bytes: int = 32 << 20):
        if block_bytes < 1024:
            raise ValueError("block_bytes must be at least 1024")
        self.block_bytes = block_bytes

    # -- what a format provides --------------------------------------------

    def convert(self, raw: pd.DataFrame) -> Converted:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- the plumbing --------------------------------------------------------

    def read(self, path: str | Path, *, progress: Progress | None = None) -> Iterator[ImportChunk]:
        """The file's rows as chunks of records; raises InputError for an unreadable file.

        The file's layout is checked before the first chunk is handed out; a file
        that breaks off mid-way raises InputError naming the last row read.
        """
        path = Path(path)
        head = self._sniff(path)
        names = self._check_layout(path, head)
        if self.header and len(head) < _SNIFF_BYTES and len(
                [line for line in head.splitlines() if line.strip()]) < 2:
            # header only: said here, before pyarrow's reader (and its threads) starts
            raise InputError(path, f"no {self.title} rows in the file")
        skipped: list[tuple[int, str]] = []

        def on_invalid(row) -> str:
            number = row.number if row.number is not None else -1
            skipped.append((number, f"{row.actual_columns} columns, expected "
                                    f"{row.expected_columns}"))
            return "skip"

        read_options = pacsv.ReadOptions(
            use_threads=False, block_size=self.block_bytes,
            column_names=None if self.header else list(self.columns))
        parse_options = pacsv.ParseOptions(
            delimiter=self.delimiter, quote_char='"' if self.quoted else False,
            newlines_in_values=self.quoted, invalid_row_handler=on_invalid)
        convert_options = pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False,
            quoted_strings_can_be_null=False, include_columns=self._used(names))
        next_row = 2 if self.header else 1
        seen_ids: set[str] = set()
        with open(path, "rb") as disk:
            total = path.stat().st_size
            stream = _decompressed(path, disk)
            repaired = _Utf8Repair(stream, block=min(4 << 20, self.block_bytes))
            reader = None
            try:
                try:
                    reader = _open_csv(path, repaired, read_options=read_options,
                                       parse_options=parse_options,
                                       convert_options=convert_options)
                except InputError:
                    if repaired.failure is None:
                        raise  # cut off before a whole line: the file is refused, saying why
                    raise InputError(path, f"cannot read: {_why(repaired.failure)}") from None
                for batch in _batches(reader, path, lambda: next_row):
                    raw = batch.to_pandas()
                    raw.columns = [str(c).strip() for c in raw.columns]
                    taken = sorted(skipped)
                    skipped.clear()
                    rows = _row_numbers(next_row, len(raw), [n for n, _ in taken])
                    if len(raw):
                        next_row = int(rows[-1]) + 1
                    chunk = self._chunk(raw, rows, seen_ids,
                                        [RowError(n, why) for n, why in taken])
                    if progress:
                        progress(min(disk.tell(), total), total)
                    yield chunk
                if skipped:  # rows after the last batch
                    yield ImportChunk(_empty_records(), tuple(RowError(n, why) for n, why
                                                              in sorted(skipped)),
                                      len(skipped), pd.DataFrame(columns=PLACE_COLUMNS))
                if repaired.failure is not None:  # an archive cut off: what came before is kept
                    raise InputError(path, f"cannot read past row {next_row - 1}: "
                                           f"{_why(repaired.failure)}")
            finally:
                if reader is not None:
                    reader.close()  # join pyarrow's read-ahead thread before the stream goes
                stream.close()
            if progress:
                progress(total, total)

    def _chunk(self, raw: pd.DataFrame, rows: np.ndarray, seen_ids: set[str],
               invalid: list[RowError]) -> ImportChunk:
        if not len(raw):
            return ImportChunk(_empty_records(), tuple(invalid), len(invalid),
                               pd.DataFrame(columns=PLACE_COLUMNS))
        raw.index = pd.RangeIndex(len(raw))
        converted = self.convert(raw)
        frame = _complete(converted.frame)
        problems = converted.problems.where(converted.problems != "", record_problems(frame))
        ids = frame["event_id"]
        earlier = pd.Series([i in seen_ids for i in ids.to_numpy(dtype=object)],
                            index=ids.index, dtype=bool)
        repeated = ids.duplicated(keep="first") | earlier
        problems = problems.where((problems != "") | ~repeated,
                                  "repeats the event id " + ids + " of an earlier row")
        ok = (problems == "").to_numpy()
        seen_ids.update(ids[ok].to_numpy(dtype=object))
        errors = [RowError(int(r), str(p)) for r, p in zip(rows[~ok], problems[~ok])]
        places = converted.places
        if places is None or not self.teaches_places:
            places = pd.DataFrame(columns=PLACE_COLUMNS)
        else:
            places = places[places.index.isin(frame.index[ok])].reindex(columns=PLACE_COLUMNS)
        return ImportChunk(frame[ok].reset_index(drop=True), tuple(sorted(errors + invalid)),
                           len(raw) + len(invalid), places)

    def _used(self, names: list[str]) -> list[str] | None:
        """The file's columns that convert() reads (as the file spells them)."""
        if self.optional_columns is None:
            return None
        wanted = set(self.columns) | set(self.optional_columns)
        return [n for n in names if n.strip() in wanted]

    def _sniff(self, path: Path) -> bytes:
        if not path.exists():
            raise InputError(path, "no such file")
        if path.is_dir():
            raise InputError(path, "is a folder, not a file")
        with open(path, "rb") as disk:
            stream = _decompressed(path, disk)
            try:
                head = stream.read(_SNIFF_BYTES)
            except (OSError, EOFError, zlib.error) as exc:
                raise InputError(path, f"cannot decompress: {exc}") from None
            finally:
                stream.close()
        if not head.strip():
            raise InputError(path, "empty file")
        if b"\x00" in head:
            raise InputError(path, f"binary file, not a {self.title} file")
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the sniff's end
                raise InputError(path, f"not UTF-8 text (byte {exc.start + 1})") from None
        return head

    def _check_layout(self, path: Path, head: bytes) -> list[str]:
        """The file's column names; InputError when it is not this format."""
        lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
        first = lines[0]
        if not self.header:
            # one malformed line is a rejected row, not a refused file: the layout is
            # wrong only when no whole line of the sniffed head has the expected columns
            whole = lines[:-1] if len(head) >= _SNIFF_BYTES and len(lines) > 1 else lines
            counts = [len(line.split(self.delimiter)) for line in whole if line.strip()]
            if len(self.columns) not in counts:
                found = counts[0] if counts else 0
                raise InputError(path, f"not a {self.title} file: row 1 has {found} "
                                       f"{_delimiter_name(self.delimiter)}-separated columns, "
                                       f"expected {len(self.columns)}")
            return list(self.columns)
        names = next(csv.reader([first], delimiter=self.delimiter))
        missing = [c for c in self.columns if c not in {n.strip() for n in names}]
        if missing:
            shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more"
                                              if len(missing) > 6 else "")
            raise InputError(path, f"not a {self.title} file: no column {shown}")
        return names


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon"}.get(delimiter, repr(delimiter))


_READ_ERRORS = (pa.ArrowInvalid, OSError, EOFError, zlib.error, zipfile.BadZipFile)


def _why(exc: BaseException) -> str:
    """A read failure in words; a cut-off archive says so (gzip's EOFError, zip's CRC)."""
    reason = (str(exc).splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, EOFError) or "end-of-stream" in reason:
        return f"the compressed file is cut off ({reason})"
    return reason


def _open_csv(path: Path, stream, **options):
    """pyarrow's streaming reader; it reads the first block at once, so a file cut
    off within it fails here, before any row: refused whole, with its reason."""
    try:
        return pacsv.open_csv(stream, **options)
    except _READ_ERRORS as exc:
        raise InputError(path, f"cannot read: {_why(exc)}") from None


def _batches(reader, path: Path, where: Callable[[], int]) -> Iterator[pa.RecordBatch]:
    """The reader's batches; a parse failure (a quote never closed, a cut-off
    file) becomes an InputError naming the row reached."""
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except _READ_ERRORS as exc:
            raise InputError(path, f"cannot read past row {where() - 1}: {_why(exc)}") from None
        yield batch


def _row_numbers(first: int, count: int, skipped: list[int]) -> np.ndarray:
    """Numbers of ``count`` rows read from row ``first`` on, jumping the ``skipped`` ones."""
    later = [n for n in skipped if n >= first]
    candidates = np.arange(first, first + count + len(later), dtype=np.int64)
    if later:
        candidates = candidates[~np.isin(candidates, later)]
    return candidates[:count]


def _decompressed(path: Path, disk: BinaryIO) -> BinaryIO:
    """The file's bytes, uncompressed: gzip and zip by name or by magic number."""
    magic = disk.read(4)
    disk.seek(0)
    if magic[:2] == b"\x1f\x8b" or path.suffix.lower() == ".gz":
        return gzip.GzipFile(fileobj=disk, mode="rb")
    if magic == b"PK\x03\x04" or path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(disk)
        except zipfile.BadZipFile as exc:
            raise InputError(path, f"not a readable zip file: {exc}") from None
        members = [m for m in archive.infolist() if not m.is_dir()]
        if not members:
            raise InputError(path, "empty zip file")
        return archive.open(members[0])
    return disk


class _Utf8Repair(io.RawIOBase):
    """The byte stream with invalid UTF-8 replaced by U+FFFD, so one bad byte costs
    one odd character, not the file. Valid blocks pass through as they are (only
    checked, never re-encoded); a leading byte-order mark is dropped.

    A stream that breaks off (a cut-off gzip) ends here at the last whole line
    before the break, and ``failure`` keeps why: pyarrow reads ahead in a thread, so
    raising from ``read`` would surface at a different row on each run.
    """

    def __init__(self, raw: BinaryIO, *, block: int = 4 << 20):
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = b""
        self._carry = b""
        self._at = 0
        self._block = block
        self._first = True
        self._line = b""  # the bytes after the last newline, held until more come
        self.failure: BaseException | None = None

    def readable(self) -> bool:
        return True

    def _next_block(self) -> bytes:
        while True:
            if self.failure is not None:
                return b""
            try:
                data = self._decoded_block()
            except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
                self.failure, self._line = exc, b""  # a partial last line is dropped
                return b""
            if not data:
                data, self._line = self._line, b""
                return data
            data = self._line + data
            cut = data.rfind(b"\n") + 1
            self._line = data[cut:]
            if cut:
                return data[:cut]

    def _decoded_block(self) -> bytes:
        new = self._raw.read(max(self._block, 4) if self._first else self._block)
        if self._first:
            self._first = False
            if new.startswith(codecs.BOM_UTF8):
                new = new[len(codecs.BOM_UTF8):]
        text = self._decoder.decode(new, final=not new)
        data = self._carry + new
        held = len(self._decoder.getstate()[0])  # an incomplete character at the end
        if "\ufffd" in text:
            self._carry = b""
            return text.encode("utf-8")
        self._carry = data[len(data) - held:] if held else b""
        return data[:len(data) - held] if held else data

    def readinto(self, buffer) -> int:
        """Fill ``buffer`` completely unless the stream ends: pyarrow's block reader
        mistakes a short read for a block boundary."""
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view):
            if self._at >= len(self._pending):
                self._pending, self._at = self._next_block(), 0
                if not self._pending:
                    break
            n = min(len(view) - filled, len(self._pending) - self._at)
            view[filled:filled + n] = self._pending[self._at:self._at + n]
            self._at += n
            filled += n
        return filled


def _complete(frame: pd.DataFrame) -> pd.DataFrame:
    """Every record column present: text blank rather than missing, flags False."""
    frame = frame.reindex(columns=list(FIELDS))
    for col in TEXT_FIELDS:
        if frame[col].dtype == "str":
            frame[col] = frame[col].fillna("")
        else:  # a column the format leaves out, or one built from Python objects
            values = frame[col].astype(object)
            frame[col] = values.where(values.notna(), "")
    flags = frame["date_uncertain"].astype(object)
    frame["date_uncertain"] = flags.where(flags.notna(), False).astype(bool)
    return frame


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame(columns=list(FIELDS))
