"""Resolve place mentions through the geocoder, with the whole document as context.

The geocoder is any geopy-style object with ``geocode(query, *, exactly_one=True,
context=None)`` returning a ``Location`` whose ``raw`` carries the gazetteer's
fields (name, admin1, country_code alpha-3, precision 1/2/3, population, score,
reason), plus ``is_known_name(folded)`` and optionally ``candidates(name, *,
context=None)``. :class:`Place` keeps what an :class:`~geo.record.Event` needs and
why it was chosen.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from geopy.exc import GeopyError
from unidecode import unidecode

from geo.gazetteer.rank import place_fields


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    latitude: float
    longitude: float
    precision: int  # 1 settlement/point, 2 admin region, 3 country
    admin1: str = ""
    country: str = ""
    country_code: str = ""
    population: int = 0
    score: float = 0.0
    backend: str = ""
    reason: str = ""
    geonameid: int | None = None
    feature: str = ""  # GeoNames "class.code" ("P.PPLA", "A.ADM1", "A.PCLI")
    candidates: tuple = ()  # the ranked alternatives, brief dicts (best first)

    @property
    def corrected(self) -> bool:
        """An analyst's correction (geo.review): the analyst's word, kept as told."""
        return self.backend == "correction"

    def within(self, other: "Place") -> bool:
        """True when ``other`` is a country or region that contains this place."""
        if self.country_code != other.country_code or self.precision >= other.precision:
            return False
        if other.precision == 3:
            return True
        return bool(self.admin1) and _same(self.admin1, other.admin1 or other.name)

    def with_reason(self, reason: str, *, precision: int | None = None) -> "Place":
        return dataclasses.replace(self, reason=reason,
                                   precision=precision or self.precision)


@dataclass(frozen=True, slots=True)
class FallbackContext:
    """Same fields as ``geo.gazetteer.GeoContext``, for geocoders built without it."""

    country_codes: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    dateline: str | None = None


def make_context(country_codes, admin1, dateline):
    try:
        from geo.gazetteer import GeoContext  # the real one, once it exists
    except ImportError:
        GeoContext = FallbackContext
    return GeoContext(country_codes=tuple(country_codes), admin1=tuple(admin1),
                      dateline=dateline)


def fold_function():
    """The gazetteer's own name folding, so lookups match how names were indexed."""
    try:
        from geo.gazetteer.fold import fold_name
        return fold_name
    except ImportError:
        return fold_fallback


def fold_fallback(name: str) -> str:
    text = unidecode(name).lower()
    for ch in "'’`ʿʾ-":
        text = text.replace(ch, "" if ch != "-" else " ")
    return " ".join(text.split())


class Resolver:
    """Geocodes names for one article; remembers answers within the article."""

    def __init__(self, geocoder, context, *, backend: str = ""):
        self.geocoder = geocoder
        self.context = context
        self.backend = backend or type(geocoder).__name__
        self._memo: dict[tuple[str, str], Place | None] = {}

    def resolve(self, name: str, hint: str = "") -> Place | None:
        key = (name, hint)
        if key not in self._memo:
            self._memo[key] = self._resolve(name, hint)
        return self._memo[key]

    def _resolve(self, name: str, hint: str) -> Place | None:
        wanted = {"admin": 2, "settlement": 1, "country": 3}.get(hint)
        try:
            if wanted and hasattr(self.geocoder, "candidates"):
                cands = [c for c in self.geocoder.candidates(name, context=self.context)
                         if place_fields(c).get("precision") == wanted]
                if cands:
                    return self._place(cands[0], f"{name!r} read as {hint}: best such candidate")
            loc = self.geocoder.geocode(name, exactly_one=True, context=self.context)
        except GeopyError:
            return None  # an unreachable backend leaves the name unresolved
        if loc is None:
            return None
        big = None if "," in name else _major_namesake(place_fields(loc))  # "X, Texas": asked
        if big is not None:
            return self._place(big, f"{name!r}: a major city outranks a small namesake")
        return self._place(loc, "")

    def _place(self, loc, why: str) -> Place:
        raw = place_fields(loc)
        lat = getattr(loc, "latitude", None)
        lon = getattr(loc, "longitude", None)
        if lat is None:
            lat, lon = raw.get("latitude", raw.get("lat")), raw.get("longitude", raw.get("lon"))
        reason = raw.get("reason") or ""
        if why:
            reason = f"{why}; {reason}" if reason else why
        return Place(
            name=str(raw.get("name") or getattr(loc, "address", "")),
            latitude=float(lat), longitude=float(lon),
            precision=int(raw.get("precision") or 1),
            admin1=str(raw.get("admin1") or ""), country=str(raw.get("country") or ""),
            country_code=str(raw.get("country_code") or ""),
            population=int(raw.get("population") or 0),
            score=min(1.0, float(raw.get("confidence", raw.get("score")) or 0.0)),
            backend=str(raw.get("backend") or ("gazetteer" if raw.get("source") else self.backend)),
            reason=reason,
            geonameid=_int_or_none(raw.get("geonameid")),
            feature=_feature(raw),
            candidates=_briefs(raw.get("candidates")),
        )


_CANDIDATES = 5  # alternatives kept with a place (the review page shows them)
_BRIEF_KEYS = ("name", "latitude", "longitude", "country_code", "admin1", "precision",
               "feature_code", "population", "score", "reason")


def _brief(c) -> dict:
    c = c if isinstance(c, dict) else place_fields(c)
    return {k: c.get(k) for k in _BRIEF_KEYS}


def _briefs(found) -> tuple:
    if not isinstance(found, (list, tuple)):
        return ()  # some backends give a count, not the list
    return tuple(_brief(c) for c in found[:_CANDIDATES])


def _feature(raw: dict) -> str:
    fclass, fcode = raw.get("feature_class") or "", raw.get("feature_code") or ""
    return f"{fclass}.{fcode}" if fclass and fcode else (fcode or fclass or "")


def _int_or_none(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _major_namesake(raw: dict) -> dict | None:
    """A capital or city of 500,000+ when the chosen place is a village of the same
    name ("talks in Paris" are not in a Ukrainian village called Paris)."""
    if raw.get("precision") != 1 or int(raw.get("population") or 0) >= 20000:
        return None
    found = raw.get("candidates")
    for c in found if isinstance(found, (list, tuple)) else ():
        c = c if isinstance(c, dict) else place_fields(c)
        if c.get("precision") == 1 and (int(c.get("population") or 0) >= 500000
                                        or c.get("feature_code") == "PPLC"):
            return c
    return None


def _same(a: str, b: str) -> bool:
    fa, fb = fold_fallback(a), fold_fallback(b)
    for suffix in (" governorate", " province", " region", " oblast", " state"):
        fa, fb = fa.removesuffix(suffix), fb.removesuffix(suffix)
    return fa == fb
