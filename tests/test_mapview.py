"""The map builder: render to HTML and read the whitespace-normalised page."""

from __future__ import annotations

import json
import re

import folium
import folium.folium
import pandas as pd
import pytest

from geo.map import builder as mapview
from geo.map.assets import find_remote_assets
from geo.map.builder import build_map, popup_html, text
from geo.record import FIELDS
from geo.taxonomy import TYPE_NAMES, colour_for

EVIL = "<script>alert(1)</script>"


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(FIELDS))


def event(n: int, **fields) -> dict:
    row = dict(event_id=f"e{n}", event_type="Battles", latitude=30.0 + n, longitude=40.0 + n,
               location=f"Place {n}", geo_precision=1, event_date="2020-02-29",
               date_precision="day", source="Wire", source_url="https://example.org/a")
    row.update(fields)
    return row


def render(m: folium.Map) -> str:
    return " ".join(m.get_root().render().split())


_ROWS = re.compile(r"var colours = (\[.*?\]); var rows = (\[.*?\]); var layer")


def markers(html: str) -> dict[tuple[float, float], dict]:
    """The event markers of a rendered map (geo.map.event_layer rows, JSON-decoded)."""
    found = _ROWS.search(html)
    if not found:
        return {}
    colours, rows = json.loads(found.group(1)), json.loads(found.group(2))
    return {(r[0], r[1]): {"color": colours[r[2]], "fillColor": colours[r[2]], "radius": r[3],
                           "exact": bool(r[4]), "tooltip": r[5], "popup": r[6]} for r in rows}


def marker_html(html: str) -> str:
    """Every marker's tooltip and popup HTML, as the browser receives it."""
    return " ".join(m["tooltip"] + " " + m["popup"] for m in markers(html).values())


def test_every_marker_has_its_type_colour() -> None:
    rows = [event(i, event_type=name) for i, name in enumerate(TYPE_NAMES)]
    rows.append(event(len(rows), event_type="Something else"))
    html = render(build_map(frame(rows)))
    found = markers(html)
    assert len(found) == len(rows)
    for row in rows:
        options = found[(row["latitude"], row["longitude"])]
        assert options["color"] == options["fillColor"] == colour_for(row["event_type"])


def test_rows_without_coordinates_are_skipped() -> None:
    rows = [event(1), event(2, latitude=None, longitude=None), event(3, latitude=float("nan"))]
    assert len(markers(render(build_map(frame(rows))))) == 1


def test_popup_evidence_and_fields_are_escaped() -> None:
    row = event(1, evidence=f"{EVIL} ${{alert(2)}} C:\\new `tick`",
                actor1="<b>Actor</b>", location="<img src=x onerror=alert(3)>")
    page = render(build_map(frame([row])))
    assert EVIL not in page and "<img src=x" not in page
    html = marker_html(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert EVIL not in html
    assert "${alert(2)}" not in html and "&#36;{alert(2)}" in html  # no template-literal escape
    assert "C:&#92;new" in html and "&#96;tick&#96;" in html
    assert "&lt;b&gt;Actor&lt;/b&gt;" in html
    assert "<img src=x" not in html


def test_source_link_only_when_http() -> None:
    ok = popup_html(event(1, source_url="https://example.org/a?b=1&c=2"))
    assert 'href="https://example.org/a?b=1&amp;c=2"' in ok
    bad = popup_html(event(1, source_url="javascript:alert(1)", source="Wire"))
    assert "href" not in bad and "javascript" not in bad and "Source: Wire" in bad


def test_popup_lists_date_type_actors_place_fatalities() -> None:
    html = popup_html(event(1, sub_event_type="Armed clash", actor1="A", actor2="B",
                            admin1="Idlib", country="Syria", fatalities=4.0,
                            date_text="on Saturday"))
    for part in ("2020-02-29 (day, &ldquo;on Saturday&rdquo;)", "Battles &ndash; Armed clash",
                 "A; B", "Place 1, Idlib, Syria (settlement or point)", "<td>4</td>"):
        assert part in html
    assert "not stated" in popup_html(event(1, fatalities=None))


def test_tooltip_names_location_and_type() -> None:
    html = marker_html(render(build_map(frame([event(1, location="Idlib <x>")]))))
    assert "Idlib &lt;x&gt; &mdash; Battles" in html
    assert 'hidden> Event id: e1</span>' in html  # read back by geo.selection


@pytest.mark.parametrize("mode", ["served", "inline"])
def test_no_remote_assets_in_either_mode(mode: str) -> None:
    html = build_map(frame([event(1), event(2, event_type="Diplomacy")]),
                     assets=mode).get_root().render()
    assert find_remote_assets(html) == []


@pytest.mark.parametrize("mode", ["served", "inline"])
def test_large_results_lose_popups_but_stay_clustered(mode: str, monkeypatch) -> None:
    monkeypatch.setattr(mapview, "MAX_INDIVIDUAL_MARKERS", 3)
    html = render(build_map(frame([event(i) for i in range(5)]), assets=mode, tiles=False,
                            cluster=False))
    assert find_remote_assets(html) == []
    assert "L.markerClusterGroup" in html
    found = markers(html)
    assert len(found) == 5 and all(m["popup"] == "" for m in found.values())
    assert all("Event id: e" in m["tooltip"] for m in found.values())


def test_served_mode_links_static_base_and_fetches_outlines() -> None:
    html = render(build_map(frame([event(1)]), static_base="/x/static"))
    assert '<script src="/x/static/leaflet/leaflet.js"></script>' in html
    assert '<script src="/x/static/jquery/jquery.min.js"></script>' in html
    assert 'fetch("/x/static/countries-50m.geojson")' in html
    assert len(html) < 100_000  # the outlines are not embedded


def test_inline_mode_embeds_outlines_and_default_icon() -> None:
    html = build_map(frame([event(1)]), assets="inline").get_root().render()
    assert '"name":"Crimea"' in html and "fetch(" not in html.split("cmcountries")[1][:3000]
    assert "L.Icon.Default.mergeOptions({iconUrl: \"data:image/png;base64," in html
    assert "<script src=" not in html and '<link rel="stylesheet"' not in html


def test_legend_lists_the_types_present() -> None:
    html = render(build_map(frame([event(1), event(2, event_type="Diplomacy")])))
    legend = html.split('\\u003cdiv class=\\"cm-legend-title\\"')[1].split("addTo")[0]
    assert "Battles" in legend and "Diplomacy" in legend and "Riots" not in legend
    assert colour_for("Diplomacy") in legend and "fa-handshake" in legend


def test_legend_lists_every_type_when_no_event_is_located() -> None:
    html = render(build_map(frame([])))
    for name in TYPE_NAMES:
        assert json.dumps(name)[1:-1] in html


def test_attribution_names_sources_and_escapes_extra_credits() -> None:
    html = render(build_map(frame([event(1)]), credits=["UCDP <GED>"]))
    assert "GeoNames (CC BY 4.0)" in html and "Natural Earth" in html and "Crimea" in html
    assert "OpenStreetMap" in html
    assert "UCDP \\u0026lt;GED\\u0026gt;" in html
    assert "OpenStreetMap" not in render(build_map(frame([event(1)]), tiles=False))


def test_zoom_limits_fit_and_title() -> None:
    m = build_map(frame([event(1), event(5)]), tiles=False, title="A <b>title</b>")
    html = render(m)
    assert '"maxZoom": 18' in html and '"minZoom": 2' in html
    assert "L.tileLayer" not in html
    assert "fitBounds( [[31.0, 41.0], [35.0, 45.0]]" in html
    assert "A \\u003cb\\u003etitle" in html and "textContent" in html


def test_no_fit_without_events_or_when_asked() -> None:
    assert "fitBounds" not in render(build_map(frame([])))
    assert "fitBounds" not in render(build_map(frame([event(1)]), fit=False))


def test_maps_do_not_leak_asset_links_into_folium() -> None:
    cdn_js = list(folium.folium._default_js)
    build_map(frame([event(1)]), assets="served")
    build_map(frame([event(1)]), assets="inline")
    assert folium.Map.default_js == cdn_js
    plain = folium.Map(tiles=None).get_root().render()
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in plain


def test_bad_arguments_fail_early() -> None:
    with pytest.raises(ValueError):
        build_map(frame([]), assets="cdn")
    with pytest.raises(TypeError):
        build_map([event(1)])


def test_text_helper() -> None:
    assert text(None) == "" and text(float("nan")) == ""
    assert text("a<b>&`$\\") == "a&lt;b&gt;&amp;&#96;&#36;&#92;"


# -- the served page's first script and what it leaves out ------------------------

def test_served_page_starts_the_big_downloads_in_its_first_script():
    import urllib.parse

    m = build_map(frame([]))
    name, url = m.default_js[0]
    assert name == "cm_prefetch" and url.startswith("data:text/javascript")
    code = urllib.parse.unquote(url.split(",", 1)[1])
    assert ('window.cmCountriesLight=window.cmCountriesLight||'
            'fetch("/app/static/countries-50m-light.geojson")') in code
    assert "countries-50m.geojson" not in code  # the full outlines wait for a closer zoom
    assert 'fetch("/app/static/place-names.json")' in code
    # the layers use those promises before fetching themselves
    html = mapview.map_payload(m)
    assert "window.cmPlaceNames || fetch(" in html
    assert "cmPlaceNames" not in urllib.parse.unquote(
        build_map(frame([]), names=False).default_js[0][1])


def test_standalone_page_has_no_prefetch_and_no_unused_assets():
    m = build_map(frame([]), assets="inline")
    html = mapview.map_payload(m)
    assert "cm_prefetch" not in html and "cmPlaceNames=" not in html
    served = build_map(frame([]))
    names = {n for n, _ in served.default_js + served.default_css}
    assert not names & mapview.UNUSED_ASSETS
    assert {"leaflet", "jquery", "awesome_markers_font_css"} <= names  # still needed


def test_prefetch_refuses_unknown_globals():
    from geo.map.assets import prefetch_script

    with pytest.raises(ValueError, match="no prefetch"):
        prefetch_script({"somethingElse": "/x.json"})
