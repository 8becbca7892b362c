"""Facet counts for the sidebar: each option with the number of events it has.

Pure functions over the events DataFrame; the sidebar shows them beside the
options ("Battles (12)").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from geo.record import GEO_PRECISIONS
from geo.taxonomy import BY_NAME


def value_counts(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Non-empty values of one column with their counts, most frequent first, ties
    by name: the same data always gives the same order, whatever the column's dtype
    (a widget whose options change order loses its selection on the next run)."""
    values = frame[column]
    return _ranked(values[values.astype(bool)].value_counts())


def actor_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Actors from both actor columns; an event counts once per actor."""
    # count each column on its own (fast on the loaded store's categoricals), then add
    counts = frame["actor1"].value_counts().add(frame["actor2"].value_counts(), fill_value=0)
    counts.index = counts.index.astype(str)
    return _ranked(counts[counts.index != ""].astype("int64"))


def _ranked(counts: pd.Series) -> dict[str, int]:
    # categorical columns (the loaded store) count unused categories as 0: skip them
    pairs = [(str(k), int(v)) for k, v in counts.items() if v]
    return dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))


def country_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Counts keyed by ISO alpha-3 code (the filter's value)."""
    return value_counts(frame, "country_code")


def country_names(frame: pd.DataFrame) -> dict[str, str]:
    """ISO alpha-3 code → the country's name as stored."""
    pairs = frame.loc[frame["country_code"].astype(bool), ["country_code", "country"]]
    return dict(pairs.drop_duplicates("country_code").itertuples(index=False, name=None))


def date_bounds(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    dates = frame["event_date"].dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def label_with_count(value: str, counts: dict[str, int]) -> str:
    return f"{value} ({counts.get(value, 0):,})"


def sub_type_counts(frame: pd.DataFrame, event_types: Iterable[str] = ()) -> dict[str, int]:
    """Sub-event types with their counts, within ``event_types`` when any are chosen
    (the sub-type options depend on the chosen types), most frequent first."""
    wanted = tuple(event_types)
    rows = frame[frame["event_type"].isin(wanted)] if wanted else frame
    return value_counts(rows, "sub_event_type")


def sub_types_outside(selected: Iterable[str], frame: pd.DataFrame,
                      event_types: Iterable[str]) -> list[str]:
    """Chosen sub-types that no longer belong to the chosen types (to drop them)."""
    wanted = tuple(event_types)
    if not wanted:
        return []
    allowed = set(frame.loc[frame["event_type"].isin(wanted), "sub_event_type"])
    for name in wanted:
        if name in BY_NAME:
            allowed.update(BY_NAME[name].sub_types)
    return [s for s in selected if s not in allowed]


def precision_counts(frame: pd.DataFrame) -> dict[int, int]:
    """For each precision 1..3: events located at least that precisely (1 is finest);
    what the "minimum precision" filter keeps at each setting."""
    precision = pd.to_numeric(frame["geo_precision"], errors="coerce")
    return {p: int((precision <= p).sum()) for p in sorted(GEO_PRECISIONS)}


@dataclass(frozen=True)
class Facets:
    """Every count the sidebar shows for the whole store: the same for every rerun and
    session until the store changes (computed once per loaded frame, not per rerun)."""

    bounds: tuple[dt.date, dt.date] | None
    types: dict[str, int]
    sub_types: dict[str, int]  # with no event type chosen
    actors: dict[str, int]
    countries: dict[str, int]
    country_names: dict[str, str]
    precisions: dict[int, int]
    origins: dict[str, int]


def facets_of(frame: pd.DataFrame) -> Facets:
    return Facets(bounds=date_bounds(frame), types=value_counts(frame, "event_type"),
                  sub_types=sub_type_counts(frame), actors=actor_counts(frame),
                  countries=country_counts(frame), country_names=country_names(frame),
                  precisions=precision_counts(frame), origins=value_counts(frame, "origin"))
