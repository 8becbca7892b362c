"""What matches a filter: the dashboard's sidebar, the CLI's flags and the
exports all go through :func:`filter_events`, a pure function over a DataFrame
of events (columns as in :data:`geo.record.FIELDS`).

The filter state round-trips through a URL query string
(:func:`to_query_params` / :func:`from_query_params`) so a view can be shared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import FilterError


@dataclass(frozen=True, slots=True)
class EventFilter:
    """A filter over events. Empty tuples and None mean "no restriction"."""

    since: dt.date | None = None
    until: dt.date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-3 codes or country names
    text: str = ""
    max_geo_precision: int | None = None  # 1: settlements only, 2: + regions, 3: all
    origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"date range is empty: {self.since} is after {self.until}")
        if self.max_geo_precision is not None and self.max_geo_precision not in (1, 2, 3):
            raise FilterError("minimum precision must be 1 (settlement), 2 (region) or 3 (country)")

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def filter_events(frame: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """The rows of ``frame`` that match every part of ``flt``, in their order."""
    mask = pd.Series(True, index=frame.index)
    if flt.since is not None:
        mask &= frame["event_date"] >= pd.Timestamp(flt.since)
    if flt.until is not None:
        mask &= frame["event_date"] <= pd.Timestamp(flt.until)
    if flt.event_types:
        mask &= _isin(frame["event_type"], flt.event_types)
    if flt.sub_event_types:
        mask &= _isin(frame["sub_event_type"], flt.sub_event_types)
    if flt.actors:
        mask &= _isin(frame["actor1"], flt.actors) | _isin(frame["actor2"], flt.actors)
    if flt.countries:
        wanted = {c.upper() for c in flt.countries}
        mask &= _isin(frame["country_code"], wanted, upper=True) | \
            _isin(frame["country"], wanted, upper=True)
    if flt.text:
        # the evidence, or the place's names: "Idlib" finds events in Idlib town,
        # Idlib governorate, and those whose evidence names it
        hit = pd.Series(False, index=frame.index)
        for column in TEXT_COLUMNS:
            if column in frame:
                hit |= _contains(frame[column], flt.text)
        mask &= hit
    if flt.max_geo_precision is not None:
        mask &= frame["geo_precision"].fillna(9) <= flt.max_geo_precision
    if flt.origins:
        mask &= _isin(frame["origin"], flt.origins)
    if mask.all():
        # nothing left out (the default view): a shallow copy, not a million-row take;
        # under pandas' copy-on-write a later change to it never reaches ``frame``
        return frame.copy(deep=False)
    return frame[mask]


#: where the free text is looked for (case-insensitive substring)
TEXT_COLUMNS = ("evidence", "location", "admin1", "country")


def _contains(column: pd.Series, text: str) -> pd.Series:
    """Case-insensitive substring test; on a categorical column, of its few
    categories (then mapped to the rows) instead of every row's string."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        cats = pd.Series(column.cat.categories.astype(str))
        found = cats.str.contains(text, case=False, regex=False, na=False).to_numpy()
        codes = column.cat.codes.to_numpy()
        return pd.Series((codes >= 0) & found[codes.clip(min=0)] if len(found) else False,
                         index=column.index)
    return column.astype("string").str.contains(text, case=False, regex=False) \
        .fillna(False).astype(bool)


def _isin(column: pd.Series, values, *, upper: bool = False) -> pd.Series:
    """``column.isin(values)`` (of the upper-cased text when ``upper``); categorical
    columns (the loaded store) test their few categories, not a million rows."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories.astype(str)
        hit = (categories.str.upper() if upper else categories).isin(list(values))
        codes = column.cat.codes.to_numpy()
        return pd.Series((codes >= 0) & np.asarray(hit)[codes], index=column.index)
    return (column.str.upper() if upper else column).isin(list(values))


def parse_date(value: str | dt.date | None, *, what: str = "date") -> dt.date | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY for the first day) or None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"{what} {text!r} is not a date (YYYY-MM-DD)") from None


# -- the URL query string ---------------------------------------------------

_LIST_KEYS = {"event_types": "type", "sub_event_types": "sub", "actors": "actor",
              "countries": "country", "origins": "origin"}
_SCALAR_KEYS = {"since": "since", "until": "until", "text": "q", "max_geo_precision": "prec"}


def to_query_params(flt: EventFilter) -> dict[str, str | list[str]]:
    """The filter as query parameters; only what differs from no filter."""
    out: dict[str, str | list[str]] = {}
    for name, key in _SCALAR_KEYS.items():
        value = getattr(flt, name)
        if value not in (None, ""):
            out[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
    for name, key in _LIST_KEYS.items():
        value = getattr(flt, name)
        if value:
            out[key] = list(value)
    return out


def from_query_params(params) -> EventFilter:
    """Read a filter from query parameters (a mapping of str to str or list of str).

    Unknown keys are ignored; malformed values raise :class:`FilterError`.
    Accepts Streamlit's ``st.query_params`` (use ``.to_dict()`` plus ``get_all``)
    or a plain dict whose list values hold repeated keys.
    """
    def get_all(key: str) -> list[str]:
        if hasattr(params, "get_all"):
            return list(params.get_all(key))
        value = params.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def get_one(key: str) -> str:
        values = get_all(key)
        return values[-1] if values else ""

    kwargs: dict = {}
    for name, key in _LIST_KEYS.items():
        values = tuple(v for v in get_all(key) if v)
        if values:
            kwargs[name] = values
    kwargs["since"] = parse_date(get_one("since"), what="since")
    kwargs["until"] = parse_date(get_one("until"), what="until")
    kwargs["text"] = get_one("q")
    prec = get_one("prec")
    if prec:
        if not prec.isdigit():
            raise FilterError(f"precision {prec!r} is not 1, 2 or 3")
        kwargs["max_geo_precision"] = int(prec)
    return EventFilter(**kwargs)


def describe(flt: EventFilter) -> str:
    """The filter in plain words, for titles and briefings."""
    parts = []
    if flt.countries:
        parts.append(", ".join(flt.countries))
    if flt.since or flt.until:
        parts.append(f"{flt.since or '…'} – {flt.until or '…'}")
    if flt.event_types:
        parts.append(", ".join(flt.event_types))
    parts += describe_details(flt)
    return " · ".join(parts) if parts else "All events"


def describe_details(flt: EventFilter) -> list[str]:
    """The parts of a filter's description after place, dates and types."""
    parts = []
    if flt.sub_event_types:
        parts.append(", ".join(flt.sub_event_types))
    if flt.actors:
        parts.append("actors: " + ", ".join(flt.actors))
    if flt.text:
        parts.append(f"text: “{flt.text}”")
    if flt.max_geo_precision:
        parts.append({1: "settlements only", 2: "settlements and regions", 3: "all precisions"}
                     [flt.max_geo_precision])
    if flt.origins:
        parts.append("from " + ", ".join(flt.origins))
    return parts
