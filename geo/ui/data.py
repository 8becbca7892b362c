"""Cached access to the store for the pages: one Store per process, one loaded
DataFrame per store version, the demo data loaded on first start."""

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
    """Load the demo (UCDP GED extracts + seeds/) when the store is empty; returns a
    message for the page, if any."""
    if store.count_events() > 0:
        return None
    from geo.demo import ensure_demo

    with st.spinner("First start: importing the UCDP GED demo data and the seed articles…"):
        report = ensure_demo(store, get_geocoder())
    return report.summary() if report else None


#: the newest frame loaded per database URL, with its version: where the next version starts
_latest: dict[str, tuple[tuple, pd.DataFrame]] = {}


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_frame(url: str, version: tuple) -> pd.DataFrame:
    from geo.snapshot import load_events_frame, save_in_background, updated_frame

    store = _store_at(url)
    frame = None
    before = _latest.get(url)
    if before is not None and before[0] != version:
        # the store changed while the server ran: the frame held plus the rows since
        frame = updated_frame(store, before[1], before[0], version)
        if frame is not None:
            save_in_background(store, version)
    if frame is None:
        frame = load_events_frame(store, version=version, background=True)
    _latest[url] = (version, frame)
    return frame


def load_events() -> pd.DataFrame:
    """Every stored event; reloaded only when the store changed.

    Shared by every session of the process and READ-ONLY: ``st.cache_resource``
    hands out the one frame instead of ``cache_data``'s copy per rerun (a copy of
    a million events costs about a second). Loaded from the Arrow snapshot of the
    store's version (:mod:`geo.snapshot`), so a restart costs about a second too.
    """
    store = get_store()
    return _load_frame(store.url, store.version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _facets_at(url: str, version: tuple, _frame: pd.DataFrame):
    from geo.facets import facets_of

    return facets_of(_frame)


def load_events_with_facets():
    """:func:`load_events` and the sidebar's counts of those events
    (:class:`geo.facets.Facets`), both held until the store changes: a million
    events' counts cost more than the rest of a rerun."""
    store = get_store()
    version = store.version()
    frame = _load_frame(store.url, version)
    return frame, _facets_at(store.url, version, frame)


def refresh_corrections(store: Store) -> None:
    """Give the cached geocoder the stored corrections (after the review page saved
    one), so the next ingestion uses them at once."""
    geocoder = get_geocoder()
    if hasattr(geocoder, "set_corrections"):
        from geo.geocoding import load_corrections

        geocoder.set_corrections(load_corrections(store))
