"""Country codes for the importers: names, FIPS 10-4 and ISO numeric → ISO alpha-3.

The tables are data: ``data/country-codes.csv`` (ISO alpha-3/alpha-2/numeric, FIPS
10-4 and the GeoNames name of every country, from GeoNames countryInfo) and
``data/country-aliases.csv`` (the spellings and FIPS codes the datasets use that
those lack: "DR Congo", "Bosnia-Herzegovina", GDELT's "GZ" for Gaza). Names are
also looked up in pycountry. Every function takes a pandas Series and looks up
each distinct value once, so a million rows cost a few hundred look-ups.

Country *names* written to events are the GeoNames names (the gazetteer's), so
an imported "Myanmar (Burma)" and an article's "Myanmar" are the same country.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from unidecode import unidecode

from geo import settings

__all__ = ["CountryTables", "alpha3_from_fips", "alpha3_from_names", "alpha3_from_numeric",
           "country_names", "load_tables", "name_key"]

_PARENS = re.compile(r"\s*\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class CountryTables:
    by_name: dict[str, str]     # name_key(name) → alpha-3
    by_fips: dict[str, str]     # FIPS 10-4 → alpha-3
    by_numeric: dict[str, str]  # "760" → alpha-3
    names: dict[str, str]       # alpha-3 → GeoNames name


def name_key(name: str) -> str:
    """The matching key of a country name: no former name in brackets, accents, case or
    punctuation ("DR Congo (Zaire)" → "dr congo", "Côte d'Ivoire" → "cote d ivoire")."""
    text = unidecode(_PARENS.sub("", str(name))).lower()
    text = _NON_WORD.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=4)
def load_tables(data_dir: Path = settings.DATA_DIR) -> CountryTables:
    """Read the two CSV tables (once per process) and pycountry's names."""
    import pycountry

    by_name: dict[str, str] = {}
    by_fips: dict[str, str] = {}
    by_numeric: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(c, attr, None):
                by_name.setdefault(name_key(value), c.alpha_3)
        by_numeric[c.numeric] = c.alpha_3
        by_name.setdefault(c.alpha_3.lower(), c.alpha_3)
    for row in _rows(data_dir / "country-codes.csv"):
        iso3 = row["iso3"]
        names[iso3] = row["name"].strip()
        by_name[name_key(row["name"])] = iso3
        by_name.setdefault(iso3.lower(), iso3)
        if row["fips"]:
            by_fips[row["fips"]] = iso3
        if row["numeric"]:
            by_numeric[row["numeric"].zfill(3)] = iso3
    for row in _rows(data_dir / "country-aliases.csv"):
        if row["kind"] == "fips":
            by_fips[row["alias"]] = row["iso3"]
        else:
            by_name[name_key(row["alias"])] = row["iso3"]
    return CountryTables(by_name=by_name, by_fips=by_fips, by_numeric=by_numeric, names=names)


def _map_distinct(values: pd.Series, lookup) -> pd.Series:
    distinct = pd.unique(values.astype(str))
    table = {v: lookup(v) for v in distinct}
    return values.astype(str).map(table).fillna("").astype(str)


def alpha3_from_names(names: pd.Series) -> pd.Series:
    """ISO alpha-3 for each country name ("" when unknown)."""
    by_name = load_tables().by_name
    return _map_distinct(names, lambda v: by_name.get(name_key(v), ""))


def alpha3_from_fips(codes: pd.Series) -> pd.Series:
    """ISO alpha-3 for each FIPS 10-4 code, as GDELT writes them ("" when unknown)."""
    by_fips = load_tables().by_fips
    return _map_distinct(codes, lambda v: by_fips.get(v.strip().upper(), ""))


def alpha3_from_numeric(codes: pd.Series) -> pd.Series:
    """ISO alpha-3 for each ISO 3166 numeric code (ACLED's ``iso``; "" when unknown)."""
    by_numeric = load_tables().by_numeric

    def one(v: str) -> str:
        v = v.strip().split(".")[0]
        return by_numeric.get(v.zfill(3), "") if v.isdigit() else ""

    return _map_distinct(codes, one)


def alpha3_or_blank(codes: pd.Series) -> pd.Series:
    """The codes that are ISO alpha-3 country codes, others blank (GDELT actor countries
    mix ISO codes with CAMEO regions such as "AFR")."""
    names = load_tables().names
    return _map_distinct(codes, lambda v: v if v in names else "")


def country_names(codes: pd.Series, fallback: pd.Series | None = None) -> pd.Series:
    """The GeoNames name of each alpha-3 code; ``fallback`` where the code is blank."""
    names = load_tables().names
    out = _map_distinct(codes, lambda v: names.get(v, ""))
    if fallback is not None:
        out = out.where(out != "", fallback.astype(str))
    return out
