"""One exception tree for Conflict Map, rooted at :class:`ConflictMapError`.

Foreign errors (UnicodeDecodeError, SQLAlchemy's, geopy's) are translated into
these at one choke point each; the CLI and the pages report them once, with the
file and line or row they concern.
"""

from __future__ import annotations


class ConflictMapError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(ConflictMapError):
    """An input file cannot be read: empty, binary, wrong encoding, malformed.

    ``str(err)`` is one line naming the file (and line or row when known) and the
    reason, ready to print.
    """

    def __init__(self, path, reason: str, *, line: int | None = None, row: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.row = row
        where = self.path
        if line is not None:
            where += f", line {line}"
        if row is not None:
            where += f", row {row}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        # picklable (a dataset file read in another process reports through a pipe)
        return (_input_error, (type(self), self.path, self.reason, self.line, self.row))


def _input_error(cls, path, reason, line, row):
    return cls(path, reason, line=line, row=row)


class ExtractionError(InputError):
    """An article was read but reading its events failed on it (a defect met by
    this one text): the file is named and skipped, the batch goes on."""


class UnsupportedFormatError(InputError):
    """The file's kind is not one this reader or importer understands."""


class GazetteerError(ConflictMapError):
    """The offline gazetteer is missing, corrupt or cannot be built."""


class GazetteerMissing(GazetteerError):
    """The gazetteer file has not been built yet (``python -m geo gazetteer build``)."""


class StoreError(ConflictMapError):
    """The event store cannot be opened or written."""


class FilterError(ConflictMapError, ValueError):
    """A filter value (date, precision, ...) is malformed."""


class ExportError(ConflictMapError):
    """An export (PNG, HTML, CSV, GeoJSON) could not be produced."""


class GeocoderError(ConflictMapError):
    """The geocoder chain is misconfigured or a geocoding step failed."""


class GeocoderConfigError(GeocoderError, ValueError):
    """A geocoder setting is wrong (unknown service, bad URL, default user agent on a
    public server); raised when the chain is built, never mid-ingestion."""


class CorrectionError(GeocoderError, ValueError):
    """An analyst correction is invalid (no name, coordinates out of range, ...)."""


class WatchlistError(ConflictMapError, ValueError):
    """A watchlist's name is invalid, or no watchlist has that name."""


class FeedError(ConflictMapError):
    """A feed, a page it links to or a drop folder could not be read.

    ``str(err)`` names the URL (or file) and the reason; ``retry_after`` is the
    server's requested wait in seconds when it asked for one (429/503).
    """

    def __init__(self, url: str, reason: str, *, retry_after: float | None = None):
        self.url = str(url)
        self.reason = reason
        self.retry_after = retry_after
        super().__init__(f"{self.url}: {reason}")
