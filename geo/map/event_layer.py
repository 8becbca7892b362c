"""The event markers as one folium layer fed by a JSON array.

One folium element per marker costs ~2.6 s of template rendering per 1,000
events, on every Streamlit rerun (a marker click reruns the page). This layer
renders in milliseconds: Python decides each marker's colour, radius, tooltip
and popup (already escaped HTML, see :func:`geo.map.popups.popup_html`), the
template serialises the rows and a few lines of JS draw them as circle markers,
clustered (Leaflet.markercluster) or not.

Each tooltip carries the event's id in a hidden span, so streamlit-folium's
``last_object_clicked_tooltip`` names the clicked event (:mod:`geo.selection`).

The cluster group adds its markers in one go, not in ``chunkedLoading`` slices:
between two slices its top cluster has no bounds yet, and a zoom that ends then
(the animated initial fit, or the user's) throws "Cannot read properties of
undefined (reading 'lat')" in ``_zoomEnd`` and leaves the map without clusters
(Leaflet.markercluster #740/#743). It showed under CPU load, where the first
slice (200 ms) no longer holds every marker; this layer carries at most a few
thousand markers (the dashboard sends grid cells beyond), which take a few tens
of milliseconds at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from folium.plugins import MarkerCluster
from folium.template import Template

from geo.map.ring_icon import RING_CSS, RING_ICON_JS

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class MarkerRow:
    """One marker: where, how it looks, and its (escaped) tooltip and popup HTML."""

    lat: float
    lon: float
    colour: str
    radius: float
    exact: bool
    tooltip: str
    popup: str = ""

    def __post_init__(self) -> None:
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"coordinates out of range: {self.lat}, {self.lon}")
        if not _COLOUR.match(self.colour):
            raise ValueError(f"marker colour must be #rrggbb, not {self.colour!r}")

    def as_list(self, colours: dict[str, int]) -> list:
        return [round(self.lat, 6), round(self.lon, 6), colours[self.colour],
                round(self.radius, 2), int(self.exact), self.tooltip, self.popup]


class EventMarkers(MarkerCluster):
    """Circle markers from rows; an overlay in the layer control."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {{ this.ring_css }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
            {{ this.ring_js }}
            // a cluster is a ring split by the share of each type it holds
            window.cmClusterIcon = window.cmClusterIcon || function (cluster) {
                var tally = {}, order = [];
                cluster.getAllChildMarkers().forEach(function (m) {
                    var c = m.options.fillColor;
                    if (!(c in tally)) { tally[c] = 0; order.push(c); }
                    tally[c] += 1;
                });
                order.sort(function (a, b) { return tally[b] - tally[a]; });
                return window.cmRingIcon(order.map(function (c) { return [c, tally[c]]; }),
                                         cluster.getChildCount());
            };
            var {{ this.get_name() }} = (function () {
                var colours = {{ this.colours|tojson }};
                var rows = {{ this.rows|tojson }};
                {%- if this.cluster %}
                var layer = L.markerClusterGroup(Object.assign({{ this.options|tojson }},
                    {iconCreateFunction: window.cmClusterIcon}));
                {%- else %}
                var layer = L.featureGroup();
                {%- endif %}
                var markers = [];
                for (var i = 0; i < rows.length; i++) {
                    var r = rows[i], colour = colours[r[2]];
                    // exact places: solid discs; region/country centres: dashed hollow rings
                    var marker = L.circleMarker([r[0], r[1]], {
                        radius: r[3], color: r[4] ? colour : "#444", weight: r[4] ? 1.5 : 2,
                        dashArray: r[4] ? null : "3 3", fill: true,
                        fillColor: colour, fillOpacity: r[4] ? 0.8 : 0.18
                    });
                    marker.bindTooltip(r[5]);
                    if (r[6]) { marker.bindPopup(r[6], {maxWidth: {{ this.popup_width }},
                        // keep the opened popup clear of the expanded layer control
                        autoPanPaddingTopRight: [260, 190]}); }
                    markers.push(marker);
                }
                {%- if this.cluster %}
                layer.addLayers(markers);
                {%- else %}
                markers.forEach(function (m) { layer.addLayer(m); });
                {%- endif %}
                return layer;
            })();
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        rows: Sequence[MarkerRow],
        *,
        name: str = "Events",
        cluster: bool = True,
        popup_width: int = 340,
        max_cluster_radius: int = 40,
    ):
        super().__init__(name=name, overlay=True, control=True, show=True,
                         maxClusterRadius=max_cluster_radius)
        self._name = "EventMarkers"
        if not all(isinstance(r, MarkerRow) for r in rows):
            raise TypeError("event markers need MarkerRow values")
        palette = list(dict.fromkeys(r.colour for r in rows))
        index = {c: i for i, c in enumerate(palette)}
        self.colours = palette
        self.rows = [r.as_list(index) for r in rows]
        self.cluster = cluster
        self.popup_width = int(popup_width)
        self.ring_js, self.ring_css = RING_ICON_JS, RING_CSS
