"""What the entry script shares with every page: the filter, the filtered events
and the filter in words (set by ``dashboard.py`` after the sidebar)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.filters import EventFilter
from geo.selection import plain_markdown

ENTRY = "dashboard.py"
DEEP_LINK = "_deep_link"
_ROOT = Path(__file__).resolve().parents[2]


def filtered_events() -> tuple[pd.DataFrame, str]:
    """The sidebar's filtered events and the filter in words, Markdown-escaped (it
    carries text from the URL: a shared link must not put a link or an image on the
    page), ready for ``st.caption``.

    When a page runs without the entry script — Streamlit's legacy ``pages/``
    mode runs a page file directly when the first request a fresh server gets is
    a link to that page — the page notes where the link pointed and goes to the
    entry script, which draws the sidebar, switches Streamlit to ``st.navigation``
    for good and then opens the linked page with its query string.
    """
    if "filtered" not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        caller = Path(inspect.stack()[1].filename).resolve()
        if caller.is_relative_to(_ROOT / "pages"):
            st.session_state[DEEP_LINK] = (str(caller.relative_to(_ROOT)), params)
        st.switch_page(ENTRY, query_params=params)
    return st.session_state["filtered"], plain_markdown(st.session_state["filter_text"])


def current_filter() -> EventFilter:
    """The sidebar's filter (set with the filtered events)."""
    filtered_events()
    return st.session_state["filter"]


def follow_deep_link() -> None:
    """In the entry script, after ``st.navigation``: open the page a first link named."""
    link = st.session_state.pop(DEEP_LINK, None)
    if link:
        page, params = link
        st.switch_page(page, query_params=params)
