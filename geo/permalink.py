"""One event, one link: ``?event=ID`` opens the map centred on that event.

Pure helpers: the link of an event (:func:`event_link`), reading the id back from
query parameters (:func:`event_id_from_params`) and the view that shows an event
(:func:`view_for`: closer for a settlement than for a region or a country).
"""

from __future__ import annotations

import math
import urllib.parse
from dataclasses import dataclass
from typing import Any

EVENT_PARAM = "event"
MAX_ID = 200
#: the zoom that shows an event at its geo_precision (1 settlement, 2 region, 3 country)
ZOOM_FOR_PRECISION = {1: 11, 2: 8, 3: 6}


@dataclass(frozen=True, slots=True)
class View:
    """Where the map looks: a centre and a zoom."""

    latitude: float
    longitude: float
    zoom: int

    @property
    def center(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


def event_link(page_url: str, event_id: str) -> str:
    """The page's address (scheme, host, path) with ``?event=ID`` as its only query."""
    parts = urllib.parse.urlsplit(page_url or "/")
    query = urllib.parse.urlencode({EVENT_PARAM: str(event_id)})
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def event_id_from_params(params) -> str | None:
    """The linked event's id from query parameters (a mapping; the last value wins)."""
    value = params.get(EVENT_PARAM) if hasattr(params, "get") else None
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    value = str(value or "").strip()
    return value[:MAX_ID] or None


def view_for(event: dict[str, Any] | None) -> View | None:
    """The view centred on ``event`` (None when it has no coordinates)."""
    if not event:
        return None
    try:
        lat, lon = float(event.get("latitude")), float(event.get("longitude"))
    except (TypeError, ValueError):
        return None
    if math.isnan(lat) or math.isnan(lon):
        return None
    try:
        precision = int(event.get("geo_precision"))
    except (TypeError, ValueError):
        precision = 1
    return View(lat, lon, ZOOM_FOR_PRECISION.get(precision, ZOOM_FOR_PRECISION[1]))
