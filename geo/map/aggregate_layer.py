"""The aggregate layer: :class:`geo.map.aggregate.MapData` cells as one compact
layer of circle markers (:func:`geo.map.builder.build_aggregate_map` draws any MapData).

A cell is a ``L.circleMarker`` at the centroid of its events, its area
proportional to its count, coloured by its dominant type
(:func:`geo.taxonomy.colour_for`), with a popup of counts per type. The cells go
to the page as one JSON array read by a short script (about 60 bytes a cell)
instead of one folium object each (about 1 KB), so 2,500 cells stay far below
the 3 MB budget. Type names are escaped like every other popup text.

Rings are up to ``ring_icon.MAX_DIAMETER`` pixels wide and cells 16 pixels at the zoom they were
made for, so where events are dense, or once the analyst zooms out, rings would pile
up. With ``regroup`` (the dashboard), cells closer on screen than a ring's width are
drawn as one ring (Leaflet.markercluster, its icon the sum of the cells' counts per
type) below the zoom at which the cells lie a ring's width apart; from that zoom on,
every cell is its own ring. A still briefing keeps its cells as they are.
"""

from __future__ import annotations

import math

from folium.elements import JSCSSMixin, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from geo.map.aggregate import MapData
from geo.map.popups import text
from geo.map.ring_icon import MAX_DIAMETER, RING_CSS, RING_ICON_JS
from geo.taxonomy import colour_for

MIN_RADIUS, MAX_RADIUS = 4.0, 22.0


class AggregateCells(JSCSSMixin, MacroElement):
    """Grid cells as ring icons on the parent map (one layer, data as JSON)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {{ this.ring_css }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.ring_js }}
        var {{ this.get_name() }} = (function () {
            var types = {{ this.type_names|tojson }};
            var colours = {{ this.type_colours|tojson }};
            {%- if this.apart_from is not none %}
            var layer = L.markerClusterGroup({
                maxClusterRadius: {{ this.ring_width }}, showCoverageOnHover: false,
                spiderfyOnMaxZoom: false, disableClusteringAtZoom: {{ this.apart_from }},
                iconCreateFunction: function (group) {  // the cells' counts, added up
                    var tally = {}, total = 0;
                    group.getAllChildMarkers().forEach(function (m) {
                        m.options.cmParts.forEach(function (p) {
                            tally[p[0]] = (tally[p[0]] || 0) + p[1]; });
                        total += m.options.cmCount;
                    });
                    var order = Object.keys(tally).sort(function (a, b) {
                        return tally[b] - tally[a]; });
                    return window.cmRingIcon(order.map(function (c) {
                        return [c, tally[c]]; }), total);
                }});
            {%- else %}
            var layer = L.featureGroup();
            {%- endif %}
            var markers = [];
            {{ this.cells|tojson }}.forEach(function (c) {
                var rows = c[5].map(function (p) {
                    return "<tr><th>" + types[p[0]] + "</th><td>"
                        + p[1].toLocaleString() + "</td></tr>";
                }).join("");
                // a ring split by the share of each type, the count inside
                var parts = c[5].map(function (p) { return [colours[p[0]], p[1]]; });
                markers.push(L.marker([c[0], c[1]], {icon: window.cmRingIcon(parts, c[3]),
                                        keyboard: false, riseOnHover: true,
                                        cmParts: parts, cmCount: c[3]})
                    .bindPopup('<div class="cm-popup"><b>' + c[3].toLocaleString()
                        + " events</b><table>" + rows + "</table></div>")
                    .bindTooltip(c[3].toLocaleString() + " events, mostly " + types[c[4]]));
            });
            {%- if this.apart_from is not none %}
            layer.addLayers(markers);
            {%- else %}
            markers.forEach(function (m) { layer.addLayer(m); });
            {%- endif %}
            return layer.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: MapData, *, regroup: bool = False):
        super().__init__()
        self._name = "AggregateCells"
        if data.kind != "cells":
            raise ValueError("AggregateCells draws MapData of kind 'cells'")
        self.ring_width = MAX_DIAMETER  # the widest ring icon
        self.apart_from = zoom_cells_apart(data.cell_size, self.ring_width) \
            if regroup and data.cell_size else None
        # Leaflet.markercluster only where cells may be grouped (served from static/ like
        # every asset; not its default bubble styles: the rings are ours)
        grouped = self.apart_from is not None
        self.default_js = list(MarkerCluster.default_js) if grouped else []
        self.default_css = [c for c in MarkerCluster.default_css
                            if c[0] == "markerclustercss"] if grouped else []
        self.ring_js, self.ring_css = RING_ICON_JS, RING_CSS
        names = list(data.types) or sorted({c.dominant_type for c in data.cells})
        index = {name: i for i, name in enumerate(names)}
        self.type_names = [text(name) or "unknown type" for name in names]
        self.type_colours = [colour_for(name) for name in names]
        biggest = max((c.count for c in data.cells), default=1)
        self.cells = [
            [round(c.latitude, 4), round(c.longitude, 4), _radius(c.count, biggest), c.count,
             index[c.dominant_type], [[index[name], n] for name, n in c.counts]]
            for c in data.cells
        ]


def _radius(count: int, biggest: int) -> float:
    """Area proportional to the count, between MIN_RADIUS and MAX_RADIUS pixels."""
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / biggest), 1)


def zoom_cells_apart(cell_size: float, pixels: float) -> int:
    """The first zoom at which neighbouring cells of ``cell_size`` degrees lie at least
    ``pixels`` apart on screen (a 256-pixel tile spans 360 / 2**zoom degrees)."""
    return max(0, math.ceil(math.log2(pixels * 360 / (256 * cell_size))))
