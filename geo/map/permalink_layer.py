"""The linked event (``?event=ID``) on the live map, and every popup's "Copy link".

- :func:`linked_event_layer`: a FeatureGroup for ``st_folium(feature_group_to_add=...)``
  with the event's popup, opened as soon as the group is on the map.
- :class:`CopyLink`: one click handler for the map's popups: their "Copy link"
  button (:func:`geo.map.popups.copy_link_button`) copies the page's address with
  ``?event=ID`` (from the top window, which holds the Streamlit page); where the
  clipboard is refused, a prompt shows the link to copy by hand.
"""

from __future__ import annotations

from typing import Any

import folium
from folium.elements import MacroElement
from folium.template import Template

from geo.map.popups import _blank, popup_html

POPUP_WIDTH = 340


class _OpenOnAdd(MacroElement):
    """When the parent group is added to the map: centre the map on the event (once per
    page: panning away stays) and open the group's popups."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.on("add", function (e) {
            var group = e.target, map = e.target._map, key = {{ this.key|tojson }};
            // after the rest of the map's script has run (the page builds the map
            // without fitBounds while a link is open: see geo.ui.permalink.fit_map)
            setTimeout(function () {
                if (map._cmLinkedView !== key) {  // once per map: panning away stays
                    map._cmLinkedView = key;
                    map.setView({{ this.center|tojson }}, {{ this.zoom|tojson }},
                                {animate: false});
                }
                group.eachLayer(function (layer) { if (layer.openPopup) { layer.openPopup(); } });
            }, 0);
        });
        {% endmacro %}
        """
    )

    def __init__(self, center: tuple[float, float], zoom: int, key: str):
        super().__init__()
        self._name = "OpenOnAdd"
        self.center = [float(center[0]), float(center[1])]
        self.zoom = int(zoom)
        self.key = str(key)


def linked_event_layer(event: dict[str, Any] | None, *, zoom: int = 11) -> folium.FeatureGroup:
    """The event's marker ring with its popup open, the map centred on it at ``zoom``
    (empty without coordinates)."""
    group = folium.FeatureGroup(name="Linked event", control=False)
    if event and not _blank(event.get("latitude")) and not _blank(event.get("longitude")):
        folium.CircleMarker(
            location=(float(event["latitude"]), float(event["longitude"])), radius=9,
            color="#000000", weight=2, fill=True, fill_opacity=0.15, class_name="cm-linked",
            popup=folium.Popup(popup_html(event), max_width=POPUP_WIDTH),
        ).add_to(group)
        _OpenOnAdd((float(event["latitude"]), float(event["longitude"])), zoom,
                   str(event.get("event_id") or "")).add_to(group)
    return group


class CopyLink(MacroElement):
    """The click handler of the popups' "Copy link" buttons (once per map)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
            .cm-copy-link { margin: 4px 0 2px; padding: 1px 8px; font: 12px/1.5 inherit;
                border: 1px solid #999; border-radius: 3px; background: #fff; cursor: pointer; }
            .cm-copy-link:hover { background: #f0f0f0; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            if (window.cmCopyLinkReady) { return; }
            window.cmCopyLinkReady = true;
            function pageUrl() {
                try { return window.top.location.href; } catch (err) { return location.href; }
            }
            document.addEventListener("click", function (e) {
                var button = e.target.closest && e.target.closest(".cm-copy-link");
                if (!button) { return; }
                e.preventDefault();
                var url = new URL(pageUrl());
                url.search = "?event=" + encodeURIComponent(button.getAttribute("data-event-id"));
                url.hash = "";
                var link = url.href;
                button.setAttribute("data-link", link);
                function done() { button.textContent = "Link copied"; }
                function byHand() { window.prompt("Copy this link", link); }
                if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(link).then(done, byHand);
                } else { byHand(); }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "CopyLink"
