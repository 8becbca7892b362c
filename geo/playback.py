"""Playback: the filtered events stepped day by day or week by week.

A :class:`Playback` is made once per filtered frame: the located events sorted
by date, their days as integers. A step is a period (one day or one week from
the first event's date); what it shows is either every event up to the period's
end (``cumulative``) or the events of the last ``window`` periods (a moving
window). :meth:`Playback.step` slices the sorted events with two binary
searches and aggregates them on the server (:func:`geo.map.aggregate.aggregate_for_map`:
points up to 1,000 events, else grid cells of one size for every step, so
cells do not jump between steps). The map draws the answer as one layer
(:mod:`geo.map.playback_layer`) swapped into the live map.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from geo.map.aggregate import MapData, aggregate_for_map, cell_size_for_zoom, zoom_for_bounds
from geo.errors import FilterError

Unit = Literal["day", "week"]
Mode = Literal["cumulative", "window"]
UNITS: dict[str, int] = {"day": 1, "week": 7}
MODES = ("cumulative", "window")
MAX_STEPS = 5000  # a day-by-day playback of 13 years


@dataclass(frozen=True, slots=True)
class PlaybackOptions:
    """How to step: by ``unit``, showing everything so far or the last ``window`` steps."""

    unit: Unit = "week"
    mode: Mode = "cumulative"
    window: int = 4

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise FilterError(f"playback steps by day or week, not {self.unit!r}")
        if self.mode not in MODES:
            raise FilterError(f"playback mode is cumulative or window, not {self.mode!r}")
        if not 1 <= int(self.window) <= 520:
            raise FilterError("the moving window is 1 to 520 steps")


@dataclass(frozen=True, slots=True)
class Step:
    """One step: the dates it shows (``start`` .. ``end``, inclusive)."""

    index: int
    count: int  # steps in the playback
    period_start: dt.date
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.end.isoformat()
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True, slots=True, eq=False)
class StepData:
    step: Step
    events: int  # events shown (located)
    new: int  # of them, in this step's period
    data: MapData


def step_for(index: int, first: dt.date, last: dt.date, options: PlaybackOptions) -> Step:
    """The ``index``-th step from ``first`` (clamped to the playback's steps)."""
    days = UNITS[options.unit]
    count = step_count(first, last, options.unit)
    index = min(max(int(index), 0), count - 1)
    period_start = first + dt.timedelta(days=days * index)
    end = period_start + dt.timedelta(days=days - 1)
    if options.mode == "cumulative":
        start = first
    else:
        start = max(first, end - dt.timedelta(days=days * int(options.window) - 1))
    return Step(index, count, period_start, start, end)


def step_count(first: dt.date, last: dt.date, unit: Unit) -> int:
    """Periods from ``first`` until one contains ``last`` (at least 1)."""
    if last < first:
        return 1
    return min(MAX_STEPS, (last - first).days // UNITS[unit] + 1)


class Playback:
    """The located, dated events of a filtered frame, sorted once for fast steps."""

    def __init__(self, frame: pd.DataFrame, *, max_points: int | None = None):
        dates = frame["event_date"].to_numpy(dtype="datetime64[D]")
        lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
        lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
        keep = ~(np.isnat(dates) | np.isnan(lat) | np.isnan(lon))
        order = np.argsort(dates[keep], kind="stable")
        self.events = frame[keep].iloc[order]
        self.days = dates[keep][order].astype(np.int64)
        self.max_points = max_points
        if len(self.days):
            self.first = _date(self.days[0])
            self.last = _date(self.days[-1])
            south, north = float(lat[keep].min()), float(lat[keep].max())
            west, east = float(lon[keep].min()), float(lon[keep].max())
            self.bounds = ((south, west), (north, east))
            self.cell_size = cell_size_for_zoom(zoom_for_bounds(south, west, north, east))
        else:
            self.first = self.last = None
            self.bounds = None
            self.cell_size = None

    def __len__(self) -> int:
        return len(self.days)

    def steps(self, options: PlaybackOptions) -> int:
        return 0 if self.first is None else step_count(self.first, self.last, options.unit)

    def step(self, index: int, options: PlaybackOptions) -> StepData | None:
        """What the map shows at step ``index`` (None when no event is located and dated)."""
        if self.first is None:
            return None
        step = step_for(index, self.first, self.last, options)
        lo = np.searchsorted(self.days, _day(step.start), side="left")
        period = np.searchsorted(self.days, _day(step.period_start), side="left")
        hi = np.searchsorted(self.days, _day(step.end), side="right")
        shown = self.events.iloc[lo:hi]
        extra = {} if self.max_points is None else {"max_points": self.max_points}
        data = aggregate_for_map(shown, cell_size=self.cell_size, **extra)
        return StepData(step, int(hi - lo), int(hi - period), data)


def _day(value: dt.date) -> int:
    return int(np.datetime64(value, "D").astype(np.int64))


def _date(day: int) -> dt.date:
    return (np.datetime64(int(day), "D")).astype(object)
