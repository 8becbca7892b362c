"""UCDP GED extracts as a geocoding test set (data/ucdp-ged/, read with csv: no pandas).

An exact-precision event (``where_prec`` 1) gives a query — ``where_coordinates``
with its ``adm_2`` and ``adm_1`` as containers ("Umm Nir village, Ar Rastan
district, Homs Governorate") — in its country, and the true point.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UCDP_DIR = ROOT / "data" / "ucdp-ged"
FILES = {
    "SYR": "ged_syria_2016-2019.csv.gz",
    "MMR": "ged231_myanmar.csv.gz",
    "CAF": "ged231_central_african_republic.csv.gz",
}


@dataclass(frozen=True, slots=True)
class GoldPlace:
    country_code: str
    date: str
    name: str  # where_coordinates as written
    adm_1: str
    adm_2: str
    latitude: float
    longitude: float

    @property
    def query(self) -> str:
        """The name with its containers, as a dataset importer would ask."""
        return ", ".join(p for p in (self.name, self.adm_2, self.adm_1) if p)


def exact_places(country_code: str) -> list[GoldPlace]:
    """Exact-precision events of one extract, oldest first."""
    path = UCDP_DIR / FILES[country_code]
    out = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["where_prec"] != "1" or not row["where_coordinates"]:
                continue
            out.append(GoldPlace(country_code, row["date_start"][:10], row["where_coordinates"],
                                 row["adm_1"], row["adm_2"], float(row["latitude"]),
                                 float(row["longitude"])))
    out.sort(key=lambda g: g.date)
    return out


def time_split(places: list[GoldPlace], share: float = 0.8) -> tuple[list[GoldPlace], list[GoldPlace]]:
    """Earlier ``share`` of events (by date) and the later rest."""
    cut = int(len(places) * share)
    return places[:cut], places[cut:]
