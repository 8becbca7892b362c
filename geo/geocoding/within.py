"""Which reading of a name the containers a text puts it in allow, when there are several.

Pure functions over geopy ``Location`` answers (their ``raw`` fields) and the resolved
containers (``[(container text, Location)]``, most specific first), used by
:mod:`geo.geocoding.chain`:

* :func:`settlement_asked` — the text calls the place a village or town, so a district
  or region of the same name is not what it means ("Mindat town, Mindat district"; only
  when the query names containers: "City Hall" is not a city);
* :func:`same_district` — a settlement whose second-level division is the district the
  text names (a Myanmar village's district from the MIMU table: "Kin village, Pyinoolwin
  district" is the Kin of Pyinoolwin district, not a Kin nearer the district's town);
* :func:`pick_reading` — the first of the readings that lie inside the containers (after
  the ranker's first, settlements only), the namesake in the district named when there
  is one, a settlement when one is asked for (the nearest of several namesake villages to the
  district's point was tried and lost more than it won: bench/README.md);
* :func:`in_district_region` — a looser "inside" for a district container: the same
  first-level region as the district, within :data:`DISTRICT_REGION_KM` of its point
  (districts are far larger in some countries than a fixed radius allows);
* :func:`region_names` — the (country, first-level region) pairs in which a spelling
  variant may be looked for: the containers' region, else the context's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from geopy.location import Location

from geo.gazetteer.fold import fold_name, loose_key
from geo.gazetteer.rank import GeoContext, distance_km
from geo.gazetteer.variants import variant_key
from geo.geocoding.queries import is_district

__all__ = ["DISTRICT_REGION_KM", "SETTLEMENT_WORDS", "district_key", "in_district_region",
           "pick_reading", "region_names", "same_district", "settlement_asked"]

SETTLEMENT_WORDS = frozenset({"village", "villages", "town", "city", "hamlet", "settlement",
                              "locality"})
DISTRICT_REGION_KM = 250.0

Containers = Sequence[tuple[str, Location]]


def settlement_asked(descriptor: str) -> bool:
    """Whether the descriptor word stripped from the query names a settlement."""
    return descriptor.lower() in SETTLEMENT_WORDS


def _point_container(containers: Containers) -> Location | None:
    """The innermost container when it is a settlement or a district (a point the place
    is near), not a first-level region or a country."""
    if not containers:
        return None
    name, box = containers[0]
    if box.raw.get("precision") == 1 or box.raw.get("feature_code") == "ADM2" or is_district(name):
        return box
    return None


def _km(a: Location, b: Location) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def pick_reading(readings: Sequence[Location], containers: Containers, *,
                 inside: Callable[[Location], bool],
                 descriptor: str = "") -> tuple[Location | None, str]:
    """The reading to take (best first in ``readings``) and why, when it is not simply the
    first; (None, "") when no reading lies inside the containers."""
    # after the first, only settlements: a region "contains" any container by rank alone
    allowed = [r for i, r in enumerate(readings)
               if (i == 0 or r.raw.get("precision") == 1) and inside(r)]
    if not allowed:
        return None, ""
    choice, why = allowed[0], ""
    in_district = [r for r in allowed if same_district(r, containers)]
    if in_district and not same_district(choice, containers):
        choice = in_district[0]
        why = f"the namesake in {containers[0][0]!r}"
    # only in a dataset's "X town, Y district" form: in running text "City Hall" is no city
    if containers and settlement_asked(descriptor) and choice.raw.get("precision") != 1:
        towns = [r for r in allowed if r.raw.get("precision") == 1]
        if towns:
            choice = towns[0]
            why = f"the text calls it a {descriptor.lower()}: the settlement, not the region"
    return choice, why


_DISTRICT_WORDS = re.compile(r"\b(?:sub[- ]?district|district|sub[- ]?prefecture|prefecture|"
                             r"township|county|nahiya|nahiyah|mintaqat|mantiqat|markaz)\b", re.I)


def district_key(name: str, country3: str = "") -> str:
    """A district's name as containers and gazetteer rows both write it: district words
    dropped ("Pyinoolwin district", "Myitkyinā District", "Mintaqat Azaz district"), then
    the in-region variant key.

    >>> district_key("Myitkyina district") == district_key("Myitkyinā District")
    True
    """
    return variant_key(loose_key(fold_name(_DISTRICT_WORDS.sub(" ", name))), country3)


def same_district(loc: Location, containers: Containers) -> bool:
    """Whether the innermost container is a district ("X district") and ``loc`` is a
    settlement whose second-level division has that name."""
    if not containers or loc.raw.get("precision") != 1:
        return False
    name, box = containers[0]
    admin2 = loc.raw.get("admin2")
    if not admin2 or not is_district(name) or loc.raw.get("country_code") != box.raw.get("country_code"):
        return False
    country = str(loc.raw.get("country_code") or "")
    key = district_key(name, country)
    return bool(key) and key == district_key(admin2, country)


def in_district_region(loc: Location, containers: Containers) -> bool:
    """Whether ``loc`` lies in the first-level region of the district the text names, near
    enough to it (see the module docstring); False when the innermost container is not a
    district of known region."""
    box = _point_container(containers)
    if box is None or box.raw.get("precision") != 2:
        return False
    raw = loc.raw
    region = box.raw.get("admin1")
    if not region or not raw.get("admin1") or raw.get("country_code") != box.raw.get("country_code"):
        return False
    return fold_name(raw["admin1"]) == fold_name(region) and _km(loc, box) <= DISTRICT_REGION_KM


def region_names(containers: Containers, ctx: GeoContext | None) -> list[tuple[str, str]]:
    """(country alpha-3, first-level region name) pairs, innermost container first, then
    the context's regions in its countries."""
    out: list[tuple[str, str]] = []
    for _name, loc in containers:
        raw = loc.raw
        country = raw.get("country_code")
        if not country or (raw.get("precision") or 3) >= 3:
            continue
        region = raw.get("name") if raw.get("feature_code") in ("ADM1", "ADM1H") else raw.get("admin1")
        if region and (country, region) not in out:
            out.append((country, region))
    if not out and ctx is not None:
        for region in ctx.admin1:
            for country in ctx.country_codes:
                if (country, region) not in out:
                    out.append((country, region))
    return out
