"""A place the text puts inside another ("the NAME neighbourhood of CITY", "the village of
NAME in REGION province", "CITY's neighbourhood of NAME") must lie inside it, and so must the region
an unknown name was placed at as a stand-in.

When the reading found for the inner name lies elsewhere (a namesake village in another
governorate), the reading is wrong: the inner place is not known, and the event is placed
at the container the text names (the city as a point, a region at precision 2), never at
the namesake. A reading that does lie inside is kept, and so is an analyst's correction
(backend ``correction``): the analyst's word wins over the text's nesting.
"""

from __future__ import annotations

import re

from geo.extract.mentions import Mention
from geo.extract.places import Place
from geo.gazetteer.fold import fold_name
from geo.gazetteer.rank import distance_km

__all__ = ["CITY_KM", "check_containment"]

CITY_KM = 30.0  # a neighbourhood or suburb lies this close to its city's point
# "X neighbourhood of Y", "X district in Y", "X suburb of the city of Y"
# (also "X area and cement factory in Y": a second site of the city told with it)
_PART_OF = re.compile(r"\s+(?:neighbou?rhoods?|districts?|quarters?|suburbs?|areas?)"
                      r"(?:\s+and\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?\s+(?:of|in)\s+"
                      r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?", re.I)
# "X in Y province", "X village in the Y countryside", "X, in Y province"
# (also "in northeastern Y", "in the rural Y", "in the governorate of Y")
_IN_REGION = re.compile(r",?\s+(?:(?:village|town)\s+)?in\s+(?:the\s+)?"
                        r"(?:(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|"
                        r"west(?:ern)?|central|rural)\s+)?"
                        r"(?:(?:province|governorate|countryside)\s+of\s+)?", re.I)
# "Aleppo's (residential) neighbourhood of X": the city told first
# (a possessive, or an adjective, "CITYs residential neighbourhood of NAME", where a text
# lost its apostrophes; a bare "X neighbourhood of Y" is the other way round, _PART_OF)
_PART_BEFORE = re.compile(r"(?:['’]s\s+(?:[a-z]+\s+)?|\s+(?!the\b)[a-z]+\s+)"
                          r"(?:neighbou?rhoods?|districts?|quarters?|suburbs?)\s+of\s+(?:the\s+)?")
_REGION_OF = re.compile(r"\b(?:province|governorate|countryside)\s+of\s+$", re.I)
_REGION_AFTER = re.compile(r"\s+(?:province|governorate|countryside|region)\b", re.I)


# "a village in", "an opposition town in", "two villages in": a settlement inside NAME
_SETTLEMENT_IN = re.compile(r"\b(?:villages?|towns?|hamlets?)\s+in\s+(?:the\s+)?$", re.I)


def _names_its_region(q: Place) -> bool:
    """A town bearing the name of the first-level region it lies in (Idlib, Homs, Hama)."""
    return bool(q.admin1) and fold_name(q.admin1) == fold_name(q.name)


def _same_region(p: Place, q: Place) -> bool:
    region = q.name if q.precision == 2 else q.admin1
    return bool(p.admin1 and region) and fold_name(p.admin1) == fold_name(region)


def check_containment(text: str, placed: list[tuple[Mention, Place]], resolve_region
                      ) -> list[tuple[Mention, Place]]:
    """``placed`` (in text order) with each settlement the text puts inside the next
    place checked against it (see the module docstring). ``resolve_region(mention,
    place)`` gives the region a container names (or None)."""
    out = list(placed)
    fixed: dict[tuple[str, float, float], Place] = {}  # the wrong reading → its container
    for k in range(len(out) - 1):
        (m, p), (n, q) = out[k], out[k + 1]
        if p.precision == 3 or q.precision == 3 or m.end > n.start or p.corrected:
            continue
        gap = text[m.end:n.start]
        if _PART_OF.fullmatch(gap) and q.precision == 1:
            if p.country_code == q.country_code and (
                    distance_km(p.latitude, p.longitude, q.latitude, q.longitude) <= CITY_KM
                    if p.precision == 1 else _same_region(q, p)):
                continue  # (a stand-in region for an unknown name: the city's own region)
            out[k] = (m, q.with_reason(f"'{m.text}' is a part of {n.text}, but the reading "
                                       f"found ({p.name}, {p.admin1}) lies elsewhere: "
                                       f"placed at {q.name}"))
            fixed[_key(m, p)] = out[k][1]
        elif _IN_REGION.fullmatch(gap) and (q.precision == 2 or _REGION_AFTER.match(
                text, n.end) or _REGION_OF.search(gap)):
            if p.country_code == q.country_code and (
                    _same_region(p, q) if p.precision == 1 else
                    fold_name(p.name) == fold_name(q.name if q.precision == 2 else q.admin1)):
                continue
            region = q if q.precision == 2 else resolve_region(n, q)
            if region is None:
                continue
            out[k] = (m, region.with_reason(
                f"'{m.text}' is in {n.text}, but the reading found ({p.name}, {p.admin1}) "
                f"lies elsewhere: placed at {region.name}", precision=2))
            fixed[_key(m, p)] = out[k][1]
    for k in range(len(out)):
        # "the town of Khan Sheikhoun in Idlib", "a village in Idlib": Idlib is the province
        n, q = out[k]
        if q.precision != 1 or q.corrected or not _names_its_region(q):
            continue
        held = None
        if k and _IN_REGION.fullmatch(text[out[k - 1][0].end:n.start]):
            m, p = out[k - 1]
            if p.precision == 1 and p.country_code == q.country_code and \
                    fold_name(p.admin1 or "") == fold_name(q.admin1) and \
                    distance_km(p.latitude, p.longitude, q.latitude, q.longitude) > CITY_KM:
                held = f"'{m.text}' in {n.text}"
        if held is None and _SETTLEMENT_IN.search(text[max(0, n.start - 40):n.start]):
            held = f"a settlement in {n.text}"
        if held is None:
            continue
        region = resolve_region(n, q)
        if region is None or region.precision != 2 or region.country_code != q.country_code:
            continue
        out[k] = (n, region.with_reason(f"{held}: {n.text} is the region here, not the town "
                                        f"of its name", precision=2))
    for k in range(1, len(out)):
        (n, q), (m, p) = out[k - 1], out[k]
        if p.precision == 3 or q.precision != 1 or n.end > m.start or p.corrected or \
                not _PART_BEFORE.fullmatch(text[n.end:m.start]):
            continue
        if p.country_code == q.country_code and (
                distance_km(p.latitude, p.longitude, q.latitude, q.longitude) <= CITY_KM
                if p.precision == 1 else _same_region(q, p)):
            continue
        out[k] = (m, q.with_reason(f"'{m.text}' is a part of {n.text}, but the reading found "
                                   f"({p.name}, {p.admin1}) lies elsewhere: placed at {q.name}"))
        fixed[_key(m, p)] = out[k][1]
    for k in range(len(out)):
        m, p = out[k]
        if p.precision != 1 or p.corrected or not _a_neighbourhood(text, m) or \
                _PART_OF.match(text, m.end) or _key(m, p) in fixed:
            continue
        city = next((q for n, q in reversed(out[:k]) if q.precision == 1 and n.end <= m.start
                     and q.country_code == p.country_code
                     and not _a_neighbourhood(text, n)), None)
        if city is None or distance_km(p.latitude, p.longitude, city.latitude,
                                       city.longitude) <= CITY_KM:
            continue
        out[k] = (m, city.with_reason(f"'{m.text}' is told as a neighbourhood, but the reading "
                                      f"found ({p.name}, {p.admin1}) lies far from {city.name}, "
                                      f"the city told before: placed at {city.name}"))
        fixed[_key(m, p)] = out[k][1]
    # the same name with the same wrong reading elsewhere in the text ("in the
    # neighbourhood of NAME" before "the NAME neighbourhood of CITY")
    return [(m, fixed.get(_key(m, p), p)) for m, p in out]


# "the neighbourhoods of A, B and NAME", "in NAME neighbourhood": a part of a city, with no
# container named next to it (the city is the one told before); "the neighbourhoods of
# CITY" names the city itself, so a list item must come first
_NEIGHBOURHOODS_OF = re.compile(r"\bneighbou?rhoods\s+of\s+(?:the\s+)?(?:[\w'’-]+(?:\s+[\w'’-]+)?"
                                r"(?:,\s+|,?\s+and\s+)){1,4}$", re.I)
_NEIGHBOURHOOD_AFTER = re.compile(r"\s+neighbou?rhoods?\b", re.I)


def _a_neighbourhood(text: str, m: Mention) -> bool:
    return bool(_NEIGHBOURHOOD_AFTER.match(text, m.end) or
                _NEIGHBOURHOODS_OF.search(text[max(0, m.start - 120):m.start]))


def _key(m: Mention, p: Place) -> tuple[str, float, float]:
    return fold_name(m.lookup or m.text), p.latitude, p.longitude


# a building or an outlet named after a place ("NAME hospital", "NAME University")
_INSTITUTION_AFTER = re.compile(r"\s+(?:hospital|clinic|school|university|mosque|church|"
                                r"stadium|newspaper|daily|channel|tv|television)\b", re.I)


def names_of_things(text: str, placed: list[tuple[Mention, Place]],
                    countries: tuple[str, ...]) -> set[int]:
    """Indices of ``placed`` read as a first-level region outside the document's
    ``countries`` followed by an institution word: a building named after a place, not
    the place (a hospital in Aleppo named Al-Quds is no event in Jerusalem's district). Nothing
    when the document's countries are unknown. Towns stay ("Ankara University" names
    Ankara for the geoparsing corpora), and so do regions inside longer capitalised names
    (a newspaper's name would be caught, but so were a sports team and a band named after a
    province and a state in stories whose countries were misread: that cost TR-News recall)."""
    out = set()
    if not countries:
        return out
    for i, (m, p) in enumerate(placed):
        if p.precision != 2 or not p.country_code or p.country_code in countries:
            continue
        if _INSTITUTION_AFTER.match(text, m.end):
            out.add(i)
    return out
