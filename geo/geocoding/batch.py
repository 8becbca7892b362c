"""Geocode one name or a CSV of names (what ``python -m geo geocode`` does).

A batch file has the columns ``name`` and ``context`` (free text, may be empty or
missing); answers come back in the file's order, one :class:`GeocodeAnswer` each.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.geocoding.answer import GeocodeAnswer
from geo.geocoding.context import context_from_text

__all__ = ["BatchRow", "geocode_one", "geocode_rows", "read_batch_csv"]


@dataclass(frozen=True, slots=True)
class BatchRow:
    name: str
    context: str = ""


def read_batch_csv(path: Path | str) -> list[BatchRow]:
    """The rows of a batch CSV (``name`` required; ``context`` optional)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if "name" not in (reader.fieldnames or ()):
                raise InputError(path, "no 'name' column (columns: name, context)", line=1)
            rows = []
            for line, row in enumerate(reader, start=2):
                name = (row.get("name") or "").strip()
                if not name:
                    raise InputError(path, "empty name", row=line)
                rows.append(BatchRow(name, (row.get("context") or "").strip()))
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, f"cannot read: {exc}") from None


def geocode_one(geocoder, name: str, context_text: str = "") -> GeocodeAnswer:
    """Geocode a name with a free-text context ("Lebanon", "a story about Libya")."""
    gazetteer = getattr(geocoder, "gazetteer", geocoder)
    context = context_from_text(context_text, gazetteer, mention=name) if context_text else None
    return GeocodeAnswer.from_location(name, geocoder.geocode(name, context=context))


def geocode_rows(geocoder, rows: Iterable[BatchRow]) -> list[GeocodeAnswer]:
    """Answers for rows, in order."""
    return [geocode_one(geocoder, r.name, r.context) for r in rows]
