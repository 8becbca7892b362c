"""GDELT 2.0 event export (``*.export.CSV``, tab-separated, no header, 61 columns) → events.

========================  ==============================================================
event record              GDELT 2.0
========================  ==============================================================
event_id                  ``gdelt:{GLOBALEVENTID}``
event_date                ``SQLDATE`` (YYYYMMDD), precision day
event_type, sub_event     ``EventCode`` / ``EventRootCode`` through the CAMEO crosswalk
actor1, actor2            ``Actor1Name``, ``Actor2Name`` (as GDELT writes them)
actor1/2_country          ``Actor1CountryCode`` when it is an ISO alpha-3 code
location                  ``ActionGeo_FullName`` ("Aleppo, Halab, Syria")
latitude, longitude       ``ActionGeo_Lat``, ``ActionGeo_Long`` (none when not geocoded)
geo_precision             ``ActionGeo_Type`` 1 country → 3, 2/5 state → 2, 3/4 city → 1
admin1, country           from ``ActionGeo_FullName``; country_code from the FIPS 10-4
                          ``ActionGeo_CountryCode`` (data/country-codes.csv)
evidence                  "SYRIA — fight (CAMEO 190) — TURKEY"
source, source_url        "GDELT 2.0"; ``SOURCEURL``
published                 ``DATEADDED``
confidence                0.5 for a root event (``IsRootEvent`` 1), else 0.4
========================  ==============================================================

GDELT teaches the gazetteer nothing: its coordinates are themselves machine
geocoded from news text, and learning them would feed the geocoder its own
kind of guesses.
"""

from __future__ import annotations

import pandas as pd

from geo import crosswalk as cw
from geo.importers.base import Converted, Importer
from geo.importers.columns import (
    because,
    clean_text,
    column_getter,
    coordinate_problems,
    first_problem,
    parse_dates,
    to_float,
)
from geo.importers.countries import alpha3_from_fips, alpha3_or_blank, country_names

__all__ = ["COLUMNS", "GdeltImporter"]

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
ROOT_CONFIDENCE, OTHER_CONFIDENCE = 0.5, 0.4


class GdeltImporter(Importer):
    name = "gdelt"
    title = "GDELT 2.0 event export"
    columns = COLUMNS
    header = False
    delimiter = "\t"
    quoted = False
    teaches_places = False

    def convert(self, raw: pd.DataFrame) -> Converted:
        col = column_getter(raw)
        ids = clean_text(col("GLOBALEVENTID"))
        date = parse_dates(col("SQLDATE"), ("%Y%m%d",))
        kinds = cw.cameo_types(col("EventCode"), col("EventRootCode"))
        lat_raw, lon_raw = col("ActionGeo_Lat"), col("ActionGeo_Long")
        lat, lon = to_float(lat_raw), to_float(lon_raw)
        geo_type = col("ActionGeo_Type").str.strip()
        problems = first_problem(raw.index, [
            (~ids.str.fullmatch(r"\d+"), because("GLOBALEVENTID is not a number: ", ids)),
            (date.isna(), because("SQLDATE is not a YYYYMMDD date: ", col("SQLDATE"))),
            (kinds["event_type"].isna(),
             because("unknown CAMEO event code ", col("EventCode"))),
            *coordinate_problems(lat_raw, lon_raw, lat, lon),
        ])
        full_name = clean_text(col("ActionGeo_FullName"))
        parts = full_name.str.split(", ")
        code = alpha3_from_fips(col("ActionGeo_CountryCode"))
        actor1, actor2 = clean_text(col("Actor1Name")), clean_text(col("Actor2Name"))
        meaning = kinds["meaning"].fillna("") + " (CAMEO " + col("EventCode").str.strip() + ")"
        evidence = ((actor1 + " — ").where(actor1 != "", "") + meaning
                    + (" — " + actor2).where(actor2 != "", ""))
        has_point = lat.notna()
        root = col("IsRootEvent").str.strip() == "1"
        frame = pd.DataFrame({
            "event_id": "gdelt:" + ids,
            "event_date": date,
            "date_precision": "day",
            "event_type": kinds["event_type"],
            "sub_event_type": kinds["sub_event_type"],
            "origin": "gdelt",
            "actor1": actor1,
            "actor1_country": alpha3_or_blank(col("Actor1CountryCode").str.strip()),
            "actor2": actor2,
            "actor2_country": alpha3_or_blank(col("Actor2CountryCode").str.strip()),
            "location": full_name,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": geo_type.map(cw.GDELT_GEO_TYPE).where(has_point).astype("Int64"),
            "admin1": parts.str[-2].where(parts.str.len() >= 2, "").fillna(""),
            "country": country_names(code, fallback=parts.str[-1].fillna("")),
            "country_code": code,
            "evidence": evidence,
            "source": "GDELT 2.0",
            "source_url": clean_text(col("SOURCEURL")),
            "published": parse_dates(col("DATEADDED").str.slice(0, 8), ("%Y%m%d",)),
            "confidence": root.map({True: ROOT_CONFIDENCE, False: OTHER_CONFIDENCE}),
            "geo_backend": "gdelt",
            "geo_reason": ("GDELT ActionGeo_Type " + geo_type).where(has_point, ""),
            "triggers": "CAMEO " + kinds["decided_by"].fillna(""),
        }, index=raw.index)
        return Converted(frame, problems)
