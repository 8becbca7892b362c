"""Facet counts for the sidebar: each option with the number of events it has.

Pure functions over the events DataFrame; the sidebar shows them beside the
options ("Battles (12)").
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def value_counts(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Non-empty values of one column with their counts, most frequent first."""
    values = frame[column]
    values = values[values.astype(bool)]
    # categorical columns (the loaded store) count unused categories as 0: skip them
    return {str(k): int(v) for k, v in values.value_counts().items() if v}


def actor_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Actors from both actor columns; an event counts once per actor."""
    both = pd.concat([frame["actor1"].astype(str), frame["actor2"].astype(str)],
                     ignore_index=True)
    both = both[both.astype(bool)]
    return {str(k): int(v) for k, v in both.value_counts().items() if v}


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
