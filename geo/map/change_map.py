"""The Trends page's change map: where the week rose or fell against its 4-week mean.

Countries are shaded by their category (:data:`CATEGORY_COLOURS`) on the offline
outlines (the shapes shared by :class:`geo.map.basemap.CountryOutlines` as
``window.cmCountries``, joined on ``iso_a3``); first-level regions are circles at
their centres (the mean place of their events), their area proportional to this
week's events, coloured the same way, a thick ring for a surge. Rows come from
:func:`geo.trends.weekly_trends` (any objects with its fields); the template only
serialises what Python decided, and tooltips are set as text (never HTML).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import folium
from folium.elements import MacroElement
from folium.template import Template

from geo.map import assets as _assets
from geo.map.basemap import GEONAMES, NATURAL_EARTH, Attribution, CountryOutlines, Credit
from geo.map.legend import Legend, LegendEntry

CATEGORY_COLOURS = {
    "large increase": "#b2182b", "moderate increase": "#ef8a62",
    "limited change": "#bababa", "large decrease": "#2166ac",
}
MIN_RADIUS, MAX_RADIUS = 4.0, 26.0
CHANGE_CSS = """<style>
    .leaflet-control-attribution { max-width: 60%; font-size: 11px; line-height: 1.35; }
</style>"""
_ISO3 = re.compile(r"^[A-Z]{3}$")


def change_text(row) -> str:
    """'Idlib, Syria: 8 this week, 4-week mean 3, +167 % (large increase, surge)'."""
    change = "no events in the 4 weeks before" if row.change_4w is None \
        else f"{row.change_4w * 100:+.0f} %"
    flags = row.category + (", surge" if row.surge else "")
    text = (f"{row.area}: {row.this_week:,} this week, 4-week mean {row.mean_4w:.2f}, "
            f"{change} ({flags})")
    if row.emerging_actors:
        text += f"; new here: {', '.join(row.emerging_actors)}"
    return text


def symbol_radius(count: int, biggest: int) -> float:
    """Area proportional to the count, between MIN_RADIUS and MAX_RADIUS pixels."""
    if count <= 0 or biggest <= 0:
        return MIN_RADIUS
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / biggest), 1)


class ChangeLayer(MacroElement):
    """Countries shaded by category, and/or regions as proportional circles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var countries = {{ this.countries|tojson }};
            if (!map.getPane("cmchange")) {
                map.createPane("cmchange").style.zIndex = 390;
            }
            var shapes = window.cmCountries{% if this.url %} || fetch({{ this.url|tojson }})
                .then(function (r) { return r.json(); }){% endif %};
            shapes.then(function (data) {
                L.geoJSON(data, {
                    pane: "cmchange",
                    filter: function (f) { return !!(f.properties && countries[f.properties.iso_a3]); },
                    style: function (f) {
                        var c = countries[f.properties.iso_a3];
                        return {color: "#555", weight: c[2] ? 2.2 : 0.7, fillColor: c[0],
                                fillOpacity: 0.7};
                    },
                    onEachFeature: function (f, layer) {
                        layer.bindTooltip(function () {
                            var div = document.createElement("div");
                            div.textContent = countries[f.properties.iso_a3][1];
                            return div;
                        }, {sticky: true});
                    }
                }).addTo(map);
                map.getContainer().classList.add("cm-change-ready");
            }).catch(function (err) { console.warn("change map not drawn:", err); });
            {{ this.regions|tojson }}.forEach(function (r) {
                L.circleMarker([r[0], r[1]], {radius: r[2], color: r[5] ? "#000" : "#444",
                        weight: r[5] ? 2.5 : 1, fillColor: r[3], fillOpacity: 0.75,
                        className: "cm-change-region"})
                    .bindTooltip(function () {
                        var div = document.createElement("div");
                        div.textContent = r[4];
                        return div;
                    }).addTo(map);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, rows: Sequence, *, level: str, static_base: str, mode: str):
        super().__init__()
        self._name = "ChangeLayer"
        self.countries: dict[str, list] = {}
        self.regions: list[list] = []
        if level == "country":
            for r in rows:
                if _ISO3.match(r.country_code or ""):
                    self.countries[r.country_code] = [CATEGORY_COLOURS[r.category],
                                                      change_text(r), bool(r.surge)]
        else:
            biggest = max((r.this_week for r in rows), default=0)
            for r in sorted(rows, key=lambda r: -r.this_week):  # small circles on top
                if r.latitude is None or r.longitude is None:
                    continue
                self.regions.append([round(r.latitude, 4), round(r.longitude, 4),
                                     symbol_radius(r.this_week, biggest),
                                     CATEGORY_COLOURS[r.category], change_text(r), bool(r.surge)])
        self.url = _assets.served_url(_assets.COUNTRIES_GEOJSON, static_base) \
            if mode == "served" else ""


def build_change_map(rows: Sequence, *, level: str = "country", credits: Sequence[Credit] = (),
                     assets: _assets.AssetMode = "served",
                     static_base: str = _assets.DEFAULT_STATIC_BASE) -> folium.Map:
    """The change map of ``rows`` (trend rows of one level), fitted to them."""
    m = folium.Map(location=(20.0, 10.0), zoom_start=2, tiles=None, control_scale=True,
                   minZoom=2, maxZoom=12, worldCopyJump=True)
    CountryOutlines(mode=assets, static_base=static_base).add_to(m)
    ChangeLayer(rows, level=level, static_base=static_base, mode=assets).add_to(m)
    entries = [LegendEntry(name, colour) for name, colour in CATEGORY_COLOURS.items()]
    title = "Change against the 4-week mean" + ("" if level == "country" else
                                                " (circle area: this week's events)")
    Legend(entries, title=title).add_to(m)
    Attribution([GEONAMES, NATURAL_EARTH, *credits]).add_to(m)
    m.get_root().header.add_child(folium.Element(CHANGE_CSS), name="cm_change_css")
    points = [(r.latitude, r.longitude) for r in rows if r.latitude is not None]
    if points:
        # the centres, widened so the shapes around them show (a country is wider)
        pad = 8.0 if level == "country" else 1.0
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.fit_bounds([[max(-85, min(lats) - pad), min(lons) - pad],
                      [min(85, max(lats) + pad), max(lons) + pad]], max_zoom=8)
    _assets.localise_assets(m, mode=assets, static_base=static_base)
    return m
