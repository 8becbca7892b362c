"""What the learned ranker sees of a candidate: named numeric features, each explainable.

:func:`candidate_features` is a pure function of one candidate, the other candidates of
the same name and the document's context. The names below are the model's columns
(``data/ranker.json`` stores weights under these names) and :data:`DESCRIPTIONS` turns
the one that decided into words for the answer's ``reason``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.gazetteer.fold import fold_name

__all__ = ["FEATURES", "DESCRIPTIONS", "QueryFacts", "candidate_features"]

NEAR_KM = 500.0
NEAR_ANY_KM = 400.0

FEATURES = (
    "log_pop", "pop_share", "most_populous", "prec_settlement", "prec_region", "prec_country",
    "country", "admin1", "admin2", "continent", "feature", "capital", "admin_seat",
    "ctx_country", "ctx_region", "ctx_none", "outside_ctx", "outside_ctx_settlement",
    "dateline", "near", "near_far", "self_point", "region_asked", "town_of_region",
    "main_name", "code_name", "demonym", "loose", "log_candidates", "country_share",
    "ctx_country_region", "ctx_country_settlement", "form_caps", "form_abbrev",
    "form_suffix_county", "near_any", "near_any_far", "no_points", "ctx_sole_country",
    "outside_sole_country", "ctx_region_settlement", "log_extent", "bare_division",
    "bare_division_town",
)

DESCRIPTIONS = {
    "log_pop": "population", "pop_share": "population among namesakes",
    "most_populous": "most populous namesake", "prec_settlement": "a settlement",
    "prec_region": "a region", "prec_country": "a country-sized place",
    "country": "a country name outranks places named so", "admin1": "a first-level region",
    "admin2": "a county or district", "continent": "a continent", "feature": "a physical feature or macro-region",
    "capital": "a capital", "admin_seat": "an administrative seat",
    "ctx_country": "in a country the document names", "ctx_region": "in a region the document names",
    "ctx_none": "no context", "outside_ctx": "outside every country the document names",
    "outside_ctx_settlement": "a settlement outside the document's countries",
    "dateline": "in the dateline's country", "near": "near the document's other places",
    "near_far": "far from the document's other places",
    "self_point": "the context point is this place itself", "region_asked": "region asked for (suffix)",
    "town_of_region": "the town of its namesake region", "main_name": "main name",
    "code_name": "an abbreviation of it", "demonym": "its demonym", "loose": "a loose spelling match",
    "log_candidates": "number of namesakes", "country_share": "namesakes in the same country",
    "ctx_country_region": "a region in a country the document names",
    "ctx_country_settlement": "a settlement in a country the document names",
    "form_caps": "written in capitals", "form_abbrev": "written as an abbreviation",
    "form_suffix_county": "written with a county/district word",
    "near_any": "close to other places the document names",
    "near_any_far": "far from every other place the document names",
    "no_points": "no other places named nearby",
    "ctx_sole_country": "in the one country the document is about",
    "outside_sole_country": "outside the one country the document is about",
    "ctx_region_settlement": "a town in a region the document names",
    "log_extent": "size of the area",
    "bare_division": "a county or district written without its county/district word",
    "bare_division_town": "a county named so beside a town of that very name",
}

_DIVISION_WORDS = (" county", " district", " parish", " township", " borough", " municipality")


@dataclass(frozen=True, slots=True)
class QueryFacts:
    """What is known of one lookup beyond the candidates themselves."""

    query: str  # the name as written
    countries: frozenset[str]  # context countries (alpha-3)
    regions: frozenset[str]  # folded context region names
    near: tuple[float, float] | None
    points: tuple[tuple[float, float], ...]
    dateline_country: str | None
    region_asked: bool
    match: str


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _bare_division(p, query: str) -> bool:
    """A county or district ("Oakland County") matched by its bare name ("Oakland")."""
    if p.feature_code != "ADM2":
        return False
    name, q = p.name.lower(), query.lower().strip()
    return name.endswith(_DIVISION_WORDS) and not q.endswith(_DIVISION_WORDS)


def candidate_features(p, places, facts: QueryFacts, *, max_log_pop: float, town_of_region: bool,
                       same_country: int) -> dict[str, float]:
    """The features of candidate ``p`` (a PlaceRecord) among ``places``."""
    code = p.feature_code or ""
    log_pop = math.log10(max(p.population, 0) + 1)
    in_country = bool(p.country_code and p.country_code in facts.countries)
    in_region = bool(facts.regions and p.admin1 and fold_name(p.admin1) in facts.regions) or (
        p.precision == 2 and bool(facts.regions) and fold_name(p.name) in facts.regions)
    outside = bool(facts.countries) and not in_country and p.precision < 3
    f = {
        "log_pop": log_pop / 7,
        "pop_share": (log_pop - max_log_pop) / 7,
        "most_populous": float(log_pop >= max_log_pop),
        "prec_settlement": float(p.precision == 1),
        "prec_region": float(p.precision == 2),
        "prec_country": float(p.precision == 3),
        "country": float(code.startswith("PCL")),
        "admin1": float(code == "ADM1"),
        "admin2": float(code == "ADM2"),
        "continent": float(code == "CONT"),
        "feature": float(p.precision > 1 and p.feature_class in ("H", "T", "L") and code != "CONT"),
        "capital": float(code == "PPLC"),
        "admin_seat": float(code.startswith("PPLA")),
        "ctx_country": float(in_country),
        "ctx_region": float(in_region),
        "ctx_none": float(not facts.countries and not facts.regions),
        "ctx_sole_country": float(in_country and len(facts.countries) == 1),
        "outside_sole_country": float(len(facts.countries) == 1 and not in_country and p.precision < 3),
        "ctx_region_settlement": float(in_region and p.precision == 1),
        "log_extent": math.log10(1 + max(getattr(p, "extent_km", 0.0) or 0.0, 0.0)) / 4,
        "outside_ctx": float(outside),
        "outside_ctx_settlement": float(outside and p.precision == 1),
        "dateline": float(bool(facts.dateline_country) and p.country_code == facts.dateline_country),
        "near": 0.0, "near_far": 0.0, "self_point": 0.0,
        "region_asked": float(facts.region_asked and p.precision == 2),
        "town_of_region": float(town_of_region),
        "main_name": float(p.matched_kind == 0),
        "code_name": float(p.matched_kind == 2),
        "demonym": float(p.matched_kind == 3),
        "loose": float(facts.match == "loose"),
        "log_candidates": math.log10(len(places)) / 3,
        "country_share": same_country / len(places),
        "ctx_country_region": float(in_country and p.precision == 2),
        "ctx_country_settlement": float(in_country and p.precision == 1),
        "form_caps": float(facts.query.isupper() and len(facts.query) > 3),
        "form_abbrev": float("." in facts.query or (facts.query.isupper() and len(facts.query) <= 3)),
        "form_suffix_county": float(facts.query.lower().endswith((" county", " district", " parish",
                                                                   " township"))),
    }
    bare = _bare_division(p, facts.query)
    f["bare_division"] = float(bare)
    f["bare_division_town"] = float(bare and any(
        q.precision == 1 and fold_name(q.name) == fold_name(facts.query) for q in places))
    others = [km for km in (_km(a, b, p.latitude, p.longitude) for a, b in facts.points) if km >= 5.0]
    f["no_points"] = float(not others)
    f["near_any"] = max(0.0, 1 - min(others) / NEAR_ANY_KM) if others else 0.0
    f["near_any_far"] = float(bool(others) and min(others) > 1500.0)
    if facts.near is not None:
        km = _km(facts.near[0], facts.near[1], p.latitude, p.longitude)
        f["self_point"] = float(km < 5.0)
        if not f["self_point"]:
            f["near"] = max(0.0, 1 - km / NEAR_KM)
            f["near_far"] = float(km > 2000.0)
    return f
