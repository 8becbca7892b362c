"""One playback step as a folium FeatureGroup for ``st_folium(feature_group_to_add=...)``.

streamlit-folium swaps the group into the live map without rebuilding it, so a
step costs only this layer: the step's events (or grid cells) as one JSON array
read by a short script, and a date box in the map's top centre (removed with
the group). Tooltips carry the event's id like the main layer's
(:func:`geo.map.popups.tooltip_html`), so a click still selects an event. No
element here brings JavaScript or CSS of its own (nothing for a CDN).
"""

from __future__ import annotations

import math

import folium
from folium.elements import MacroElement
from folium.template import Template

from geo.map import popups
from geo.map.aggregate_layer import _radius as cell_radius
from geo.map.aggregate import MapData
from geo.taxonomy import colour_for

PLAYBACK_CSS = """<style>
    .cm-playback-date { position: absolute; top: 10px; left: 56px;
        z-index: 1000; pointer-events: none; font: 600 15px/1.3 "Helvetica Neue", Arial, sans-serif;
        background: rgba(255, 255, 255, 0.92); padding: 4px 10px; border-radius: 4px;
        box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); white-space: nowrap; }
    .cm-playback-date small { font-weight: 400; color: #555; }
</style>"""


class PlaybackMarkers(MacroElement):
    """The step's points or cells, and the date box, on the parent FeatureGroup."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var colours = {{ this.colours|tojson }};
            {{ this.rows|tojson }}.forEach(function (r) {
                var colour = colours[r[2]];
                L.circleMarker([r[0], r[1]], {radius: r[3], color: colour, weight: 1,
                        fillColor: colour, fillOpacity: {{ this.opacity|tojson }},
                        className: "cm-playback-marker"})
                    .bindTooltip(r[4]).addTo(group);
            });
            // the date, at the top left beside the zoom buttons; it goes with the group
            var div = document.createElement("div");
            div.className = "cm-playback-date";
            div.setAttribute("data-step", {{ this.step_index|tojson }});
            div.textContent = {{ this.label|tojson }};
            var small = document.createElement("small");
            small.textContent = " · " + {{ this.note|tojson }};
            div.appendChild(small);
            group.on("add", function (e) { e.target._map.getContainer().appendChild(div); });
            group.on("remove", function () { div.remove(); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: MapData, *, label: str, note: str = "", index: int = 0):
        super().__init__()
        self._name = "PlaybackMarkers"
        rows, colours = [], {}

        def colour_index(kind: str) -> int:
            return colours.setdefault(colour_for(kind), len(colours))

        if data.kind == "cells":
            biggest = max((c.count for c in data.cells), default=1)
            for c in data.cells:
                rows.append([round(c.latitude, 4), round(c.longitude, 4),
                             colour_index(c.dominant_type), cell_radius(c.count, biggest),
                             f"{c.count:,} events, mostly {popups.text(c.dominant_type)}"])
            self.opacity = 0.55
        elif data.points is not None:
            wanted = ["latitude", "longitude", "event_type", "fatalities", "location", "event_id"]
            for event in data.points[wanted].to_dict("records"):
                rows.append([round(float(event["latitude"]), 5),
                             round(float(event["longitude"]), 5),
                             colour_index(str(event.get("event_type") or "")),
                             point_radius(event.get("fatalities")),
                             popups.tooltip_html(event)])
            self.opacity = 0.8
        self.rows = rows
        self.colours = list(colours)
        self.step_index = int(index)
        self.label = str(label)
        self.note = str(note)


def point_radius(fatalities) -> float:
    """6 px, growing with the log of the fatalities (up to 14 px), as the main layer's."""
    if popups._blank(fatalities):
        return 6.0
    return round(6.0 + min(8.0, 2.0 * math.log2(1.0 + max(0.0, float(fatalities)))), 2)


def playback_group(data: MapData | None, *, label: str = "", note: str = "",
                   index: int = 0) -> folium.FeatureGroup:
    """The FeatureGroup of one step (empty when there is nothing to play): ``data``
    aggregated on the server (:class:`geo.playback.Playback`), ``label`` its dates."""
    group = folium.FeatureGroup(name="Playback", control=False)
    if data is not None:
        PlaybackMarkers(data, label=label, note=note, index=index).add_to(group)
    return group
