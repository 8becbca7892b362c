"""Server-side aggregation for the map: above a threshold, send grid cells, not points.

A minimal, pure stand-in (the ``scale`` branch owns the full version: grids or H3
per zoom level). :func:`aggregate_for_map` returns the located events unchanged
when there are few enough, else a :class:`GridCells` of square cells whose size
follows the extent of the events (about :data:`CELLS_ACROSS` cells across).
:func:`geo.mapview.build_map` draws either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

AGGREGATE_ABOVE = 20_000  # located events; below: every point goes to the browser
CELLS_ACROSS = 64
NICE_SIZES = (0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
CELL_COLUMNS = ("latitude", "longitude", "count", "fatalities", "event_type",
                "lat_min", "lat_max", "lon_min", "lon_max")


@dataclass(frozen=True, slots=True)
class GridCells:
    """Events counted per square cell of ``cell_degrees``.

    ``frame`` has :data:`CELL_COLUMNS`: the cell's centre, its event count, summed
    fatalities, its most frequent event type, and its bounds.
    """

    frame: pd.DataFrame
    cell_degrees: float
    total: int

    def __post_init__(self) -> None:
        missing = set(CELL_COLUMNS) - set(self.frame.columns)
        if missing:
            raise ValueError(f"grid cells need the columns {sorted(missing)}")
        if not self.cell_degrees > 0:
            raise ValueError(f"cell size must be positive, not {self.cell_degrees!r}")


def cell_size_for(lat: pd.Series, lon: pd.Series, *, across: int = CELLS_ACROSS) -> float:
    """A round cell size giving about ``across`` cells over the wider extent."""
    span = max(float(lat.max() - lat.min()), float(lon.max() - lon.min()), 0.0)
    raw = span / across
    return next((s for s in NICE_SIZES if s >= raw), NICE_SIZES[-1])


def aggregate_for_map(
    frame: pd.DataFrame,
    *,
    threshold: int = AGGREGATE_ABOVE,
    cell_degrees: float | None = None,
) -> pd.DataFrame | GridCells:
    """The located rows of ``frame`` (``threshold`` or fewer), else grid cells."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    keep = lat.notna() & lon.notna()
    if int(keep.sum()) <= threshold:
        return frame[keep]
    lat, lon = lat[keep], lon[keep]
    size = cell_degrees or cell_size_for(lat, lon)
    row = np.floor((lat + 90.0) / size).astype("int64")
    col = np.floor((lon + 180.0) / size).astype("int64")
    cells = pd.DataFrame({
        "row": row, "col": col,
        "fatalities": pd.to_numeric(frame.loc[keep, "fatalities"], errors="coerce").fillna(0),
        "event_type": frame.loc[keep, "event_type"].fillna(""),
    })
    grouped = cells.groupby(["row", "col"], sort=True)
    out = grouped.agg(count=("fatalities", "size"), fatalities=("fatalities", "sum"))
    # the most frequent type per cell (ties: the first in name order)
    top = (cells.groupby(["row", "col", "event_type"]).size().rename("n").reset_index()
           .sort_values(["row", "col", "n", "event_type"], ascending=[True, True, False, True])
           .drop_duplicates(["row", "col"]).set_index(["row", "col"])["event_type"])
    out = out.join(top).reset_index()
    out["lat_min"] = out["row"] * size - 90.0
    out["lon_min"] = out["col"] * size - 180.0
    out["lat_max"] = (out["lat_min"] + size).clip(upper=90.0)
    out["lon_max"] = (out["lon_min"] + size).clip(upper=180.0)
    out["latitude"] = (out["lat_min"] + out["lat_max"]) / 2
    out["longitude"] = (out["lon_min"] + out["lon_max"]) / 2
    out["count"] = out["count"].astype(int)
    out["fatalities"] = out["fatalities"].astype(int)
    return GridCells(out[list(CELL_COLUMNS)].reset_index(drop=True), size, int(keep.sum()))


def radius_for_count(count: int, largest: int) -> float:
    """Circle radius in pixels: area grows with the count, 4..22 px."""
    if largest <= 0:
        return 4.0
    return 4.0 + 18.0 * math.sqrt(max(0, count) / largest)
