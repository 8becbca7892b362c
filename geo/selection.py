"""Which event a map click selects, and what the details panel shows of it.

streamlit-folium returns, for a click on a marker, its coordinates
(``last_object_clicked``) and the text of its tooltip and popup
(``last_object_clicked_tooltip`` / ``_popup``). Both end with "Event id: ..."
(:func:`geo.map.popups.tooltip_html`, :func:`geo.map.popups.popup_html`), so the id is
read back from there; otherwise the first event at exactly those coordinates.

The panel's values are plain text; :func:`markdown_text` makes any of them safe
to pass to ``st.markdown`` (no HTML, no links, no formatting from article text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.map.popups import EVENT_ID_LABEL, _blank, _date, _fatalities, _is_http, _precision

_ID_LINE = re.compile(re.escape(EVENT_ID_LABEL) + r"\s*(\S+)\s*$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:=\"'])")
COORD_TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class Click:
    """What the map reported: where the clicked object is, and its popup's text."""

    lat: float | None = None
    lng: float | None = None
    popup: str = ""
    tooltip: str = ""
    count: int = 0  # streamlit-folium's click counter: tells two clicks on one marker apart

    @classmethod
    def from_st_folium(cls, returned: dict | None) -> Click | None:
        """From ``st_folium``'s return value; None when nothing was clicked."""
        if not returned:
            return None
        where = returned.get("last_object_clicked") or {}
        popup = returned.get("last_object_clicked_popup") or ""
        tooltip = returned.get("last_object_clicked_tooltip") or ""
        if not where and not popup and not tooltip:
            return None
        lat, lng = where.get("lat"), where.get("lng")
        return cls(float(lat) if lat is not None else None,
                   float(lng) if lng is not None else None, str(popup), str(tooltip),
                   int(returned.get("last_object_clicked_count") or 0))


def event_id_from_text(text: str) -> str | None:
    """The id after "Event id:" at the end of a popup's or tooltip's text, if any."""
    for line in reversed(text.strip().splitlines()):
        if found := _ID_LINE.search(line.strip()):
            return found.group(1)
    return None


def selected_event_id(events: pd.DataFrame, click: Click | None) -> str | None:
    """The id of the clicked event among ``events`` (None when it is not one of them):
    by the id in its popup, else the first event at exactly the clicked point."""
    if click is None or events.empty:
        return None
    ids = events["event_id"].astype(str)
    for text in (click.tooltip, click.popup):
        if (found := event_id_from_text(text)) and (ids == found).any():
            return found
    if click.lat is None or click.lng is None:
        return None
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    lon = pd.to_numeric(events["longitude"], errors="coerce")
    here = ((lat - click.lat).abs() < COORD_TOLERANCE) & \
        (((lon - click.lng + 180) % 360 - 180).abs() < COORD_TOLERANCE)
    return str(ids[here].iloc[0]) if here.any() else None


def detail_rows(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, plain text) rows of the details panel, blanks left out."""
    get = event.get

    def plain(key: str) -> str:
        return "" if _blank(get(key)) else str(get(key))

    when = _date(get("event_date"))
    if when and plain("date_text"):
        when += f" (“{plain('date_text')}”)"
    kind = plain("event_type") + (f" – {plain('sub_event_type')}" if plain("sub_event_type")
                                   else "")
    place = ", ".join(plain(k) for k in ("location", "admin1", "country") if plain(k))
    if precision := _precision(get("geo_precision")):
        place += f" ({precision})"
    rows = [
        ("Date", when or "unknown"),
        ("Type", kind),
        ("Actors", "; ".join(plain(k) for k in ("actor1", "actor2") if plain(k))),
        ("Place", place or "unknown"),
        ("Fatalities", _fatalities(get("fatalities"))),
        ("Origin", plain("origin")),
        ("Source", plain("source")),
        ("Event id", plain("event_id")),
    ]
    return [(label, value) for label, value in rows if value]


def source_link(event: dict[str, Any]) -> str | None:
    """The source URL when it is http(s) — never ``javascript:`` or anything else."""
    url = event.get("source_url")
    return url.strip() if _is_http(url) else None


_AUTOLINK_STARTS = re.compile(r"(?i)(:|@|(?<![\w])www(?=\\?\.))")
WORD_JOINER = "\u2060"


def plain_markdown(value: Any) -> str:
    """:func:`markdown_text` that no renderer can turn into a link: Streamlit's GFM
    links bare URLs, ``www.`` names and e-mail addresses after parsing, so escapes do
    not stop it; an invisible WORD JOINER after each ``:``, ``@`` and ``www`` does.
    For text from outside the app shown in Markdown (the URL's filter values)."""
    return _AUTOLINK_STARTS.sub(lambda m: m.group(1) + WORD_JOINER, markdown_text(value))


def markdown_text(value: Any) -> str:
    """Text shown through ``st.markdown`` exactly as written: every Markdown and
    HTML special character backslash-escaped (CommonMark makes them literal)."""
    if _blank(value):
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", "  \n")
