"""The chain's answer: one typed value for every backend, and its geopy ``Location``.

Every geocode the chain returns is a geopy ``Location`` whose ``raw`` holds the
gazetteer's keys (name, latitude, longitude, feature_class, feature_code, admin1,
admin2, country_code alpha-3, country, population, precision, score, confidence,
source, reason, match, candidates) plus ``backend`` — "correction", "cache",
"gazetteer", "nominatim"/"photon"/…, or "container-fallback" — and ``query``.
:class:`GeocodeAnswer` is that answer as a frozen value (the CLI prints it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geopy.location import Location

__all__ = ["GeocodeAnswer", "make_location", "with_backend"]

# The keys a Location.raw made by this package always carries.
RAW_KEYS = (
    "geonameid", "name", "latitude", "longitude", "feature_class", "feature_code", "admin1",
    "admin2", "country_code", "country_code2", "country", "population", "precision", "score",
    "confidence", "source", "reason", "match", "matched_name",
)


def make_location(raw: dict[str, Any]) -> Location:
    """A geopy ``Location`` for a raw answer dict (address: name, admin1, country)."""
    parts = [raw.get("name") or ""] + [raw.get(k) for k in ("admin1", "country")]
    address = ", ".join(dict.fromkeys(str(p) for p in parts if p))
    full = {k: raw.get(k) for k in RAW_KEYS}
    full.update(raw)
    full.setdefault("candidates", [])
    return Location(address, (float(raw["latitude"]), float(raw["longitude"]), 0.0), full)


def with_backend(location: Location, backend: str, *, query: str, reason: str | None = None,
                 **changes: Any) -> Location:
    """A copy of ``location`` whose raw records the backend, the query and (new) reason."""
    raw = dict(location.raw)
    raw.update(changes)
    raw["backend"] = backend
    raw["query"] = query
    if reason is not None:
        raw["reason"] = reason
    return make_location(raw)


@dataclass(frozen=True, slots=True)
class GeocodeAnswer:
    """One answer as the CLI and the review page show it (``found`` False: no place)."""

    query: str
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    precision: int | None = None
    feature: str | None = None
    backend: str | None = None
    reason: str = "not found"
    score: float | None = None
    confidence: float | None = None
    candidates: tuple[dict[str, Any], ...] = ()

    @property
    def found(self) -> bool:
        return self.latitude is not None

    @classmethod
    def from_location(cls, query: str, location: Location | None) -> "GeocodeAnswer":
        if location is None:
            return cls(query=query)
        raw = location.raw if isinstance(location.raw, dict) else {}
        fclass, fcode = raw.get("feature_class") or "", raw.get("feature_code") or ""
        return cls(
            query=query, name=raw.get("name") or location.address,
            latitude=round(float(location.latitude), 6),
            longitude=round(float(location.longitude), 6),
            country_code=raw.get("country_code"), country=raw.get("country"),
            admin1=raw.get("admin1"), precision=raw.get("precision"),
            feature=f"{fclass}.{fcode}" if fclass and fcode else (fcode or fclass or None),
            backend=raw.get("backend"), reason=raw.get("reason") or "",
            score=raw.get("score"), confidence=raw.get("confidence"),
            candidates=tuple(_brief(c) for c in raw.get("candidates") or ()),
        )

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON object."""
        return {
            "query": self.query, "name": self.name, "latitude": self.latitude,
            "longitude": self.longitude, "country_code": self.country_code,
            "country": self.country, "admin1": self.admin1, "precision": self.precision,
            "feature": self.feature, "backend": self.backend, "reason": self.reason,
            "score": self.score, "confidence": self.confidence,
            "candidates": list(self.candidates),
        }


def _brief(c: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "latitude", "longitude", "country_code", "admin1", "precision",
            "feature_code", "population", "score", "source", "reason")
    return {k: c.get(k) for k in keys}
