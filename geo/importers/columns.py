"""Vectorised column helpers shared by the format modules: parse numbers, dates and
text of a whole column at once, and name the first problem of each row.

Every function takes and returns pandas Series aligned on the chunk's index; a
problem is a reason string ("" = no problem), so the formats can say exactly
what is wrong with a row without looking at rows one by one.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo.crosswalk import valid_types

__all__ = ["blank", "clean_text", "column_getter", "coordinate_problems", "first_problem",
           "parse_dates", "record_problems", "shown", "to_float", "to_int"]


def column_getter(raw: pd.DataFrame):
    """``col(name)``: a column as text; an optional column the file lacks reads as blank."""
    empty = pd.Series("", index=raw.index, dtype=object)

    def col(name: str) -> pd.Series:
        return raw[name].fillna("").astype(str) if name in raw.columns else empty
    return col


def blank(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip() == ""


def clean_text(values: pd.Series) -> pd.Series:
    """Stripped, inner whitespace collapsed, missing → ""."""
    return values.fillna("").astype(str).str.strip().str.replace(r"\s+", " ", regex=True)


def shown(values: pd.Series, width: int = 40) -> pd.Series:
    """Values quoted for an error message ("'2016-13-45'"), cut to ``width``."""
    text = values.fillna("").astype(str)
    cut = text.str.slice(0, width)
    return "'" + cut.where(text.str.len() <= width, cut + "…") + "'"


def to_float(values: pd.Series) -> pd.Series:
    """Numbers as float64; blank and unreadable values are NaN."""
    return pd.to_numeric(values.fillna("").astype(str).str.strip(), errors="coerce").astype(
        "float64")


def to_int(values: pd.Series) -> pd.Series:
    """Whole numbers as nullable Int64 ("4", "4.0"); anything else is <NA>."""
    number = to_float(values)
    whole = number.where(number.notna() & (number == np.floor(number)))
    return whole.astype("Int64")


def parse_dates(values: pd.Series, formats: Iterable[str]) -> pd.Series:
    """Dates (datetime64, day resolution) trying each strptime format in turn; NaT if none fit."""
    text = values.fillna("").astype(str).str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    for fmt in formats:
        todo = out.isna() & (text != "")
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        out.loc[todo] = parsed.astype("datetime64[s]")
    return out.dt.normalize()


def first_problem(index: pd.Index,
                  checks: Iterable[tuple[pd.Series, pd.Series | str]]) -> pd.Series:
    """The first failing check's reason per row ("" when every check passes).

    ``checks`` are (mask, reason) pairs in the order they should be reported:
    ``mask`` is True where the row fails; ``reason`` a string or a Series of them.
    """
    out = pd.Series("", index=index, dtype=object)
    for mask, reason in checks:
        hit = mask.fillna(False).astype(bool) & (out == "")
        if hit.any():
            out[hit] = reason[hit] if isinstance(reason, pd.Series) else reason
    return out


def coordinate_problems(lat_raw: pd.Series, lon_raw: pd.Series, lat: pd.Series,
                        lon: pd.Series) -> list[tuple[pd.Series, pd.Series | str]]:
    """Checks for a latitude/longitude pair: unreadable, one without the other, out of range."""
    lat_blank, lon_blank = blank(lat_raw), blank(lon_raw)
    pair = "'" + lat_raw.fillna("").astype(str) + ", " + lon_raw.fillna("").astype(str) + "'"
    return [
        ((~lat_blank & lat.isna()) | (~lon_blank & lon.isna()),
         "coordinates are not numbers: " + pair),
        (lat_blank != lon_blank, "latitude and longitude must be given together: " + pair),
        (~lat.between(-90, 90) & lat.notna(), "latitude out of range: " + pair),
        (~lon.between(-180, 180) & lon.notna(), "longitude out of range: " + pair),
    ]


def record_problems(frame: pd.DataFrame) -> pd.Series:
    """What breaks the event record's contract (see :class:`geo.record.Event`), per row.

    The formats report their own, more specific reasons first; this is the last
    line of defence before the store.
    """
    et, st = frame["event_type"], frame["sub_event_type"]
    lat, lon = frame["latitude"], frame["longitude"]
    precision = frame["geo_precision"]
    fatalities = frame["fatalities"]
    return first_problem(frame.index, [
        (blank(frame["event_id"]), "no event id"),
        (frame["event_date"].isna(), "no event date"),
        (~valid_types(et, st), "event type not in the taxonomy: " + shown(et.fillna("")) + " / "
         + shown(st.fillna(""))),
        (lat.isna() != lon.isna(), "latitude and longitude must be given together"),
        (lat.notna() & ~lat.between(-90, 90), "latitude out of range"),
        (lon.notna() & ~lon.between(-180, 180), "longitude out of range"),
        (precision.notna() & ~precision.isin([1, 2, 3]), "geo precision must be 1, 2 or 3"),
        (fatalities.notna() & (fatalities < 0), "fatalities cannot be negative"),
    ])
