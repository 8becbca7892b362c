"""The geocoder chain: corrections → cache → gazetteer → online → container fallback.

A wrapper in the spirit of geopy's ``RateLimiter``: it holds the backends and calls
them in order; each answer is a geopy ``Location`` whose ``raw`` records its
``backend`` and ``reason`` (see :mod:`geo.geocoding.answer`). The decision steps:

1. an analyst correction of the name as written, or of a spelling of it, wins;
2. containers the query names ("…, Ar Rastan district, Homs Governorate", "near Ariha")
   are resolved first and sharpen the context — and bound it: the place must lie in a
   container's country, never elsewhere;
3. the cache of online answers (only when an online backend is configured);
4. the gazetteer, for each spelling of the place (descriptors stripped, alternatives),
   the reading the containers allow (:mod:`geo.geocoding.within`: a town when the text
   says town, a reading in a large district's state); then a spelling variant among the
   settlements of the containers' region (:meth:`OfflineGazetteer.region_variants`);
5. the online backend, if configured — its timeouts, 429/5xx and malformed answers are
   recorded (``failures``, the cache file's failures table, the log), never raised, and
   after ``failure_threshold`` failures in a row it rests for ``cooldown`` seconds;
6. the most specific container the text names, with its precision (a district at its
   seat: precision 2) — backend "container-fallback";
7. a place named inside an unknown name ("Bank of Japan" → Japan) — backend "inner-name";
8. for an unknown name with a region in the context: a spelling variant among that
   region's settlements, else the region (backend "context-fallback"), or None.

Answers are memoised per (query, context); :meth:`GeocoderChain.set_corrections`
clears the memo.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from functools import lru_cache
from typing import Any

from geopy.location import Location

from geo.gazetteer.fold import fold_name
from geo.gazetteer.rank import GeoContext, distance_km
from geo.geocoding.answer import make_location, with_backend
from geo.geocoding.cache import MISSING, AnswerCache, cache_key
from geo.geocoding.confidence import rate_answer
from geo.geocoding.context import counts_as_context, merge_contexts
from geo.geocoding.corrections import Correction, CorrectionBook
from geo.geocoding.online import OnlineBackend, OnlineFailure
from geo.geocoding.queries import inner_names, is_district, parse_query
from geo.geocoding.within import in_district_region, pick_reading, region_names, same_district

__all__ = ["GeocoderChain"]

log = logging.getLogger(__name__)


class GeocoderChain:
    """Geocode through corrections, cache, gazetteer and an optional online service."""

    def __init__(self, gazetteer, *, corrections: CorrectionBook | None = None,
                 cache: AnswerCache | None = None, online: OnlineBackend | None = None,
                 memo_size: int = 200_000, failure_threshold: int = 3, cooldown: float = 60.0):
        if online is not None and cache is None:
            raise ValueError("an online backend needs a cache (every online answer is cached)")
        self.gazetteer = gazetteer
        self.corrections = corrections or CorrectionBook()
        self.cache = cache
        self.online = online
        self.failure_threshold = failure_threshold
        self.cooldown = cooldown
        self.failures: deque[OnlineFailure] = deque(maxlen=1000)
        self.backend_counts: Counter[str] = Counter()
        self._in_row = 0
        self._paused_until = 0.0
        self._memo = lru_cache(maxsize=memo_size)(self._resolve)
        self._context = lru_cache(maxsize=4096)(self._normalise_context)

    # -- clock (a method, so tests replace time instead of sleeping) --------------
    def _clock(self) -> float:
        return time.monotonic()

    # -- geopy-style API -------------------------------------------------------------
    def geocode(self, query: str, *, exactly_one: bool = True, context: GeoContext | None = None,
                limit: int = 10, timeout: Any = None) -> Location | list[Location] | None:
        """The place ``query`` names, or None; ``raw['backend']`` says who decided."""
        found = self._memo(str(query), context)
        if found is not None:
            self.backend_counts[found.raw["backend"]] += 1
        if exactly_one or found is None:
            return found
        rest = [make_location({**c, "backend": found.raw["backend"], "query": str(query)})
                for c in found.raw.get("candidates", [])[1:limit]]
        return [found] + rest

    __call__ = geocode

    def reverse(self, query: Any, **kwargs: Any):
        """Nearest settlements (the gazetteer's reverse)."""
        return self.gazetteer.reverse(query, **kwargs)

    def candidates(self, name: str, *, context: GeoContext | None = None, limit: int = 10,
                   corrections: bool = True):
        """The gazetteer's ranked candidates for ``name`` — or, when an analyst corrected
        the name (as written, or the place the gazetteer reads it as), the correction
        alone, so callers that pick among candidates cannot pass it over. The review
        page asks with ``corrections=False`` to see the gazetteer's own ranking."""
        ctx = self._context(context)
        found = self.gazetteer.candidates(name, context=ctx, limit=limit)
        if corrections:
            fix = self._correction(name, found[0] if found else None, ctx)
            if fix is not None:
                return [_correction_location(fix, name)]
        return found

    def context_for(self, context: GeoContext | None) -> GeoContext | None:
        """The context as ranking sees it (regions named as the gazetteer names them)."""
        return self._context(context)

    def best(self, name: str, *, context: GeoContext | None = None):
        return self.gazetteer.best(name, context=self._context(context))

    def is_known_name(self, folded: str) -> bool:
        return self.corrections.knows(folded) or self.gazetteer.is_known_name(folded)

    def iter_names(self, **kwargs: Any):
        return self.gazetteer.iter_names(**kwargs)

    def country_for_code(self, alpha3: str):
        return self.gazetteer.country_for_code(alpha3)

    def admin1_place(self, country3: str, admin1_name: str):
        return self.gazetteer.admin1_place(country3, admin1_name)

    def set_corrections(self, corrections: CorrectionBook) -> None:
        """Use a new set of corrections (e.g. after the review page stored one)."""
        self.corrections = corrections
        self._memo.cache_clear()

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
        self.gazetteer.close()

    # -- the decision ----------------------------------------------------------------
    def _normalise_context(self, context: GeoContext | None) -> GeoContext | None:
        """Add the gazetteer's own names of the regions a context names ("Homs Governorate"
        → "Ḩimş"), and their countries, so ranking can match them."""
        if context is None or not context.admin1:
            return context
        names, countries = list(context.admin1), list(context.country_codes)
        for a in context.admin1:
            region = None
            for cc in context.country_codes:
                region = self.gazetteer.admin1_place(cc, a)
                if region is not None:
                    break
            if region is None and not context.country_codes:
                best = self.gazetteer.best(a)
                region = best if best is not None and best.precision == 2 else None
            if region is not None:
                names.append(region.name)
                countries.append(region.country_code)
        return GeoContext(country_codes=tuple(dict.fromkeys(c for c in countries if c)),
                          admin1=tuple(dict.fromkeys(names)), dateline=context.dateline,
                          near=context.near, points=context.points,
                          town_countries=tuple(c for c in context.town_countries
                                               if c not in countries[len(context.country_codes):]))

    def _correction(self, query: str, read_as, ctx: GeoContext | None) -> Correction | None:
        """The correction of ``query`` (or of a spelling of it), else of the place the
        gazetteer reads it as (``read_as``: corrections made on the review page name
        the stored place, "Saraqib", while an article may write "Saraqeb")."""
        if not len(self.corrections):
            return None
        countries = ctx.country_codes if ctx else ()
        for spelling in dict.fromkeys((query,) + parse_query(query).heads):
            fix = self.corrections.find(spelling, countries)
            if fix is not None:
                return fix
        if read_as is not None:
            name = getattr(read_as, "name", None) if not hasattr(read_as, "raw") \
                else read_as.raw.get("name")
            if name:
                return self.corrections.find(name, countries)
        return None

    def _resolve(self, query: str, context: GeoContext | None) -> Location | None:
        """The decided answer, its confidence that of the final answer
        (:func:`geo.geocoding.confidence.rate_answer`) when the ranker's model has one."""
        loc = self._decide(query, context)
        if loc is None:
            return None
        rated = rate_answer(getattr(self.gazetteer, "model", None), loc.raw, self._context(context))
        if rated is None:
            return loc
        raw = dict(loc.raw)
        raw["confidence"] = round(rated, 3)
        return make_location(raw)

    def _decide(self, query: str, context: GeoContext | None) -> Location | None:
        ctx = self._context(context)
        parsed = parse_query(query)
        fix = self._correction(query, None, ctx)
        if fix is not None:
            return _correction_location(fix, query)
        containers = self._containers(parsed.containers, ctx)
        inner = ctx
        allowed: set[str] | None = None
        if containers:
            inner = merge_contexts(ctx, _context_of(containers))
            allowed = {loc.raw.get("country_code") for _c, loc in containers} - {None} or None
        heads = parsed.heads
        if heads and self.online is not None:
            hit = self._cached(heads, parsed, inner, query)
            if hit is not None:
                return hit
        elsewhere = None
        for spelling in heads:
            loc = self._reading(spelling, inner, containers, allowed, parsed.descriptor)
            if loc is None:
                continue
            if not containers and _namesake_elsewhere(loc, inner):
                elsewhere = elsewhere or loc
                continue
            fix = self._correction(spelling, loc, ctx)
            if fix is not None:
                return _correction_location(fix, query)
            reason = loc.raw.get("reason") or ""
            if spelling != query:
                reason = f"read {spelling!r} from {query!r}; {reason}"
            return with_backend(loc, "gazetteer", query=query, reason=reason)
        if heads and containers:
            loc = self._variant(heads, inner, containers, allowed, query)
            if loc is not None:
                return loc
        if heads and self.online is not None:
            loc = self._ask_online(heads, parsed, inner, containers, allowed, query)
            if loc is not None:
                return loc
        if containers:
            return _fallback(containers[0], parsed, query, self._seat(containers[0][1]))
        if heads and inner is not None and inner.admin1 and 0 < len(inner.country_codes) <= _FEW_COUNTRIES:
            loc = self._variant(heads, inner, [], None, query)
            if loc is not None:
                return loc
        if elsewhere is not None:
            return self._context_region(elsewhere, inner, query)
        loc = self._inner_place(heads, inner, query)
        if loc is not None:
            return loc
        if heads and inner is not None and inner.admin1 and 0 < len(inner.country_codes) <= _FEW_COUNTRIES:
            return self._context_region(None, inner, query, country=False)
        return None

    def _reading(self, spelling: str, ctx: GeoContext | None, containers, allowed,
                 descriptor: str) -> Location | None:
        """The gazetteer's reading of ``spelling`` that the containers allow
        (:func:`geo.geocoding.within.pick_reading`): its first reading when that one is
        inside and alone, else the one chosen among its readings; a reading in the
        district's region when none lies within the district's radius; None when none."""
        loc = self.gazetteer.geocode(spelling, context=ctx)
        if loc is None or not containers:  # nothing to choose by: the ranker's reading
            return loc
        def inside(r: Location) -> bool:
            return _inside(r, containers, allowed) or same_district(r, containers)
        if len(loc.raw.get("candidates") or ()) <= 1:
            readings = [loc]
        else:
            more = self.gazetteer.geocode(spelling, context=ctx, exactly_one=False,
                                          limit=_MAX_READINGS) or []
            readings = [loc] + [r for r in more if _point_of(r) != _point_of(loc)]
        choice, why = pick_reading(readings, containers, inside=inside, descriptor=descriptor)
        if choice is None and containers:
            choice, why = pick_reading(readings, containers, descriptor=descriptor,
                                       inside=lambda r: in_district_region(r, containers))
            if choice is not None:
                why = why or (f"in the region of {containers[0][0]!r}, "
                              f"{distance_km(choice.latitude, choice.longitude, containers[0][1].latitude, containers[0][1].longitude):.0f} km from it")
        if choice is None or not why:
            return choice
        return with_backend(choice, choice.raw.get("backend") or "gazetteer", query=spelling,
                            reason=f"{why}; {choice.raw.get('reason') or ''}".rstrip("; "))

    def _variant(self, heads: tuple[str, ...], ctx: GeoContext | None, containers, allowed,
                 query: str) -> Location | None:
        """A settlement of the containers' region whose spelling is a variant of the name
        (:meth:`OfflineGazetteer.region_variants`), inside the containers (or in the
        district's region): fewest edits, then nearest the district or town named."""
        variants_of = getattr(self.gazetteer, "region_variants", None)
        if variants_of is None:
            return None
        make = getattr(self.gazetteer, "_location", None)
        for country, region in region_names(containers, ctx)[:1 if containers else None]:
            for spelling in heads:
                found = variants_of(spelling, country, region)
                if not found:
                    continue
                readings = [(e, make(c, [c]) if make else make_location(c.as_dict())) for e, c in found]
                fewest = min(e for e, _r in readings)
                best = [r for e, r in readings if e == fewest]
                choice, why = pick_reading(best, containers, inside=lambda r: _inside(
                    r, containers, allowed) or same_district(r, containers))
                if choice is None:
                    choice, why = pick_reading(best, containers,
                                               inside=lambda r: in_district_region(r, containers))
                if choice is None or (fewest and not _sole_name(best, containers, allowed)):
                    continue
                reason = f"{choice.raw.get('reason')}" + (f"; {why}" if why else "")
                if spelling != query:
                    reason = f"read {spelling!r} from {query!r}; {reason}"
                return with_backend(choice, "gazetteer", query=query, reason=reason)
        return None

    def _inner_place(self, heads: tuple[str, ...], ctx: GeoContext | None,
                     query: str) -> Location | None:
        """A name the gazetteer does not know that holds a place's name ("Bank of Japan",
        "Dubai World Cup", "Russian Foreign Ministry"): that place, with a lower
        confidence. The inner name must be a name as the context reader takes one (no
        lone frequent or generic word: "Bank", "World"), found exactly and, unless it
        is a country, inside the one or two countries the document is about."""
        for head in heads[:1]:
            for inner in inner_names(head):
                loc = self.gazetteer.geocode(inner, context=ctx)
                if loc is None or loc.raw.get("match") == "loose":
                    continue
                if not counts_as_context(inner, _Named(loc.raw)):
                    continue
                if ctx is not None and 0 < len(ctx.country_codes) <= _FEW_COUNTRIES \
                        and (loc.raw.get("precision") or 1) < 3 \
                        and loc.raw.get("country_code") not in ctx.country_codes:
                    continue  # "Brands Hatch" in an English story is not Hatch, New Mexico
                confidence = round(0.6 * float(loc.raw.get("confidence") or 0.5), 3)
                reason = (f"{query!r} not in the gazetteer; read the place {inner!r} inside it "
                          f"({loc.raw.get('reason') or 'gazetteer'})")
                return with_backend(loc, "inner-name", query=query, reason=reason,
                                    confidence=confidence)
        return None

    def _context_region(self, elsewhere: Location | None, ctx: GeoContext, query: str, *,
                        country: bool = True) -> Location | None:
        """A name whose only readings lie outside the one or two countries the document is
        about (``elsewhere``), or that the gazetteer does not know at all: the document's
        region there (precision 2, at its seat), else (``country``) its country (3) — never
        a namesake elsewhere on weak evidence."""
        region = None
        for a in ctx.admin1:
            for cc in ctx.country_codes:
                region = self.gazetteer.admin1_place(cc, a)
                if region is not None:
                    break
            if region is not None:
                break
        place = region or (self.gazetteer.country_for_code(ctx.country_codes[0]) if country else None)
        if place is None:
            return with_backend(elsewhere, "gazetteer", query=query) if elsewhere is not None else None
        loc = self.gazetteer._location(place, [place]) if hasattr(self.gazetteer, "_location") \
            else make_location(place.as_dict())
        seat = self._seat(loc) if region is not None else None
        where = f"its region {place.name}" if region is not None else f"its country {place.name}"
        at_seat = f" at its seat {seat.name}" if seat is not None else ""
        spread = query.split()[-1].lower() in _SPREAD_WORDS if query.split() else False
        near = _middle_of_named(ctx.points, loc) if region is not None and not spread else None
        if near is not None:  # an unknown town is nearer the story's other places there
            seat = _Point(near[0], near[1])
            at_seat = f" near the {near[2]} places the text names there"
        if elsewhere is not None:
            other = f"{elsewhere.raw.get('name')}, {elsewhere.raw.get('country_code')}"
            reason = (f"{query!r} not found in the document's country; placed at {where}{at_seat} "
                      f"(a namesake elsewhere, {other}, set aside on weak evidence)")
            confidence = min(0.4, float(elsewhere.raw.get("confidence") or 0.4))
            others = list(elsewhere.raw.get("candidates") or [])
        else:
            reason = f"{query!r} not in the gazetteer; placed at the document's region {place.name}{at_seat}"
            confidence, others = 0.3, []
        changes = {"latitude": seat.latitude, "longitude": seat.longitude} if seat is not None else {}
        return with_backend(loc, "context-fallback", query=query, reason=reason,
                            confidence=confidence, candidates=[dict(place.as_dict())] + others,
                            **changes)

    def _seat(self, loc: Location):
        seat_of = getattr(self.gazetteer, "seat_of", None)
        return seat_of(loc.raw) if seat_of is not None and loc.raw.get("precision") == 2 else None

    def _containers(self, names: tuple[str, ...], ctx: GeoContext | None):
        """Resolve containers outermost first, each inside the ones around it
        ("near Ariha in Idlib province": Ariha in Idlib, not Jericho)."""
        found: list[tuple[str, Location]] = []
        for name in reversed(names):
            inner = merge_contexts(ctx, _context_of(found)) if found else ctx
            loc = self._container(name, inner)
            if loc is None or not _inside(loc, found, None):
                continue
            found.insert(0, (name, loc))
        return found

    def _container(self, name: str, ctx: GeoContext | None) -> Location | None:
        loc = self._memo(name, ctx)
        if loc is None:
            return None
        if is_district(name) and loc.raw.get("precision") == 1:
            return with_backend(loc, loc.raw["backend"], query=name, precision=2,
                                reason=f"{name!r} placed at its seat {loc.raw.get('name')}")
        return loc

    def _online_text(self, heads: tuple[str, ...], parsed) -> str:
        core = heads[1] if parsed.descriptor and len(heads) > 1 else heads[0]
        return ", ".join((core,) + parsed.containers)

    def _cached(self, heads, parsed, ctx, query) -> Location | None:
        text = self._online_text(heads, parsed)
        raw = self.cache.get(self.online.service, cache_key(fold_name(text), _countries(ctx)))
        if raw is MISSING or raw is None:
            return None
        reason = f"cached {self.online.service} answer for {text!r}"
        return make_location({**raw, "backend": "cache", "query": query, "reason": reason})

    def _ask_online(self, heads, parsed, ctx, containers, allowed, query) -> Location | None:
        now = self._clock()
        if now < self._paused_until:
            return None
        text = self._online_text(heads, parsed)
        key = cache_key(fold_name(text), _countries(ctx))
        if self.cache.get(self.online.service, key) is None:  # a cached miss
            return None
        try:
            raw = self.online.lookup(text, _countries(ctx))
        except OnlineFailure as failure:
            self._record(failure, now)
            return None
        self._in_row = 0
        self.cache.put(self.online.service, key, raw)
        if raw is None:
            return None
        loc = make_location({**raw, "backend": self.online.service, "query": query})
        if not _inside(loc, containers, allowed):
            return None
        reason = f"{self.online.service} answer for {text!r} (not in the offline gazetteer)"
        return make_location({**raw, "backend": self.online.service, "query": query,
                              "reason": reason})

    def _record(self, failure: OnlineFailure, now: float) -> None:
        self.failures.append(failure)
        self.cache.record_failure(failure.backend, failure.query, failure.kind, failure.message)
        self._in_row += 1
        if self._in_row >= self.failure_threshold:
            self._paused_until = now + self.cooldown
            self._in_row = 0
            log.warning("%s failed %d times in a row; offline only for %.0f s",
                        failure.backend, self.failure_threshold, self.cooldown)
        log.warning("online geocoder: %s; falling back to the gazetteer", failure)


# How far a place may lie from the container the text puts it in, by the container's kind.
_WITHIN_KM = {"settlement": 50.0, "district": 120.0, "region": 250.0}


def _inside(loc: Location, containers: list[tuple[str, Location]], allowed) -> bool:
    """Whether ``loc`` lies in the innermost container (same country; the same region,
    or near enough to the container's point); True when there is no container."""
    if not containers:
        return True
    raw = loc.raw
    country = raw.get("country_code")
    countries = allowed or {c.raw.get("country_code") for _n, c in containers} - {None}
    if countries and country not in countries:
        return False
    name, box = containers[0]
    precision = box.raw.get("precision")
    if precision == 3 or raw.get("precision", 1) >= (precision or 3):
        return True
    if precision == 2 and not is_district(name):
        regions = {fold_name(box.raw.get("name") or ""), fold_name(box.raw.get("admin1") or "")}
        if raw.get("admin1") and fold_name(raw["admin1"]) in regions:
            return True
        kind = "region"
    else:
        kind = "district" if precision == 2 else "settlement"
    km = distance_km(loc.latitude, loc.longitude, box.latitude, box.longitude)
    return km <= _WITHIN_KM[kind]


# A namesake outside the document's countries stands only on strong evidence: the
# learned ranker's confidence at least this, or it is a capital, a first-level region or a
# city of half a million, or a county or district written with its county word ("Henry County").
ELSEWHERE_MIN_CONFIDENCE = 0.6
ELSEWHERE_MIN_POPULATION = 500_000  # a capital, a first-level region or a big city also stands
# With no region named, the document's country is weaker evidence (a country named in
# passing: "Oxford" in a story that mentions Japan), and a town of this size stands.
ELSEWHERE_NO_REGION_POPULATION = 50_000
_FEW_COUNTRIES = 2


def _namesake_elsewhere(loc: Location, ctx: GeoContext | None) -> bool:
    """Whether ``loc`` is a settlement or region outside the one or two countries the
    context is about, chosen on weak evidence (the context then decides)."""
    if ctx is None or not (0 < len(ctx.country_codes) <= _FEW_COUNTRIES):
        return False
    raw = loc.raw
    if (raw.get("precision") or 1) >= 3 or raw.get("country_code") in ctx.country_codes:
        return False
    if not ctx.admin1 and all(cc in ctx.town_countries for cc in ctx.country_codes):
        return False  # the countries are only a town's reading ("Paris"): no evidence against it
    strong = (float(raw.get("confidence") or 0.0) >= ELSEWHERE_MIN_CONFIDENCE
              or raw.get("feature_code") in ("PPLC", "ADM1")
              or int(raw.get("population") or 0) >= ELSEWHERE_MIN_POPULATION
              or (raw.get("feature_code") == "ADM2" and is_district(str(raw.get("matched_name") or "")))
              or (not ctx.admin1 and int(raw.get("population") or 0) >= ELSEWHERE_NO_REGION_POPULATION))
    return not strong


class _Named:
    """A gazetteer answer's fields as :func:`counts_as_context` reads a candidate."""

    def __init__(self, raw: dict) -> None:
        self.name = raw.get("name") or ""
        self.matched_name = raw.get("matched_name") or self.name
        self.precision = int(raw.get("precision") or 1)
        self.feature_code = raw.get("feature_code") or ""
        self.population = int(raw.get("population") or 0)


_MAX_READINGS = 50


def _sole_name(readings: list[Location], containers, allowed) -> bool:
    """Whether the readings in the district named (else inside the containers or the
    district's region) bear one name: an edit away from several names, none is taken."""
    named = [r for r in readings if same_district(r, containers)] or [
        r for r in readings if _inside(r, containers, allowed) or in_district_region(r, containers)]
    names = {fold_name(r.raw.get("matched_name") or r.raw.get("name") or "") for r in named}
    return len(names) == 1


def _point_of(loc: Location) -> tuple:
    return (loc.raw.get("name"), round(loc.latitude, 5), round(loc.longitude, 5))


def _countries(ctx: GeoContext | None) -> tuple[str, ...]:
    return ctx.country_codes if ctx else ()


def _context_of(containers: list[tuple[str, Location]]) -> GeoContext:
    countries, regions = [], []
    for _name, loc in containers:
        raw = loc.raw
        countries.append(raw.get("country_code"))
        if raw.get("precision") == 2 and raw.get("feature_code") in ("ADM1", "ADM1H"):
            regions.append(raw.get("name"))
        elif raw.get("admin1"):
            regions.append(raw.get("admin1"))
    first = containers[0][1]
    near = (first.latitude, first.longitude) if first.raw.get("precision", 3) < 3 else None
    return GeoContext(country_codes=tuple(c for c in countries if c),
                      admin1=tuple(r for r in regions if r), near=near)


def _fallback(container: tuple[str, Location], parsed, query: str, seat=None) -> Location:
    """The container's answer for a place not found inside it — at the container's seat
    (its most populous town) when it is a region or district, the likeliest point of an
    unknown place there; the precision stays the container's."""
    name, loc = container
    if seat is not None:
        loc = with_backend(loc, loc.raw.get("backend") or "gazetteer", query=name,
                           latitude=seat.latitude, longitude=seat.longitude,
                           reason=f"its seat {seat.name}, the most populous town in it")
    what = repr(parsed.heads[-1]) if parsed.heads else (f"the {parsed.descriptor}"
                                                        if parsed.descriptor else "the place")
    missing = f"not found within {name!r}" if parsed.heads else "named only by its container"
    reason = (f"{what} {missing}; placed at the container {name!r} "
              f"({loc.raw.get('reason') or loc.raw.get('backend')})")
    return with_backend(loc, "container-fallback", query=query, reason=reason,
                        confidence=min(0.5, float(loc.raw.get("confidence") or 0.5)))


def _correction_location(fix: Correction, query: str) -> Location:
    raw = {
        "name": fix.location, "latitude": fix.latitude, "longitude": fix.longitude,
        "precision": fix.precision, "country_code": fix.country_code, "admin1": fix.admin1,
        "country": None, "feature_class": "", "feature_code": "CORRECTION", "population": 0,
        "score": None, "confidence": 1.0, "source": "correction", "match": "correction",
        "matched_name": fix.name, "backend": "correction", "query": query,
        "reason": fix.reason(),
    }
    raw["candidates"] = [dict(raw)]
    return make_location(raw)


# the last word of an unknown name that runs across a region ("Neches River"): placed at
# the region's seat, not near the other places the text names
_SPREAD_WORDS = frozenset("river creek lake lakes bay mountains mountain range hills forest "
                          "valley basin coast sea".split())


class _Point:
    """A stand-in point (latitude, longitude) for ``_context_region``."""

    __slots__ = ("latitude", "longitude")

    def __init__(self, latitude: float, longitude: float):
        self.latitude, self.longitude = latitude, longitude


def _middle_of_named(points, region: Location) -> tuple[float, float, int] | None:
    """The medoid of the context's points inside ``region`` (within its members'
    spread of its point, the region's own point left out): where an unknown town of a
    story about that region most likely is, rather than the region's seat. None when
    the context names no other place there."""
    extent = float(region.raw.get("extent_km") or 0.0)
    if extent <= 0:
        return None
    own = (region.latitude, region.longitude)
    inside = [p for p in dict.fromkeys(points)
              if (abs(p[0] - own[0]) > 1e-6 or abs(p[1] - own[1]) > 1e-6)
              and distance_km(p[0], p[1], own[0], own[1]) <= extent]
    if not inside:
        return None
    best = min(inside, key=lambda p: sum(distance_km(p[0], p[1], q[0], q[1]) for q in inside))
    return best[0], best[1], len(inside)
