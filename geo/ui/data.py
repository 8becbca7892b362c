"""Cached access to the store for the pages: one Store per process, one loaded
DataFrame per store version, the seed articles ingested on first start."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import settings
from geo.store import Store


@st.cache_resource(show_spinner=False)
def _store_at(url: str) -> Store:
    return Store(url)


def get_store() -> Store:
    """One Store per database URL per process (DATABASE_URL may differ per test)."""
    return _store_at(settings.database_url())


@st.cache_resource(show_spinner=False)
def get_geocoder():
    from geo.geocoding import open_geocoder

    return open_geocoder()


def ensure_seeded(store: Store) -> str | None:
    """Ingest seeds/ when the store is empty; returns a message for the page, if any."""
    if store.count_events() > 0:
        return None
    from geo.ingest import ingest_seeds_if_empty

    with st.spinner("First start: reading the seed articles…"):
        report = ingest_seeds_if_empty(store, get_geocoder(), settings.SEEDS_DIR)
    return report.summary() if report else None


@st.cache_data(show_spinner=False, max_entries=4)
def _load_frame(url: str, version: tuple) -> pd.DataFrame:
    return _store_at(url).load_frame()


def load_events() -> pd.DataFrame:
    """Every stored event; reloaded only when the store changed."""
    store = get_store()
    return _load_frame(store.url, store.version())
