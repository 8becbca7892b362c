"""Vectorised column helpers shared by the format modules: parse numbers, dates and
text of a whole column at once, and name the first problem of each row.

Every function takes and returns pandas Series aligned on the chunk's index; a
problem is a reason string ("" = no problem), so the formats can say exactly
what is wrong with a row without looking at rows one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.crosswalk import valid_types

__all__ = [
    "EARLIEST_EVENT_DATE", "MAX_FATALITIES", "because", "blank", "clean_text", "column_getter",
    "coordinate_problems", "date_range_problems", "first_problem", "latest_event_date",
    "parse_dates", "record_problems", "regex_matches", "regex_replace", "shown", "to_float",
    "to_int", "whole_number_text",
]


# Sane ranges, checked before anything is stored (see :func:`record_problems`): no
# conflict dataset reaches back before 1900, none reports an event more than a year
# ahead, and no single event has killed more than a million people.
EARLIEST_EVENT_DATE = pd.Timestamp("1900-01-01")
MAX_FATALITIES = 1_000_000
_MAX_WHOLE = 2 ** 53  # floats are exact whole numbers up to here; larger ones are noise


def latest_event_date() -> pd.Timestamp:
    """The latest date an event (or publication) may have: today plus one year."""
    return pd.Timestamp.today().normalize() + pd.DateOffset(years=1)


def column_getter(raw: pd.DataFrame):
    """``col(name)``: a column as text; an optional column the file lacks reads as blank."""
    empty = pd.Series("", index=raw.index, dtype=object)

    def col(name: str) -> pd.Series:
        return raw[name].fillna("").astype(str) if name in raw.columns else empty
    return col


def blank(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).str.strip() == ""


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.fillna("").astype("str"))


def _back(result, index: pd.Index) -> pd.Series:
    return result.to_pandas().set_axis(index)


def regex_replace(values: pd.Series, pattern: str, replacement: str) -> pd.Series:
    """``re.sub`` over a whole column in Arrow's RE2 (pandas' own ``str.replace(regex=True)``
    loops in Python: seconds per million rows). ``(?i)`` makes a pattern case-blind."""
    return _back(pc.replace_substring_regex(_arrow(values), pattern=pattern,
                                            replacement=replacement), values.index)


def clean_text(values: pd.Series) -> pd.Series:
    """Stripped, inner runs of whitespace made one space, missing → ""."""
    trimmed = pc.utf8_trim_whitespace(_arrow(values))
    return _back(pc.replace_substring_regex(trimmed, pattern=r"\s{2,}|[\t\n\r\f\v]",
                                            replacement=" "), values.index)


def regex_matches(values: pd.Series, pattern: str) -> pd.Series:
    """True where ``pattern`` (RE2, ``(?i)`` for case-blind) matches, in Arrow."""
    return _back(pc.match_substring_regex(_arrow(values), pattern=pattern),
                 values.index).astype(bool)


def whole_number_text(values: pd.Series) -> pd.Series:
    """Codes as written without a trailing ".0" ("1.0" → "1"), stripped."""
    return regex_replace(values.fillna("").astype("str").str.strip(), r"\.0*$", "")


def shown(values: pd.Series, width: int = 40) -> pd.Series:
    """Values quoted for an error message ("'2016-13-45'"), cut to ``width``."""
    text = values.fillna("").astype(str)
    cut = text.str.slice(0, width)
    return "'" + cut.where(text.str.len() <= width, cut + "…") + "'"


def to_float(values: pd.Series) -> pd.Series:
    """Numbers as float64; blank and unreadable values are NaN."""
    text = pc.utf8_trim_whitespace(_arrow(values))
    try:  # Arrow's parser, when every value is a number or blank (the usual file)
        number = pc.cast(pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text),
                         pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(_back(text, values.index), errors="coerce").astype("float64")
    return pd.Series(number.to_numpy(zero_copy_only=False), index=values.index,
                     dtype="float64")


def to_int(values: pd.Series) -> pd.Series:
    """Whole numbers as nullable Int64 ("4", "4.0"); anything else is <NA>, including
    infinities, NaN and numbers too large to be exact (``1e400``, 20-digit runs)."""
    number = to_float(values)
    finite = np.isfinite(number) & (number.abs() <= _MAX_WHOLE)
    whole = number.where(finite & (number == np.floor(number.where(finite, 0))))
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


Reason = str | Callable[[pd.Series], pd.Series]


def first_problem(index: pd.Index, checks: Iterable[tuple[pd.Series, Reason]]) -> pd.Series:
    """The first failing check's reason per row ("" when every check passes).

    ``checks`` are (mask, reason) pairs in the order they should be reported:
    ``mask`` is True where the row fails; ``reason`` a string, or a function of
    the failing rows' mask giving their reasons (only called when some fail, so a
    million good rows never build a million messages).
    """
    out = pd.Series("", index=index, dtype=object)
    free = np.ones(len(index), dtype=bool)  # no reason yet (cheaper than out == "")
    for mask, reason in checks:
        hit_array = mask.fillna(False).to_numpy(dtype=bool) & free
        if hit_array.any():
            hit = pd.Series(hit_array, index=index)
            out[hit] = reason(hit) if callable(reason) else reason
            free &= ~hit_array
    return out


def because(text: str, *values: pd.Series) -> Callable[[pd.Series], pd.Series]:
    """A lazy reason: ``text`` followed by the failing rows' values, quoted and joined
    by " / " (``because("bad date: ", col("date_start"))``)."""
    def reason(hit: pd.Series) -> pd.Series:
        shown_values = [shown(v[hit]) for v in values]
        joined = shown_values[0]
        for more in shown_values[1:]:
            joined = joined + " / " + more
        return text + joined
    return reason


def coordinate_problems(lat_raw: pd.Series, lon_raw: pd.Series, lat: pd.Series,
                        lon: pd.Series) -> list[tuple[pd.Series, Reason]]:
    """Checks for a latitude/longitude pair: unreadable, one without the other, out of range."""
    lat_blank, lon_blank = blank(lat_raw), blank(lon_raw)

    def pair(text: str) -> Callable[[pd.Series], pd.Series]:
        return lambda hit: (text + "'" + lat_raw[hit].fillna("").astype(str) + ", "
                            + lon_raw[hit].fillna("").astype(str) + "'")
    return [
        ((~lat_blank & lat.isna()) | (~lon_blank & lon.isna()),
         pair("coordinates are not numbers: ")),
        (lat_blank != lon_blank, pair("latitude and longitude must be given together: ")),
        (~lat.between(-90, 90) & lat.notna(), pair("latitude out of range: ")),
        (~lon.between(-180, 180) & lon.notna(), pair("longitude out of range: ")),
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
        (~valid_types(et, st), because("event type not in the taxonomy: ", et, st)),
        (lat.isna() != lon.isna(), "latitude and longitude must be given together"),
        (lat.notna() & ~lat.between(-90, 90), "latitude out of range"),
        (lon.notna() & ~lon.between(-180, 180), "longitude out of range"),
        (precision.notna() & ~precision.isin([1, 2, 3]), "geo precision must be 1, 2 or 3"),
        (fatalities.notna() & (fatalities < 0), "fatalities cannot be negative"),
        (fatalities.notna() & (fatalities > MAX_FATALITIES),
         because(f"fatalities above {MAX_FATALITIES:,}: ", fatalities.astype("string"))),
        *date_range_problems(frame["event_date"], "event date"),
        *date_range_problems(frame["published"], "publication date"),
    ])


def date_range_problems(dates: pd.Series, what: str) -> list[tuple[pd.Series, Reason]]:
    """A date before 1900-01-01 or after today + 1 year is a row problem (a date
    that far out is a typo or an attack, and pandas cannot even hold 1676)."""
    latest = latest_event_date()
    when = pd.to_datetime(dates, errors="coerce")
    outside = when.notna() & ((when < EARLIEST_EVENT_DATE) | (when > latest))
    prefix = f"{what} outside {EARLIEST_EVENT_DATE:%Y-%m-%d} to {latest:%Y-%m-%d}: "
    # the dates are written out for the failing rows only
    return [(outside, lambda hit: prefix + shown(when[hit].dt.strftime("%Y-%m-%d")))]
