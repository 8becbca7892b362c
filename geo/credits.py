"""Every credit the app owes, in one place: the map's attribution, the briefing,
and every export take their lines from here.

GeoNames (CC BY 4.0) and Natural Earth always; OpenStreetMap when its tiles or an
OSM-based online geocoder were used; a dataset's credit when its events are shown
(UCDP asks for citation, see ``data/ucdp-ged/README.md``; ACLED and GDELT likewise).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

__all__ = [
    "Credit", "GEONAMES", "NATURAL_EARTH", "CRIMEA", "CRIMEA_BOUNDS", "OSM", "UCDP", "ACLED", "GDELT",
    "DATASET_CREDITS", "dataset_credits", "credit_lines", "credits_for",
]


@dataclass(frozen=True, slots=True)
class Credit:
    """One attribution entry: plain text, optionally linked (http(s) only)."""

    text: str
    url: str = ""
    #: (south, west, north, east): owed only while this area is in view (None: always)
    bounds: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("a credit needs some text")
        if self.bounds is not None:
            south, west, north, east = self.bounds
            if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
                raise ValueError(f"credit bounds must be south, west, north, east: {self.bounds}")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError(f"credit links must be http(s), not {self.url!r}")

    def html(self) -> str:
        text = html.escape(self.text)
        if not self.url:
            return text
        return f'<a href="{html.escape(self.url, quote=True)}" target="_blank">{text}</a>'

    def line(self) -> str:
        """Plain text, for CSV/GeoJSON exports and the command line."""
        return f"{self.text} — {self.url}" if self.url else self.text


GEONAMES = Credit("GeoNames (CC BY 4.0)", "https://www.geonames.org/")
NATURAL_EARTH = Credit("Natural Earth", "https://www.naturalearthdata.com/")
#: Natural Earth draws Crimea in Russia; the base map draws it in Ukraine, hatched
CRIMEA_BOUNDS = (44.38, 32.48, 46.25, 36.65)
CRIMEA = Credit("hatched: Crimea, Ukraine, occupied", bounds=CRIMEA_BOUNDS)
OSM = Credit("© OpenStreetMap contributors", "https://www.openstreetmap.org/copyright")
UCDP = Credit("UCDP GED (Sundberg & Melander 2013; Davies et al. 2023)", "https://ucdp.uu.se/")
ACLED = Credit("ACLED, Armed Conflict Location & Event Data", "https://acleddata.com/")
GDELT = Credit("The GDELT Project", "https://www.gdeltproject.org/")

DATASET_CREDITS: dict[str, Credit] = {"ucdp": UCDP, "acled": ACLED, "gdelt": GDELT}


def dataset_credits(events: pd.DataFrame) -> list[Credit]:
    """The dataset credits owed for these events, in a fixed order (UCDP, ACLED, GDELT)."""
    if "origin" not in events.columns or not len(events):
        return []
    # the distinct values first: converting a million strings to ``str`` cost a second
    present = {str(v) for v in events["origin"].dropna().unique()}
    return [credit for origin, credit in DATASET_CREDITS.items() if origin in present]


def credit_lines(events: pd.DataFrame) -> list[str]:
    """Every credit for these events as plain text lines (GeoNames first)."""
    return [c.line() for c in (GEONAMES, *dataset_credits(events))]


def credits_for(events: pd.DataFrame, *, tiles: bool,
                own_tiles: str = "") -> tuple[Credit, ...]:
    """A map's full attribution: GeoNames and Natural Earth always, the Crimea note
    while Crimea is in view (:attr:`Credit.bounds`), OpenStreetMap only when its
    tiles are drawn, your own tile file's credit (``own_tiles``: plain text) when it
    is the base layer, each dataset whose events are shown."""
    own = (Credit(own_tiles.strip()),) if own_tiles.strip() else ()
    return (GEONAMES, NATURAL_EARTH, CRIMEA, *((OSM,) if tiles else ()), *own,
            *dataset_credits(events))
