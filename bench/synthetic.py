"""SYNTHETIC conflict events for the benchmarks: real places, made-up events.

Every event made here is labelled synthetic three ways: ``source`` is
:data:`SYNTHETIC_SOURCE`, ``evidence`` starts with ``[synthetic]`` and
``geo_backend`` is ``synthetic``; ``origin`` is ``manual``. They must never be
mistaken for reports.

The spread imitates real data: places come from the gazetteer's ``places``
table (settlements, first-level regions and countries), weighted towards the
countries that dominate conflict datasets and, within a country, towards
populous places; dates fall over :data:`YEARS` with surges; event types follow
the rough shares of an ACLED export. Deterministic for a given ``seed``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from geo.record import FIELDS
from geo.taxonomy import BY_NAME

SYNTHETIC_SOURCE = "SYNTHETIC benchmark data (bench/synthetic.py)"
YEARS = (2018, 2025)  # first day of the first year .. last day before the second

# Relative weights: roughly the share of events per country in recent conflict datasets.
COUNTRY_WEIGHTS = {
    "UKR": 18, "SYR": 12, "MMR": 7, "YEM": 6, "SDN": 5, "COD": 5, "NGA": 5, "MEX": 5,
    "BRA": 4, "IND": 4, "PAK": 4, "AFG": 4, "IRQ": 3, "SOM": 3, "BFA": 3, "MLI": 3,
    "ETH": 3, "PSE": 3, "ISR": 2, "LBN": 2, "LBY": 2, "COL": 2, "CMR": 2, "NER": 2,
    "CAF": 2, "SSD": 2, "MOZ": 1, "TUR": 1, "IRN": 1, "RUS": 2, "PHL": 1, "BGD": 1,
    "HTI": 1, "KEN": 1, "TCD": 1, "EGY": 1, "VEN": 1, "ARM": 1, "AZE": 1, "GEO": 1,
}
OTHER_COUNTRIES_WEIGHT = 4  # the rest of the world together
TYPE_WEIGHTS = {
    "Battles": 22, "Explosions/Remote violence": 28, "Violence against civilians": 15,
    "Protests": 22, "Riots": 5, "Strategic developments": 5, "Diplomacy": 3,
}
PRECISION_WEIGHTS = {1: 0.8, 2: 0.15, 3: 0.05}
ACTOR_TEMPLATES = {
    "Battles": ("Military Forces of {c}", "Rebel Forces ({c})"),
    "Explosions/Remote violence": ("Military Forces of {c}", "Civilians ({c})"),
    "Violence against civilians": ("Unidentified Armed Group ({c})", "Civilians ({c})"),
    "Protests": ("Protesters ({c})", ""),
    "Riots": ("Rioters ({c})", "Police Forces of {c}"),
    "Strategic developments": ("Military Forces of {c}", ""),
    "Diplomacy": ("Government of {c}", "United Nations"),
}


def load_places(gazetteer: str | Path) -> pd.DataFrame:
    """Real places from the gazetteer's ``places`` table (read-only)."""
    uri = f"file:{Path(gazetteer)}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        places = pd.read_sql_query(
            "SELECT name, latitude, longitude, precision, country_code3 AS country_code, "
            "country, COALESCE(admin1, '') AS admin1, population FROM places "
            "WHERE country_code3 IS NOT NULL AND country_code3 != ''", conn)
    return places


def synthetic_events(n: int, places: pd.DataFrame, *, seed: int = 7) -> pd.DataFrame:
    """``n`` SYNTHETIC events (a DataFrame with the record's columns) over ``places``."""
    rng = np.random.default_rng(seed)
    places = places.reset_index(drop=True)
    pick = _pick_places(rng, places, n)
    at = places.iloc[pick].reset_index(drop=True)
    types = np.array(list(TYPE_WEIGHTS))
    type_p = np.array(list(TYPE_WEIGHTS.values()), dtype=float)
    event_type = types[rng.choice(len(types), size=n, p=type_p / type_p.sum())]
    sub_type = _sub_types(rng, event_type)
    dates = _dates(rng, n)
    jitter = np.where(at["precision"].to_numpy() == 1, 0.02, 0.0)
    lat = np.clip(at["latitude"].to_numpy() + rng.normal(0, 1, n) * jitter, -90, 90)
    lon = np.clip(at["longitude"].to_numpy() + rng.normal(0, 1, n) * jitter, -180, 180)
    fatal = rng.geometric(0.35, n) - 1
    fatal_known = rng.random(n) < 0.7
    country = at["country"].fillna("").to_numpy(dtype=object)
    actor1, actor2 = _actors(event_type, country)
    ids = [hashlib.sha256(f"synthetic\x1f{seed}\x1f{i}".encode()).hexdigest()[:20]
           for i in range(n)]
    frame = pd.DataFrame({
        "event_id": ids,
        "event_date": dates,
        "event_type": event_type,
        "origin": "manual",
        "date_precision": "day",
        "sub_event_type": sub_type,
        "actor1": actor1, "actor2": actor2,
        "location": at["name"].to_numpy(dtype=object),
        "latitude": np.round(lat, 5), "longitude": np.round(lon, 5),
        "geo_precision": at["precision"].astype("int64").to_numpy(),
        "admin1": at["admin1"].to_numpy(dtype=object),
        "country": country,
        "country_code": at["country_code"].to_numpy(dtype=object),
        "fatalities": pd.array(np.where(fatal_known, fatal, 0), dtype="Int64"),
        "evidence": _evidence(event_type, at["name"].to_numpy(dtype=object), np.arange(n)),
        "source": SYNTHETIC_SOURCE,
        "confidence": np.round(rng.uniform(0.5, 1.0, n), 3),
        "geo_backend": "synthetic",
    })
    frame.loc[~fatal_known, "fatalities"] = pd.NA
    return frame.reindex(columns=list(FIELDS))


def _pick_places(rng: np.random.Generator, places: pd.DataFrame, n: int) -> np.ndarray:
    """Country by weight, then precision by weight, then a place by sqrt(population)."""
    codes = places["country_code"].to_numpy()
    known = [c for c in COUNTRY_WEIGHTS if (codes == c).any()]
    others = sorted(set(codes) - set(known))
    names = known + others
    w = np.array([COUNTRY_WEIGHTS[c] for c in known]
                 + [OTHER_COUNTRIES_WEIGHT / max(1, len(others))] * len(others), dtype=float)
    chosen = rng.choice(len(names), size=n, p=w / w.sum())
    prec = np.array(list(PRECISION_WEIGHTS))
    prec_p = np.array(list(PRECISION_WEIGHTS.values()))
    wanted_prec = prec[rng.choice(len(prec), size=n, p=prec_p)]
    out = np.empty(n, dtype=np.int64)
    groups = places.groupby(["country_code", "precision"]).indices
    for ci, code in enumerate(names):
        for p in prec:
            slots = np.flatnonzero((chosen == ci) & (wanted_prec == p))
            if not len(slots):
                continue
            pool = next((groups[(code, q)] for q in (p, 1, 2, 3) if (code, q) in groups), None)
            weight = np.sqrt(places["population"].to_numpy()[pool].clip(min=100)).astype(float)
            out[slots] = pool[rng.choice(len(pool), size=len(slots), p=weight / weight.sum())]
    return out


def _sub_types(rng: np.random.Generator, event_type: np.ndarray) -> np.ndarray:
    out = np.empty(len(event_type), dtype=object)
    for name, t in BY_NAME.items():
        slots = event_type == name
        out[slots] = np.array(t.sub_types, dtype=object)[
            rng.integers(0, len(t.sub_types), slots.sum())]
    return out


def _dates(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days over YEARS, with three surges (offensives) on a steady background."""
    start = np.datetime64(dt.date(YEARS[0], 1, 1))
    span = (np.datetime64(dt.date(YEARS[1], 1, 1)) - start).astype(int)
    days = rng.integers(0, span, n)
    surge = rng.random(n) < 0.3
    centres = np.array([int(span * 0.3), int(span * 0.55), int(span * 0.85)])
    days[surge] = np.clip(centres[rng.integers(0, 3, surge.sum())]
                          + rng.normal(0, 30, surge.sum()).astype(int), 0, span - 1)
    return (start + days.astype("timedelta64[D]")).astype("datetime64[s]")


def _actors(event_type: np.ndarray, country: np.ndarray) -> tuple[list[str], list[str]]:
    a1, a2 = [], []
    for t, c in zip(event_type.tolist(), country.tolist()):
        first, second = ACTOR_TEMPLATES[t]
        a1.append(first.format(c=c or "Unknown"))
        a2.append(second.format(c=c or "Unknown"))
    return a1, a2


def _evidence(event_type: np.ndarray, place: np.ndarray, index: np.ndarray) -> list[str]:
    return [f"[synthetic] event {i}: {t.lower()} reported near {p}."
            for t, p, i in zip(event_type.tolist(), place.tolist(), index.tolist())]
