"""Your own vector tiles (a Protomaps extract, or vector MBTiles) drawn in the browser.

protomaps-leaflet 5.1.0 (vendored: ``static/protomaps-leaflet/``) draws Mapbox Vector
Tiles on canvases, as a Leaflet grid layer, from this machine's tile server
(:mod:`geo.map.tile_server`: ``http://127.0.0.1:PORT/{z}/{x}/{y}.mvt``): the
pmtiles JavaScript never reads the file or a remote URL. The "light" Protomaps
flavour paints land, water, roads, buildings and boundaries and labels roads and
points of interest; the archive's ``places`` labels are left out, because the map's
own names layer (:mod:`geo.map.name_layer`) already names places without collisions
(and knows the event markers and a briefing's labels).

The layer is a base layer (in the layer control with the file's name); its
attribution is the file's own, as plain text.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geo.map import assets
from geo.map.tileset import TileSetInfo

SCRIPT = "protomaps-leaflet/protomaps-leaflet.js"
FLAVOR = "light"
#: archive layers whose labels the map's own names layer replaces
LABELS_LEFT_OUT = ("places",)
CLASS_NAME = "cm-local-tiles cm-vector-tiles"


class VectorTiles(JSCSSMixin, Layer):
    """A protomaps-leaflet layer fed from ``url`` (the local tile server's template)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var leftOut = {{ this.labels_left_out|tojson }};
                var layer = protomapsL.leafletLayer({
                    url: {{ this.url|tojson }},
                    flavor: {{ this.flavor|tojson }},
                    lang: "en",
                    maxDataZoom: {{ this.max_data_zoom }},
                    minZoom: {{ this.min_zoom }},
                    maxZoom: {{ this.max_zoom }},
                    attribution: {{ this.attribution|tojson }},
                    className: {{ this.class_name|tojson }},
                    {%- if this.bounds %}
                    bounds: {{ this.bounds|tojson }},
                    {%- endif %}
                });
                // the flavour's labels but those the names layer draws (place names)
                layer.labelRules = layer.labelRules.filter(function (rule) {
                    return leftOut.indexOf(rule.dataLayer) < 0;
                });
                layer.clearLayout();
                return layer;
            })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str, info: TileSetInfo, *, name: str, attribution: str,
                 min_zoom: int, max_zoom: int, mode: assets.AssetMode = "served",
                 static_base: str = assets.DEFAULT_STATIC_BASE, show: bool = True):
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "VectorTiles"
        if info.kind != "vector":
            raise ValueError(f"{info.path.name} holds {info.format} tiles, not vector tiles")
        if mode not in assets.MODES:
            raise ValueError(f"mode must be one of {assets.MODES}, not {mode!r}")
        self.url = url
        self.flavor = FLAVOR
        self.labels_left_out = list(LABELS_LEFT_OUT)
        self.max_data_zoom = int(info.max_zoom)
        self.min_zoom, self.max_zoom = int(min_zoom), int(max_zoom)
        self.attribution = attribution
        self.class_name = CLASS_NAME
        self.bounds = ([[info.bounds[1], info.bounds[0]], [info.bounds[3], info.bounds[2]]]
                       if info.bounds else None)
        self.mode = mode
        # served: linked from static/ (Streamlit serves it); inline: put into the page
        self.default_js = ([("protomaps_leaflet", assets.served_url(SCRIPT, static_base))]
                           if mode == "served" else [])

    def render(self, **kwargs) -> None:
        if self.mode == "inline":
            figure = self.get_root()
            if "protomaps_leaflet" not in figure.header._children:
                figure.header.add_child(assets.InlineAsset(assets.inline_js(SCRIPT), kind="js"),
                                        name="protomaps_leaflet")
        super().render(**kwargs)
