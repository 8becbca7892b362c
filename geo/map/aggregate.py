"""What the map is sent: individual events, or grid cells when there are many.

:func:`aggregate_for_map` decides, on the server, whether a filtered frame goes
to the map as points (at most ``max_points``) or as cells of a latitude/longitude
grid whose size follows the zoom: each cell has its count per event type, its
dominant type and the centroid of its events. The result is a small frozen
:class:`MapData`; :mod:`geo.map.aggregate_layer` draws it. Pure numpy/pandas,
a few tens of milliseconds for a million events.

Why a square grid and not H3 hexagons: the grid needs no extra package, its
cells nest across zoom levels (each level halves the size), and at the sizes
used (16 screen pixels) the shape of a cell is not visible under its circle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

MAX_POINTS = 1000  # individual folium markers cost ~1.8 KB each: 1,000 ≈ 1.8 MB
MAX_CELLS = 2500  # keeps the rendered map under 3 MB (≈ 250 bytes a cell)
CELL_PIXELS_LOG2 = 4  # a cell is 16 screen pixels wide at its zoom
MIN_ZOOM, MAX_ZOOM = 2, 12


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid cell: where its events are (centroid) and how many of each type."""

    latitude: float
    longitude: float
    count: int
    dominant_type: str
    counts: tuple[tuple[str, int], ...]  # (event type, events), most first


@dataclass(frozen=True, slots=True, eq=False)
class MapData:
    """The map's data: ``points`` (rows of the frame) or ``cells``, never both.

    ``reason`` says in words why this form was chosen, for the page and tests.
    """

    kind: Literal["points", "cells"]
    located: int
    unlocated: int
    reason: str
    points: pd.DataFrame | None = None
    cells: tuple[Cell, ...] = ()
    cell_size: float | None = None  # degrees of latitude and longitude
    zoom: int | None = None
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    types: tuple[str, ...] = field(default=())  # event types present, most events first


def zoom_for_bounds(south: float, west: float, north: float, east: float) -> int:
    """The zoom at which a ~1000-pixel-wide map shows the box (as fit_bounds would)."""
    span = max(east - west, (north - south) * 1.6, 1e-6)
    return int(min(MAX_ZOOM, max(MIN_ZOOM, math.floor(math.log2(360 * 3 / span)))))


def cell_size_for_zoom(zoom: int) -> float:
    """Degrees per cell at ``zoom``: 16 screen pixels, halving with each zoom level."""
    return 360.0 / 2 ** (zoom + CELL_PIXELS_LOG2)  # a 256-pixel tile spans 360 / 2**zoom


def aggregate_for_map(
    frame: pd.DataFrame,
    *,
    zoom: int | None = None,
    cell_size: float | None = None,
    max_points: int = MAX_POINTS,
    max_cells: int = MAX_CELLS,
) -> MapData:
    """Points when at most ``max_points`` events have coordinates, else grid cells.

    The cell size is ``cell_size`` (degrees) if given, else follows ``zoom``, else
    the zoom that fits the events' bounds; it doubles until at most ``max_cells``
    cells remain, so the map's size is bounded whatever the filter.
    """
    if max_points < 0 or max_cells < 1:
        raise ValueError("max_points must be >= 0 and max_cells >= 1")
    if cell_size is not None and not cell_size > 0:
        raise ValueError(f"cell_size must be positive degrees, not {cell_size!r}")
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype="float64")
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype="float64")
    has = ~(np.isnan(lat) | np.isnan(lon))
    located = int(has.sum())
    unlocated = len(frame) - located
    if located == 0:
        return MapData("points", 0, unlocated, "no event has coordinates", points=frame.iloc[0:0])
    lat, lon = lat[has], lon[has]
    bounds = ((float(lat.min()), float(lon.min())), (float(lat.max()), float(lon.max())))
    if located <= max_points:
        points = frame if located == len(frame) else frame[has]
        return MapData("points", located, unlocated,
                       f"{located:,} located events: at most {max_points:,} are drawn one by one",
                       points=points, bounds=bounds, types=_types_present(points["event_type"]))
    if zoom is None and cell_size is None:
        zoom = zoom_for_bounds(bounds[0][0], bounds[0][1], bounds[1][0], bounds[1][1])
    size = cell_size if cell_size is not None else cell_size_for_zoom(int(zoom))
    codes, names = _type_codes(frame["event_type"], has)
    while True:
        cells = _grid(lat, lon, codes, names, size)
        if len(cells) <= max_cells:
            break
        size *= 2
    why = (f"{located:,} located events > {max_points:,}: {len(cells):,} cells of "
           f"{size:.3g}° (zoom {zoom if zoom is not None else '–'})")
    types = _order_types(cells)
    return MapData("cells", located, unlocated, why, cells=cells, cell_size=size, zoom=zoom,
                   bounds=bounds, types=types)


def _type_codes(types: pd.Series, has: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Integer codes of the event types (categoricals reuse theirs); '' for missing."""
    if isinstance(types.dtype, pd.CategoricalDtype):
        codes = types.cat.codes.to_numpy()[has].astype(np.int64)
        names = [str(c) for c in types.cat.categories]
    else:
        codes, uniques = pd.factorize(types.to_numpy()[has], use_na_sentinel=True)
        codes = codes.astype(np.int64)
        names = [str(u) for u in uniques]
    if (codes < 0).any():
        codes = np.where(codes < 0, len(names), codes)
        names = [*names, ""]
    return codes, names


def _grid(lat: np.ndarray, lon: np.ndarray, codes: np.ndarray, names: list[str],
          size: float) -> tuple[Cell, ...]:
    columns = int(math.ceil(360.0 / size)) + 1
    ix = np.floor((lon + 180.0) / size).astype(np.int64)
    iy = np.floor((lat + 90.0) / size).astype(np.int64)
    cell_of, _ = pd.factorize(iy * columns + ix)
    n_cells, n_types = int(cell_of.max()) + 1, len(names)
    per_type = np.bincount(cell_of * n_types + codes,
                           minlength=n_cells * n_types).reshape(n_cells, n_types)
    totals = per_type.sum(axis=1)
    mean_lat = np.bincount(cell_of, weights=lat, minlength=n_cells) / totals
    mean_lon = np.bincount(cell_of, weights=lon, minlength=n_cells) / totals
    order = np.argsort(-totals, kind="stable")
    cells = []
    for i in order.tolist():
        row = per_type[i]
        present = np.flatnonzero(row)
        ranked = sorted(((names[t], int(row[t])) for t in present.tolist()),
                        key=lambda pair: (-pair[1], pair[0]))
        cells.append(Cell(round(float(mean_lat[i]), 5), round(float(mean_lon[i]), 5),
                          int(totals[i]), ranked[0][0], tuple(ranked)))
    return tuple(cells)


def _types_present(types: pd.Series) -> tuple[str, ...]:
    counts = types.astype(str).value_counts()
    return tuple(str(t) for t, n in counts.items() if n)


def _order_types(cells: tuple[Cell, ...]) -> tuple[str, ...]:
    totals: dict[str, int] = {}
    for cell in cells:
        for name, n in cell.counts:
            totals[name] = totals.get(name, 0) + n
    return tuple(sorted(totals, key=lambda name: (-totals[name], name)))
