"""Analyst corrections: where a place name really is, stored and applied.

A correction says: the place name ``name`` (folded, so spellings that fold alike
share it), optionally only in stories about ``context_country``, is at (latitude,
longitude), labelled ``location``, with ``precision``, ``country_code`` and
``admin1`` — and who said so, when, and why. Corrections live in the store's
``corrections`` table, win over every other backend, rewrite the events already
stored (:func:`apply_correction`) and become learned places of the gazetteer
(:func:`learn_corrections`). ``data/corrections.csv`` imports them in bulk.

The review page uses :func:`geocoding_decisions` (what was decided, how often, why),
:func:`add_correction` and :func:`list_corrections`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from typing import TYPE_CHECKING

from geo.errors import CorrectionError, InputError
from geo.gazetteer.fold import fold_name

if TYPE_CHECKING:  # the store (and pandas) is imported only by the verbs that use it
    from geo.store import Store

__all__ = [
    "Correction", "CorrectionBook", "GeocodingDecision", "add_correction", "apply_correction",
    "delete_correction", "geocoding_decisions", "import_corrections_csv", "learn_corrections",
    "list_corrections", "read_corrections_sqlite", "CSV_COLUMNS",
]

CSV_COLUMNS = ("name", "latitude", "longitude", "location", "precision", "country_code",
               "admin1", "context_country", "created_by", "note")


@dataclass(frozen=True, slots=True)
class Correction:
    """An analyst's decision on where a place name is (validated on construction)."""

    name: str
    latitude: float
    longitude: float
    location: str = ""
    precision: int = 1
    country_code: str | None = None  # ISO alpha-3 of the place
    admin1: str | None = None
    context_country: str | None = None  # only for stories about this country (alpha-3)
    created_by: str = ""
    created_at: dt.datetime | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if not fold_name(self.name or ""):
            raise CorrectionError(f"a correction needs a place name, got {self.name!r}")
        try:
            lat, lon = float(self.latitude), float(self.longitude)
        except (TypeError, ValueError):
            raise CorrectionError(f"{self.name}: coordinates must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise CorrectionError(f"{self.name}: coordinates out of range ({lat}, {lon})")
        if int(self.precision) not in (1, 2, 3):
            raise CorrectionError(f"{self.name}: precision must be 1, 2 or 3")
        for key in ("country_code", "context_country"):
            value = getattr(self, key)
            if value is not None and value != "" and (len(value) != 3 or not value.isalpha()):
                raise CorrectionError(f"{self.name}: {key} must be an ISO alpha-3 code")
            object.__setattr__(self, key, value.upper() if value else None)
        object.__setattr__(self, "latitude", lat)
        object.__setattr__(self, "longitude", lon)
        object.__setattr__(self, "precision", int(self.precision))
        object.__setattr__(self, "location", self.location or self.name)

    @property
    def folded_name(self) -> str:
        return fold_name(self.name)

    def reason(self) -> str:
        who = f" by {self.created_by}" if self.created_by else ""
        when = f" on {self.created_at:%Y-%m-%d}" if self.created_at else ""
        note = f": {self.note}" if self.note else ""
        scope = f" (in {self.context_country} stories)" if self.context_country else ""
        return f"analyst correction{who}{when}{scope}{note}"


class CorrectionBook:
    """Corrections indexed by folded name for the chain (read once, looked up often)."""

    def __init__(self, items: Iterable[Correction] = ()):
        self._by_name: dict[str, dict[str | None, Correction]] = {}
        for c in items:
            self._by_name.setdefault(c.folded_name, {})[c.context_country] = c

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_name.values())

    def knows(self, folded: str) -> bool:
        return folded in self._by_name

    def find(self, name: str, countries: Iterable[str] = ()) -> Correction | None:
        """The correction for ``name``: one scoped to a context country first, else the
        unscoped one."""
        scoped = self._by_name.get(fold_name(name))
        if not scoped:
            return None
        for cc in countries:
            if cc in scoped:
                return scoped[cc]
        return scoped.get(None)


def _row(c: Correction) -> dict:
    return {
        "name": c.name, "folded_name": c.folded_name, "context_country": c.context_country or "",
        "latitude": c.latitude, "longitude": c.longitude, "location": c.location,
        "precision": c.precision, "country_code": c.country_code, "admin1": c.admin1,
        "created_by": c.created_by, "created_at": c.created_at, "note": c.note,
    }


def add_correction(store: Store, correction: Correction) -> Correction:
    """Store (or replace) a correction; returns it with its time stamp."""
    if correction.created_at is None:
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
        correction = replace(correction, created_at=now)
    from sqlalchemy import and_, delete

    from geo.store import corrections

    row = _row(correction)
    key = and_(corrections.c.folded_name == row["folded_name"],
               corrections.c.context_country == row["context_country"])
    with store._begin() as conn:
        conn.execute(delete(corrections).where(key))
        conn.execute(corrections.insert().values(**row))
    return correction


def delete_correction(store: Store, name: str, context_country: str | None = None) -> int:
    """Remove a correction; returns how many rows went."""
    from sqlalchemy import delete

    from geo.store import corrections

    with store._begin() as conn:
        return conn.execute(delete(corrections).where(
            corrections.c.folded_name == fold_name(name),
            corrections.c.context_country == (context_country or "").upper())).rowcount


def _from_row(r) -> Correction:
    return Correction(name=r.name, latitude=r.latitude, longitude=r.longitude,
                      location=r.location, precision=r.precision, country_code=r.country_code,
                      admin1=r.admin1, context_country=r.context_country or None,
                      created_by=r.created_by or "", created_at=r.created_at, note=r.note or "")


def read_corrections_sqlite(path: Path | str) -> list[Correction]:
    """Corrections straight from an SQLite store file (fast path, no SQLAlchemy)."""
    import sqlite3
    from types import SimpleNamespace

    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        cur = conn.execute("SELECT * FROM corrections ORDER BY created_at DESC, id DESC")
        cols = [d[0] for d in cur.description]
        rows = [SimpleNamespace(**dict(zip(cols, r))) for r in cur]
    except sqlite3.OperationalError:  # a store from before corrections existed
        return []
    finally:
        conn.close()
    for r in rows:
        r.created_at = dt.datetime.fromisoformat(r.created_at) if r.created_at else None
    return [_from_row(r) for r in rows]


def list_corrections(store: Store) -> list[Correction]:
    """Every stored correction, newest first."""
    from sqlalchemy import select

    from geo.store import corrections

    with store.engine.connect() as conn:
        rows = conn.execute(select(corrections).order_by(corrections.c.created_at.desc(),
                                                         corrections.c.id.desc())).all()
    return [_from_row(r) for r in rows]


def import_corrections_csv(store: Store, path: Path | str, *, apply: bool = True) -> list[Correction]:
    """Import ``data/corrections.csv`` (columns :data:`CSV_COLUMNS`; name, latitude and
    longitude required). Bad rows raise :class:`InputError` naming the row; nothing is
    stored then. With ``apply``, stored events with those names are updated too."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {"name", "latitude", "longitude"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(path, f"missing column(s) {', '.join(sorted(missing))}", line=1)
            found = []
            for row_no, row in enumerate(reader, start=2):
                try:
                    found.append(Correction(
                        name=row["name"], latitude=row["latitude"], longitude=row["longitude"],
                        location=row.get("location") or "", precision=row.get("precision") or 1,
                        country_code=row.get("country_code") or None,
                        admin1=row.get("admin1") or None,
                        context_country=row.get("context_country") or None,
                        created_by=row.get("created_by") or "", note=row.get("note") or ""))
                except (CorrectionError, ValueError) as exc:
                    raise InputError(path, str(exc), row=row_no) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    stored = [add_correction(store, c) for c in found]
    if apply:
        for c in stored:
            apply_correction(store, c)
    return stored


# Events whose coordinates came from geocoding (dataset rows keep the dataset's own).
GEOCODED_ORIGINS = ("article",)


def apply_correction(store: Store, correction: Correction) -> int:
    """Move the stored article events whose location folds to the correction's name
    (within its context country, when it has one) to the corrected place; returns how
    many moved. Dataset events keep their coordinates: they come from the dataset.
    The moved rows get a new ``stored_at``, so ``Store.version()`` changes and cached
    frames reload."""
    from sqlalchemy import select, update

    from geo.store import events

    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(select(events.c.location).distinct())
                 if r[0] and fold_name(r[0]) == correction.folded_name]
    if not names:
        return 0
    where = [events.c.location.in_(names), events.c.origin.in_(GEOCODED_ORIGINS)]
    if correction.context_country:
        where.append(events.c.country_code == correction.context_country)
    values = {
        "latitude": correction.latitude, "longitude": correction.longitude,
        "geo_precision": correction.precision, "geo_backend": "correction",
        "geo_reason": correction.reason(),
        "stored_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
    }
    if correction.country_code:
        values["country_code"] = correction.country_code
    if correction.admin1:
        values["admin1"] = correction.admin1
    with store._begin() as conn:
        return conn.execute(update(events).where(*where).values(**values)).rowcount


def learn_corrections(gazetteer_path: Path | str, items: Iterable[Correction]):
    """Add settlement corrections to the gazetteer as learned places (source "correction")."""
    from geo.gazetteer.extend import LearnedPlace, add_learned_places

    rows = [LearnedPlace(c.name, c.latitude, c.longitude, c.admin1, None, c.country_code,
                         "correction") for c in items if c.precision == 1]
    return add_learned_places(gazetteer_path, rows)


@dataclass(frozen=True, slots=True)
class GeocodingDecision:
    """One place decision as stored on events: the review page lists these."""

    location: str
    country_code: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    geo_backend: str
    geo_reason: str
    events: int


def geocoding_decisions(store: Store, *, limit: int = 500) -> list[GeocodingDecision]:
    """The distinct (location, point, backend, reason) decisions of stored events, the
    most frequent first."""
    from sqlalchemy import func, select

    from geo.store import events

    cols = (events.c.location, events.c.country_code, events.c.latitude, events.c.longitude,
            events.c.geo_precision, events.c.geo_backend, events.c.geo_reason)
    n = func.count().label("n")
    with store.engine.connect() as conn:
        rows = conn.execute(select(*cols, n).where(events.c.location.is_not(None))
                            .group_by(*cols).order_by(n.desc()).limit(limit)).all()
    return [GeocodingDecision(r[0] or "", r[1] or "", r[2], r[3], r[4], r[5] or "", r[6] or "",
                              int(r[7])) for r in rows]
