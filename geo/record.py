"""The event record: the one contract between every part of Conflict Map.

Field names follow DESIGN.md exactly; they are a public contract (JSON output,
CSV/GeoJSON exports, the store's columns). Extend, never rename.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

DATE_PRECISIONS = ("day", "week", "month", "year")
ORIGINS = ("article", "ucdp", "acled", "gdelt", "manual")
GEO_PRECISIONS = {1: "settlement or point", 2: "admin region", 3: "country"}


@dataclass(frozen=True, slots=True)
class Event:
    """One conflict or diplomatic event, from an article or a dataset row."""

    event_id: str
    event_date: dt.date | None
    event_type: str
    origin: str
    date_precision: str = "day"
    date_text: str = ""
    date_uncertain: bool = False
    sub_event_type: str = ""
    actor1: str = ""
    actor1_country: str = ""
    actor2: str = ""
    actor2_country: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    admin1: str = ""
    country: str = ""
    country_code: str = ""
    fatalities: int | None = None
    evidence: str = ""
    evidence_start: int | None = None
    evidence_end: int | None = None
    triggers: str = ""
    source: str = ""
    source_url: str = ""
    article_id: str = ""
    published: dt.date | None = None
    confidence: float = 0.0
    geo_backend: str = ""
    geo_reason: str = ""
    # Every sentence that tells this incident, one a line, when more than one does
    # (``evidence`` stays the one that decided its type).
    evidence_all: str = ""
    # The incident this event reports: the event_id of the first stored report of it
    # (another article's event, same type, place and dates); empty = its own.
    incident_id: str = ""

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, not {self.origin!r}")
        if self.date_precision not in DATE_PRECISIONS:
            raise ValueError(
                f"date_precision must be one of {DATE_PRECISIONS}, not {self.date_precision!r}"
            )
        if self.geo_precision is not None and self.geo_precision not in GEO_PRECISIONS:
            raise ValueError(f"geo_precision must be 1, 2 or 3, not {self.geo_precision!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0..1, not {self.confidence!r}")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude are given together or not at all")
        if self.latitude is not None and not (
            -90 <= self.latitude <= 90 and -180 <= self.longitude <= 180
        ):
            raise ValueError(f"coordinates out of range: {self.latitude}, {self.longitude}")
        if self.fatalities is not None and self.fatalities < 0:
            raise ValueError("fatalities cannot be negative")

    @property
    def has_location(self) -> bool:
        return self.latitude is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: dates as ISO strings, every field present."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        """Inverse of :meth:`to_dict`; unknown keys are ignored, blanks become None."""
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if _is_blank(value):
                if f.name in _OPTIONAL:
                    value = None
                elif f.type == "str":
                    value = ""
                else:
                    continue  # keep the field's default
            elif f.name in ("event_date", "published"):
                value = _as_date(value)
            elif f.name in ("latitude", "longitude", "confidence"):
                value = float(value)
            elif f.name in ("geo_precision", "fatalities", "evidence_start", "evidence_end"):
                value = int(value)
            elif f.name == "date_uncertain":
                value = value in (True, 1, "1", "true", "True")
            kwargs[f.name] = value
        return cls(**kwargs)


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event) if f.type == "str")
_OPTIONAL = {
    "event_date", "latitude", "longitude", "geo_precision", "fatalities",
    "evidence_start", "evidence_end", "published",
}


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN from pandas
        return True
    return isinstance(value, str) and value == ""


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def make_event_id(source_id: str, *parts: object) -> str:
    """Stable id: hash of the source id and what locates the event within it.

    Articles pass the sentence span (start, end) and the place; datasets pass
    their own row id. The same input always gives the same id, so ingesting
    twice overwrites instead of duplicating.
    """
    key = "\x1f".join([source_id, *map(str, parts)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
