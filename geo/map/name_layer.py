"""Names on the offline base map, placed in the browser without collisions.

:class:`PlaceNameLayer` draws the rows of ``static/place-names.json``
(:mod:`geo.map.place_names`) — and, on a briefing, the labels of the busiest
event places — as plain text in their own pane, above the event markers (clear of them
where there is room) and below tooltips and popups. On every move it:

1. keeps the names whose zoom range holds the map's zoom and that fall in view;
   a country whose label point is out of view is named at the middle of its
   visible part (sampled inside its outline), so neighbours stay named;
2. places them in file order (event labels, countries, seas, capitals, cities by
   population, regions): a name is drawn only where its box — text and dot —
   touches no box already placed and fits inside the map; point names try eight
   positions around their dot; event labels that still find no room go out on a
   leader line that crosses no name and no other line (when a crowd of labels
   leaves no such line, other lines, then names, may be crossed), and later names
   keep off the lines;
   on a briefing (``emphasis``) countries, capitals and big towns win room over the
   event rings: big towns in bold, each on a light, translucent plate spanning its
   dot and name, itself kept clear of every other name (Tesseract reads Syria's
   neighbours and big towns on the 16,570-event briefing: bench/briefing_map.py);
3. draws the survivors with ``textContent`` (never HTML) and a white halo.

Measured on the demo data (see README, "Base map"): ~1.4 MB file fetched once,
placement 5–25 ms per move. The layer adds ``cm-names-ready`` to the map
container after its first drawing (the briefing's ready signal waits for it).
Fonts: the page's own stack, ending in DejaVu Sans (a Debian package of the
set-up): nothing is fetched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from folium.elements import MacroElement
from folium.template import Template

from geo.map import assets
from geo.map.place_names import FILE_NAME, KINDS, read_rows

PANE = "cmnames"
FONT_FAMILY = '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif'
WORLD_MAX_MIN_ZOOM = 6  # inline without bounds: only names shown up to this zoom
#: room (px, times the scale) kept around a country's or a big place's name for the
#: light plate drawn under it where it meets event markers, and the plate's opacity
PLATE_PX = 3
PLATE_OPACITY = 0.8
#: with ``emphasis``, towns shown from this zoom or earlier are big towns (300,000 people:
#: :func:`geo.map.place_names.city_min_zoom`)
BIG_TOWN_ZOOM = 6


def place_names_file() -> Path:
    """Where set-up writes the names (served from ``static/``);
    ``CONFLICTMAP_PLACE_NAMES`` names another file for inline pages (tests, exports)."""
    value = os.environ.get("CONFLICTMAP_PLACE_NAMES", "").strip()
    return Path(value) if value else assets.static_dir() / FILE_NAME


class PlaceNameLayer(MacroElement):
    """Base-map names (and optional event labels) with a collision pass."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
            .cm-name { position: absolute; white-space: nowrap; pointer-events: none;
                line-height: 1; font-family: {{ this.font_family }};
                text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff,
                    0 0 3px #fff; }
            .cm-name-dot { position: absolute; pointer-events: none; border-radius: 50%;
                box-sizing: border-box; }
            .cm-name-event { background: rgba(255, 255, 255, 0.9); border-radius: 3px;
                box-shadow: 0 0 2px rgba(0, 0, 0, 0.45); text-shadow: none; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var S = {{ this.scale|tojson }};
                var FAMILY = {{ this.font_family|tojson }};
                // kind: size px, weight, colour, italic, upper-case, letter spacing (em), dot
                var STYLES = [
                    {size: 13, weight: 700, colour: "#3c3c3c", upper: true, spacing: 0.05},
                    {size: 12, weight: 400, colour: "#4a6f93", italic: true, spacing: 0.04},
                    {size: 12, weight: 700, colour: "#1f1f1f", dot: 7},
                    {size: 11, weight: 400, colour: "#2e2e2e", dot: 5},
                    {size: 10, weight: 400, colour: "#7b7b7b", upper: true, spacing: 0.1},
                    {size: 12, weight: 700, colour: "#111111", box: true}
                ];
                var EVENT = 5;
                // a briefing's big towns (those named first) in bold: they must read on a slide
                var EMPHASIS = {{ this.emphasis|tojson }};
                var BIG_TOWN = {size: 11.5, weight: 700, colour: "#1f1f1f", dot: 5};
                var BIG_TOWN_ZOOM = {{ this.big_town_zoom|tojson }};
                var PLATE = {{ this.plate_px|tojson }}, PLATE_OPACITY = {{ this.plate_opacity|tojson }};
                var container = map.getContainer();
                var pane = map.getPane({{ this.pane|tojson }}) || map.createPane({{ this.pane|tojson }});
                pane.style.zIndex = 620;  // above markers, below tooltips and popups
                pane.style.pointerEvents = "none";
                var ctx = document.createElement("canvas").getContext("2d");
                var events = {{ this.events|tojson }};
                var rows = [], countries = {}, drawn = false, pending = false;

                function fontOf(st) {
                    return (st.italic ? "italic " : "") + st.weight + " "
                        + Math.round(st.size * S) + "px " + FAMILY;
                }
                function textOf(r, st) { return st.upper ? r[2].toUpperCase() : r[2]; }
                function sizeOf(text, st) {
                    ctx.font = fontOf(st);
                    var px = Math.round(st.size * S);
                    var w = ctx.measureText(text).width + (st.spacing || 0) * px * text.length;
                    var pad = st.box ? 0.35 * px : 0;
                    return [Math.ceil(w + 2 * pad + 2), Math.ceil(px * 1.25 + (st.box ? 2 : 0))];
                }
                function hits(b, boxes) {
                    for (var i = 0; i < boxes.length; i++) {
                        var p = boxes[i];
                        if (b[0] < p[2] && b[2] > p[0] && b[1] < p[3] && b[3] > p[1]) { return true; }
                    }
                    return false;
                }
                function inFrame(b, size) {
                    return b[0] >= 2 && b[1] >= 2 && b[2] <= size.x - 2 && b[3] <= size.y - 2;
                }
                function inside(lon, lat, polygons) {
                    var hit = false;
                    for (var p = 0; p < polygons.length; p++) {
                        var ring = polygons[p][0];
                        var inRing = false;
                        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                            var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
                            if (((yi > lat) !== (yj > lat))
                                    && (lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)) {
                                inRing = !inRing;
                            }
                        }
                        if (inRing) { hit = true; break; }
                    }
                    return hit;
                }
                // a country's label point when in view, else the middle of its visible part
                function countryAnchor(r, view) {
                    var ll = L.latLng(r[0], r[1]);
                    var c = countries[r[6]];
                    if (!c) { return view.contains(ll) ? ll : null; }
                    if (view.pad(-0.04).contains(ll) && inside(r[1], r[0], c.polygons)) { return ll; }
                    var s = Math.max(view.getSouth(), c.s), n = Math.min(view.getNorth(), c.n);
                    var w = Math.max(view.getWest(), c.w), e = Math.min(view.getEast(), c.e);
                    if (s >= n || w >= e) { return null; }
                    var pts = [], N = 9;
                    for (var i = 0; i < N; i++) {
                        for (var j = 0; j < N; j++) {
                            var lat = s + (n - s) * (i + 0.5) / N, lon = w + (e - w) * (j + 0.5) / N;
                            if (inside(lon, lat, c.polygons)) { pts.push([lat, lon]); }
                        }
                    }
                    // enough of the country in view to carry its name
                    var share = pts.length / (N * N) * ((n - s) * (e - w))
                        / ((view.getNorth() - view.getSouth()) * (view.getEast() - view.getWest()));
                    if (pts.length < 3 || share < 0.01) { return null; }
                    var mlat = 0, mlon = 0;
                    pts.forEach(function (p) { mlat += p[0]; mlon += p[1]; });
                    mlat /= pts.length; mlon /= pts.length;
                    var best = pts[0], bestD = Infinity;
                    pts.forEach(function (p) {
                        var d = (p[0] - mlat) * (p[0] - mlat) + (p[1] - mlon) * (p[1] - mlon);
                        if (d < bestD) { bestD = d; best = p; }
                    });
                    return L.latLng(best[0], best[1]);
                }
                function candidates(cx, cy, w, h, gap, kind) {
                    if (STYLES[kind].dot === undefined && kind !== EVENT) {
                        return [[cx - w / 2, cy - h / 2], [cx - w / 2, cy - h * 1.6],
                                [cx - w / 2, cy + h * 0.6]];
                    }
                    return [[cx + gap, cy - h / 2], [cx - gap - w, cy - h / 2],
                            [cx - w / 2, cy - gap - h], [cx - w / 2, cy + gap],
                            [cx + gap * 0.7, cy - gap * 0.7 - h], [cx + gap * 0.7, cy + gap * 0.7],
                            [cx - gap * 0.7 - w, cy - gap * 0.7 - h], [cx - gap * 0.7 - w, cy + gap * 0.7]];
                }
                function leaders(cx, cy, w, h, gap) {
                    var out = [];
                    [2.5, 4.5, 7, 10, 14].forEach(function (k) {
                        for (var a = 0; a < 8; a++) {
                            var t = a * Math.PI / 4 - Math.PI / 8 * (k > 3 ? 1 : 0);
                            var x = cx + Math.cos(t) * gap * k, y = cy + Math.sin(t) * gap * k;
                            out.push([x - (Math.cos(t) < -0.3 ? w : Math.cos(t) > 0.3 ? 0 : w / 2),
                                      y - h / 2, x, y]);
                        }
                    });
                    return out;
                }
                // what the names must not cover: event circles, clusters and cells
                function obstacles() {
                    var base = container.getBoundingClientRect(), out = [];
                    var els = container.querySelectorAll(".leaflet-marker-pane .leaflet-marker-icon, "
                        + ".leaflet-overlay-pane path.leaflet-interactive");
                    for (var i = 0; i < els.length && i < 4000; i++) {
                        var r = els[i].getBoundingClientRect();
                        if (r.width > 0 && r.width < 200) {
                            out.push([r.left - base.left, r.top - base.top,
                                      r.right - base.left, r.bottom - base.top]);
                        }
                    }
                    return out;
                }
                // the map's own controls (scale bar, legend, layer switch) cover names
                function controls() {
                    var base = container.getBoundingClientRect(), out = [];
                    container.querySelectorAll(".leaflet-control").forEach(function (el) {
                        var r = el.getBoundingClientRect();
                        if (r.width > 0) {
                            out.push([r.left - base.left, r.top - base.top,
                                      r.right - base.left, r.bottom - base.top]);
                        }
                    });
                    return out;
                }
                function ownMarker(x, y, obs) {
                    var best = 0;
                    obs.forEach(function (b) {
                        if (b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3]) {
                            best = Math.max(best, (b[2] - b[0]) / 2, (b[3] - b[1]) / 2);
                        }
                    });
                    return best;
                }
                function draw() {
                    pending = false;
                    var size = map.getSize(), zoom = map.getZoom();
                    var view = map.getBounds();
                    var boxes = controls(), items = [], obs = obstacles();
                    // big places for this zoom first, then the event labels, then the rest
                    var first = [], rest = [];
                    rows.forEach(function (r) {
                        (r[3] === 0 || ((r[3] === 2 || r[3] === 3) && r[4] <= zoom - 1)
                            ? first : rest).push(r);
                    });
                    var list = first.concat(events.map(function (e) {
                        return [e[0], e[1], e[2], EVENT, 0, 99, "", e[3]];
                    }), rest);
                    var lines = [];  // leader lines drawn: later names keep off them
                    // ``b`` (with its plate, when it has one) clear of the names placed, the
                    // leader lines and the frame; ``text`` (the name alone) of the markers
                    function free(b, strict, text) {
                        return inFrame(b, size) && !hits(b, boxes) && !hits(b, lines)
                            && (!strict || !hits(text || b, obs));
                    }
                    // small boxes along a leader line (from its marker's edge to its label)
                    function along(x1, y1, x2, y2, skip) {
                        var len = Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1));
                        var out = [], step = 3, r = 1.5 * S;
                        for (var d = skip; d < len; d += step) {
                            var x = x1 + (x2 - x1) * d / len, y = y1 + (y2 - y1) * d / len;
                            out.push([x - r, y - r, x + r, y + r]);
                        }
                        return out;
                    }
                    for (var i = 0; i < list.length && items.length < 600; i++) {
                        var r = list[i], kind = r[3], st = STYLES[kind];
                        if (!st || zoom < r[4] || zoom > r[5]) { continue; }
                        var ll = kind === 0 ? countryAnchor(r, view) : L.latLng(r[0], r[1]);
                        if (!ll || !view.contains(ll)) { continue; }
                        var pt = map.latLngToContainerPoint(ll);
                        var important = kind === EVENT || first.indexOf(r) >= 0;
                        // on a briefing, countries, capitals and big towns win room over the
                        // rings: bold (towns), on a light plate kept clear of other names
                        var major = EMPHASIS && important && (kind === 0 || kind === 2
                            || (kind === 3 && r[4] <= BIG_TOWN_ZOOM));
                        if (major && kind === 3) { st = BIG_TOWN; }
                        var text = textOf(r, st), wh = sizeOf(text, st), w = wh[0], h = wh[1];
                        var plate = major ? PLATE * S : 0;
                        w += 2 * plate;
                        var dot = st.dot ? st.dot * S : 0;
                        var gap = kind === EVENT
                            ? Math.max((r[7] || 8) * S, ownMarker(pt.x, pt.y, obs)) + 3 * S
                            : dot / 2 + 4.5 * S;
                        var dotBox = dot ? [pt.x - dot / 2, pt.y - dot / 2, pt.x + dot / 2, pt.y + dot / 2]
                            : null;
                        if (dotBox && hits(dotBox, boxes)) { continue; }
                        // a big town's plate spans its dot and name: all of it needs room
                        var withPlate = function (b) {
                            if (!(plate > 0 && dotBox)) { return b; }
                            var m = 2 * plate;  // a wider margin round the dot
                            return [Math.min(b[0], dotBox[0] - m), Math.min(b[1], dotBox[1] - m),
                                    Math.max(b[2], dotBox[2] + m), Math.max(b[3], dotBox[3] + m)];
                        };
                        var placed = null, leader = null, over = false, tries = candidates(pt.x, pt.y, w, h, gap, kind);
                        var far = kind === EVENT ? leaders(pt.x, pt.y, w, h, gap) : [];
                        // clear of markers if possible; important names may then sit on them;
                        // an event label's leader line may then cross other leader lines,
                        // and last (a crowd of labels all round) names too
                        [[true, 0], [false, 0], [false, 1], [false, 2]].forEach(function (pass) {
                            var strict = pass[0], crossing = pass[1];
                            if (placed || (!strict && !important) || (crossing && kind !== EVENT)) {
                                return;
                            }
                            over = !strict;
                            for (var k = 0; k < tries.length && !placed && !crossing; k++) {
                                var b = [tries[k][0], tries[k][1], tries[k][0] + w, tries[k][1] + h];
                                if (free(withPlate(b), strict, b)) { placed = b; }
                            }
                            for (var f = 0; f < far.length && !placed; f++) {
                                var lb = [far[f][0], far[f][1], far[f][0] + w, far[f][1] + h];
                                // the line may not cross a name or a line already placed
                                var path = along(pt.x, pt.y, far[f][2], far[f][3], gap);
                                if (free(withPlate(lb), strict, lb) && !path.some(function (q) {
                                        return (crossing < 2 && hits(q, boxes))
                                            || (!crossing && hits(q, lines));
                                    })) {
                                    placed = lb; leader = [pt.x, pt.y, far[f][2], far[f][3]];
                                    lines = lines.concat(path);
                                }
                            }
                        });
                        if (!placed) { continue; }
                        boxes.push(withPlate(placed));
                        if (dotBox) { boxes.push(dotBox); }
                        items.push({box: placed, dot: dotBox, text: text, kind: kind, st: st,
                                    leader: leader, over: over || plate > 0, plate: plate,
                                    plateBox: withPlate(placed)});
                    }
                    render(items);
                }
                function render(items) {
                    pane.innerHTML = "";
                    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
                    svg.setAttribute("class", "cm-name-leaders");
                    svg.style.cssText = "position:absolute;left:0;top:0;width:1px;height:1px;overflow:visible";
                    pane.appendChild(svg);
                    var origin = map.containerPointToLayerPoint([0, 0]);
                    items.forEach(function (it) {
                        if (it.leader) {
                            var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
                            line.setAttribute("x1", it.leader[0] + origin.x);
                            line.setAttribute("y1", it.leader[1] + origin.y);
                            line.setAttribute("x2", it.leader[2] + origin.x);
                            line.setAttribute("y2", it.leader[3] + origin.y);
                            line.setAttribute("stroke", "#333");
                            line.setAttribute("stroke-width", String(1.2 * S));
                            svg.appendChild(line);
                        }
                        // one plate under a big town's dot and name together (a ring under
                        // the dot must not run into the name)
                        var joint = it.over && it.plate > 0 && it.dot;
                        if (joint) {
                            var u = it.plateBox;
                            var plate = document.createElement("div");
                            plate.className = "cm-name-plate";
                            plate.style.cssText = "position:absolute;pointer-events:none;left:"
                                + (u[0] + origin.x) + "px;top:" + (u[1] + origin.y) + "px;width:"
                                + (u[2] - u[0]) + "px;height:" + (u[3] - u[1]) + "px;background:"
                                + "rgba(255,255,255," + PLATE_OPACITY + ");border-radius:"
                                + (2 * S) + "px";
                            pane.appendChild(plate);
                        }
                        if (it.dot) {
                            var d = document.createElement("div");
                            d.className = "cm-name-dot";
                            var big = it.kind === 2;
                            d.style.cssText = "left:" + (it.dot[0] + origin.x) + "px;top:"
                                + (it.dot[1] + origin.y) + "px;width:" + (it.dot[2] - it.dot[0])
                                + "px;height:" + (it.dot[3] - it.dot[1]) + "px;background:"
                                + (big ? "#fff" : "#4a4a4a") + ";border:" + (big ? (1.6 * S) + "px solid #222"
                                : "0");
                            pane.appendChild(d);
                        }
                        var el = document.createElement("div");
                        el.className = "cm-name cm-name-" + {{ this.kinds|tojson }}[it.kind]
                            + (it.kind === EVENT ? " cm-place-label" : "");
                        el.textContent = it.text;
                        var px = Math.round(it.st.size * S);
                        el.style.cssText = "left:" + (it.box[0] + origin.x) + "px;top:"
                            + (it.box[1] + origin.y) + "px;font:" + fontOf(it.st) + ";color:"
                            + it.st.colour + ";letter-spacing:" + (it.st.spacing || 0) + "em;"
                            + "line-height:" + (it.box[3] - it.box[1]) + "px;"
                            + (it.st.box ? "padding:0 " + (0.35 * px) + "px;" : "")
                            + (it.plate ? "padding:0 " + it.plate + "px;" : "")
                            // a name on or against markers gets a light plate to stay legible
                            + (it.over && !it.st.box && !joint ? "background:rgba(255,255,255,"
                               + PLATE_OPACITY + ");border-radius:" + (2 * S) + "px;" : "");
                        pane.appendChild(el);
                    });
                    if (!drawn) {
                        drawn = true;
                        container.classList.add("cm-names-ready");
                    }
                }
                function schedule() {
                    if (!pending) { pending = true; requestAnimationFrame(draw); }
                }
                function indexCountries(data) {
                    (data && data.features || []).forEach(function (f) {
                        var code = f.properties && f.properties.iso_a3;
                        if (!code || f.properties.disputed || !f.geometry) { return; }
                        var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates]
                            : f.geometry.coordinates;
                        var c = countries[code] || (countries[code] = {polygons: [], s: 90, n: -90,
                                                                        w: 180, e: -180});
                        polys.forEach(function (poly) {
                            c.polygons.push(poly);
                            poly[0].forEach(function (p) {
                                if (p[1] < c.s) { c.s = p[1]; } if (p[1] > c.n) { c.n = p[1]; }
                                if (p[0] < c.w) { c.w = p[0]; } if (p[0] > c.e) { c.e = p[0]; }
                            });
                        });
                    });
                }
                {%- if this.mode == "inline" %}
                var source = Promise.resolve({rows: {{ this.rows_json }}});
                {%- else %}
                // started by the page's first script when there is one (assets.prefetch_script)
                var source = window.cmPlaceNames || fetch({{ this.url|tojson }}).then(function (response) {
                    if (!response.ok) { throw new Error("HTTP " + response.status); }
                    return response.json();
                });
                {%- endif %}
                var shapes = (window.cmCountriesLight || window.cmCountries || Promise.resolve(null))
                    .catch(function () { return null; });
                Promise.all([source.catch(function (err) {
                    console.warn("place names not loaded:", err);
                    return {rows: []};
                }), shapes]).then(function (got) {
                    rows = got[0].rows || [];
                    indexCountries(got[1]);
                    // and when markers come and go (groups of cells redrawn after a zoom)
                    map.on("moveend zoomend resize layeradd layerremove", schedule);
                    schedule();
                });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        mode: assets.AssetMode = "served",
        static_base: str = assets.DEFAULT_STATIC_BASE,
        source: Path | None = None,
        bounds: tuple[float, float, float, float] | None = None,
        events: Sequence[tuple[float, float, str, float]] = (),
        scale: float = 1.0,
        emphasis: bool = False,
    ):
        """``source``: the names file (default :func:`place_names_file`); ``bounds``
        (south, west, north, east): what an inline page embeds; ``events``: labels
        (lat, lon, text, marker radius px) placed first; ``scale``: text size factor;
        ``emphasis``: countries, capitals and big towns win room over the event
        markers (a briefing's still image): big towns in bold, all on light plates."""
        super().__init__()
        self._name = "PlaceNameLayer"
        if mode not in assets.MODES:
            raise ValueError(f"mode must be one of {assets.MODES}, not {mode!r}")
        if not 0.5 <= scale <= 4:
            raise ValueError(f"scale must be between 0.5 and 4, not {scale!r}")
        self.mode, self.pane, self.scale = mode, PANE, float(scale)
        self.font_family = FONT_FAMILY
        self.plate_px, self.plate_opacity = PLATE_PX, PLATE_OPACITY
        self.emphasis = bool(emphasis)
        self.big_town_zoom = BIG_TOWN_ZOOM
        self.kinds = [*KINDS, "event"]
        self.events = [[round(float(a), 5), round(float(b), 5), str(t), float(r)]
                       for a, b, t, r in events]
        self.url = assets.served_url(FILE_NAME, static_base) if mode == "served" else ""
        self.rows_json = "[]"
        if mode == "inline":
            path = Path(source) if source is not None else place_names_file()
            rows = read_rows(path, bounds) if path.is_file() else []
            if bounds is None:
                rows = [r for r in rows if r[4] <= WORLD_MAX_MIN_ZOOM]
            self.rows_json = json.dumps(rows, ensure_ascii=False,
                                        separators=(",", ":")).replace("</", "<\\/")
