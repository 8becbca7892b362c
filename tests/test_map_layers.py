"""The map's layers and the click selection: choropleth classes, grid aggregation,
heat map, layer control, reading the clicked event back, Markdown escaping."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from geo.map.aggregate import aggregate_for_map
from geo.map.builder import build_map, selection_layer, tooltip_html
from geo.map.choropleth import PALETTE, CountryChoropleth, count_classes, country_colours, \
    alpha3_counts
from geo.record import FIELDS
from geo.selection import Click, detail_rows, event_id_from_text, markdown_text, \
    selected_event_id, source_link


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(FIELDS))


def event(n: int, **fields) -> dict:
    row = dict(event_id=f"e{n}", event_type="Battles", latitude=30.0 + n, longitude=40.0 + n,
               location=f"Place {n}", geo_precision=1, country_code="SYR", country="Syria")
    row.update(fields)
    return row


def render(m) -> str:
    return " ".join(m.get_root().render().split())


# -- choropleth -------------------------------------------------------------------

def test_count_classes_cover_one_to_the_largest_count() -> None:
    classes = count_classes({"SYR": 1000, "TUR": 3, "IRN": 1})
    assert classes[0].low == 1 and classes[-1].high == 1000
    assert [c.colour for c in classes] == list(PALETTE)
    assert all(a.high + 1 == b.low for a, b in zip(classes, classes[1:]))
    small = count_classes({"SYR": 2})
    assert [(c.low, c.high) for c in small] == [(1, 1), (2, 2)]
    assert small[-1].colour == PALETTE[-1]  # the largest count is always the darkest
    assert count_classes({}) == ()


def test_country_colours_need_alpha3_codes() -> None:
    assert country_colours({"SYR": 3, "TUR": 0}) == {"SYR": (3, PALETTE[-1])}
    with pytest.raises(ValueError, match="alpha-3"):
        country_colours({"Syria": 3})
    with pytest.raises(ValueError, match="negative"):
        country_colours({"SYR": -1})


def test_country_counts_fold_case_and_leave_out_what_is_not_alpha3() -> None:
    codes = pd.Series(["SYR", "syr", " TUR", None, "", "Syria", "XK", "SYR"],
                      dtype="string[pyarrow]")
    assert alpha3_counts(pd.DataFrame({"country_code": codes})) == {"SYR": 3, "TUR": 1}
    as_category = pd.DataFrame({"country_code": codes.astype("category")})
    assert alpha3_counts(as_category) == {"SYR": 3, "TUR": 1}
    assert alpha3_counts(pd.DataFrame({"location": ["x"]})) == {}


def test_map_has_choropleth_heat_and_layer_control() -> None:
    rows = [event(1), event(2, country_code="TUR"), event(3, country_code="")]
    html = render(build_map(frame(rows)))
    values = re.search(r"var country_choropleth_\w+_values = (\{.*?\});", html).group(1)
    assert json.loads(values) == {"SYR": [1, PALETTE[-1]], "TUR": [1, PALETTE[-1]]}
    assert "window.cmCountries" in html and "countries-50m.geojson" in html
    assert "L.heatLayer(" in html
    control = re.search(r"overlays : \{(.*?)\}", html).group(1)
    for name in ("Events per country", "Heat map", "Events"):
        assert f'"{name}"' in control
    # the overlays start hidden: only the events are shown at first
    assert html.count(".addTo(map_") >= 1


def test_choropleth_alone_is_not_sent_the_shapes() -> None:
    layer = CountryChoropleth({"SYR": 2})
    assert "countries-50m" in layer.url
    assert not hasattr(layer, "geojson_text")


# -- aggregation ------------------------------------------------------------------

def test_map_draws_cells_instead_of_points() -> None:
    rows = [event(i, latitude=35.0 + i * 0.001, longitude=36.0) for i in range(50)]
    cells = aggregate_for_map(frame(rows), max_points=5, cell_size=1.0)
    assert cells.kind == "cells" and sum(c.count for c in cells.cells) == 50
    html = render(build_map(frame(rows), cells=cells))
    # one cell: centroid, radius, count, dominant type, counts per type
    assert "[[35.0245, 36.0, 22.0, 50, 0, [[0, 50]]]]" in html
    assert "event_markers" not in html  # no single markers sent


# -- selection --------------------------------------------------------------------

def test_click_selects_by_the_id_in_the_tooltip_or_popup() -> None:
    events = frame([event(1), event(2, latitude=31.0, longitude=41.0)])  # e1 and e2 coincide
    tip = Click.from_st_folium({"last_object_clicked": {"lat": 31.0, "lng": 41.0},
                                "last_object_clicked_tooltip": "Place 2 — Battles Event id: e2",
                                "last_object_clicked_count": 3})
    assert tip.count == 3 and selected_event_id(events, tip) == "e2"
    pop = Click(31.0, 41.0, popup="Date\tunknown\nEvent id: e1")
    assert selected_event_id(events, pop) == "e1"
    by_place = Click(31.0, 41.0)
    assert selected_event_id(events, by_place) == "e1"
    assert selected_event_id(events, Click(0.0, 0.0)) is None
    assert selected_event_id(events, Click(31.0, 41.0, tooltip="Event id: gone")) == "e1"
    assert Click.from_st_folium(None) is None
    assert Click.from_st_folium({"last_object_clicked": None}) is None


def test_tooltip_id_survives_the_round_trip() -> None:
    html = tooltip_html(event(1, event_id="ucdp:42"))
    text = re.sub(r"<[^>]+>", "", html)  # what the browser's textContent gives back
    assert event_id_from_text(text) == "ucdp:42"


def test_details_and_markdown_escape() -> None:
    evil = "<script>alert(1)</script> **bold** [x](javascript:alert(3)) $x$ :smile:"
    safe = markdown_text(evil)
    assert "<" not in safe.replace("\\<", "") and "](" not in safe
    assert safe.startswith("\\<script\\>")
    rows = dict(detail_rows(event(1, actor1="A", actor2="B", fatalities=2, origin="article")))
    assert rows["Actors"] == "A; B" and rows["Fatalities"] == "2"
    assert rows["Place"].startswith("Place 1")
    assert source_link({"source_url": "javascript:alert(1)"}) is None
    assert source_link({"source_url": " https://example.org/a "}) == "https://example.org/a"


def test_selection_layer_rings_the_event() -> None:
    group = selection_layer(event(1))
    assert len(group._children) == 1
    assert len(selection_layer(None)._children) == 0


def test_choropleth_palette_uses_no_event_type_hue():
    import colorsys

    from geo.taxonomy import TYPE_NAMES, colour_for

    def hue_sat(colour: str) -> tuple[float, float]:
        r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        h, _, s = colorsys.rgb_to_hls(r, g, b)
        return h * 360, s

    event_hues = [hue_sat(colour_for(name))[0] for name in TYPE_NAMES]
    for colour in PALETTE[2:]:  # the saturated classes, where a hue is read
        hue, _ = hue_sat(colour)
        nearest = min(min(abs(hue - e), 360 - abs(hue - e)) for e in event_hues)
        assert nearest >= 20, (colour, nearest)  # YlOrRd had 1° (orange) and 8° (red)
    assert not set(PALETTE) & {colour_for(name) for name in TYPE_NAMES}


def test_cells_are_regrouped_on_the_dashboard_and_kept_as_they_are_on_a_briefing() -> None:
    from geo.map.aggregate_layer import zoom_cells_apart

    # 2.8125° cells are 32 px apart at zoom 4 and 64 px at zoom 5
    assert zoom_cells_apart(2.8125, 60) == 5 and zoom_cells_apart(2.8125, 30) == 4
    rows = [event(i % 40, event_id=f"r{i}") for i in range(1200)]
    cells = aggregate_for_map(frame(rows))
    assert cells.kind == "cells"
    dashboard = render(build_map(frame(rows), cells=cells))
    still = render(build_map(frame(rows), cells=cells, lean=True))
    assert "L.markerClusterGroup" in dashboard and "disableClusteringAtZoom" in dashboard
    assert "L.markerClusterGroup" not in still
