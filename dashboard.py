"""Conflict Map — Streamlit entry point: the shared sidebar and the map page.

Layout only: every decision is a function in ``geo/``. Run with
``streamlit run dashboard.py``.
"""

import streamlit as st

from geo.errors import ConflictMapError
from geo.filters import describe, filter_events
from geo.ui import data
from geo.ui.sidebar import render_sidebar

st.set_page_config(page_title="Conflict Map", page_icon="🗺️", layout="wide")


def map_page() -> None:
    from streamlit_folium import st_folium

    from geo.mapview import build_map

    shown = st.session_state["filtered"]
    st.title("Conflict Map")
    located = shown["latitude"].notna().sum()
    st.caption(f"{len(shown):,} events match the filters · {located:,} on the map · "
               f"{st.session_state['filter_text']}")
    st_folium(build_map(shown), height=640, use_container_width=True,
              returned_objects=[], key="main_map")


try:
    store = data.get_store()
    if message := data.ensure_seeded(store):
        st.toast(message)
    frame = data.load_events()
except ConflictMapError as exc:
    st.error(str(exc))
    st.stop()

flt = render_sidebar(frame)
st.session_state["filtered"] = filter_events(frame, flt)
st.session_state["filter_text"] = describe(flt)

page = st.navigation([
    st.Page(map_page, title="Map", icon="🗺️", default=True),
    st.Page("pages/events.py", title="Events", icon="📋"),
    st.Page("pages/timeline.py", title="Timeline", icon="📈"),
    st.Page("pages/articles.py", title="Articles", icon="📰"),
    st.Page("pages/ingest.py", title="Ingest", icon="📥"),
])
page.run()
