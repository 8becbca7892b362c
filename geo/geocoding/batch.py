"""Geocode one name or a CSV of names (what ``python -m geo geocode`` does).

A batch file has the columns ``name`` and ``context`` (free text, may be empty or
missing); answers come back in the file's order, one :class:`GeocodeAnswer` each.

A batch repeats its names (a dataset's place column): each distinct context text is
read once, each distinct (name, context) pair is geocoded once and its answer shared,
and :func:`write_json_array` encodes each distinct answer once, one compact object a
line (the C encoder; ``indent`` would switch json to its pure-Python one, which took
three quarters of a batch's time).
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TextIO
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.geocoding.answer import GeocodeAnswer
from geo.gazetteer.fold import fold_name
from geo.geocoding.context import context_from_text
from geo.gazetteer.rank import GeoContext

__all__ = ["BatchRow", "geocode_one", "geocode_rows", "read_batch_csv", "write_json_array"]


@dataclass(frozen=True, slots=True)
class BatchRow:
    name: str
    context: str = ""


def read_batch_csv(path: Path | str) -> list[BatchRow]:
    """The rows of a batch CSV (``name`` required; ``context`` optional)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None) or []
            if "name" not in header:
                raise InputError(path, "no 'name' column (columns: name, context)", line=1)
            at_name = header.index("name")
            at_context = header.index("context") if "context" in header else None
            rows: list[BatchRow] = []
            for line, row in enumerate(reader, start=2):
                if not row:  # a blank line (DictReader skipped them too)
                    continue
                name = row[at_name].strip() if at_name < len(row) else ""
                if not name:
                    raise InputError(path, "empty name", row=line)
                context = (row[at_context].strip()
                           if at_context is not None and at_context < len(row) else "")
                rows.append(BatchRow(name, context))
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, f"cannot read: {exc}") from None


def geocode_one(geocoder, name: str, context_text: str = "") -> GeocodeAnswer:
    """Geocode a name with a free-text context ("Lebanon", "a story about Libya")."""
    gazetteer = getattr(geocoder, "gazetteer", geocoder)
    context = context_from_text(context_text, gazetteer, mention=name) if context_text else None
    return GeocodeAnswer.from_location(name, geocoder.geocode(name, context=context))


def geocode_rows(geocoder, rows: Iterable[BatchRow], *,
                 opener: Callable[[], object] | None = None,
                 workers: int | None = None) -> list[GeocodeAnswer]:
    """Answers for rows, in order (a repeated name and context share one answer).

    With ``opener`` (what opens a geocoder like this one), an offline chain and more
    than :data:`PARALLEL_FROM` distinct rows, the distinct rows are shared out over
    ``workers`` processes (default: the CPUs this process may use), each with its own
    geocoder; the answers are the same as in one process, in the same order. A chain
    with an online service stays in one process: one request at a time per host.
    """
    rows = list(rows)
    distinct = list(dict.fromkeys((r.name, r.context) for r in rows))
    workers = workers or len(os.sched_getaffinity(0))
    if (opener is not None and workers > 1 and len(distinct) >= PARALLEL_FROM
            and getattr(geocoder, "online", None) is None):
        answers = _answers_in_processes(opener, distinct, workers)
    else:
        answers = _answers(geocoder, distinct)
    return [answers[(r.name, r.context)] for r in rows]


PARALLEL_FROM = 2_000


def _answers(geocoder, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], GeocodeAnswer]:
    gazetteer = getattr(geocoder, "gazetteer", geocoder)
    contexts = _ContextsOfTexts(gazetteer)
    out = {}
    for name, text in pairs:
        context = contexts.for_name(text, name) if text else None
        out[(name, text)] = GeocodeAnswer.from_location(name, geocoder.geocode(name, context=context))
    return out


_worker_geocoder = None


def _open_in_worker(opener) -> None:
    global _worker_geocoder
    _worker_geocoder = opener()


def _answer_part(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], GeocodeAnswer]:
    return _answers(_worker_geocoder, pairs)


def _answers_in_processes(opener, pairs: list[tuple[str, str]], workers: int):
    # forked, so the workers share the imported code; each opens its own geocoder (an
    # SQLite connection must not cross a fork). Parts interleave so that each worker
    # gets a like mix of names.
    parts = [pairs[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_open_in_worker, initargs=(opener,)) as pool:
        found: dict[tuple[str, str], GeocodeAnswer] = {}
        for part in pool.map(_answer_part, parts):
            found.update(part)
    return found


class _ContextsOfTexts:
    """The context of each distinct context text, read once.

    The context leaves the mention itself out (it would confirm its own most populous
    namesake), so a name that occurs in its context text gets a context of its own; a
    name none of whose words occur there gets the text's shared one, which is the same.
    """

    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self._shared: dict[str, tuple[GeoContext, frozenset[str]]] = {}

    def for_name(self, text: str, name: str) -> GeoContext:
        shared = self._shared.get(text)
        if shared is None:
            shared = self._shared[text] = (context_from_text(text, self.gazetteer),
                                           frozenset(fold_name(text).split()) | {"al"})
        context, words = shared
        own = fold_name(name).split()
        if own and all(w in words for w in own):
            return context_from_text(text, self.gazetteer, mention=name)
        return context


def write_json_array(answers: Iterable[GeocodeAnswer], out: TextIO) -> None:
    """The answers as one JSON array, one object a line, each distinct answer encoded
    once (to UTF-8 bytes, written to the stream's buffer when it has one)."""
    answers = list(answers)
    encoded: dict[int, bytes] = {}
    for answer in answers:
        if id(answer) not in encoded:
            encoded[id(answer)] = json.dumps(answer.to_dict(), ensure_ascii=False,
                                             default=str).encode("utf-8", "surrogatepass")
    body = b"[\n" + b",\n".join([encoded[id(a)] for a in answers]) + b"\n]\n" \
        if answers else b"[]\n"
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(body.decode("utf-8", "surrogatepass"))
        return
    out.flush()
    buffer.write(body)
    buffer.flush()
