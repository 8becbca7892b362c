"""The offline base layer and the map's credits, as folium elements.

- :class:`CountryOutlines`: Natural Earth 1:50m country shapes (``static/
  countries-50m.geojson``) drawn in a pane *below* the tile pane, so the map is
  readable when tile servers are unreachable and tiles cover it when they load.
  Crimea is drawn as part of Ukraine, with a hatched, dashed "disputed" overlay
  (see ``static/build_countries.py``). In ``served`` mode a small script fetches
  the file from the static URL (1.7 MB is not resent on every Streamlit rerun):
  first a light copy (``countries-50m-light.geojson``, simplified ~5 km, a third of
  the points: the first render converts less) and, once zoomed in past zoom 4, the
  full file in its place; in ``inline`` mode the full GeoJSON is embedded in the
  page. The parsed shapes are shared as the promises ``window.cmCountries`` (full:
  the choropleth) and ``window.cmCountriesLight`` (served pages: the names' anchors).
- :class:`Attribution`: credits added to Leaflet's attribution control, text
  escaped, links only when http(s).
"""

from __future__ import annotations

from collections.abc import Sequence

from folium.elements import MacroElement
from folium.template import Template

from geo.map import assets
from geo.credits import CRIMEA, GEONAMES, NATURAL_EARTH, Credit  # noqa: F401 (re-exported)

PANE = "cmcountries"
LAND = "#f3efe6"
SEA = "#dce8f0"
BORDER = "#9a9a9a"
DISPUTED = "#b2182b"


class Attribution(MacroElement):
    """Adds credits to the parent map's attribution control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                if (!map.attributionControl) { return; }
                var control = map.attributionControl;
                {%- for credit in this.credits if not credit.bounds %}
                control.addAttribution({{ credit.html()|tojson }});
                {%- endfor %}
                // credits owed only while their area is in view (the Crimea note)
                var local = {{ this.local_credits|tojson }}, shown = {};
                function update() {
                    var view = map.getBounds();
                    local.forEach(function (c) {
                        var want = view.intersects([[c[1][0], c[1][1]], [c[1][2], c[1][3]]]);
                        if (want && !shown[c[0]]) { control.addAttribution(c[0]); }
                        if (!want && shown[c[0]]) { control.removeAttribution(c[0]); }
                        shown[c[0]] = want;
                    });
                }
                if (local.length) { map.on("moveend", update); map.whenReady(update); }
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, credits: Sequence[Credit]):
        super().__init__()
        self._name = "Attribution"
        if not all(isinstance(c, Credit) for c in credits):
            raise TypeError("credits must be Credit values")
        self.credits = tuple(dict.fromkeys(credits))
        self.local_credits = [[c.html(), list(c.bounds)] for c in self.credits if c.bounds]


class CountryOutlines(MacroElement):
    """Country shapes under everything else, always present (not in the layer control)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
            .leaflet-container.cm-offline-base { background: {{ this.sea }}; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var paneName = {{ this.pane|tojson }};
                if (!map.getPane(paneName)) {
                    var pane = map.createPane(paneName);
                    pane.style.zIndex = 150;
                    pane.style.pointerEvents = "none";
                }
                map.getContainer().classList.add("cm-offline-base");
                if (!document.getElementById("cm-hatch")) {
                    var defs = document.createElementNS("http://www.w3.org/2000/svg", "svg");
                    defs.setAttribute("width", "0");
                    defs.setAttribute("height", "0");
                    defs.setAttribute("aria-hidden", "true");
                    defs.style.position = "absolute";
                    defs.innerHTML = '<defs><pattern id="cm-hatch" width="6" height="6"'
                        + ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                        + '<rect width="6" height="6" fill={{ this.land|tojson }}/>'
                        + '<line x1="0" y1="0" x2="0" y2="6" stroke={{ this.disputed|tojson }}'
                        + ' stroke-width="2" stroke-opacity="0.6"/></pattern></defs>';
                    document.body.appendChild(defs);
                }
                function style(feature) {
                    if (feature.properties && feature.properties.disputed) {
                        return {color: {{ this.disputed|tojson }}, weight: 1.2, dashArray: "4 3",
                                fillColor: "url(#cm-hatch)", fillOpacity: 1};
                    }
                    return {color: {{ this.border|tojson }}, weight: 0.7,
                            fillColor: {{ this.land|tojson }}, fillOpacity: 1};
                }
                var drawn = null, full = false;
                function add(data, isFull) {
                    if (full && !isFull) { return; }  // the light file came in late
                    full = full || isFull;
                    var layer = L.geoJSON(data, {pane: paneName, style: style, interactive: false})
                        .addTo(map);
                    if (drawn) { map.removeLayer(drawn); }
                    drawn = layer;
                    map.getContainer().classList.add("cm-countries-ready");
                    if (isFull) { map.getContainer().classList.add("cm-countries-full"); }
                }
                function warn(err) { console.warn("country outlines not loaded:", err); }
                {%- if this.mode == "inline" %}
                window.cmCountries = Promise.resolve({{ this.geojson_text }});
                // shared with other layers drawing the same shapes (geo.map.choropleth)
                window.cmCountries.then(function (d) { add(d, true); }).catch(warn);
                {%- else %}
                function fetchJSON(url) {
                    return fetch(url).then(function (response) {
                        if (!response.ok) { throw new Error("HTTP " + response.status); }
                        return response.json();
                    });
                }
                // the light outlines first (a third of the points), the full ones once the
                // map is zoomed in past {{ this.light_max_zoom }}; both shared with other layers
                // (the names' anchors use the light ones, the choropleth the full ones)
                window.cmCountriesLight = window.cmCountriesLight
                    || fetchJSON({{ this.light_url|tojson }});
                window.cmCountriesLight.then(function (d) { add(d, false); }).catch(warn);
                function wantFull() {
                    if (map.getZoom() <= {{ this.light_max_zoom }}) { return; }
                    map.off("zoomend", wantFull);
                    window.cmCountries = window.cmCountries || fetchJSON({{ this.url|tojson }});
                    window.cmCountries.then(function (d) { add(d, true); }).catch(warn);
                }
                map.on("zoomend", wantFull);
                map.whenReady(wantFull);
                {%- endif %}
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        mode: assets.AssetMode = "served",
        static_base: str = assets.DEFAULT_STATIC_BASE,
    ):
        super().__init__()
        self._name = "CountryOutlines"
        if mode not in assets.MODES:
            raise ValueError(f"mode must be one of {assets.MODES}, not {mode!r}")
        self.mode = mode
        self.pane = PANE
        self.land, self.sea, self.border, self.disputed = LAND, SEA, BORDER, DISPUTED
        self.url = assets.served_url(assets.COUNTRIES_GEOJSON, static_base) \
            if mode == "served" else ""
        self.light_url = assets.served_url(assets.COUNTRIES_LIGHT_GEOJSON, static_base) \
            if mode == "served" else ""
        self.light_max_zoom = assets.LIGHT_OUTLINES_MAX_ZOOM
        self.geojson_text = ""
        if mode == "inline":
            text = assets.read_text(assets.COUNTRIES_GEOJSON).strip()
            self.geojson_text = text.replace("</", "<\\/")
