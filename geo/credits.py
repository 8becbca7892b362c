"""Credits owed to the datasets events come from, shown by the map and every export.

UCDP asks for credit (see ``data/ucdp-ged/README.md``), as do ACLED and GDELT;
:func:`dataset_credits` says which apply to a set of events, from their ``origin``.
"""

from __future__ import annotations

import pandas as pd

from geo.basemap import Credit

__all__ = ["DATASET_CREDITS", "credit_lines", "dataset_credits"]

DATASET_CREDITS: dict[str, Credit] = {
    "ucdp": Credit("UCDP GED, Uppsala Conflict Data Program (Sundberg & Melander 2013; "
                   "Davies, Pettersson & Öberg 2023)", "https://ucdp.uu.se/"),
    "acled": Credit("ACLED, Armed Conflict Location & Event Data", "https://acleddata.com/"),
    "gdelt": Credit("The GDELT Project", "https://www.gdeltproject.org/"),
}


def dataset_credits(events: pd.DataFrame) -> list[Credit]:
    """The credits owed for these events, in a fixed order (UCDP, ACLED, GDELT)."""
    if "origin" not in events.columns or not len(events):
        return []
    present = set(events["origin"].astype(str).unique())
    return [credit for origin, credit in DATASET_CREDITS.items() if origin in present]


def credit_lines(events: pd.DataFrame) -> list[str]:
    """The same credits as plain text lines ("UCDP GED (…) — https://ucdp.uu.se/")."""
    return [f"{c.text} — {c.url}" if c.url else c.text for c in dataset_credits(events)]
