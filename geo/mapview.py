"""Build the event map: a folium Map that renders with no internet.

``build_map(events)`` takes a DataFrame with the columns of
:data:`geo.record.FIELDS` and returns a :class:`folium.Map` with

- the offline country outlines underneath (:class:`geo.basemap.CountryOutlines`),
  OpenStreetMap tiles as an optional base layer that may fail harmlessly;
- one circle marker per located event, coloured by its type
  (:func:`geo.taxonomy.colour_for`), with an escaped popup (which names the
  event's id, so a click can select it) and tooltip, in a marker cluster
  (:class:`geo.eventlayer.EventMarkers`: rows as JSON, not one folium element
  per marker) — above :data:`MAX_INDIVIDUAL_MARKERS` without popups;
  or, when the server aggregated the events (:mod:`geo.aggregate`), one
  circle per grid cell;
- overlays in a layer control: a heat map and a choropleth of event counts per
  country (:class:`geo.choropleth.CountryChoropleth`), both off at first;
- a legend of the event types present, credits, a scale;
- every asset pointed at ``static/`` (``assets="served"``) or inlined
  (``assets="inline"``, for a standalone HTML export): see :mod:`geo.assets`.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

import folium
import pandas as pd
from folium.plugins import HeatMap

from geo import assets as _assets
from geo.aggregate import MapData
from geo.basemap import GEONAMES, NATURAL_EARTH, Attribution, CountryOutlines, Credit
from geo.choropleth import CountryChoropleth
from geo.eventlayer import EventMarkers, MarkerRow
from geo.legend import Legend, MapTitle
from geo.record import GEO_PRECISIONS
from geo.taxonomy import TYPE_NAMES, colour_for

MAX_INDIVIDUAL_MARKERS = 2000  # with popups (~0.8 kB each); beyond: tooltips only
CLUSTER_ABOVE = 100  # a handful of markers stay visible one by one
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
EVENT_ID_LABEL = "Event id:"  # the popup's last line; geo.selection reads the id back
HEAT_OPTIONS = dict(radius=18, blur=15, min_opacity=0.3)


# -- text helpers: escaped for HTML *and* safe inside folium's JS template literals

def _blank(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(value: Any) -> str:
    """HTML-escaped text of a value ('' when blank).

    folium writes popup and tooltip HTML into JavaScript template literals
    (`` `...` ``), where ``${`` would run code and a backslash would break the
    script, so ``$``, backslash and backtick become character references too.
    """
    if _blank(value):
        return ""
    escaped = html.escape(str(value), quote=True)
    return escaped.replace("\\", "&#92;").replace("$", "&#36;").replace("`", "&#96;")


def _date(value: Any) -> str:
    if _blank(value):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]


def _is_http(url: Any) -> bool:
    return isinstance(url, str) and url.strip().lower().startswith(("http://", "https://"))


def _fatalities(value: Any) -> str:
    if _blank(value):
        return "not stated"
    try:
        return str(int(value))
    except (TypeError, ValueError):
        return text(value)


def _precision(value: Any) -> str:
    if _blank(value):
        return ""
    try:
        return GEO_PRECISIONS.get(int(value), str(value))
    except (TypeError, ValueError):
        return str(value)


def popup_html(event: dict[str, Any]) -> str:
    """The popup of one event (a row as a dict). Every value is escaped."""
    get = event.get
    rows: list[tuple[str, str]] = []
    when = text(_date(get("event_date")))
    if when:
        extra = [text(get("date_precision"))]
        if not _blank(get("date_text")):
            extra.append(f"&ldquo;{text(get('date_text'))}&rdquo;")
        when += " (" + ", ".join(e for e in extra if e) + ")" if any(extra) else ""
    rows.append(("Date", when or "unknown"))
    kind = text(get("event_type"))
    if not _blank(get("sub_event_type")):
        kind += f" &ndash; {text(get('sub_event_type'))}"
    rows.append(("Type", kind))
    actors = [text(get(k)) for k in ("actor1", "actor2") if not _blank(get(k))]
    if actors:
        rows.append(("Actors", "; ".join(actors)))
    place = ", ".join(text(get(k)) for k in ("location", "admin1", "country") if not _blank(get(k)))
    precision = _precision(get("geo_precision"))
    if precision:
        place += f" ({text(precision)})"
    rows.append(("Place", place or "unknown"))
    rows.append(("Fatalities", _fatalities(get("fatalities"))))
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    out = f'<div class="cm-popup"><table>{body}</table>'
    if not _blank(get("evidence")):
        out += f"<blockquote>{text(get('evidence'))}</blockquote>"
    source_name = text(get("source")) or "source"
    url = get("source_url")
    if _is_http(url):
        out += (f'<div>Source: <a href="{text(url.strip())}" target="_blank" '
                f'rel="noopener noreferrer">{source_name}</a></div>')
    elif not _blank(get("source")):
        out += f"<div>Source: {source_name}</div>"
    if not _blank(get("event_id")):
        out += f'<div class="cm-event-id">{EVENT_ID_LABEL} {text(get("event_id"))}</div>'
    return out + "</div>"


def tooltip_text(event: dict[str, Any]) -> str:
    """'Location — type', escaped."""
    place = text(event.get("location")) or "unknown place"
    return f"{place} &mdash; {text(event.get('event_type')) or 'unknown type'}"


def _radius(fatalities: Any) -> float:
    if _blank(fatalities):
        return 6.0
    try:
        return 6.0 + min(8.0, 2.0 * math.log2(1.0 + max(0.0, float(fatalities))))
    except (TypeError, ValueError):
        return 6.0


def located(events: pd.DataFrame) -> pd.DataFrame:
    """The rows that have coordinates."""
    if events.empty or "latitude" not in events or "longitude" not in events:
        return events.iloc[0:0]
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    lon = pd.to_numeric(events["longitude"], errors="coerce")
    return events[lat.notna() & lon.notna()]


# -- the map -------------------------------------------------------------------

def tooltip_html(event: dict[str, Any]) -> str:
    """The tooltip plus the event's id in a hidden span: streamlit-folium returns the
    tooltip's text for a clicked marker, and :mod:`geo.selection` reads the id back."""
    out = tooltip_text(event)
    if not _blank(event.get("event_id")):
        out += f'<span class="cm-event-id" hidden> {EVENT_ID_LABEL} {text(event["event_id"])}</span>'
    return out


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
) -> folium.Map:
    """A folium Map of ``events`` (rows without latitude are skipped).

    ``assets``: ``"served"`` links ``{static_base}/...`` (the Streamlit page),
    ``"inline"`` embeds everything (a standalone HTML export).
    ``credits``: extra attribution (e.g. ``"UCDP GED"``), escaped.
    ``legend_types``: types to list (default: those present; all when there are none).
    ``cells``: the events aggregated on the server (:func:`geo.aggregate.aggregate_for_map`,
    a :class:`~geo.aggregate.MapData` of kind "cells"): drawn instead of one marker per
    event; the heat map follows them too.
    ``cluster``: cluster the markers when there are more than :data:`CLUSTER_ABOVE`
    (always above :data:`MAX_INDIVIDUAL_MARKERS`); ``heat``/``choropleth``: add
    those overlays (off until chosen in the layer control).
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
    if tiles:
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)",
            max_zoom=MAX_ZOOM, overlay=False, control=True,
        ).add_to(m)
        folium.FeatureGroup(name="Country outlines only (offline)", overlay=False,
                            control=True, show=False).add_to(m)

    if choropleth:
        counts = events["country_code"].dropna().astype(str).str.upper() \
            if "country_code" in events else pd.Series(dtype=str)
        counts = counts[counts.str.fullmatch(r"[A-Z]{3}")].value_counts()
        CountryChoropleth({k: int(v) for k, v in counts.items()},
                          static_base=static_base, mode=mode).add_to(m)
    if heat and (len(rows) or cells is not None):
        HeatMap(_heat_points(rows, cells), name="Heat map", show=False,
                **HEAT_OPTIONS).add_to(m)

    # -- the events: aggregated on the server, clustered in the browser, or one by one
    if cells is not None:
        from geo.mapview_aggregate import AggregateCells  # it builds on this module

        AggregateCells(cells).add_to(m)
    elif len(rows):
        # above MAX_INDIVIDUAL_MARKERS: no popups (the page's details panel shows the
        # clicked event), always clustered
        full = len(rows) <= MAX_INDIVIDUAL_MARKERS
        clustered = (cluster and len(rows) > CLUSTER_ABOVE) or not full
        EventMarkers(marker_rows(rows, popups=full), cluster=clustered,
                     popup_width=POPUP_MAX_WIDTH).add_to(m)

    present = list(cells.types) if cells is not None else _types_present(rows)
    wanted = legend_types if legend_types is not None else (present or None)
    Legend.for_event_types(wanted).add_to(m)
    Attribution([GEONAMES, NATURAL_EARTH, *extra]).add_to(m)
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
    _assets.localise_assets(m, mode=mode, static_base=static_base)
    return m
