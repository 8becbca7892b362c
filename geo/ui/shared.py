"""What the entry script shares with every page: the filtered events and the
filter's description (set by ``dashboard.py`` after the sidebar)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

ENTRY = "dashboard.py"


def filtered_events() -> tuple[pd.DataFrame, str]:
    """The sidebar's filtered events and the filter in words.

    When a page runs without the entry script — Streamlit's legacy ``pages/``
    mode runs a page file directly when the first request a fresh server gets is
    a link to that page — the page goes to the entry script, which draws the
    sidebar and switches Streamlit to ``st.navigation`` for good.
    """
    if "filtered" not in st.session_state:
        st.switch_page(ENTRY)
    return st.session_state["filtered"], st.session_state["filter_text"]
