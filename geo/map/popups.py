"""The text of an event on the map: escaped popups and tooltips.

Every value is HTML-escaped *and* safe inside folium's JavaScript template
literals. The popup's and the tooltip's last line name the event's id
(:data:`EVENT_ID_LABEL`), which :mod:`geo.selection` reads back from a click.
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

from geo.record import GEO_PRECISIONS

EVENT_ID_LABEL = "Event id:"  # the popup's last line; geo.selection reads the id back


def _blank(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(value: Any) -> str:
    """HTML-escaped text of a value ('' when blank).

    folium writes popup and tooltip HTML into JavaScript template literals
    (`` `...` ``), where ``${`` would run code and a backslash would break the
    script, so ``$``, backslash and backtick become character references too.
    """
    if _blank(value):
        return ""
    escaped = html.escape(str(value), quote=True)
    return escaped.replace("\\", "&#92;").replace("$", "&#36;").replace("`", "&#96;")


def _date(value: Any) -> str:
    if _blank(value):
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]


def _is_http(url: Any) -> bool:
    return isinstance(url, str) and url.strip().lower().startswith(("http://", "https://"))


def _fatalities(value: Any) -> str:
    if _blank(value):
        return "not stated"
    try:
        return str(int(value))
    except (TypeError, ValueError):
        return text(value)


def _precision(value: Any) -> str:
    if _blank(value):
        return ""
    try:
        return GEO_PRECISIONS.get(int(value), str(value))
    except (TypeError, ValueError):
        return str(value)


def popup_html(event: dict[str, Any]) -> str:
    """The popup of one event (a row as a dict). Every value is escaped."""
    get = event.get
    rows: list[tuple[str, str]] = []
    when = text(_date(get("event_date")))
    if when:
        extra = [text(get("date_precision"))]
        if not _blank(get("date_text")):
            extra.append(f"&ldquo;{text(get('date_text'))}&rdquo;")
        when += " (" + ", ".join(e for e in extra if e) + ")" if any(extra) else ""
    rows.append(("Date", when or "unknown"))
    kind = text(get("event_type"))
    if not _blank(get("sub_event_type")):
        kind += f" &ndash; {text(get('sub_event_type'))}"
    rows.append(("Type", kind))
    actors = [text(get(k)) for k in ("actor1", "actor2") if not _blank(get(k))]
    if actors:
        rows.append(("Actors", "; ".join(actors)))
    place = ", ".join(text(get(k)) for k in ("location", "admin1", "country") if not _blank(get(k)))
    precision = _precision(get("geo_precision"))
    if precision:
        place += f" ({text(precision)})"
    rows.append(("Place", place or "unknown"))
    rows.append(("Fatalities", _fatalities(get("fatalities"))))
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    out = f'<div class="cm-popup"><table>{body}</table>'
    if not _blank(get("evidence")):
        out += f"<blockquote>{text(get('evidence'))}</blockquote>"
    source_name = text(get("source")) or "source"
    url = get("source_url")
    if _is_http(url):
        out += (f'<div>Source: <a href="{text(url.strip())}" target="_blank" '
                f'rel="noopener noreferrer">{source_name}</a></div>')
    elif not _blank(get("source")):
        out += f"<div>Source: {source_name}</div>"
    if not _blank(get("event_id")):
        out += copy_link_button(get("event_id"))
        out += f'<div class="cm-event-id">{EVENT_ID_LABEL} {text(get("event_id"))}</div>'
    return out + "</div>"


def copy_link_button(event_id: Any) -> str:
    """The popup's "Copy link" button (handled by :class:`geo.map.permalink_layer.CopyLink`)."""
    return (f'<div><button type="button" class="cm-copy-link" data-event-id="{text(event_id)}">'
            "Copy link</button></div>")


def tooltip_text(event: dict[str, Any]) -> str:
    """'Location — type', escaped."""
    place = text(event.get("location")) or "unknown place"
    return f"{place} &mdash; {text(event.get('event_type')) or 'unknown type'}"


def tooltip_html(event: dict[str, Any]) -> str:
    """The tooltip plus the event's id in a hidden span: streamlit-folium returns the
    tooltip's text for a clicked marker, and :mod:`geo.selection` reads the id back."""
    out = tooltip_text(event)
    if not _blank(event.get("event_id")):
        out += f'<span class="cm-event-id" hidden> {EVENT_ID_LABEL} {text(event["event_id"])}</span>'
    return out
