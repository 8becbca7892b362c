"""Cluster and grid-cell icons that say what they hold: a ring split by the share
of each event type (in the types' own colours), the count in the middle, the
size growing with the count. Shared by :mod:`geo.map.event_layer` (browser
clusters) and :mod:`geo.map.aggregate_layer` (server cells), explained by
:func:`legend_keys_html` in the legend.

The sizes are decided here (:func:`ring_diameter`, mirrored in the script) so
the legend's key draws the same circles the map does.
"""

from __future__ import annotations

import math

MIN_DIAMETER, MAX_DIAMETER = 24, 60

#: defines ``window.cmRingIcon(parts, total)`` once per page; ``parts`` is
#: ``[[colour, count], ...]`` most first
RING_ICON_JS = """
window.cmRingIcon = window.cmRingIcon || function (parts, total) {
    var d = Math.round(Math.min(%(max)d, %(min)d + 9 * Math.log10(Math.max(1, total))));
    var stops = [], at = 0;
    parts.forEach(function (p) {
        var to = at + 100 * p[1] / total;
        stops.push(p[0] + " " + at.toFixed(2) + "%% " + to.toFixed(2) + "%%");
        at = to;
    });
    var label = total >= 10000 ? Math.round(total / 1000) + "k"
        : total >= 1000 ? (total / 1000).toFixed(1).replace(/\\.0$/, "") + "k" : String(total);
    var html = '<div class="cm-ring" style="width:' + d + 'px;height:' + d
        + 'px;background:conic-gradient(' + stops.join(",") + ')"><span style="font-size:'
        + Math.max(10, Math.round(d * 0.34)) + 'px">' + label + '</span></div>';
    return L.divIcon({html: html, className: "cm-ring-icon", iconSize: [d, d]});
};
""" % {"min": MIN_DIAMETER, "max": MAX_DIAMETER}

RING_CSS = """<style>
    .cm-ring-icon { background: none; border: 0; }
    .cm-ring { position: relative; border-radius: 50%; box-shadow: 0 0 0 1px rgba(0,0,0,0.35);
        opacity: 0.92; }
    .cm-ring span { position: absolute; inset: 20%; border-radius: 50%; background: #fff;
        display: flex; align-items: center; justify-content: center; color: #1d2330;
        font: 700 11px/1 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
</style>"""


def ring_diameter(total: int) -> int:
    """The icon's diameter in px for ``total`` events (as the script computes it)."""
    return round(min(MAX_DIAMETER, MIN_DIAMETER + 9 * math.log10(max(1, total))))


def marker_radius(fatalities: float | None) -> float:
    """A single event's circle radius in px: 6, growing with log2 of its fatalities."""
    if fatalities is None:
        return 6.0
    return 6.0 + min(8.0, 2.0 * math.log2(1.0 + max(0.0, float(fatalities))))


def legend_keys_html() -> str:
    """The legend's keys: what a ring means, how size reads, and how events
    placed only at a region's or country's centre look. Fixed HTML, no user text."""
    ring = ('<span class="cm-ring" style="display:inline-block;width:22px;height:22px;'
            'background:conic-gradient(#d62728 0 60%,#ff7f0e 60% 85%,#9467bd 85% 100%)">'
            '<span style="font-size:9px">12</span></span>')
    sizes = "".join(
        f'<span style="display:inline-block;width:{2 * r:.0f}px;height:{2 * r:.0f}px;'
        f'border-radius:50%;border:1px solid #555;background:#bbb;vertical-align:middle;'
        f'margin-right:3px"></span>{label}&nbsp;'
        for r, label in ((marker_radius(0), "0"), (marker_radius(10), "10"),
                         (marker_radius(100), "100+")))
    vague = ('<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
             'border:2px dashed #555;background:rgba(136,136,136,0.15)"></span>')
    return (
        '<div class="cm-legend-key">'
        f'<div class="cm-legend-row">{ring}<span>group: share of each type, count inside</span></div>'
        f'<div class="cm-legend-row"><span>fatalities:</span>{sizes}</div>'
        f'<div class="cm-legend-row">{vague}<span>placed at a region or country centre</span></div>'
        '</div>'
    )
