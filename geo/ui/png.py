"""One headless Chromium per Streamlit process for PNG exports (the warm path).

The pool starts no browser until the first PNG is asked for, and closes it when
the process exits.
"""

from __future__ import annotations

import atexit

import streamlit as st

from geo.png import BrowserPool


@st.cache_resource(show_spinner=False)
def get_browser_pool() -> BrowserPool:
    pool = BrowserPool()
    atexit.register(pool.close)
    return pool
