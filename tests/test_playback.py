"""Playback steps (geo/playback.py), the step layer, permalinks (geo/permalink.py)."""

import datetime as dt

import folium
import pandas as pd
import pytest

from geo.errors import FilterError
from geo.map.permalink_layer import linked_event_layer
from geo.map.playback_layer import playback_group
from geo.map.popups import popup_html
from geo.permalink import event_id_from_params, event_link, view_for
from geo.playback import Playback, PlaybackOptions, step_count, step_for
from geo.store import normalise_frame

FIRST = dt.date(2024, 1, 1)


def events(days: list[int], *, lat=35.0) -> pd.DataFrame:
    rows = [dict(event_id=f"e{i}", event_date=FIRST + dt.timedelta(days=d), event_type="Battles",
                 latitude=lat + i * 0.01, longitude=36.0, location=f"Place <{i}>")
            for i, d in enumerate(days)]
    rows.append(dict(event_id="undated", event_date=None, event_type="Battles", latitude=1.0,
                     longitude=1.0))
    rows.append(dict(event_id="nowhere", event_date=FIRST, event_type="Battles"))
    return normalise_frame(pd.DataFrame(rows))


def test_steps_by_week_and_day():
    week = PlaybackOptions("week", "cumulative")
    assert step_count(FIRST, FIRST + dt.timedelta(days=13), "week") == 2
    assert step_count(FIRST, FIRST + dt.timedelta(days=14), "week") == 3
    assert step_count(FIRST, FIRST, "day") == 1
    second = step_for(1, FIRST, FIRST + dt.timedelta(days=20), week)
    assert (second.start, second.period_start, second.end) == (
        FIRST, dt.date(2024, 1, 8), dt.date(2024, 1, 14))
    assert second.label == "2024-01-01 – 2024-01-14"
    window = PlaybackOptions("day", "window", window=3)
    step = step_for(10, FIRST, FIRST + dt.timedelta(days=30), window)
    assert (step.start, step.end) == (dt.date(2024, 1, 9), dt.date(2024, 1, 11))
    assert step_for(0, FIRST, FIRST, PlaybackOptions("day")).label == "2024-01-01"
    assert step_for(99, FIRST, FIRST + dt.timedelta(days=6), window).index == 6  # clamped
    with pytest.raises(FilterError):
        PlaybackOptions("month")
    with pytest.raises(FilterError):
        PlaybackOptions(window=0)


def test_playback_counts_cumulative_and_window():
    pb = Playback(events([0, 0, 3, 8, 9, 20]))
    assert len(pb) == 6 and (pb.first, pb.last) == (FIRST, dt.date(2024, 1, 21))
    week = PlaybackOptions("week", "cumulative")
    assert pb.steps(week) == 3
    assert [(s.events, s.new) for s in (pb.step(i, week) for i in range(3))] == \
        [(3, 3), (5, 2), (6, 1)]
    day = PlaybackOptions("day", "window", window=2)
    assert pb.steps(day) == 21
    step = pb.step(9, day)  # 9 and 10 January
    assert (step.events, step.new) == (2, 1)
    assert set(step.data.points["event_id"]) == {"e3", "e4"}
    assert pb.step(5, day).events == 0
    assert Playback(events([]).iloc[0:0]).step(0, day) is None


def test_playback_cells_keep_one_size():
    frame = events(list(range(0, 60)) * 30)  # 1,800 events: more than the map's points
    pb = Playback(frame, max_points=100)
    week = PlaybackOptions("week")
    sizes = {pb.step(i, week).data.cell_size for i in range(pb.steps(week))
             if pb.step(i, week).data.kind == "cells"}
    assert len(sizes) == 1 and sizes == {pb.cell_size}


def test_step_layer_escapes_and_names_the_step():
    pb = Playback(events([0, 1]))
    step = pb.step(0, PlaybackOptions("week"))
    group = playback_group(step.data, label=step.step.label, note="2 events", index=0)
    m = folium.Map()
    group.add_to(m)
    js = m.get_root().render()
    assert '"2024-01-01 – 2024-01-07"' in js or "2024-01-01 \\u2013 2024-01-07" in js
    assert "Place \\u0026lt;0\\u0026gt;" in js and "Place <0>" not in js  # (tojson: & as \u0026)
    assert "Event id: e1" in js  # a click on a step's marker selects its event
    assert "cm-playback-marker" in js
    assert playback_group(None)._children == {}


def test_permalink_helpers():
    assert event_link("http://h:8501/?country=SYR#x", "ucdp:12 3") == \
        "http://h:8501/?event=ucdp%3A12+3"
    assert event_link("", "e1") == "/?event=e1"
    assert event_id_from_params({"event": ["a", "b"]}) == "b"
    assert event_id_from_params({"event": "  "}) is None
    assert event_id_from_params({}) is None
    assert view_for({"latitude": 1.5, "longitude": 2.0, "geo_precision": 2}).zoom == 8
    assert view_for({"latitude": 1.5, "longitude": 2.0, "geo_precision": None}).zoom == 11
    assert view_for({"latitude": None, "longitude": 2.0}) is None


def test_popup_copy_link_and_linked_layer():
    event = dict(event_id='x"><script>', event_type="Battles", latitude=1.0, longitude=2.0,
                 geo_precision=1)
    html = popup_html(event)
    assert 'class="cm-copy-link" data-event-id="x&quot;&gt;&lt;script&gt;"' in html
    assert html.index("Copy link") < html.index("Event id:")  # the id stays the last line
    m = folium.Map()
    linked_event_layer(event, zoom=8).add_to(m)
    js = m.get_root().render()
    assert "openPopup" in js and "[1.0, 2.0], 8" in js
    assert linked_event_layer(dict(event, latitude=None))._children == {}
