import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.map.aggregate import MapData, aggregate_for_map, cell_size_for_zoom, zoom_for_bounds
from geo.map.assets import find_remote_assets
from geo.map.builder import build_aggregate_map, map_payload
from geo.record import FIELDS
from geo.store import normalise_frame


def _frame(n: int, *, seed: int = 1, types=("Battles", "Protests", "Diplomacy")) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n)],
        "event_date": dt.date(2020, 1, 1), "origin": "manual", "date_uncertain": False,
        "event_type": rng.choice(types, n),
        "latitude": rng.uniform(30, 40, n), "longitude": rng.uniform(30, 50, n),
    }).reindex(columns=list(FIELDS))
    return normalise_frame(frame)


def test_few_events_are_sent_as_points():
    frame = _frame(50)
    frame.loc[0, ["latitude", "longitude"]] = np.nan
    data = aggregate_for_map(frame, max_points=100)
    assert data.kind == "points" and data.located == 49 and data.unlocated == 1
    assert len(data.points) == 49 and not data.cells


def test_many_events_become_cells_that_add_up():
    frame = _frame(5000)
    data = aggregate_for_map(frame, max_points=1000, zoom=4)
    assert data.kind == "cells" and data.points is None
    assert data.cell_size == cell_size_for_zoom(4)
    assert sum(c.count for c in data.cells) == 5000
    for cell in data.cells:
        assert sum(n for _, n in cell.counts) == cell.count
        assert cell.dominant_type == cell.counts[0][0]
        assert 30 <= cell.latitude <= 40 and 30 <= cell.longitude <= 50
    assert [c.count for c in data.cells] == sorted((c.count for c in data.cells), reverse=True)
    assert "5,000 located events > 1,000" in data.reason


def test_cells_are_the_same_for_categorical_and_plain_text():
    frame = _frame(3000)
    plain = aggregate_for_map(frame, max_points=10, cell_size=1.0)
    frame["event_type"] = frame["event_type"].astype("category")
    assert aggregate_for_map(frame, max_points=10, cell_size=1.0).cells == plain.cells


def test_cell_count_is_capped_by_coarser_cells():
    data = aggregate_for_map(_frame(5000), max_points=10, cell_size=0.01, max_cells=50)
    assert len(data.cells) <= 50 and data.cell_size > 0.01


def test_zoom_follows_the_extent_and_cells_halve_per_zoom():
    assert zoom_for_bounds(-50, -170, 70, 170) == 2
    assert zoom_for_bounds(35, 36, 36, 37) > 8
    assert cell_size_for_zoom(5) == pytest.approx(cell_size_for_zoom(4) / 2)


def test_an_empty_or_unlocated_frame_is_points_of_nothing():
    frame = _frame(3)
    frame[["latitude", "longitude"]] = np.nan
    data = aggregate_for_map(frame)
    assert data.kind == "points" and data.located == 0 and data.unlocated == 3


def test_misuse_fails_early():
    with pytest.raises(ValueError):
        aggregate_for_map(_frame(3), cell_size=0)


def test_cells_render_as_one_compact_escaped_layer():
    frame = _frame(4000, types=("Battles", "<img src=x onerror=alert(1)>"))
    data = aggregate_for_map(frame, max_points=100, cell_size=0.5)
    html = map_payload(build_aggregate_map(data))
    assert "window.cmRingIcon(parts, c[3])" in html and "onerror=alert(1)>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("\\u0026", "&")
    assert not find_remote_assets(html)
    assert len(html) < 3_000_000


def test_points_render_through_the_map_builder():
    data = aggregate_for_map(_frame(20))
    m = build_aggregate_map(data)
    layers = [c for c in m._children.values() if type(c).__name__ == "EventMarkers"]
    assert len(layers) == 1 and len(layers[0].rows) == 20  # one marker per event
    assert "L.circleMarker" in map_payload(m)


def test_map_data_is_frozen():
    data = aggregate_for_map(_frame(5))
    assert isinstance(data, MapData)
    with pytest.raises(AttributeError):
        data.kind = "cells"  # type: ignore[misc]
