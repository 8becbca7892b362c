"""Syrian villages, towns and neighbourhoods from the shipped UCDP GED extract.

GeoNames' cities500 lacks most of the villages and city quarters the Syrian war's news
names ("Tall Hamis", "Abu Hamam", "Al Qurayya"). The UCDP GED Syria extract the project
ships (``data/ucdp-ged/``, a credited dataset, see its README) names the place of each
event (``where_coordinates``) with its point. The build adds those places as learned
places with source ``ucdp-ged`` (:func:`geo.gazetteer.extend.learn_places`: a name
already known within 10 km is skipped, a new name of a settlement within 2 km becomes
its alternate name).

Only events placed at the named place itself (``where_prec`` 1) or within about 25 km
of it (2) count; a name with a settlement word ("X village", "X town", "X suburb") is
that settlement; names of bases, roads, fields, mountains and other sites are left out.
One place is one (name, first-level region, second-level region): its point is the
median of its events' points (the exact ones when it has any).

``bench.geocode accuracy`` scores the gazetteer on these very events, so it builds its
"gazetteer alone" file without them (``build_gazetteer(..., learned=[])``).
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from pathlib import Path

from geo.gazetteer.extend import LearnedPlace

__all__ = ["SOURCE", "UCDP_SYRIA", "read_ucdp_places", "shipped_places"]

SOURCE = "ucdp-ged"
UCDP_SYRIA = Path(__file__).resolve().parents[2] / "data" / "ucdp-ged" / "ged_syria_2016-2019.csv.gz"

_SETTLEMENT = re.compile(r"\s+(?:village|town|city|suburb|neighbou?rhood|district of \w+|quarter)$",
                         re.I)
# a where_coordinates naming a site or an area rather than a settlement
_SITE = re.compile(
    r"\b(?:base|airport|air ?base|airbase|highway|road|field|fields|mountains?|range|dam|"
    r"checkpoint|prison|hospital|crossing|plain|plains|desert|lake|river|valley|bridge|"
    r"factory|station|pan|springs?|ruins|hill|hills|governorate|province|district|area|"
    r"camp|farms?|triangle|junction|border|front|countryside|region|barracks|academy|"
    r"college|school|university|complex|company|brigade|battalion|division|regiment|"
    r"silos?|plant|refinery|port|island|syria)\b", re.I)
_ALTERNATE = re.compile(r"\s*\(([^)]*)\)\s*")
_GOVERNORATE = re.compile(r"\s+governorate$", re.I)
_DISTRICT = re.compile(r"\s+(?:district|subdistrict|nahiya)$", re.I)


def place_names(where: str) -> list[str]:
    """The names a ``where_coordinates`` value gives a settlement ([] for a site):
    "Al-Rai town (Choban Bey)" → ["Al-Rai", "Choban Bey"]; "Abu al-Khatir/Al Boukhater
    village" → ["Abu al-Khatir", "Al Boukhater"]; "Qalamoun mountain range" → []."""
    text = where.strip()
    inner = _ALTERNATE.findall(text)
    text = _ALTERNATE.sub(" ", text).strip()
    text = _SETTLEMENT.sub("", text).strip()
    if not text or _SITE.search(text) or any(c.isdigit() for c in text):
        return []
    names = [n.strip() for n in text.split("/")] + [n.strip() for n in inner]
    return [n for n in names if len(n) >= 3 and not _SITE.search(n)]


def _median(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def read_ucdp_places(path: Path, country_code3: str) -> list[LearnedPlace]:
    """Learned places of one UCDP GED extract (see the module docstring)."""
    points: dict[tuple[str, str, str], dict[str, list[tuple[float, float]]]] = defaultdict(
        lambda: {"1": [], "2": []})
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            prec = row.get("where_prec")
            if prec not in ("1", "2") or not row.get("where_coordinates"):
                continue
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (TypeError, ValueError):
                continue
            adm1 = _GOVERNORATE.sub("", (row.get("adm_1") or "").strip())
            adm2 = _DISTRICT.sub("", (row.get("adm_2") or "").strip())
            for name in place_names(row["where_coordinates"]):
                points[(name, adm1, adm2)][prec].append((lat, lon))
    out = []
    for (name, adm1, adm2), by_prec in sorted(points.items()):
        pts = by_prec["1"] or by_prec["2"]
        out.append(LearnedPlace(name, round(_median([p[0] for p in pts]), 5),
                                round(_median([p[1] for p in pts]), 5), adm1 or None,
                                adm2 or None, country_code3, SOURCE))
    return out


def shipped_places() -> list[LearnedPlace]:
    """The learned places of the shipped Syria extract ([] when the file is absent)."""
    return read_ucdp_places(UCDP_SYRIA, "SYR") if UCDP_SYRIA.is_file() else []
