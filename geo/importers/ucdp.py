"""UCDP GED CSV (the 49-column layout of releases 20.1 and later) → event records.

Column by column (the type crosswalk and precision tables are in :mod:`geo.crosswalk`):

========================  ==============================================================
event record              UCDP GED
========================  ==============================================================
event_id                  ``ucdp:{id}``
event_date                ``date_start`` (``2016-01-01`` or ``2016-01-01T00:00:00``)
date_precision            ``date_prec`` 1 day, 2–3 week, 4 month, 5 year (else from the
                          span ``date_start``–``date_end``); date_text keeps the span
event_type, sub_event     ``type_of_violence`` through the crosswalk
actor1, actor2            ``side_a``, ``side_b``
location                  ``where_coordinates`` (``where_description`` when empty)
latitude, longitude       as given
geo_precision             ``where_prec`` 1–2 → 1, 3–5 → 2, 6–7 → 3 (geo_reason says which)
admin1                    ``adm_1`` without "Governorate"/"province"/"state"/"region"
country, country_code     ``country`` → ISO alpha-3; the GeoNames name of that country
fatalities                ``best``
evidence                  ``source_headline``, or "side_a vs side_b (UCDP: one-sided
                          violence), 4 deaths" when it is empty (it usually is)
source, source_url        "UCDP GED (source_office)"; ``source_article`` if it is a URL
confidence                ``event_clarity`` 1 → 0.9, 2 → 0.6, else 0.75
========================  ==============================================================

Learned places: rows of ``where_prec`` 1 whose ``where_coordinates`` ends in a
settlement word ("Teir Maaleh village", "Tadmur/Palmyra town") give the name
without the word — each of the names when a slash joins two.
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
    regex_matches,
    regex_replace,
    to_float,
    to_int,
    whole_number_text,
)
from geo.importers.countries import alpha3_from_names, country_names

__all__ = ["UcdpImporter"]

_SETTLEMENT_WORD = r"\s+(?:village|town|city|suburb|district|neighbou?rhood|hamlet)\.?$"
_ADMIN_WORD = r"\s+(?:governorate|province|state|region|division|prefecture|district|township)$"
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class UcdpImporter(Importer):
    name = "ucdp"
    title = "UCDP GED CSV"
    columns = ("id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude",
               "longitude", "country", "date_start", "date_end", "date_prec", "best")
    optional_columns = ("adm_1", "adm_2", "event_clarity", "source_article", "source_headline",
                        "source_office", "where_coordinates", "where_description")

    def convert(self, raw: pd.DataFrame) -> Converted:
        col = column_getter(raw)
        ids = clean_text(col("id"))
        kinds = cw.ucdp_types(whole_number_text(col("type_of_violence")))  # "1.0" is 1
        start = parse_dates(col("date_start").str.slice(0, 10), _DATE_FORMATS)
        end = parse_dates(col("date_end").str.slice(0, 10), _DATE_FORMATS)
        lat, lon = to_float(col("latitude")), to_float(col("longitude"))
        where_prec = whole_number_text(col("where_prec"))
        geo = where_prec.map({k: v[0] for k, v in cw.UCDP_WHERE_PREC.items()})
        best = to_int(col("best"))
        problems = first_problem(raw.index, [
            (ids == "", "no id"),
            (kinds["event_type"].isna(),
             because("type_of_violence must be 1, 2 or 3, not ", col("type_of_violence"))),
            (start.isna(), because("date_start is not a date: ", col("date_start"))),
            (~blank(col("date_end")) & end.isna(),
             because("date_end is not a date: ", col("date_end"))),
            (end < start, "date_end is before date_start"),
            *coordinate_problems(col("latitude"), col("longitude"), lat, lon),
            (geo.isna(), because("where_prec must be 1 to 7, not ", col("where_prec"))),
            (~blank(col("best")) & (best.isna() | (best < 0)),
             because("best is not a number of deaths: ", col("best"))),
        ])
        side_a, side_b = clean_text(col("side_a")), clean_text(col("side_b"))
        code = alpha3_from_names(col("country"))
        spans = end.notna() & (end != start)  # written out for those rows only
        span_text = pd.Series("", index=raw.index, dtype=object)
        if spans.any():
            span_text[spans] = (start[spans].dt.strftime("%Y-%m-%d") + " to "
                                + end[spans].dt.strftime("%Y-%m-%d"))
        location = clean_text(col("where_coordinates"))
        location = location.where(location != "", clean_text(col("where_description")))
        frame = pd.DataFrame({
            "event_id": "ucdp:" + ids,
            "event_date": start,
            "date_precision": _date_precision(col("date_prec"), start, end),
            "date_text": span_text,
            "event_type": kinds["event_type"],
            "sub_event_type": kinds["sub_event_type"],
            "origin": "ucdp",
            "actor1": side_a,
            "actor2": side_b,
            "location": location,
            "latitude": lat,
            "longitude": lon,
            "geo_precision": geo.astype("Int64"),
            "admin1": _strip_word(col("adm_1"), _ADMIN_WORD),
            "country": country_names(code, fallback=clean_text(
                regex_replace(col("country"), r"\s*\([^)]*\)", ""))),
            "country_code": code,
            "fatalities": best,
            "evidence": _evidence(col("source_headline"), side_a, side_b, kinds["meaning"], best),
            "source": _source(col("source_office")),
            "source_url": _url(col("source_article")),
            "confidence": whole_number_text(col("event_clarity")).map(cw.UCDP_CLARITY)
                          .fillna(cw.UCDP_DEFAULT_CONFIDENCE).astype("float64"),
            "geo_backend": "ucdp",
            "triggers": "UCDP type_of_violence " + whole_number_text(col("type_of_violence")),
            "geo_reason": "UCDP where_prec " + where_prec + ": " + where_prec.map(
                {k: v[1] for k, v in cw.UCDP_WHERE_PREC.items()}).fillna(""),
        }, index=raw.index)
        return Converted(frame, problems, _places(col, where_prec, lat, lon, code))


def _date_precision(date_prec: pd.Series, start: pd.Series, end: pd.Series) -> pd.Series:
    coded = whole_number_text(date_prec).map(cw.UCDP_DATE_PREC)
    days = (end - start).dt.days.fillna(0)
    from_span = pd.Series("year", index=start.index, dtype=object)
    from_span[days <= 31] = "month"
    from_span[days <= 7] = "week"
    from_span[days < 1] = "day"
    return coded.fillna(from_span).astype(object)


def _strip_word(values: pd.Series, pattern: str) -> pd.Series:
    return regex_replace(clean_text(values), "(?i)" + pattern, "")


def _evidence(headline: pd.Series, side_a: pd.Series, side_b: pd.Series, meaning: pd.Series,
              best: pd.Series) -> pd.Series:
    deaths = best.astype("string").fillna("")
    noun = pd.Series(" deaths", index=best.index).where(best != 1, " death")
    made = (side_a + " vs " + side_b + " (UCDP: " + meaning.fillna("") + ")"
            + (", " + deaths + noun).where(deaths != "", ""))
    headline = clean_text(headline)
    return headline.where(headline != "", made)


def _source(office: pd.Series) -> pd.Series:
    office = clean_text(office)
    return ("UCDP GED (" + office + ")").where(office != "", "UCDP GED")


def _url(article: pd.Series) -> pd.Series:
    text = clean_text(article)
    return text.where(text.str.match(r"https?://\S+$"), "")


def _places(col, where_prec: pd.Series, lat: pd.Series, lon: pd.Series,
            code: pd.Series) -> pd.DataFrame:
    where = clean_text(col("where_coordinates"))
    named = (where_prec == "1") & regex_matches(where, "(?i)" + _SETTLEMENT_WORD)
    frame = pd.DataFrame({
        "name": where[named], "latitude": lat[named], "longitude": lon[named],
        "admin1": col("adm_1")[named], "admin2": col("adm_2")[named],
        "country_code3": code[named],
    }).drop_duplicates()  # a place recurs in many events: clean each once
    frame["name"] = _strip_word(frame["name"], _SETTLEMENT_WORD).str.split("/")
    frame["admin1"] = _strip_word(frame["admin1"], _ADMIN_WORD)
    frame["admin2"] = _strip_word(frame["admin2"], _ADMIN_WORD)
    frame = frame.explode("name")
    frame["name"] = frame["name"].fillna("").astype(str).str.strip()
    return frame[frame["name"].str.len() > 1]
