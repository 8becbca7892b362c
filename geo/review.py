"""The review of geocoding decisions: what to review, the alternatives, the correction.

* :func:`review_items` — the filtered article events grouped into decisions (one
  place name in one country → one row), lowest confidence first; dataset events
  are counted apart (their coordinates come from the dataset, not from geocoding).
* :func:`candidates_for` — the gazetteer's ranked candidates for a decision, asked
  with the country of the chosen place as context.
* :func:`parse_coordinates` — typed latitude/longitude, validated.
* :func:`correct` — store the analyst's correction, move the stored events at once
  and (optionally) teach the gazetteer; the verbs are
  :mod:`geo.geocoding.corrections`'s, reused here.

No Streamlit here: the page ``pages/review.py`` only lays these out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.errors import CorrectionError
from geo.gazetteer.fold import fold_name
from geo.gazetteer.rank import GeoContext, distance_km, place_fields
from geo.geocoding.corrections import (
    GEOCODED_ORIGINS, Correction, add_correction, apply_correction, learn_corrections,
)

if TYPE_CHECKING:
    from geo.store import Store

__all__ = ["ReviewItem", "ReviewCandidate", "CorrectionResult", "review_items",
           "dataset_event_count", "candidates_for", "parse_coordinates", "correct",
           "decision_key", "PRECISIONS"]

PRECISIONS = {1: "1 · settlement / point", 2: "2 · admin region", 3: "3 · country"}
CORRECTED = "correction"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One geocoding decision as the stored events carry it: a place name in one
    country, the point chosen for it, how and why, for how many events."""

    key: str  # folded name | country code: stable across reruns
    location: str
    country_code: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
    precision: int | None
    backend: str
    reason: str
    confidence: float | None  # the lowest of its events
    events: int
    evidence: str  # the sentence of its least confident event
    event_ids: tuple[str, ...]

    @property
    def corrected(self) -> bool:
        return self.backend == CORRECTED

    @property
    def context(self) -> GeoContext | None:
        """The context the candidates are ranked in: the chosen place's country."""
        return GeoContext(country_codes=(self.country_code,)) if self.country_code else None


@dataclass(frozen=True, slots=True)
class ReviewCandidate:
    """A place the decision's name may mean, with the gazetteer's score and reason."""

    name: str
    latitude: float
    longitude: float
    precision: int
    admin1: str
    country: str
    country_code: str
    population: int
    score: float | None
    reason: str
    chosen: bool  # the place the events are at now

    def label(self) -> str:
        where = ", ".join(p for p in (self.admin1, self.country or self.country_code) if p)
        return f"{self.name}{f' ({where})' if where else ''}"


@dataclass(frozen=True, slots=True)
class CorrectionResult:
    correction: Correction
    moved: int  # stored events moved
    learned: int = 0  # places added to the gazetteer


def decision_key(location: str, country_code: str | None) -> str:
    """The key of the decision on ``location`` in ``country_code`` (folded name | code)."""
    return f"{fold_name(location or '')}|{country_code or ''}"


_COLUMNS = ["event_id", "location", "country_code", "country", "admin1", "latitude",
            "longitude", "geo_precision", "geo_backend", "geo_reason", "confidence",
            "evidence"]


def _geocoded(events: pd.DataFrame) -> pd.DataFrame:
    if events.empty or "origin" not in events:
        return events.iloc[0:0]
    keep = events["origin"].astype(str).isin(GEOCODED_ORIGINS)
    keep &= events["location"].astype("string").fillna("").str.strip() != ""
    return events.loc[keep, _COLUMNS]


def dataset_event_count(events: pd.DataFrame) -> int:
    """Filtered events whose coordinates come from a dataset (not reviewed here)."""
    if events.empty or "origin" not in events:
        return 0
    return int((~events["origin"].astype(str).isin(GEOCODED_ORIGINS)).sum())


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) \
        or value is pd.NA else str(value)


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def review_items(events: pd.DataFrame) -> list[ReviewItem]:
    """The geocoding decisions of the (filtered) article events, lowest confidence
    first; decisions already corrected come last. Events of one name (folded, so
    spellings that fold alike meet) in one country make one decision, at the point
    most of them share."""
    frame = _geocoded(events)
    if frame.empty:
        return []
    frame = pd.DataFrame({c: frame[c].astype(object) for c in _COLUMNS})
    folded = {n: fold_name(str(n)) for n in frame["location"].unique()}
    frame["_key"] = frame["location"].map(folded) + "|" + frame["country_code"].fillna("")
    items = []
    for key, group in frame.groupby("_key", sort=False):
        conf = pd.to_numeric(group["confidence"], errors="coerce")
        weakest = group.loc[conf.idxmin()] if conf.notna().any() else group.iloc[0]
        point = (group.assign(_n=1)
                 .groupby(["latitude", "longitude", "geo_precision", "geo_backend"],
                          dropna=False, sort=False)["_n"].sum().sort_values(ascending=False))
        lat, lon, precision, backend = point.index[0] if len(point) else (None,) * 4
        at_point = group[(group["latitude"] == lat) & (group["longitude"] == lon)]
        first = at_point.iloc[0] if len(at_point) else weakest
        items.append(ReviewItem(
            key=str(key), location=_text(first["location"]),
            country_code=_text(first["country_code"]), country=_text(first["country"]),
            admin1=_text(first["admin1"]), latitude=_number(lat), longitude=_number(lon),
            precision=None if precision is None or pd.isna(precision) else int(precision),
            backend=_text(backend), reason=_text(first["geo_reason"]),
            confidence=None if conf.isna().all() else float(conf.min()),
            events=len(group), evidence=_text(weakest["evidence"]),
            event_ids=tuple(str(e) for e in group["event_id"])))
    items.sort(key=lambda d: (d.corrected, d.confidence if d.confidence is not None else -1.0,
                              -d.events, d.location.lower()))
    return items


def candidates_for(geocoder, item: ReviewItem, *, limit: int = 10) -> list[ReviewCandidate]:
    """The places ``item``'s name may mean, best first, ranked by the gazetteer in the
    chosen place's country (the chain's corrections left out: the analyst is
    reviewing them)."""
    from geo.geocoding.chain import GeocoderChain

    if isinstance(geocoder, GeocoderChain):
        found = geocoder.candidates(item.location, context=item.context, limit=limit,
                                    corrections=False)
    else:
        found = list(geocoder.candidates(item.location, context=item.context))[:limit]
    out = []
    for f in found:
        raw = place_fields(f)
        lat, lon = raw.get("latitude"), raw.get("longitude")
        if lat is None or lon is None:
            continue
        lat, lon = float(lat), float(lon)
        score = raw.get("score")
        out.append(ReviewCandidate(
            name=_text(raw.get("name")), latitude=lat, longitude=lon,
            precision=int(raw.get("precision") or 1), admin1=_text(raw.get("admin1")),
            country=_text(raw.get("country")), country_code=_text(raw.get("country_code")),
            population=int(raw.get("population") or 0),
            score=None if score is None else float(score), reason=_text(raw.get("reason")),
            chosen=_same_point(item, lat, lon)))
    return out


def _same_point(item: ReviewItem, lat: float, lon: float) -> bool:
    return (item.latitude is not None and item.longitude is not None
            and abs(item.latitude - lat) < 1e-4 and abs(item.longitude - lon) < 1e-4)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_coordinates(latitude: str, longitude: str) -> tuple[float, float]:
    """Typed coordinates as numbers; raises :class:`CorrectionError` saying what is
    wrong (missing, not a number, out of range). A decimal comma is accepted."""
    values = []
    for what, text, bound in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        text = (text or "").strip().replace(",", ".")
        if not text:
            raise CorrectionError(f"the {what} is missing")
        if not _NUMBER.match(text):
            raise CorrectionError(f"the {what} must be a decimal number, got {text[:40]!r}")
        value = float(text)
        if not -bound <= value <= bound:
            raise CorrectionError(f"the {what} must lie between -{bound} and {bound}, "
                                  f"got {value:g}")
        values.append(value)
    return values[0], values[1]


def correct(store: Store, item: ReviewItem, *, candidate: ReviewCandidate | None = None,
            latitude: float | None = None, longitude: float | None = None, label: str = "",
            precision: int | None = None, country_code: str | None = None,
            only_in_country: bool = False, note: str = "", created_by: str = "",
            gazetteer_path: Path | str | None = None) -> CorrectionResult:
    """Store the analyst's correction of ``item`` — a ``candidate`` or typed
    ``latitude``/``longitude`` — and move its stored events at once.

    The correction is keyed on the name the events carry, so re-ingesting their
    articles gives the corrected place again (the geocoder chain consults
    corrections first). ``only_in_country`` scopes it to stories about the
    decision's country. With ``gazetteer_path``, a settlement correction becomes a
    learned place of that gazetteer too. Raises :class:`CorrectionError` for an
    invalid correction; nothing is stored then.
    """
    if (candidate is None) == (latitude is None or longitude is None):
        raise CorrectionError("give either a candidate or both latitude and longitude")
    if candidate is not None:
        fix = Correction(
            name=item.location, latitude=candidate.latitude, longitude=candidate.longitude,
            location=label or candidate.name, precision=precision or candidate.precision,
            country_code=candidate.country_code or None, admin1=candidate.admin1 or None,
            context_country=item.country_code if only_in_country else None,
            created_by=created_by, note=note or f"picked candidate {candidate.label()}")
    else:
        fix = Correction(
            name=item.location, latitude=latitude, longitude=longitude,
            location=label.strip() or item.location, precision=precision or 1,
            country_code=(country_code or item.country_code or None),
            admin1=nudged_admin1(item, latitude, longitude, country_code),
            context_country=item.country_code if only_in_country else None,
            created_by=created_by, note=note or "coordinates typed by the analyst")
    stored = add_correction(store, fix)
    moved = apply_correction(store, stored)
    learned = 0
    if gazetteer_path is not None:
        learned = learn_corrections(gazetteer_path, [stored]).added
    return CorrectionResult(stored, moved, learned)


NUDGE_KM = 25.0  # typed coordinates this close to the chosen point only nudge it


def nudged_admin1(item: ReviewItem, latitude: float, longitude: float,
                  country_code: str | None = None) -> str | None:
    """The region typed coordinates keep: the decision's own when they only nudge its
    point (same country, within :data:`NUDGE_KM`), so "X in REGION province" still
    nests; unknown (None) when they move it further."""
    if not item.admin1 or item.latitude is None or item.longitude is None:
        return None
    if country_code and country_code != item.country_code:
        return None
    far = distance_km(item.latitude, item.longitude, latitude, longitude) > NUDGE_KM
    return None if far else item.admin1


def least_certain_events(events: pd.DataFrame, *, limit: int = 50) -> pd.DataFrame:
    """The article events an analyst should check first: lowest confidence first, with
    the reasons the extractor gave (place, date, merging) and the evidence sentence."""
    cols = ["confidence", "event_date", "event_type", "sub_event_type", "location",
            "country_code", "geo_reason", "evidence", "event_id"]
    if events.empty or "origin" not in events:
        return pd.DataFrame(columns=cols)
    frame = events[events["origin"] == "article"].copy()
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce")
    frame = frame.sort_values(["confidence", "event_id"], na_position="first").head(limit)
    out = frame.reindex(columns=cols)
    out["evidence"] = out["evidence"].fillna("").astype(str).str.slice(0, 200)
    return out.reset_index(drop=True)
