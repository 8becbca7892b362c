"""One clause, one area, one event.

"The army regained the towns of eastern Ghouta and pressed on into Douma", "the air force
struck positions including the city of Douma and the town of Arbin": one clause naming
several places a few kilometres apart (or a region and a town inside it) tells one
incident, not one per name. The event goes to the most specific of them (the first
named on ties). Places farther apart ("strikes on Aleppo and Idlib") stay one event each.
"""

from __future__ import annotations

from geo.gazetteer.rank import distance_km

#: two places of one clause this close are one incident's area (the bench's own tolerance
#: for "the same place")
AREA_KM = 25.0


def _precision(place) -> int:
    return place.precision or 3  # unknown: as coarse as a country


def same_area(a, b, *, km: float = AREA_KM) -> bool:
    """Places ``a`` and ``b`` (gazetteer places) are one incident's area: the same
    country and either within ``km`` of each other, or one a region or country that
    holds the other."""
    if a.country_code != b.country_code:
        return False
    inner, outer = sorted((a, b), key=_precision)
    fine, coarse = _precision(inner), _precision(outer)
    if coarse == 3 and fine < 3:
        return True  # a town and its country
    if coarse == 2 and fine == 1 and inner.admin1 and inner.admin1 in (outer.name, outer.admin1):
        return True  # a town and its region
    if fine == coarse or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False  # two towns are two places, however close ("Douma and Harasta")
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km


def one_per_area(located: list, *, km: float = AREA_KM) -> list:
    """``located`` (a clause's places, :class:`geo.extract.locate.Located` or None) with
    the places of one area told once: the most specific of each area, at the position of
    the first one named."""
    kept: list = []
    for loc in located:
        if loc is None:
            kept.append(loc)
            continue
        for i, other in enumerate(kept):
            if other is not None and same_area(other.place, loc.place, km=km):
                if _precision(loc.place) < _precision(other.place):
                    kept[i] = loc  # the town, not the region around it
                break
        else:
            kept.append(loc)
    return kept
