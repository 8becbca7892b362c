"""Which place a name means: the context, the candidate and the ranking decision.

:func:`rank_candidates` is a pure function over candidate places. The score adds:

* the document's context — a context country (+4), a context region (+2), the
  dateline's country (+3), nearness to a context point (up to +2);
* administrative rank — a country name outranks towns named so (+4.5: "Turkey" is
  not the New Jersey town); a trailing "province"/"governorate" asks for the
  region (+5); a bare name that is both a town and the region it lies in means the
  town (+1: "Idlib");
* the spelling — a place's main name beats an alternate (+0.25);
* population — log10(population + 1) / 8 (about +1 for a city of a few millions).

Every candidate carries a human-readable ``reason``; the winner's says what decided.

With a learned model (``model=``, :mod:`geo.gazetteer.model`, trained on the dev half by
``python -m bench.train_ranker``) the score is instead the model's logit over the
features of :mod:`geo.gazetteer.features`; the reason names the features that most
separate the winner from the runner-up, and ``confidence`` is the model's estimate that
the winner is within 161 km of the place meant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from geo.gazetteer.features import DESCRIPTIONS, QueryFacts, candidate_features
from geo.gazetteer.fold import fold_name, loose_key

__all__ = [
    "Candidate", "GeoContext", "PlaceRecord", "rank_candidates", "distance_km", "featurise",
    "confidence_signals",
]

W_COUNTRY_CONTEXT = 4.0
W_REGION_CONTEXT = 2.0
W_DATELINE = 3.0
W_NEAR = 2.0
W_COUNTRY_RANK = 4.5
W_REGION_ASKED = 5.0
W_TOWN_OF_ITS_REGION = 1.0
W_MAIN_NAME = 0.25
NEAR_KM = 500.0
NAMESAKE_KM = 60.0
STRONG_EVIDENCE = 3.0  # logit: ~20 times the odds of the best candidate inside the context
CONSTRAIN_MAX_COUNTRIES = 2
NEAR_INSIDE = 0.8  # the "near" feature at 100 km of the context point
# A candidate a rule ranks below another (a bare county below the town, a region below
# its country's capital) ends this far (logit) below the one the rule prefers, which
# takes the demoted one's score plus this (see _swap_before).
RULE_MARGIN = 1.0
# The post-model rules of the learned ranking, by the name a winner's ``rule`` records.
RULES = ("town-of-region", "bare-county-town", "capital-over-region", "context", "region-asked")
RULE_WORDS = {
    "town-of-region": "a bare name of a town in its namesake region means the town",
    "bare-county-town": "a bare county name that is also a town's name means the town",
    "capital-over-region": "a capital named like a region elsewhere means the capital",
    "context": "a candidate outside the document's context needs strong evidence",
    "region-asked": "a region asked for (province/governorate suffix)",
}


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What the document says about where it is (all optional).

    ``country_codes``: ISO alpha-3 codes of countries it mentions; ``admin1``: names
    of regions it mentions; ``dateline``: the dateline place ("Tehran"); ``near``:
    a (lat, lon) point the places are likely close to; ``points``: every place the
    context names (towns, regions), for the distance to the document's other places.
    """

    country_codes: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    dateline: str | None = None
    near: tuple[float, float] | None = None
    points: tuple[tuple[float, float], ...] = ()
    # the countries of ``country_codes`` the context gives only through a town's reading
    # ("Paris" → FRA), never naming the country or one of its regions
    town_countries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.country_codes, str) or isinstance(self.admin1, str):
            raise TypeError("GeoContext.country_codes and .admin1 are tuples, not strings")
        bad = [c for c in self.country_codes if not (isinstance(c, str) and len(c) == 3)]
        if bad:
            raise ValueError(f"GeoContext.country_codes must be ISO alpha-3 codes, got {bad!r}")
        object.__setattr__(self, "country_codes", tuple(c.upper() for c in self.country_codes))
        object.__setattr__(self, "admin1", tuple(self.admin1))
        object.__setattr__(self, "points", tuple(tuple(p) for p in self.points))
        object.__setattr__(self, "town_countries", tuple(self.town_countries))


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A gazetteer row as read for ranking (before a score is attached)."""

    place_id: int
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str | None  # ISO alpha-3
    country_code2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    precision: int
    source: str
    matched_name: str
    matched_kind: int  # 0 main name, 1 alternate, 2 code/abbreviation, 3 demonym
    extent_km: float = 0.0  # how far a region's or country's members spread (0: a point)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked place a name may mean, with its score and why."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    admin1: str | None
    admin2: str | None
    country_code: str | None  # ISO alpha-3
    country_code2: str | None
    country: str | None
    population: int
    precision: int  # 1 settlement, 2 region, 3 country
    score: float
    confidence: float  # 0–1
    source: str
    reason: str
    match: str  # "exact", "loose", "region suffix"
    matched_name: str
    place_id: int = field(default=0, compare=False)
    # the post-model rule that put this candidate first ("" when the model's own pick),
    # one of RULES; the answer's confidence reads it (geo.geocoding.confidence)
    rule: str = field(default="", compare=False)
    extent_km: float = field(default=0.0, compare=False)  # a region's or country's spread

    def as_dict(self) -> dict[str, Any]:
        """The candidate as a plain dict (for geopy ``Location.raw``)."""
        return {k: getattr(self, k) for k in self.__slots__}


def place_fields(found) -> dict[str, Any]:
    """The gazetteer's fields of a :class:`Candidate`, a geopy ``Location`` (its
    ``raw``) or a plain dict — what every consumer of geocoder answers reads."""
    if hasattr(found, "as_dict"):
        return found.as_dict()
    raw = getattr(found, "raw", found)
    return raw if isinstance(raw, dict) else {}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _factors(
    p: PlaceRecord,
    context: GeoContext,
    region_asked: bool,
    dateline_country: str | None,
    namesake_regions: tuple[PlaceRecord, ...],
) -> list[tuple[str, float, str]]:
    """(factor, weight, description) of everything that speaks for ``p``."""
    out: list[tuple[str, float, str]] = []
    if p.country_code and p.country_code in context.country_codes:
        out.append(("context_country", W_COUNTRY_CONTEXT, f"in context country {p.country_code}"))
    context_regions = {fold_name(a) for a in context.admin1}
    if context_regions and p.admin1 and fold_name(p.admin1) in context_regions:
        out.append(("context_region", W_REGION_CONTEXT, f"in context region {p.admin1}"))
    if dateline_country and p.country_code == dateline_country:
        out.append(("dateline", W_DATELINE, f"in the dateline's country {dateline_country}"))
    if context.near is not None:
        km = distance_km(context.near[0], context.near[1], p.latitude, p.longitude)
        if km < NEAR_KM:
            out.append(("near", W_NEAR * (1 - km / NEAR_KM), f"{km:.0f} km from the context point"))
    if p.precision == 3:
        out.append(("country_rank", W_COUNTRY_RANK, "a country name outranks places named so"))
    if region_asked and p.precision == 2:
        out.append(("region_asked", W_REGION_ASKED, "region asked for (province/governorate suffix)"))
    namesake = _namesake_region(p, namesake_regions) if p.precision == 1 else None
    if namesake:
        out.append(("town_of_region", W_TOWN_OF_ITS_REGION, f"bare name of a town in its namesake region {namesake}"))
    if p.matched_kind == 0:
        out.append(("main_name", W_MAIN_NAME, "main name"))
    out.append(("population", math.log10(max(p.population, 0) + 1) / 8, f"population {p.population:,}"))
    return out


def _key(name: str) -> str:
    return loose_key(fold_name(name))


def _namesake_region(town: PlaceRecord, regions: tuple[PlaceRecord, ...]) -> str | None:
    """The candidate region that has the town's name and contains it (by its admin1
    name, or within NAMESAKE_KM of its centre when admin1 codes are coarser), if any."""
    # the town's own name, not an alternate it shares ("Minnesota" is an alternate name
    # of Minneota, which must not beat the state by this rule)
    keys = {_key(town.name)}
    for r in regions:
        if r.country_code != town.country_code or not keys & {_key(r.name), _key(r.matched_name)}:
            continue
        if town.admin1 == r.name or distance_km(
            town.latitude, town.longitude, r.latitude, r.longitude
        ) <= NAMESAKE_KM:
            return r.name
    return None


def _confidence(margin: float | None, match: str) -> float:
    base = 0.95 if margin is None else 0.5 + 0.45 * (1 - math.exp(-margin))
    return round(base * (0.8 if match == "loose" else 1.0), 3)


def featurise(
    places: list[PlaceRecord], *, query: str, context: GeoContext | None = None,
    region_asked: bool = False, match: str = "exact", dateline_country: str | None = None,
) -> list[dict[str, float]]:
    """The learned ranker's features of every candidate (same order as ``places``)."""
    context = context or GeoContext()
    facts = QueryFacts(
        query=query, countries=frozenset(context.country_codes),
        regions=frozenset(fold_name(a) for a in context.admin1), near=context.near,
        points=context.points,
        dateline_country=dateline_country, region_asked=region_asked, match=match,
    )
    # a town named like the first-level region it lies in ("Idlib"); a county or district
    # named like its seat says nothing of which namesake town is meant (Paris, Alexandria)
    namesake_regions = tuple(r for r in places if r.precision == 2 and r.feature_code != "ADM2")
    max_log_pop = max((math.log10(max(p.population, 0) + 1) for p in places), default=0.0)
    per_country: dict[str | None, int] = {}
    for p in places:
        per_country[p.country_code] = per_country.get(p.country_code, 0) + 1
    return [
        candidate_features(
            p, places, facts, max_log_pop=max_log_pop,
            town_of_region=p.precision == 1 and _namesake_region(p, namesake_regions) is not None,
            same_country=per_country[p.country_code],
        )
        for p in places
    ]


def confidence_signals(top: dict[str, float], top_logit: float, second_logit: float | None,
                       n: int) -> dict[str, float]:
    """What the confidence model reads of a decision (shared with its training)."""
    p_top = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, top_logit))))
    margin = min(10.0, top_logit - second_logit) if second_logit is not None else 10.0
    return {
        "p_top": p_top, "margin": margin / 10, "single": float(n == 1),
        "log_candidates": math.log10(n) / 3, "prec_country": top["prec_country"],
        "prec_region": top["prec_region"], "ctx_match": max(top["ctx_country"], top["ctx_region"]),
        "ctx_none": top["ctx_none"], "outside_ctx": top["outside_ctx"], "loose": top["loose"],
        "demonym": top["demonym"], "code_name": top["code_name"], "log_pop": top["log_pop"],
        "pop_share": top["pop_share"], "near_any": top["near_any"], "no_points": top["no_points"],
        "admin1": top["admin1"], "admin2": top["admin2"], "feature": top["feature"],
        "continent": top["continent"], "country": top["country"], "main_name": top["main_name"],
        "ctx_region": top["ctx_region"], "ctx_sole_country": top["ctx_sole_country"],
        "capital": top["capital"], "p_top_sq": p_top * p_top, "log_extent": top["log_extent"], "log_pop_single": top["log_pop"] * (n == 1),
    }


def _model_reason(model, top: dict[str, float], runner_up: dict[str, float] | None, n: int) -> str:
    mine = model.contributions(top)
    if runner_up is None:
        return "only candidate"
    theirs = model.contributions(runner_up)
    gains = sorted(((mine.get(k, 0.0) - theirs.get(k, 0.0), k) for k in set(mine) | set(theirs)),
                   reverse=True)
    said = [DESCRIPTIONS.get(k, k) for g, k in gains[:2] if g > 0.05 and mine.get(k, 0.0) > 0]
    said += [f"not {DESCRIPTIONS.get(k, k)}" for g, k in gains[:2] if g > 0.05 and mine.get(k, 0.0) <= 0]
    return (f"{'; '.join(said)} (learned ranker, among {n})" if said
            else f"first of {n} close candidates (learned ranker)")


def rank_candidates(
    places: list[PlaceRecord],
    *,
    query: str,
    context: GeoContext | None = None,
    region_asked: bool = False,
    match: str = "exact",
    dateline_country: str | None = None,
    model=None,
) -> list[Candidate]:
    """Rank the places a folded ``query`` may mean, best first, each with a reason."""
    if model is not None and places:
        return _rank_learned(places, query=query, context=context, region_asked=region_asked,
                             match=match, dateline_country=dateline_country, model=model)
    context = context or GeoContext()
    # A town whose name matches a candidate region it lies in ("Idlib" in Idlib,
    # "Ar Raqqah" in Ar Raqqah) is what the bare name means.
    namesake_regions = tuple(r for r in places if r.precision == 2)
    scored = []
    for p in places:
        factors = _factors(p, context, region_asked, dateline_country, namesake_regions)
        score = sum(w for _k, w, _d in factors)
        scored.append((score, p.population, -p.place_id, p, factors))
    scored.sort(key=lambda t: t[:3], reverse=True)
    n = len(scored)
    out: list[Candidate] = []
    for i, (score, _pop, _id, p, factors) in enumerate(scored):
        if n == 1:
            reason, margin = "only candidate", None
        elif i == 0:
            reason, margin = _decisive(factors, scored[1][4], n), score - scored[1][0]
        else:
            reason, margin = "; ".join(d for _k, w, d in factors if w >= 1.0) or "lower score", -1.0
        out.append(_candidate(p, score, _confidence(margin, match) if i == 0
                              else round(max(0.0, 0.5 - 0.1 * i), 3), reason, match))
    return out


def _candidate(p: PlaceRecord, score: float, confidence: float, reason: str, match: str,
               rule: str = "") -> Candidate:
    return Candidate(
        geonameid=p.geonameid, name=p.name, latitude=p.latitude, longitude=p.longitude,
        feature_class=p.feature_class, feature_code=p.feature_code, admin1=p.admin1,
        admin2=p.admin2, country_code=p.country_code, country_code2=p.country_code2,
        country=p.country, population=p.population, precision=p.precision,
        score=round(score, 3), confidence=round(confidence, 3), source=p.source, reason=reason,
        match=match, matched_name=p.matched_name, place_id=p.place_id, rule=rule,
        extent_km=p.extent_km,
    )


def _constrain_to_context(places, feats, scores, context) -> None:
    """The document's context constrains: when it is about one or two countries, names
    regions, a dateline or a point, and some candidate lies there, a candidate elsewhere
    must beat the best one inside by STRONG_EVIDENCE (logit) or it ranks below it.
    Changes ``scores`` in place."""
    if context is None:
        return
    few = 0 < len(context.country_codes) <= CONSTRAIN_MAX_COUNTRIES
    if not (few or context.admin1 or context.dateline or context.near):
        return

    def there(f: dict) -> bool:
        return bool((few and f["ctx_country"]) or f["ctx_region"] or f["dateline"]
                    or f["near"] >= NEAR_INSIDE or f["self_point"])

    _demote_outside(feats, scores, there)
    if context.admin1:
        _demote_outside_regions(places, feats, scores)


def _demote_outside(feats, scores, there) -> None:
    """Rank every candidate not ``there`` below the best one there unless it beats it
    by STRONG_EVIDENCE."""
    inside = [i for i, f in enumerate(feats) if there(f)]
    if not inside:
        return
    best_inside = max(scores[i] for i in inside)
    for j, f in enumerate(feats):
        if not there(f) and best_inside <= scores[j] < best_inside + STRONG_EVIDENCE:
            scores[j] = best_inside - 0.01


def _demote_outside_regions(places, feats, scores) -> None:
    """The finer tier, within one country: when a settlement lies in a region the context
    names, a namesake settlement of the same country outside every such region needs
    STRONG_EVIDENCE to rank above it ("Nam Pawk" with "Shan" → the Shan village, not a
    more populous namesake elsewhere in Myanmar). Regions and countries are not demoted
    (a state is not "outside" a region named beside it), nor places in other countries."""
    best: dict[str, float] = {}
    for i, (p, f) in enumerate(zip(places, feats)):
        if p.precision == 1 and f["ctx_region"]:
            best[p.country_code] = max(best.get(p.country_code, scores[i]), scores[i])
    for j, (p, f) in enumerate(zip(places, feats)):
        top = best.get(p.country_code)
        if (top is not None and p.precision == 1 and not f["ctx_region"]
                and top <= scores[j] < top + STRONG_EVIDENCE):
            scores[j] = top - 0.01


def _swap_before(scores, winner: int, loser: int) -> None:
    """Rank ``winner`` above ``loser`` by RULE_MARGIN, the winner taking the loser's
    score plus the margin (the rule carries the evidence the model gave the loser, so
    the decision's confidence stays that of a clear one)."""
    scores[winner], scores[loser] = scores[loser] + RULE_MARGIN, scores[loser] - RULE_MARGIN


def _bare_county_after_town(places, feats, scores) -> None:
    """A bare name that is a county's ("Richmond" of Richmond County, "Oakland" of Oakland
    County) and a town's own name in the same country means the town, unless the county
    lies in a region the document names ("Madison, Butler and Clark counties" in an Ohio
    story). Changes ``scores`` in place."""
    towns: dict[str, int] = {}
    for i, p in enumerate(places):
        if p.precision == 1 and p.matched_kind == 0 and (
                p.country_code not in towns or scores[i] > scores[towns[p.country_code]]):
            towns[p.country_code] = i
    for j, (p, f) in enumerate(zip(places, feats)):
        town = towns.get(p.country_code)
        if town is not None and f["bare_division"] and not f["ctx_region"] \
                and scores[j] >= scores[town]:
            _swap_before(scores, town, j)


def _capital_before_region(places, feats, scores) -> None:
    """A name that is a country's capital and one of its first-level regions elsewhere
    ("Washington": the capital, not the state) means the capital, unless the document
    names the region or places near it. Changes ``scores`` in place."""
    capitals = {p.country_code: i for i, p in enumerate(places)
                if p.feature_code == "PPLC" and p.matched_kind == 0}
    for j, (p, f) in enumerate(zip(places, feats)):
        top = capitals.get(p.country_code)
        if top is None or p.feature_code != "ADM1" or f["ctx_region"] or f["near"] > 0.0 \
                or f["self_point"] or f["near_any"] > 0.0:  # a place within some 400 km of it
            continue
        capital = places[top]
        if capital.admin1 and fold_name(capital.admin1) == fold_name(p.name):
            continue  # the capital lies in the region
        if scores[j] >= scores[top]:
            _swap_before(scores, top, j)


def _argmax(scores) -> int:
    return max(range(len(scores)), key=scores.__getitem__)


def _rank_learned(places, *, query, context, region_asked, match, dateline_country, model):
    feats = featurise(places, query=query, context=context, region_asked=region_asked,
                      match=match, dateline_country=dateline_country)
    scores = [model.score(f) for f in feats]
    model_pick = _argmax(scores)
    # Two rules stay rules: a "province"/"governorate" suffix asks for a region, and a
    # bare name that is both a town and the region it lies in means the town ("Idlib").
    # (the rule for any region or district of the town's name, "Santiago" over Provincia de
    # Santiago; the learned feature for first-level regions only, see featurise)
    regions = [(j, r) for j, r in enumerate(places) if r.precision == 2]
    for i, p in enumerate(places):
        if p.precision != 1 or not regions:
            continue
        for j, r in regions:
            if (r.country_code == p.country_code and scores[j] >= scores[i]
                    and _namesake_region(p, (r,))):
                scores[j] = scores[i] - 0.01
    deciding, top = "", model_pick  # the last rule that changed the first place
    for name, rule in (("town-of-region", None), ("bare-county-town", _bare_county_after_town),
                       ("capital-over-region", _capital_before_region),
                       ("context", lambda pl, fe, sc: _constrain_to_context(pl, fe, sc, context))):
        if rule is not None:
            rule(places, feats, scores)
        now = _argmax(scores)
        if now != top:
            deciding, top = name, now
    tier = [float(region_asked and p.precision == 2) for p in places]
    scored = sorted(
        ((t, sc, p.population, -p.place_id, p, f, i)
         for i, (t, sc, p, f) in enumerate(zip(tier, scores, places, feats))),
        key=lambda t: t[:4], reverse=True)
    if scored[0][6] != top:
        deciding = "region-asked"
    if scored[0][6] == model_pick:
        deciding = ""
    scored = [t[1:6] for t in scored]
    n = len(scored)
    out = []
    for i, (score, _pop, _id, p, f) in enumerate(scored):
        if i == 0:
            second = scored[1][0] if n > 1 else None
            reason = _model_reason(model, f, scored[1][4] if n > 1 else None, n)
            if deciding:
                reason = f"{reason}; {RULE_WORDS[deciding]}"
            conf = model.confidence(confidence_signals(f, score, second, n))
        else:
            conf = model.probability(score) * 0.5
            said = [DESCRIPTIONS.get(k, k) for k, v in sorted(
                model.contributions(f).items(), key=lambda kv: -kv[1])[:2] if v > 0.5]
            reason = "; ".join(said) or "lower score"
        out.append(_candidate(p, score, conf, reason, match, deciding if i == 0 else ""))
    return out


def _decisive(top: list[tuple[str, float, str]], runner_up: list[tuple[str, float, str]], n: int) -> str:
    """Describe the factor that most separates the winner from the runner-up."""
    theirs = {k: w for k, w, _d in runner_up}
    gain, key, desc = max(((w - theirs.get(k, 0.0), k, d) for k, w, d in top), default=(0.0, "", ""))
    if gain <= 0:
        return f"first of {n} equal candidates"
    if key == "population":
        return f"largest population among {n} ({desc})"
    return f"{desc} (among {n})"
