"""The briefing view: one self-contained HTML page laid out for a slide.

A briefing is what a team pastes into slides: a title, the filter in plain
words, the map, its legend, a scale bar, the credits, when it was made and how
many events it shows. :func:`render_briefing_html` builds that page from the
filtered events and a :class:`BriefingSpec`; the Briefing page shows exactly
that HTML, :func:`geo.png.render_png` screenshots it, and the standalone HTML
export is the same page with every asset inlined.

Layout: a frame of ``spec.width`` × ``spec.height`` CSS pixels — a header
(title, summary), the map filling the rest, a side panel (legend, counts,
time made) beside it so the legend never covers a marker, and a footer of
credits. Text is sized from the frame's height, so 1280×720 and 1920×1080 look
alike. In a smaller or larger window (the page's preview, the HTML file opened
on another screen) the frame is scaled to fit; in a window of the frame's size
(the PNG export) it is drawn 1:1.

Pure: no browser, no Streamlit, no clock (the caller passes ``made_at``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import folium
import jinja2
import pandas as pd
from markupsafe import Markup as markup
from folium.elements import MacroElement
from folium.map import FitBounds
from folium.template import Template

from geo.credits import CRIMEA, GEONAMES, NATURAL_EARTH, OSM, UCDP, Credit, credits_for
from geo.filters import EventFilter, describe_details
from geo.map import assets as _assets
from geo.map.basemap import Attribution
from geo.map.aggregate import aggregate_for_map
from geo.map.builder import FIT_MAX_ZOOM, build_map, located, names_bounds, tile_credit
from geo.map.tile_server import HOST as LOCAL_TILE_HOST, LocalTiles
from geo.map.legend import Legend, LegendEntry, MapTitle
from geo.map.name_layer import PlaceNameLayer
from geo.map.ring_icon import marker_radius
from geo.taxonomy import TYPE_NAMES, colour_for

OSM_TILE_HOSTS = ("tile.openstreetmap.org",)

#: the sizes offered for slides (name -> (width, height) in CSS pixels)
SIZES: dict[str, tuple[int, int]] = {
    "1920×1080 (Full HD)": (1920, 1080),
    "1280×720 (HD)": (1280, 720),
}
MIN_SIDE, MAX_SIDE = 320, 7680
SCALES = (1, 2, 3)
DEFAULT_TITLE = "Conflict events"
READY_TIMEOUT_MS = 12_000  # the map says "ready" after this even if tiles still load


@dataclass(frozen=True, slots=True)
class BriefingSpec:
    """Everything a briefing shows besides the events themselves.

    ``width``/``height``: the frame in CSS pixels; ``scale``: the device scale of
    a PNG export (the PNG is ``width*scale`` × ``height*scale``). ``tiles``:
    OpenStreetMap tiles under the country outlines (online; off by default so a
    briefing looks the same on every machine). ``own_tiles``: your own tile file
    (``CONFLICTMAP_TILES``, :func:`geo.map.tile_server.configured_tiles`) as the
    base layer of the PNG, the PDF and the page's preview, all drawn by this
    machine's browser from its 127.0.0.1 tile server; a standalone HTML export keeps
    the outline base map (opened later, elsewhere, it could not reach the server).
    """

    title: str
    summary: str
    made_at: dt.datetime
    event_count: int
    mapped_count: int
    credits: tuple[Credit, ...] = field(default=(GEONAMES, NATURAL_EARTH, CRIMEA))
    width: int = 1920
    height: int = 1080
    scale: int = 1
    tiles: bool = False
    own_tiles: LocalTiles | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.title, str) or not self.title.strip():
            raise ValueError("a briefing needs a title")
        if not isinstance(self.made_at, dt.datetime):
            raise TypeError("made_at must be a datetime")
        for name in ("width", "height"):
            value = getattr(self, name)
            if not isinstance(value, int) or not MIN_SIDE <= value <= MAX_SIDE:
                raise ValueError(f"{name} must be a whole number of pixels from "
                                 f"{MIN_SIDE} to {MAX_SIDE}, not {value!r}")
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}, not {self.scale!r}")
        if self.event_count < 0 or not 0 <= self.mapped_count <= self.event_count:
            raise ValueError("counts must satisfy 0 <= mapped_count <= event_count")
        if not all(isinstance(c, Credit) for c in self.credits):
            raise TypeError("credits must be Credit values")

    @property
    def pixel_size(self) -> tuple[int, int]:
        """The size of a PNG export in device pixels."""
        return self.width * self.scale, self.height * self.scale

    @property
    def online_hosts(self) -> tuple[str, ...]:
        """Hosts a renderer may reach for this briefing (tile servers, when on; this
        machine's own tile server, when your own tiles are used)."""
        return (OSM_TILE_HOSTS if self.tiles else ()) + \
            ((LOCAL_TILE_HOST,) if self.own_tiles is not None else ())

    def without_own_tiles(self) -> BriefingSpec:
        """The same briefing on the outline base map (a standalone HTML export)."""
        if self.own_tiles is None:
            return self
        own = tile_credit(self.own_tiles.info.attribution) or self.own_tiles.info.name
        return dataclasses.replace(self, own_tiles=None, credits=tuple(
            c for c in self.credits if c.text != own))


# -- decisions: what the summary says, whom to credit ----------------------------

def format_date_range(since: dt.date | None, until: dt.date | None) -> str:
    """'1–29 Feb 2020', '3 Jan – 29 Feb 2020', '3 Dec 2019 – 29 Feb 2020',
    'from 1 Feb 2020', 'until 29 Feb 2020' or 'all dates'."""
    def full(d: dt.date) -> str:
        return f"{d.day} {d:%b %Y}"

    if since and until:
        if since == until:
            return full(since)
        if (since.year, since.month) == (until.year, until.month):
            return f"{since.day}–{until.day} {until:%b %Y}"
        if since.year == until.year:
            return f"{since.day} {since:%b} – {full(until)}"
        return f"{full(since)} – {full(until)}"
    if since:
        return f"from {full(since)}"
    if until:
        return f"until {full(until)}"
    return "all dates"


def country_names(events: pd.DataFrame) -> dict[str, str]:
    """ISO alpha-3 code -> country name, as the events spell them."""
    if "country_code" not in events or "country" not in events:
        return {}
    pairs = events[["country_code", "country"]].dropna()
    pairs = pairs[(pairs["country_code"] != "") & (pairs["country"] != "")]
    return dict(zip(pairs["country_code"].str.upper(), pairs["country"]))


def _date_extent(events: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    if "event_date" not in events:
        return None, None
    dates = pd.to_datetime(events["event_date"], errors="coerce").dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def summary_line(flt: EventFilter, events: pd.DataFrame,
                 *, names: Mapping[str, str] | None = None) -> str:
    """The filter in plain words for a briefing:
    'Syria · 1–29 Feb 2020 · Battles, Strategic developments · actors: …'.

    Country codes become names (``names``, else as the events spell them); with
    no date filter the dates shown are those of the events themselves.
    """
    names = dict(names) if names is not None else country_names(events)
    parts = [", ".join(names.get(c.upper(), c) for c in flt.countries)
             if flt.countries else "All countries"]
    first, last = _date_extent(events)
    parts.append(format_date_range(flt.since or first, flt.until or last))
    parts.append(", ".join(flt.event_types) if flt.event_types else "All event types")
    parts += describe_details(flt)
    return " · ".join(parts)


def make_spec(
    events: pd.DataFrame,
    flt: EventFilter,
    *,
    made_at: dt.datetime,
    title: str | None = None,
    width: int = 1920,
    height: int = 1080,
    scale: int = 1,
    tiles: bool = False,
    own_tiles: LocalTiles | None = None,
) -> BriefingSpec:
    """The spec of a briefing of ``events`` (already filtered by ``flt``)."""
    own = "" if own_tiles is None else \
        (tile_credit(own_tiles.info.attribution) or own_tiles.info.name)
    return BriefingSpec(
        title=(title or "").strip() or DEFAULT_TITLE,
        summary=summary_line(flt, events),
        made_at=made_at,
        event_count=len(events),
        mapped_count=len(located(events)),
        credits=credits_for(events, tiles=tiles, own_tiles=own),
        width=width, height=height, scale=scale, tiles=tiles, own_tiles=own_tiles,
    )


def type_counts(events: pd.DataFrame) -> dict[str, int]:
    """Located events per type, in taxonomy order (types outside it last, sorted)."""
    rows = located(events)
    if "event_type" not in rows or rows.empty:
        return {}
    counts = rows["event_type"].dropna().astype(str).value_counts()
    names = [n for n in TYPE_NAMES if n in counts.index] + sorted(
        n for n in counts.index if n not in TYPE_NAMES)
    return {name: int(counts[name]) for name in names}


def legend_entries(events: pd.DataFrame) -> list[LegendEntry]:
    """One row per event type on the map, with its count."""
    # swatches only: the page carries no icon font (a standalone page stays small)
    return [LegendEntry(f"{name} ({count:,})", colour_for(name))
            for name, count in type_counts(events).items()]


# -- the page ----------------------------------------------------------------------

class MapReady(MacroElement):
    """Sets ``window.cmMapReady`` once the map has finished drawing: the country
    outlines are in, every tile layer has fired ``load`` (tiles that fail count
    as settled), the markers are on the map (when there are any) and the fonts
    are loaded — or after ``timeout_ms``, whichever comes first.
    ``window.cmMapReadyReason`` says which ("drawn" or "timeout")."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var container = map.getContainer();
                var wantMarkers = {{ this.want_markers|tojson }};
                var pendingTiles = 0, done = false;
                function settle(reason) {
                    if (done) { return; }
                    done = true;
                    if (reason !== "drawn") { showInView(); }
                    var fonts = document.fonts ? document.fonts.ready : Promise.resolve();
                    fonts.then(function () {
                        requestAnimationFrame(function () { requestAnimationFrame(function () {
                            window.cmMapReadyReason = reason;
                            window.cmMapReady = true;
                            document.documentElement.setAttribute("data-map-ready", reason);
                        }); });
                    });
                }
                function markersIn() {
                    return !wantMarkers || !!container.querySelector(
                        ".leaflet-overlay-pane path.leaflet-interactive, "
                        + ".leaflet-marker-pane .leaflet-marker-icon");
                }
                function extrasIn() {
                    var inset = document.getElementById("cm-inset-map");
                    return container.classList.contains("cm-countries-ready")
                        && (!container.querySelector(".leaflet-cmnames-pane")
                            || container.classList.contains("cm-names-ready"))
                        && (!inset || inset.classList.contains("cm-inset-ready"));
                }
                // what is owed only while its area is in view (the Crimea note)
                function showInView() {
                    var view = map.getBounds();
                    document.querySelectorAll("[data-cm-in-view]").forEach(function (el) {
                        var b = el.getAttribute("data-cm-in-view").split(",").map(Number);
                        el.hidden = !view.intersects([[b[0], b[1]], [b[2], b[3]]]);
                    });
                }
                function check() {
                    if (pendingTiles === 0 && markersIn() && extrasIn()) {
                        showInView();
                        settle("drawn");
                    }
                }
                map.eachLayer(function (layer) {
                    if (layer instanceof L.GridLayer && layer.isLoading && layer.isLoading()) {
                        pendingTiles += 1;
                        layer.once("load", function () { pendingTiles -= 1; check(); });
                    }
                });
                new MutationObserver(check).observe(container,
                    {attributes: true, childList: true, subtree: true});
                setTimeout(function () { settle("timeout"); }, {{ this.timeout_ms|tojson }});
                check();
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, want_markers: bool, timeout_ms: int = READY_TIMEOUT_MS):
        super().__init__()
        self._name = "MapReady"
        if timeout_ms <= 0:
            raise ValueError("timeout_ms must be positive")
        self.want_markers = bool(want_markers)
        self.timeout_ms = int(timeout_ms)


MAX_PLACE_LABELS = 12
#: closest fit without tiles: the offline base map names towns down to zoom 9
OUTLINES_MAX_ZOOM = 9
#: the briefing's base-map names are this much larger than the dashboard's (slides)
NAME_SCALE_AT_1080 = 1.45


#: how a label says its events are placed only at a region's or a country's centre
PRECISION_NOTE = {2: " (region)", 3: " (whole country)"}


def place_labels(events: pd.DataFrame, *, limit: int = MAX_PLACE_LABELS
                 ) -> list[tuple[float, float, str]]:
    """(lat, lon, 'Idlib · 5') for the places with most events, most first: on a
    still image, stacked markers need a name and a count to be read. Events
    placed at a region's or a country's centre say so ('Russia (whole country) · 5')."""
    rows = located(events)
    if rows.empty:
        return []
    lat = pd.to_numeric(rows["latitude"]).round(3)
    lon = pd.to_numeric(rows["longitude"]).round(3)
    name = rows["location"].fillna("").astype(str).str.strip() if "location" in rows \
        else pd.Series("", index=rows.index)
    precision = pd.to_numeric(rows["geo_precision"], errors="coerce").fillna(1) \
        if "geo_precision" in rows else pd.Series(1, index=rows.index)
    table = pd.DataFrame({"lat": lat, "lon": lon, "name": name, "precision": precision})
    # the busiest points first (vectorised: 10^5 distinct points take milliseconds)
    sizes = table.groupby(["lat", "lon"], sort=False).size().rename("n").reset_index()
    top = sizes.sort_values("n", ascending=False, kind="stable").head(limit * 4)
    table = table.merge(top[["lat", "lon"]], on=["lat", "lon"])

    def most_common(column: str, *, skip_blank: bool = False) -> pd.DataFrame:
        values = table[table[column] != ""] if skip_blank else table
        counted = values.groupby(["lat", "lon", column], sort=False).size().rename("k") \
            .reset_index().sort_values(["k", column], ascending=[False, True], kind="stable")
        return counted.drop_duplicates(["lat", "lon"])[["lat", "lon", column]]

    groups = (top.merge(most_common("name", skip_blank=True), on=["lat", "lon"], how="left")
              .merge(most_common("precision"), on=["lat", "lon"], how="left"))
    groups["name"] = groups["name"].fillna("")
    groups = groups.sort_values(["n", "name"], ascending=[False, True], kind="stable")
    out = []
    for g in groups.head(limit).itertuples():
        note = PRECISION_NOTE.get(int(g.precision), "")
        label = f"{g.name}{note} · {g.n}" if g.name else f"{g.n} event{'s' if g.n > 1 else ''}"
        out.append((float(g.lat), float(g.lon), label))
    return out


class InsetLocator(MacroElement):
    """A small world map in the side panel with the main map's frame outlined:
    where on Earth the briefing is. Draws the shared country shapes."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (main) {
                var el = document.getElementById("cm-inset-map");
                if (!el) { return; }
                var inset = L.map(el, {zoomControl: false, attributionControl: false,
                    dragging: false, scrollWheelZoom: false, doubleClickZoom: false,
                    boxZoom: false, keyboard: false, touchZoom: false, zoomSnap: 0.25,
                    fadeAnimation: false, zoomAnimation: false, minZoom: 0, maxZoom: 8});
                var frame = main.getBounds();
                var centre = frame.getCenter();
                inset.setView(centre, Math.max(0, main.getZoom() - {{ this.zoom_out }}));
                (window.cmCountries || Promise.reject(new Error("no outlines"))).then(function (data) {
                    L.geoJSON(data, {interactive: false, style: function (f) {
                        return {color: "#9a9a9a", weight: 0.5, fillColor: "#f3efe6", fillOpacity: 1};
                    }}).addTo(inset);
                }).catch(function () {}).then(function () {
                    L.rectangle(frame, {color: "#c0392b", weight: 2, fill: false,
                                        interactive: false}).addTo(inset);
                    el.classList.add("cm-inset-ready");
                });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, zoom_out: float = 3.5):
        super().__init__()
        self._name = "InsetLocator"
        self.zoom_out = float(zoom_out)


class ScaleBar(MacroElement):
    """Leaflet's scale bar (metric and imperial), wide enough for slide-sized text."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.control.scale({position: "bottomleft", maxWidth: {{ this.max_width|tojson }}})
                .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, max_width: int):
        super().__init__()
        self._name = "ScaleBar"
        self.max_width = int(max_width)


def _base_font(spec: BriefingSpec) -> int:
    """The page's text size in px: 24 px at 1080 px high, in proportion otherwise."""
    return max(11, round(spec.height / 1080 * 24))


_CHROME = (Legend, MapTitle, Attribution, folium.LayerControl)


def _refit(m: folium.Map, events: pd.DataFrame, spec: BriefingSpec) -> None:
    """Fit the events with a margin (their labels are placed around them)."""
    rows = located(events)
    if rows.empty:
        return
    for name, child in list(m._children.items()):
        if isinstance(child, FitBounds):
            del m._children[name]
    lat = pd.to_numeric(rows["latitude"])
    lon = pd.to_numeric(rows["longitude"])
    edge = round(spec.height / 1080 * 48)
    m.fit_bounds([[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]],
                 padding_top_left=(edge, edge), padding_bottom_right=(edge, edge),
                 max_zoom=FIT_MAX_ZOOM if spec.tiles or spec.own_tiles else OUTLINES_MAX_ZOOM)


def _briefing_map(events: pd.DataFrame, spec: BriefingSpec, *, assets: str,
                  static_base: str) -> folium.Map:
    """The event map without the interactive map's chrome: legend, title and
    credits move out of the map into the page; no zoom buttons, no layer switch."""
    data = aggregate_for_map(events)
    if data.kind == "cells" and data.zoom is not None:
        # cells twice the dashboard's: on a still image each ring must read on its own
        data = aggregate_for_map(events, zoom=max(2, data.zoom - 1))
    cells = data if data.kind == "cells" else None
    m = build_map(events, assets=assets, static_base=static_base, tiles=spec.tiles,
                  cells=cells, names=False, heat=False, choropleth=False, lean=True,
                  local_tiles=spec.own_tiles, rendered_here=spec.own_tiles is not None)
    for name, child in list(m._children.items()):
        if isinstance(child, _CHROME):
            del m._children[name]
    m.control_scale = False  # replaced by a ScaleBar sized for the frame
    ScaleBar(max_width=_base_font(spec) * 8).add_to(m)
    m.options.update(zoom_control=False, attribution_control=False, fade_animation=False,
                     zoom_animation=False, marker_zoom_animation=False, zoom_snap=0.25)
    _refit(m, events, spec)
    scale = spec.height / 1080 * NAME_SCALE_AT_1080
    labels = [(lat, lon, text, 9.0) for lat, lon, text in place_labels(events)]
    PlaceNameLayer(mode=assets, static_base=static_base, events=labels,
                   bounds=names_bounds(located(events), cells),
                   scale=min(4.0, max(0.5, scale)), emphasis=True).add_to(m)
    InsetLocator().add_to(m)
    MapReady(want_markers=spec.mapped_count > 0).add_to(m)
    return m


_PAGE = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ spec.title }}</title>
{{ map_header }}
<style>
  html, body { margin: 0; padding: 0; width: 100%; height: 100%; overflow: hidden;
    background: #e9ecef; }
  #cm-briefing { position: absolute; left: 0; top: 0; width: {{ spec.width }}px;
    height: {{ spec.height }}px; transform-origin: 0 0; background: #fff; color: #1d2330;
    font: {{ base }}px/1.35 "Helvetica Neue", Helvetica, Arial, "DejaVu Sans", sans-serif;
    display: grid; grid-template-columns: 1fr {{ panel }}px;
    grid-template-rows: auto 1fr auto; box-sizing: border-box;
    padding: {{ pad }}px {{ pad }}px {{ (pad * 0.6)|round|int }}px; column-gap: {{ pad }}px; }
  #cm-header { grid-column: 1 / 3; padding-bottom: {{ (pad * 0.6)|round|int }}px; }
  #cm-title { margin: 0; font-size: 2.05em; line-height: 1.15; font-weight: 700;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  #cm-summary { margin: 0.25em 0 0; font-size: 1.05em; color: #3d4656;
    display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  #cm-map-slot { position: relative; min-height: 0; border: 1px solid #c8ced6;
    border-radius: 3px; overflow: hidden; }
  #cm-map-slot .folium-map { position: absolute !important; inset: 0;
    width: 100% !important; height: 100% !important; }
  #cm-panel { display: flex; flex-direction: column; gap: 0.9em; min-height: 0; overflow: hidden; }
  #cm-panel .cm-legend-title { font-weight: 700; font-size: 1em; margin-bottom: 0.35em; }
  #cm-panel .cm-legend-row { display: flex; align-items: center; gap: 0.45em;
    font-size: 0.92em; margin: 0.22em 0; }
  #cm-panel .cm-legend-swatch { flex: none; display: inline-block; width: 0.95em;
    height: 0.95em; border-radius: 50%; border: 1px solid rgba(0, 0, 0, 0.3); }
  #cm-panel .cm-legend-icon { flex: none; width: 1.1em; text-align: center; }
  #cm-panel .cm-legend-empty { color: #6b7280; font-style: italic; }
  .cm-stat { font-size: 0.92em; color: #3d4656; }
  .cm-stat strong { display: block; font-size: 1.6em; color: #1d2330; line-height: 1.1; }
  .cm-key { font-size: 0.8em; color: #4b5563; border-top: 1px solid #dde1e6;
    padding-top: 0.6em; }
  .cm-key-row { display: flex; align-items: center; gap: 0.45em; margin: 0.2em 0; }
  .cm-key-dot { flex: none; width: 0.8em; height: 0.8em; border-radius: 50%;
    border: 1.5px solid #555; }
  .cm-key-ring { flex: none; position: relative; width: 1.1em; height: 1.1em; border-radius: 50%;
    background: conic-gradient(#d62728 0 60%, #ff7f0e 60% 85%, #9467bd 85% 100%); }
  .cm-key-ring span { position: absolute; inset: 22%; border-radius: 50%; background: #fff;
    font-size: 0.35em; }
  .cm-key-hatch { flex: none; width: 1.2em; height: 0.8em; border: 1px dashed #b2182b;
    background: repeating-linear-gradient(45deg, #f3efe6 0 2px, rgba(178,24,43,0.6) 2px 3.5px); }
  [data-cm-in-view][hidden] { display: none !important; }
  #cm-inset { flex: none; }
  #cm-inset-map { width: 100%; height: {{ (panel * 0.62)|round|int }}px; border: 1px solid #c8ced6;
    border-radius: 3px; background: #dce8f0; }
  #cm-footer { grid-column: 1 / 3; padding-top: {{ (pad * 0.45)|round|int }}px;
    font-size: 0.72em; color: #4b5563; display: flex; justify-content: space-between;
    gap: 1.5em; }
  #cm-footer a { color: inherit; text-decoration: none; }
  #cm-credits { flex: 1 1 auto; }
  #cm-made { flex: none; white-space: nowrap; }
  #cm-map-slot .cm-place-label { font-size: {{ (base * 0.68)|round|int }}px; font-weight: 600;
    color: #1d2330; background: rgba(255, 255, 255, 0.82); border: 0; border-radius: 3px;
    box-shadow: 0 0 2px rgba(0, 0, 0, 0.35); padding: 0 0.35em; }
  #cm-map-slot .cm-place-label::before { display: none; }
  .leaflet-control-scale-line { font-size: {{ (base * 0.72)|round|int }}px;
    line-height: 1.3; border-width: 2px; background: rgba(255, 255, 255, 0.85); }
</style>
</head>
<body>
<div id="cm-briefing" data-width="{{ spec.width }}" data-height="{{ spec.height }}">
  <header id="cm-header">
    <h1 id="cm-title">{{ spec.title }}</h1>
    <p id="cm-summary">{{ spec.summary }}</p>
  </header>
  <main id="cm-map-slot">{{ map_html }}</main>
  <aside id="cm-panel">
    <div id="cm-legend" class="cm-legend">
    {% if legend_html %}{{ legend_html }}{% else %}
      <div class="cm-legend-title">Event types</div>
      <div class="cm-legend-empty">No events on the map</div>
    {% endif %}
    </div>
    <div class="cm-stat" id="cm-count"><strong>{{ "{:,}".format(spec.event_count) }}</strong>
      {{ "event" if spec.event_count == 1 else "events" }}{% if spec.mapped_count != spec.event_count %}
      · {{ "{:,}".format(spec.mapped_count) }} on the map{% endif %}</div>
    <div id="cm-inset"><div id="cm-inset-map"></div></div>
    <div class="cm-key">
      <div class="cm-key-row"><span class="cm-key-dot" style="background:#888"></span>exact place</div>
      <div class="cm-key-row"><span class="cm-key-dot" style="border:2px dashed #444;background:rgba(136,136,136,0.18)"></span>region or country centre</div>
      <div class="cm-key-row"><span class="cm-key-ring"><span>12</span></span>group: share of each type, count inside</div>
      <div class="cm-key-row" data-cm-in-view="{{ crimea_bounds }}"><span class="cm-key-hatch"></span>disputed / occupied</div>
      <div class="cm-key-row">{{ size_key }} fatalities (0, 10, 100+)</div>
    </div>
  </aside>
  <footer id="cm-footer">
    <div id="cm-credits">Sources: {{ credits_html }}</div>
    <div id="cm-made">Made {{ made }}</div>
  </footer>
</div>
<script>
(function () {
  var frame = document.getElementById("cm-briefing");
  var w = {{ spec.width }}, h = {{ spec.height }};
  function fit() {
    var s = Math.min(window.innerWidth / w, window.innerHeight / h);
    if (!isFinite(s) || s <= 0) { s = 1; }
    var left = Math.max(0, (window.innerWidth - w * s) / 2);
    var top = Math.max(0, (window.innerHeight - h * s) / 2);
    frame.style.transform = Math.abs(s - 1) < 1e-3 && left === 0 && top === 0 ? ""
      : "translate(" + left + "px," + top + "px) scale(" + s + ")";
  }
  fit();
  window.addEventListener("resize", fit);
})();
</script>
<script>
{{ map_script }}
</script>
</body>
</html>
""")


def _size_key(base: int) -> str:
    """Three circles as large as the map draws 0, 10 and 100+ fatalities."""

    return "".join(
        f'<span style="flex:none;display:inline-block;width:{2 * marker_radius(f):.0f}px;'
        f'height:{2 * marker_radius(f):.0f}px;border-radius:50%;background:#bbb;'
        f'border:1px solid #555"></span>' for f in (0, 10, 100))


def credits_html(credits) -> str:
    """The footer's credits; those owed only while an area is in view carry that
    area (``data-cm-in-view``) and are hidden by the page when it is not."""
    parts = []
    for c in credits:
        if c.bounds:
            parts.append(f'<span data-cm-in-view="{",".join(str(v) for v in c.bounds)}">'
                         f" · {c.html()}</span>")
        else:
            parts.append((" · " if parts else "") + c.html())
    return "".join(parts)


def _made(when: dt.datetime) -> str:
    if when.tzinfo is None:
        return f"{when.day} {when:%b %Y, %H:%M}"
    utc = when.astimezone(dt.timezone.utc)
    return f"{utc.day} {utc:%b %Y, %H:%M} UTC"


def render_briefing_html(
    events: pd.DataFrame,
    spec: BriefingSpec,
    *,
    assets: _assets.AssetMode = "inline",
    static_base: str = _assets.DEFAULT_STATIC_BASE,
) -> str:
    """The briefing as one HTML page.

    ``assets="inline"``: every script, stylesheet, font, icon and the country
    outlines are in the page (exports: opens offline anywhere).
    ``assets="served"``: links to ``static_base`` (the Streamlit page's preview,
    a few KB instead of a few MB on every rerun). Same layout either way.
    """
    if not isinstance(spec, BriefingSpec):
        raise TypeError("spec must be a BriefingSpec")
    m = _briefing_map(events, spec, assets=assets, static_base=static_base)
    figure = m.get_root()
    figure.render()
    entries = legend_entries(events)
    base = _base_font(spec)
    return _PAGE.render(
        spec=spec,
        base=base,
        pad=round(base * 1.1),
        panel=round(base * 14.5),
        map_header=markup(figure.header.render()),
        map_html=markup(figure.html.render()),
        map_script=markup(figure.script.render()),
        legend_html=markup(Legend(entries).body) if entries else "",
        credits_html=markup(credits_html(spec.credits)),
        crimea_bounds=",".join(str(v) for v in CRIMEA.bounds),
        made=_made(spec.made_at),
        size_key=markup(_size_key(base)),
    )




# -- exports -------------------------------------------------------------------------

FORMATS = ("png", "pdf", "html", "csv", "geojson")
MIME_TYPES = {"png": "image/png", "pdf": "application/pdf", "html": "text/html",
              "csv": "text/csv", "geojson": "application/geo+json"}
#: CSS pixels per inch: a PNG at scale s is printed at 96·s dpi
CSS_DPI = 96


def export_bytes(fmt: str, events: pd.DataFrame, spec: BriefingSpec, *, browser=None) -> bytes:
    """One export of the briefing's events: ``png``, ``pdf`` and ``html`` are the
    briefing page (assets inlined; the PNG says its print resolution, 96 dpi per
    unit of ``spec.scale``), ``csv`` and ``geojson`` the events themselves.
    ``browser``: a :class:`geo.png.BrowserPool` to reuse for ``png``."""
    if fmt == "csv":
        from geo.export import events_csv

        return events_csv(events)
    if fmt == "geojson":
        from geo.export import events_geojson

        return events_geojson(events)
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    if fmt == "html":
        return render_briefing_html(events, spec.without_own_tiles(),
                                    assets="inline").encode("utf-8")
    html = render_briefing_html(events, spec, assets="inline")
    if fmt == "pdf":
        from geo.png import render_pdf

        return render_pdf(html, width=spec.width, height=spec.height, browser=browser,
                          allow_hosts=spec.online_hosts)
    from geo.png import render_png, with_dpi

    png = render_png(html, width=spec.width, height=spec.height, scale=spec.scale,
                     browser=browser, allow_hosts=spec.online_hosts)
    return with_dpi(png, CSS_DPI * spec.scale)
