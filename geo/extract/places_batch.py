"""What ``python -m geo places`` reads and answers: one article file, or a JSONL batch.

A batch file holds one JSON object a line: ``doc_id``, ``text``, optional ``title``
and ``published`` (ISO date). The answer is one :class:`DocumentPlaces` per line,
in input order, all from one geocoder and lexicon loaded once.

Bad lines (not JSON, not an object, no text, a bad date) do not stop the batch: each
becomes a :class:`~geo.errors.InputError` naming the file and line, kept in that
line's answer (``error``, no mentions) so the answer stays aligned with the input;
the command reports them on stderr and fails only when no line could be answered.
Blank lines are skipped. A ``published`` that is not an ISO date is only a warning
(named the same way): the document is read without it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.articles import read_article
from geo.errors import InputError
from geo.extract.geoparser import PlaceMention, geoparse, geoparse_text
from geo.extract.lexicon import default_lexicon

__all__ = ["BatchDocument", "DocumentPlaces", "read_places_batch", "places_of_batch",
           "places_of_file"]


@dataclass(frozen=True, slots=True)
class BatchDocument:
    line: int
    doc_id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentPlaces:
    """One document's answer: its mentions, or the error that kept it from being read."""

    doc_id: str | None
    mentions: tuple[PlaceMention, ...] = ()
    error: InputError | None = None
    warning: str | None = None  # read, with a note (a bad optional field)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_id": self.doc_id,
                               "mentions": [m.to_dict() for m in self.mentions]}
        if self.error is not None:
            out["error"] = str(self.error)
        return out


def read_places_batch(path: Path | str) -> Iterator[BatchDocument | InputError]:
    """Each non-blank line of a JSONL batch, read — or the error naming its line."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    with fh:
        try:
            for n, line in enumerate(fh, start=1):
                if line.strip():
                    yield _document(path, n, line)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not UTF-8 text ({exc.reason})") from None


def _document(path: Path, n: int, line: str) -> BatchDocument | InputError:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(path, f"not JSON ({exc.msg}, column {exc.colno})", line=n)
    if not isinstance(obj, dict):
        return InputError(path, "expected a JSON object with doc_id and text", line=n)
    text = obj.get("text")
    if not isinstance(text, str):
        return InputError(path, "no 'text' string", line=n)
    doc_id = obj.get("doc_id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{path.name}:{n}"
    published, warning = obj.get("published") or None, None
    if published is not None:
        try:
            published = dt.date.fromisoformat(str(published).strip()[:10])
        except ValueError:  # optional, and only dates relative phrases: read without it
            warning = str(InputError(path, f"'published' {published!r} is not an ISO date "
                                     "(YYYY-MM-DD); read without it", line=n))
            published = None
    title = obj.get("title") or ""
    return BatchDocument(n, doc_id, text, str(title), published, warning)


def places_of_batch(path: Path | str, geocoder) -> list[DocumentPlaces]:
    """Every line's answer, in input order (bad lines carry their error)."""
    lex = default_lexicon()
    out = []
    for doc in read_places_batch(path):
        if isinstance(doc, InputError):
            out.append(DocumentPlaces(None, error=doc))
            continue
        found = geoparse_text(doc.text, geocoder, title=doc.title, published=doc.published,
                              doc_id=doc.doc_id, lexicon=lex) if doc.text.strip() else []
        out.append(DocumentPlaces(doc.doc_id, tuple(found), warning=doc.warning))
    return out


def places_of_file(path: Path | str, geocoder) -> DocumentPlaces:
    """The mentions of one article file. Offsets index the file's text as read when the
    article body is found in it verbatim (plain text, Markdown), else the body text."""
    article = read_article(path)
    found = geoparse(article, geocoder)
    shift = _body_offset(Path(path), article.text)
    if shift:
        found = [_shifted(m, shift) for m in found]
    return DocumentPlaces(str(path), tuple(found))


def _body_offset(path: Path, body: str) -> int:
    from geo.articles import _read_text

    try:
        raw = _read_text(path)
    except InputError:
        return 0
    i = raw.find(body)
    return max(i, 0)


def _shifted(m: PlaceMention, by: int) -> PlaceMention:
    from dataclasses import replace

    return replace(m, start=m.start + by, end=m.end + by)
