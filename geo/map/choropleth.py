"""A choropleth of event counts per country, as a folium layer.

Counts are keyed by ISO 3166 alpha-3 code (the event's ``country_code``) and
joined in the browser to the ``iso_a3`` property of the Natural Earth shapes in
``static/countries-50m.geojson`` — the same file the offline outlines draw, so
Crimea (a separate, disputed feature with ``iso_a3`` UKR) counts with Ukraine.

The colours are decided here, in Python (:func:`count_classes`,
:func:`country_colours`); the template only serialises a small
``{iso3: [count, colour]}`` dict. The shapes are not re-sent on every Streamlit
rerun: the layer takes them from :class:`geo.map.basemap.CountryOutlines` (add it
first), which fetches them once from ``static/`` (``served``) or embeds them
(``inline``) and shares them as the promise ``window.cmCountries``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from folium.map import Layer
from folium.template import Template

from geo.map import assets
from geo.map.legend import Legend, LegendEntry

#: ColorBrewer RdPu, 5 classes (light: few events, dark: many): magentas, a hue no
#: event type uses (YlOrRd's reds read as Battles and its oranges as Explosions)
PALETTE = ("#feebe2", "#fbb4b9", "#f768a1", "#c51b8a", "#7a0177")
PANE = "cmchoropleth"
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class CountClass:
    """Counts ``low..high`` (inclusive) share one colour."""

    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}–{self.high:,}"


def count_classes(counts: Mapping[str, int], *, palette: tuple[str, ...] = PALETTE
                  ) -> tuple[CountClass, ...]:
    """Classes on a geometric scale from 1 to the largest count (conflict counts are
    heavy-tailed: a linear scale would paint every country but one the lightest)."""
    top = max((int(v) for v in counts.values() if v > 0), default=0)
    if top == 0:
        return ()
    n = len(palette)
    highs: list[int] = []
    for i in range(1, n + 1):
        high = max(1, round(top ** (i / n)))
        if not highs or high > highs[-1]:
            highs.append(high)
    highs[-1] = top
    # spread the available colours across the classes, darkest for the top class
    step = (n - 1) / max(1, len(highs) - 1)
    out, low = [], 1
    for j, high in enumerate(highs):
        out.append(CountClass(low, high, palette[n - 1 - round((len(highs) - 1 - j) * step)]))
        low = high + 1
    return tuple(out)


def colour_for_count(count: int, classes: tuple[CountClass, ...]) -> str | None:
    for c in classes:
        if c.low <= count <= c.high:
            return c.colour
    return None


def country_colours(counts: Mapping[str, int]) -> dict[str, tuple[int, str]]:
    """``{iso3: (count, colour)}`` for countries with events. Keys must be alpha-3."""
    classes = count_classes(counts)
    out = {}
    for code, count in counts.items():
        if not _ISO3.match(str(code)):
            raise ValueError(f"country codes must be ISO alpha-3 (e.g. 'SYR'), not {code!r}")
        if int(count) < 0 or (isinstance(count, float) and math.isnan(count)):
            raise ValueError(f"event counts cannot be negative or NaN: {code} {count!r}")
        if int(count) > 0:
            out[str(code)] = (int(count), colour_for_count(int(count), classes) or PALETTE[0])
    return out


def alpha3_counts(events) -> dict[str, int]:
    """Events per country (``country_code``, alpha-3, upper-cased; other codes left out).
    Counted first and normalised after: the distinct codes are a few hundred, the rows
    can be millions."""
    if "country_code" not in events or not len(events):
        return {}
    out: dict[str, int] = {}
    for code, n in events["country_code"].value_counts(dropna=True).items():
        key = str(code).strip().upper()
        if _ISO3.match(key) and n:
            out[key] = out.get(key, 0) + int(n)
    return out


def legend_entries(counts: Mapping[str, int]) -> list[LegendEntry]:
    return [LegendEntry(c.label, c.colour) for c in count_classes(counts)]


class CountryChoropleth(Layer):
    """An overlay (listed in the layer control) colouring countries by event count."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.values_name }} = {{ this.values|tojson }};
            if (!{{ this._parent.get_name() }}.getPane({{ this.pane|tojson }})) {
                // above the outlines and tiles, below the event markers (overlayPane: 400)
                {{ this._parent.get_name() }}.createPane({{ this.pane|tojson }}).style.zIndex = 390;
            }
            var {{ this.get_name() }} = L.geoJSON(null, {
                pane: {{ this.pane|tojson }},
                filter: function (f) {
                    return !!(f.properties && {{ this.values_name }}[f.properties.iso_a3]);
                },
                style: function (f) {
                    var v = {{ this.values_name }}[f.properties.iso_a3];
                    return {color: "#555", weight: f.properties.disputed ? 1.2 : 0.6,
                            dashArray: f.properties.disputed ? "4 3" : null,
                            fillColor: v[1], fillOpacity: {{ this.opacity|tojson }}};
                },
                onEachFeature: function (f, layer) {
                    var v = {{ this.values_name }}[f.properties.iso_a3];
                    layer.bindTooltip(function () {
                        var div = document.createElement("div");
                        div.textContent = (f.properties.name || f.properties.iso_a3) + ": "
                            + v[0].toLocaleString("en") + (v[0] === 1 ? " event" : " events");
                        return div;
                    }, {sticky: true});
                }
            });
            (function (layer, map) {
                var loaded = false;
                // the full outlines, fetched (served pages) when the layer is first shown
                function load() {
                    if (loaded) { return; }
                    loaded = true;
                    {%- if this.url %}
                    window.cmCountries = window.cmCountries || fetch({{ this.url|tojson }})
                        .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); }
                                             return r.json(); });
                    {%- endif %}
                    window.cmCountries.then(function (data) {
                        layer.addData(data);
                        map.getContainer().classList.add("cm-choropleth-ready");
                    }).catch(function (err) { console.warn("choropleth not drawn:", err); });
                }
                {%- if this.url %}
                map.on("overlayadd", function (e) { if (e.layer === layer) { load(); } });
                map.whenReady(function () { if (map.hasLayer(layer)) { load(); } });
                {%- else %}
                load();
                {%- endif %}
                {%- if this.legend_body %}
                var legend = L.control({position: "bottomleft"});
                legend.onAdd = function () {
                    var div = L.DomUtil.create("div", "cm-legend cm-choropleth-legend");
                    div.innerHTML = {{ this.legend_body|tojson }};
                    return div;
                };
                map.on("overlayadd", function (e) { if (e.layer === layer) legend.addTo(map); });
                map.on("overlayremove", function (e) { if (e.layer === layer) legend.remove(); });
                if (map.hasLayer(layer)) { legend.addTo(map); }
                {%- endif %}
            })({{ this.get_name() }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        counts: Mapping[str, int],
        *,
        name: str = "Events per country",
        show: bool = False,
        opacity: float = 0.65,
        static_base: str = assets.DEFAULT_STATIC_BASE,
        mode: str = "served",
    ):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CountryChoropleth"
        if not 0 <= opacity <= 1:
            raise ValueError(f"opacity must be within 0..1, not {opacity!r}")
        self.pane = PANE
        self.opacity = opacity
        self.values = {k: list(v) for k, v in country_colours(counts).items()}
        self.values_name = self.get_name() + "_values"
        # inline (standalone export): the outline layer embeds the shapes; nothing to fetch
        self.url = assets.served_url(assets.COUNTRIES_GEOJSON, static_base) \
            if mode == "served" else ""
        entries = legend_entries(counts)
        self.legend_body = Legend(entries, title="Events per country").body if entries else ""
