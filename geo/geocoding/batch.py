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
from collections.abc import Iterable
from typing import TextIO
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.geocoding.answer import GeocodeAnswer
from geo.geocoding.context import context_from_text

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
            rows = []
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


def geocode_rows(geocoder, rows: Iterable[BatchRow]) -> list[GeocodeAnswer]:
    """Answers for rows, in order (a repeated name and context share one answer)."""
    gazetteer = getattr(geocoder, "gazetteer", geocoder)
    answers: dict[tuple[str, str], GeocodeAnswer] = {}
    out = []
    for row in rows:
        key = (row.name, row.context)
        answer = answers.get(key)
        if answer is None:
            # the context leaves the mention itself out (it would confirm its own most
            # populous namesake), so it is made per name and context, as geocode_one does
            context = context_from_text(row.context, gazetteer, mention=row.name) \
                if row.context else None
            answer = GeocodeAnswer.from_location(row.name,
                                                 geocoder.geocode(row.name, context=context))
            answers[key] = answer
        out.append(answer)
    return out


def write_json_array(answers: Iterable[GeocodeAnswer], out: TextIO) -> None:
    """The answers as one JSON array, one object a line, each distinct answer encoded once."""
    encoded: dict[int, str] = {}
    lines = []
    for answer in answers:
        text = encoded.get(id(answer))
        if text is None:
            text = encoded[id(answer)] = json.dumps(answer.to_dict(), ensure_ascii=False,
                                                    default=str)
        lines.append(text)
    out.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
