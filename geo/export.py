"""Exports of filtered events: CSV and GeoJSON (PNG and standalone HTML live
with the map builder). Column names are the event record's field names."""

from __future__ import annotations

import json

import pandas as pd

from geo.credits import credit_lines
from geo.record import FIELDS, GEO_PRECISIONS, TEXT_FIELDS

TABLE_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
    "admin1", "country", "geo_precision", "fatalities", "evidence", "source", "source_url",
    "origin", "confidence",
)


def table_columns() -> list[str]:
    return list(TABLE_COLUMNS)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """A text cell a spreadsheet would run as a formula (it starts with =, +, -, @,
    tab or carriage return) with a ``'`` in front, as OWASP's "CSV injection" page
    advises: the analyst sees the text, the spreadsheet runs nothing."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _neutralised(column: pd.Series) -> pd.Series:
    text = column.astype(object).where(column.notna(), "").astype(str)
    risky = text.str.startswith(FORMULA_STARTS)
    return ("'" + text).where(risky, text) if risky.any() else text


def events_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The Events page's table: newest first (undated last, then by id for a stable
    order), the location's precision in words ("admin region", not 2)."""
    table = frame.reindex(columns=[*TABLE_COLUMNS, "event_id"]).copy()
    table = table.sort_values(["event_date", "event_id"], ascending=[False, True],
                              na_position="last", kind="stable")
    precision = pd.to_numeric(table["geo_precision"], errors="coerce")
    table["geo_precision"] = precision.map(
        lambda v: GEO_PRECISIONS.get(int(v), "") if pd.notna(v) else "").astype("string")
    return table[list(TABLE_COLUMNS)]


def events_csv(frame: pd.DataFrame) -> bytes:
    """Every record field, dates as ISO, UTF-8 with a header row, CRLF line ends;
    text cells that would be formulas are neutralised (:func:`neutralise_cell`),
    numbers stay numbers."""
    out = frame.reindex(columns=list(FIELDS)).copy()
    for col in ("event_date", "published"):
        out[col] = out[col].dt.strftime("%Y-%m-%d").fillna("")
    for col in TEXT_FIELDS:
        out[col] = _neutralised(out[col])
    # CRLF ends a record (RFC 4180): the writer then quotes a cell holding a lone CR,
    # which with "\n" it would leave bare, splitting the row in a spreadsheet
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def events_geojson(frame: pd.DataFrame) -> bytes:
    """A FeatureCollection of the located events; properties are the record fields."""
    features = []
    located = frame[frame["latitude"].notna()]
    for row in located.to_dict("records"):
        props = {}
        for k in FIELDS:
            v = row.get(k)
            if k in ("event_date", "published"):
                v = None if pd.isna(v) else pd.Timestamp(v).date().isoformat()
            elif v is not None and not isinstance(v, str) and pd.isna(v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            props[k] = v
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point",
                         "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": props,
        })
    collection = {"type": "FeatureCollection", "features": features}
    if credits := credit_lines(frame):
        collection["attribution"] = credits  # a GeoJSON foreign member (RFC 7946 §6.1)
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
