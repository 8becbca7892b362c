"""A map legend as a folium element: one row per entry (colour swatch, icon, label).

Reusable by any view: build entries from the taxonomy with
:meth:`Legend.for_event_types`, or pass your own :class:`LegendEntry` rows
(e.g. a choropleth's classes). It renders as a Leaflet control, so it sits
inside the map (and in its screenshots) in a plain page and in streamlit-folium.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup
from folium.elements import MacroElement
from folium.template import Template

from geo.taxonomy import TYPE_NAMES, colour_for, icon_for

_COLOUR = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")
_ICON = re.compile(r"^[a-z0-9-]+$")
POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One legend row: a label, its ``#rrggbb`` colour and a Font Awesome icon name."""

    label: str
    colour: str
    icon: str = ""

    def __post_init__(self) -> None:
        if not _COLOUR.match(self.colour):
            raise ValueError(f"legend colour must be #rgb or #rrggbb, not {self.colour!r}")
        if self.icon and not _ICON.match(self.icon):
            raise ValueError(f"legend icon must be a Font Awesome name, not {self.icon!r}")


_BODY = jinja2.Environment(autoescape=True).from_string(
    """<div class="cm-legend-title">{{ title }}</div>
{%- for e in entries %}
<div class="cm-legend-row"><span class="cm-legend-swatch" style="background:{{ e.colour }}"></span>
{%- if e.icon %}<i class="fa-solid fa-{{ e.icon }} cm-legend-icon" style="color:{{ e.colour }}"></i>
{%- endif %}<span class="cm-legend-label">{{ e.label }}</span></div>
{%- endfor %}
{{ keys }}"""
)


class Legend(MacroElement):
    """A Leaflet control listing coloured entries. Text is HTML-escaped."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
            .cm-legend { background: rgba(255,255,255,0.92); padding: 6px 9px; border-radius: 4px;
                box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.5 "Helvetica Neue", Arial,
                sans-serif; color: #222; max-width: 260px; }
            .cm-legend-title { font-weight: 600; margin-bottom: 2px; }
            .cm-legend-row { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
            .cm-legend-swatch { display: inline-block; width: 11px; height: 11px;
                border-radius: 50%; opacity: 0.85; border: 1px solid rgba(0,0,0,0.25); }
            .cm-legend-icon { width: 14px; text-align: center; }
            .cm-legend-key { margin-top: 5px; padding-top: 4px; border-top: 1px solid #ddd;
                font-size: 11px; color: #444; }
            .cm-legend-key .cm-legend-row { margin: 2px 0; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "cm-legend");
                div.innerHTML = {{ this.body|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        entries: Sequence[LegendEntry],
        *,
        title: str = "Event types",
        position: str = "bottomright",
        keys_html: str = "",
    ):
        """``keys_html``: fixed HTML appended after the rows (the marker keys of
        :func:`geo.map.ring_icon.legend_keys_html`; never user text)."""
        super().__init__()
        self._name = "Legend"
        if position not in POSITIONS:
            raise ValueError(f"position must be one of {POSITIONS}, not {position!r}")
        entries = tuple(entries)
        if not all(isinstance(e, LegendEntry) for e in entries):
            raise TypeError("legend entries must be LegendEntry values")
        self.entries = entries
        self.title = title
        self.position = position
        self.body = _BODY.render(title=title, entries=entries, keys=Markup(keys_html))

    @classmethod
    def for_event_types(
        cls, names: Iterable[str] | None = None, **kwargs: str
    ) -> Legend:
        """A legend of event types in taxonomy order (all types when ``names`` is None);
        names outside the taxonomy come last, in grey."""
        wanted = list(TYPE_NAMES) if names is None else list(dict.fromkeys(names))
        ordered = [n for n in TYPE_NAMES if n in wanted] + [
            n for n in wanted if n not in TYPE_NAMES
        ]
        if "keys_html" not in kwargs:
            from geo.map.ring_icon import legend_keys_html

            kwargs["keys_html"] = legend_keys_html()
        return cls([LegendEntry(n, colour_for(n), icon_for(n)) for n in ordered], **kwargs)


class MapTitle(MacroElement):
    """A title box inside the map (so it is part of screenshots). Text is escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "cm-map-title");
                div.style.cssText = "background:rgba(255,255,255,0.92);padding:4px 10px;"
                    + "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3);"
                    + "font:600 15px/1.4 'Helvetica Neue',Arial,sans-serif;color:#222;";
                div.textContent = {{ this.title|tojson }};
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, *, position: str = "topright"):
        super().__init__()
        self._name = "MapTitle"
        if position not in POSITIONS:
            raise ValueError(f"position must be one of {POSITIONS}, not {position!r}")
        if not title.strip():
            raise ValueError("a map title needs some text")
        self.title = title
        self.position = position
