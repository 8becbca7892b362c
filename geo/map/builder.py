"""Build the event map: a folium Map that renders with no internet.

``build_map(events)`` takes a DataFrame with the columns of
:data:`geo.record.FIELDS` and returns a :class:`folium.Map` with

- the offline country outlines underneath (:class:`geo.map.basemap.CountryOutlines`),
  your own tiles served from this machine as the first base layer when given
  (``local_tiles``: :mod:`geo.map.tile_server`), OpenStreetMap tiles as an optional
  base layer that may fail harmlessly;
- one circle marker per located event, coloured by its type
  (:func:`geo.taxonomy.colour_for`), with an escaped popup (which names the
  event's id, so a click can select it) and tooltip, in a marker cluster
  (:class:`geo.map.event_layer.EventMarkers`: rows as JSON, not one folium element
  per marker) — above :data:`MAX_INDIVIDUAL_MARKERS` without popups;
  or, when the server aggregated the events (:mod:`geo.map.aggregate`, drawn by
  :mod:`geo.map.aggregate_layer`), one
  circle per grid cell;
- overlays in a layer control: a heat map and a choropleth of event counts per
  country (:class:`geo.map.choropleth.CountryChoropleth`), both off at first;
- a legend of the event types present, credits, a scale;
- every asset pointed at ``static/`` (``assets="served"``) or inlined
  (``assets="inline"``, for a standalone HTML export): see :mod:`geo.map.assets`.

The escaped popup and tooltip texts are :mod:`geo.map.popups`'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import html
import re

import folium
import pandas as pd
from folium.plugins import HeatMap

from geo.map import assets as _assets
from geo.map.aggregate import MapData
from geo.map.aggregate_layer import AggregateCells
from geo.map.basemap import CRIMEA, GEONAMES, NATURAL_EARTH, Attribution, CountryOutlines, Credit
from geo.map.choropleth import CountryChoropleth, alpha3_counts
from geo.map.event_layer import EventMarkers, MarkerRow
from geo.map.legend import Legend, MapTitle
from geo.map.permalink_layer import CopyLink
from geo.map.name_layer import PlaceNameLayer
from geo.map.place_names import FILE_NAME as PLACE_NAMES_FILE
from geo.map.ring_icon import marker_radius
from geo.map.tile_server import LocalTiles
from geo.map.vector_tiles import VectorTiles
from geo.map.popups import EVENT_ID_LABEL, _blank, popup_html, text, tooltip_html, tooltip_text
from geo.record import FIELDS
from geo.taxonomy import colour_for

__all__ = ["EVENT_ID_LABEL", "build_aggregate_map", "build_map", "located", "map_payload",
           "marker_rows", "popup_html", "selection_layer", "text", "tooltip_html", "tooltip_text"]

MAX_INDIVIDUAL_MARKERS = 2000  # with popups (~0.8 kB each); beyond: tooltips only
CLUSTER_ABOVE = 100  # a handful of markers stay visible one by one
STACK_RADIUS = 1  # px: below CLUSTER_ABOVE only events at one point group
MIN_ZOOM = 2
MAX_ZOOM = 18
FIT_MAX_ZOOM = 9
WORLD_CENTRE = (20.0, 10.0)
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
POPUP_MAX_WIDTH = 340
POPUP_CSS = """<style>
    .cm-popup { font: 13px/1.4 "Helvetica Neue", Arial, sans-serif; }
    .cm-popup table { border-collapse: collapse; margin-bottom: 4px; }
    .cm-popup th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0; color: #555;
        font-weight: 600; white-space: nowrap; }
    .cm-popup td { padding: 1px 0; }
    .cm-popup blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ccc;
        font-style: italic; }
    .cm-popup .cm-event-id { color: #888; font-size: 11px; margin-top: 3px; }
    .leaflet-control-layers { font: 12px/1.5 "Helvetica Neue", Arial, sans-serif; }
    /* long credits wrap on the right instead of covering the scale bar on the left */
    .leaflet-control-attribution { max-width: 60%; font-size: 11px; line-height: 1.35; }
</style>"""
#: folium's default assets a standalone page can do without (about 2 MB inlined)
LEAN_DROPS = frozenset({"jquery", "bootstrap", "awesome_markers", "bootstrap_css",
                        "glyphicons_css", "awesome_markers_font_css", "awesome_markers_css",
                        "awesome_rotate_css"})
#: folium's default assets no map of ours uses (Bootstrap, glyphicons, awesome-markers;
#: the legend's icons are Font Awesome's, and streamlit-folium needs jQuery): left out
#: of every page, one script load fewer each before the map can draw
UNUSED_ASSETS = frozenset({"bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
                           "awesome_markers_css", "awesome_rotate_css"})
HEAT_OPTIONS = dict(radius=18, blur=15, min_opacity=0.3)


def tile_credit(raw: str) -> str:
    """A tile file's attribution as plain text: the file's markup is dropped (the
    file comes from elsewhere), its words kept."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", raw or "")).split())


def tile_attribution(raw: str) -> str:
    """A tile file's attribution as safe text for Leaflet's control (escaped)."""
    return html.escape(tile_credit(raw), quote=False)


def _radius(fatalities: Any) -> float:
    if _blank(fatalities):
        return marker_radius(None)
    try:
        return marker_radius(float(fatalities))
    except (TypeError, ValueError):
        return marker_radius(None)


def located(events: pd.DataFrame) -> pd.DataFrame:
    """The rows that have coordinates."""
    if events.empty or "latitude" not in events or "longitude" not in events:
        return events.iloc[0:0]
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    lon = pd.to_numeric(events["longitude"], errors="coerce")
    return events[lat.notna() & lon.notna()]


# -- the map -------------------------------------------------------------------

def marker_rows(rows: pd.DataFrame, *, popups: bool = True) -> list[MarkerRow]:
    """One :class:`MarkerRow` per located event: type colour, radius by fatalities,
    faint when the place is only a region or country, escaped tooltip and popup."""
    out = []
    for event in rows.to_dict("records"):
        exact = _blank(event.get("geo_precision")) or int(event["geo_precision"]) == 1
        out.append(MarkerRow(
            lat=float(event["latitude"]), lon=float(event["longitude"]),
            colour=colour_for(str(event.get("event_type") or "")),
            radius=_radius(event.get("fatalities")), exact=exact,
            tooltip=tooltip_html(event), popup=popup_html(event) if popups else "",
        ))
    return out


def _heat_points(rows: pd.DataFrame, cells: MapData | None) -> list[list[float]]:
    """[lat, lon, weight] with weights in 0..1 (folium #1505: normalise them)."""
    if cells is not None:
        top = float(max((c.count for c in cells.cells), default=1))
        return [[c.latitude, c.longitude, round(c.count / top, 4)] for c in cells.cells]
    return [[float(a), float(b), 1.0] for a, b in
            zip(pd.to_numeric(rows["latitude"]), pd.to_numeric(rows["longitude"]))]


def selection_layer(event: dict[str, Any] | None) -> folium.FeatureGroup:
    """A ring around the selected event, for ``st_folium(feature_group_to_add=...)``:
    streamlit-folium swaps it in the live map without re-rendering (no view jump)."""
    group = folium.FeatureGroup(name="Selected event", control=False)
    if event and not _blank(event.get("latitude")) and not _blank(event.get("longitude")):
        folium.CircleMarker(
            location=(float(event["latitude"]), float(event["longitude"])),
            radius=16, color="#000000", weight=3, fill=False, dash_array="4 3",
            interactive=False, class_name="cm-selected",
        ).add_to(group)
    return group


def names_bounds(rows: pd.DataFrame, cells: MapData | None, *, margin: float = 1.0
                 ) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) around the events, ``margin`` times their extent
    (at least 4 degrees) on every side: what an inline page embeds of the names."""
    if cells is not None and cells.bounds:
        (south, west), (north, east) = cells.bounds
    elif len(rows):
        lat, lon = pd.to_numeric(rows["latitude"]), pd.to_numeric(rows["longitude"])
        south, west, north, east = (float(lat.min()), float(lon.min()),
                                    float(lat.max()), float(lon.max()))
    else:
        return None
    dlat = max(4.0, (north - south) * margin)
    dlon = max(4.0, (east - west) * margin)
    return (max(-90.0, south - dlat), max(-180.0, west - dlon),
            min(90.0, north + dlat), min(180.0, east + dlon))


def _types_present(rows: pd.DataFrame) -> list[str]:
    if "event_type" not in rows:
        return []
    return [str(t) for t in rows["event_type"].dropna().unique()]


def build_map(
    events: pd.DataFrame,
    *,
    assets: _assets.AssetMode = "served",
    static_base: str = _assets.DEFAULT_STATIC_BASE,
    tiles: bool = True,
    fit: bool = True,
    title: str | None = None,
    credits: Sequence[Credit | str] = (),
    legend_types: Iterable[str] | None = None,
    cells: MapData | None = None,
    cluster: bool = True,
    heat: bool = True,
    choropleth: bool = True,
    names: bool = True,
    lean: bool = False,
    local_tiles: LocalTiles | None = None,
    rendered_here: bool = False,
) -> folium.Map:
    """A folium Map of ``events`` (rows without latitude are skipped).

    ``assets``: ``"served"`` links ``{static_base}/...`` (the Streamlit page),
    ``"inline"`` embeds everything (a standalone HTML export).
    ``credits``: extra attribution (e.g. ``"UCDP GED"``), escaped.
    ``legend_types``: types to list (default: those present; all when there are none).
    ``cells``: the events aggregated on the server (:func:`geo.map.aggregate.aggregate_for_map`,
    a :class:`~geo.map.aggregate.MapData` of kind "cells"): drawn instead of one marker per
    event; the heat map follows them too.
    ``cluster``: cluster the markers when there are more than :data:`CLUSTER_ABOVE`
    (always above :data:`MAX_INDIVIDUAL_MARKERS`); ``heat``/``choropleth``: add
    those overlays (off until chosen in the layer control).
    ``names``: the base map's place names (:mod:`geo.map.name_layer`).
    ``lean``: leave out folium's page furniture the map itself does not use
    (jQuery, Bootstrap, glyphicons, awesome-markers: :data:`LEAN_DROPS`) — for a
    standalone page; streamlit-folium needs jQuery, so the dashboard keeps them.
    ``local_tiles``: your own tiles served at 127.0.0.1 (:func:`geo.map.tile_server.
    configured_tiles`), the default base layer, the names still on top; ignored for
    ``assets="inline"`` (a standalone page cannot reach this machine's server later)
    unless ``rendered_here``: the page is drawn now by this machine's browser (a
    briefing's PNG or PDF), so it can.
    """
    mode = assets
    if mode not in _assets.MODES:
        raise ValueError(f"assets must be one of {_assets.MODES}, not {mode!r}")
    if not isinstance(events, pd.DataFrame):
        raise TypeError("events must be a pandas DataFrame with geo.record.FIELDS columns")
    extra = [c if isinstance(c, Credit) else Credit(str(c)) for c in credits]
    rows = located(events)

    m = folium.Map(
        location=WORLD_CENTRE, zoom_start=MIN_ZOOM, tiles=None, control_scale=True,
        minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM, worldCopyJump=True,
    )
    m.get_root().header.add_child(folium.Element(POPUP_CSS), name="cm_popup_css")
    CountryOutlines(mode=mode, static_base=static_base).add_to(m)
    if names:
        PlaceNameLayer(mode=mode, static_base=static_base,
                       bounds=names_bounds(rows, cells)).add_to(m)
    own = local_tiles if mode == "served" or rendered_here else None
    if own is not None and own.info.kind == "vector":
        info = own.info
        VectorTiles(own.url, info, name=info.label,
                    attribution=tile_attribution(info.attribution) or html.escape(info.name),
                    min_zoom=max(MIN_ZOOM, info.min_zoom), max_zoom=MAX_ZOOM, mode=mode,
                    static_base=static_base).add_to(m)
    elif own is not None:
        info = own.info
        folium.TileLayer(
            own.url, attr=tile_attribution(info.attribution) or html.escape(info.name),
            name=info.label, min_zoom=max(MIN_ZOOM, info.min_zoom), max_zoom=MAX_ZOOM,
            max_native_zoom=info.max_zoom, overlay=False, control=True,
            class_name="cm-local-tiles", **({"bounds": [[info.bounds[1], info.bounds[0]],
                                                     [info.bounds[3], info.bounds[2]]]}
                                          if info.bounds else {}),
        ).add_to(m)
    if tiles:
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)",
            max_zoom=MAX_ZOOM, overlay=False, control=True, show=own is None,
        ).add_to(m)
    if tiles or own is not None:
        folium.FeatureGroup(name="Country outlines only (offline)", overlay=False,
                            control=True, show=False).add_to(m)

    if choropleth:
        CountryChoropleth(alpha3_counts(events), static_base=static_base,
                          mode=mode).add_to(m)
    if heat and (len(rows) or cells is not None):
        HeatMap(_heat_points(rows, cells), name="Heat map", show=False,
                **HEAT_OPTIONS).add_to(m)

    # -- the events: aggregated on the server, clustered in the browser, or one by one
    if cells is not None:
        AggregateCells(cells, regroup=not lean).add_to(m)  # a still briefing: as they are
    elif len(rows):
        # above MAX_INDIVIDUAL_MARKERS: no popups (the page's details panel shows the
        # clicked event), always clustered
        full = len(rows) <= MAX_INDIVIDUAL_MARKERS
        # a few markers stay one by one, but events stacked at one point still
        # group (count shown, fan out on click): a 1-pixel cluster radius
        few = cluster and len(rows) <= CLUSTER_ABOVE and full
        clustered = cluster or not full
        EventMarkers(marker_rows(rows, popups=full), cluster=clustered,
                     popup_width=POPUP_MAX_WIDTH,
                     max_cluster_radius=STACK_RADIUS if few else 40).add_to(m)

    present = list(cells.types) if cells is not None else _types_present(rows)
    wanted = legend_types if legend_types is not None else (present or None)
    Legend.for_event_types(wanted).add_to(m)
    Attribution([GEONAMES, NATURAL_EARTH, CRIMEA, *extra]).add_to(m)
    CopyLink().add_to(m)  # the popups' "Copy link" buttons
    if title:
        MapTitle(title).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if fit and cells is not None and cells.bounds:
        (south, west), (north, east) = cells.bounds
        m.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=FIT_MAX_ZOOM)
    elif fit and len(rows):
        lat = pd.to_numeric(rows["latitude"])
        lon = pd.to_numeric(rows["longitude"])
        m.fit_bounds([[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]],
                     padding=(30, 30), max_zoom=FIT_MAX_ZOOM)
    drops = LEAN_DROPS if lean else UNUSED_ASSETS
    m.default_js = [(n, u) for n, u in m.default_js if n not in drops]
    m.default_css = [(n, u) for n, u in m.default_css if n not in drops]
    _assets.localise_assets(m, mode=mode, static_base=static_base)
    if mode == "served":
        # the outlines and names start downloading before Leaflet and the plugins load
        early = {"cmCountriesLight": _assets.served_url(_assets.COUNTRIES_LIGHT_GEOJSON,
                                                         static_base)}
        if names:
            early["cmPlaceNames"] = _assets.served_url(PLACE_NAMES_FILE, static_base)
        m.default_js = [("cm_prefetch", _assets.prefetch_script(early)), *m.default_js]
    return m


def build_aggregate_map(data: MapData, **options) -> folium.Map:
    """The map of ``data`` (points or cells); ``options`` are :func:`build_map`'s."""
    if data.kind == "points":
        points = data.points if data.points is not None else pd.DataFrame(columns=list(FIELDS))
        return build_map(points, **options)
    return build_map(pd.DataFrame(columns=list(FIELDS)), cells=data, **options)


def map_payload(m: folium.Map) -> str:
    """The rendered map page (what is sent to the browser)."""
    return m.get_root().render()
