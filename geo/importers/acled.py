"""ACLED CSV export → event records.

ACLED's event types *are* the taxonomy's first six types, so they pass through;
a type or sub-type the taxonomy does not know is a row error.

========================  ==============================================================
event record              ACLED
========================  ==============================================================
event_id                  ``acled:{event_id_cnty}``
event_date                ``event_date`` (``2020-02-29``, ``29 February 2020``)
date_precision            ``time_precision`` 1 day, 2 week, 3 month
event_type, sub_event     ``event_type``, ``sub_event_type`` (checked against the taxonomy)
actor1, actor2            ``actor1``, ``actor2``
location, admin1          ``location``, ``admin1``
latitude, longitude       as given
geo_precision             ``geo_precision`` 1/2/3 as is
country, country_code     ``iso3`` or ``iso`` (numeric) or ``country`` → ISO alpha-3
fatalities                ``fatalities``
evidence                  ``notes``
source                    "ACLED (source)"
confidence                0.9
========================  ==============================================================

Learned places: rows of ``geo_precision`` 1 give (location, admin1, admin2).
"""

from __future__ import annotations

import pandas as pd

from geo import crosswalk as cw
from geo.importers.base import Converted, Importer
from geo.importers.columns import (
    because,
    blank,
    clean_text,
    column_getter,
    coordinate_problems,
    first_problem,
    parse_dates,
    shown,
    to_float,
    to_int,
)
from geo.importers.countries import (
    alpha3_from_names,
    alpha3_from_numeric,
    alpha3_or_blank,
    country_names,
)
from geo.taxonomy import BY_NAME

__all__ = ["AcledImporter"]

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")
CONFIDENCE = 0.9


class AcledImporter(Importer):
    name = "acled"
    title = "ACLED CSV export"
    columns = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
               "actor2", "country", "latitude", "longitude", "geo_precision",
               "time_precision", "fatalities")
    optional_columns = ("admin1", "admin2", "iso", "iso3", "location", "notes", "source")

    def convert(self, raw: pd.DataFrame) -> Converted:
        col = column_getter(raw)
        ids = clean_text(col("event_id_cnty"))
        date = parse_dates(col("event_date"), _DATE_FORMATS)
        event_type, sub_type = clean_text(col("event_type")), clean_text(col("sub_event_type"))
        lat, lon = to_float(col("latitude")), to_float(col("longitude"))
        geo = col("geo_precision").str.strip().map(cw.ACLED_GEO_PRECISION)
        time_precision = col("time_precision").str.strip().map(cw.ACLED_TIME_PRECISION)
        fatalities = to_int(col("fatalities"))
        problems = first_problem(raw.index, [
            (ids == "", "no event_id_cnty"),
            (date.isna(), because("event_date is not a date: ", col("event_date"))),
            (~event_type.isin(set(BY_NAME)),
             because("event_type is not in the taxonomy: ", event_type)),
            (~cw.valid_types(event_type, sub_type),
             lambda hit: "sub_event_type " + shown(sub_type[hit]) + " is not a sub-type of "
             + shown(event_type[hit])),
            *coordinate_problems(col("latitude"), col("longitude"), lat, lon),
            (geo.isna(), because("geo_precision must be 1, 2 or 3, not ", col("geo_precision"))),
            (time_precision.isna(),
             because("time_precision must be 1, 2 or 3, not ", col("time_precision"))),
            (~blank(col("fatalities")) & (fatalities.isna() | (fatalities < 0)),
             because("fatalities is not a number: ", col("fatalities"))),
        ])
        code = _country_codes(col)
        source = clean_text(col("source"))
        frame = pd.DataFrame({
            "event_id": "acled:" + ids,
            "event_date": date,
            "date_precision": time_precision,
            "event_type": event_type,
            "sub_event_type": sub_type,
            "origin": "acled",
            "actor1": clean_text(col("actor1")),
            "actor2": clean_text(col("actor2")),
            "location": clean_text(col("location")),
            "latitude": lat,
            "longitude": lon,
            "geo_precision": geo.astype("Int64"),
            "admin1": clean_text(col("admin1")),
            "country": country_names(code, fallback=clean_text(col("country"))),
            "country_code": code,
            "fatalities": fatalities,
            "evidence": clean_text(col("notes")),
            "source": ("ACLED (" + source + ")").where(source != "", "ACLED"),
            "confidence": CONFIDENCE,
            "geo_backend": "acled",
            "geo_reason": "ACLED geo_precision " + col("geo_precision").str.strip(),
        }, index=raw.index)
        exact = (geo == 1) & (frame["location"] != "")
        places = pd.DataFrame({
            "name": frame["location"], "latitude": lat, "longitude": lon,
            "admin1": frame["admin1"], "admin2": clean_text(col("admin2")),
            "country_code3": code,
        })[exact]
        return Converted(frame, problems, places)


def _country_codes(col) -> pd.Series:
    """ISO alpha-3 from ``iso3`` when present, else the numeric ``iso``, else the name."""
    code = alpha3_or_blank(clean_text(col("iso3")).str.upper())
    code = code.where(code != "", alpha3_from_numeric(col("iso")))
    return code.where(code != "", alpha3_from_names(col("country")))
