"""One headless Chromium per Streamlit process for PNG exports (the warm path).

The pool starts no browser until the first PNG is asked for, and closes it when
the process exits (the pool registers that itself, see :func:`geo.png._close_at_exit`).
"""

from __future__ import annotations

import streamlit as st

from geo.png import BrowserPool


@st.cache_resource(show_spinner=False)
def get_browser_pool() -> BrowserPool:
    return BrowserPool()
