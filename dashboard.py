"""Conflict Map — Streamlit entry point: the shared sidebar and the map page.

Layout only: every decision is a function in ``geo/``. Run with
``streamlit run dashboard.py``.
"""

import streamlit as st

from geo.errors import ConflictMapError
from geo.filters import describe, filter_events
from geo.store_incidents import one_row_per_incident
from geo.ui import data
from geo.selection import plain_markdown
from geo.ui.notices import watch_store
from geo.ui.permalink import take_event_param
from geo.ui.shared import follow_deep_link
from geo.ui.sidebar import render_sidebar
from geo.ui.watchlists import render_watchlists

st.set_page_config(page_title="Conflict Map", page_icon="🗺️", layout="wide")


MAP_KEY = "main_map"
MAP_RETURNS = ["last_object_clicked", "last_object_clicked_count",  # only clicks rerun
               "last_object_clicked_tooltip", "last_object_clicked_popup"]  # (not pan/zoom)


def map_page() -> None:
    from streamlit_folium import st_folium

    from geo.credits import dataset_credits
    from geo.map.aggregate import aggregate_for_map
    from geo.map.builder import build_map, selection_layer
    from geo.map.permalink_layer import linked_event_layer
    from geo.ui import permalink, playback
    from geo.ui.details import current_selection, event_dict, render_details

    reports = st.session_state["filtered"]
    shown = one_row_per_incident(reports)  # the map and its counts are of incidents
    st.title("Conflict Map")
    located = shown["latitude"].notna().sum()
    folded = len(reports) - len(shown)
    st.caption(f"{len(shown):,} events match the filters · {located:,} on the map · "
               + (f"{folded:,} further report(s) of the same incidents folded in · "
                  if folded else "") + f"{plain_markdown(st.session_state['filter_text'])}")
    # the hook for server-side aggregation: above the threshold, grid cells, not points
    map_data = aggregate_for_map(shown)
    cells = map_data if map_data.kind == "cells" else None
    if cells is not None and not st.session_state.get(playback.ON):  # (the player: per step)
        st.caption(f"{cells.located:,} located events shown as {len(cells.cells):,} grid cells "
                   f"of {cells.cell_size:.2g}° (cells closer than a ring's width are drawn "
                   "as one ring until you zoom in); narrow the filters to see single events.")
    linked, view = permalink.linked_event(shown)
    selected = current_selection(shown, st.session_state.get(MAP_KEY))

    player = playback.player_controls()
    ring = selection_layer(event_dict(shown, selected))

    def draw_player_map(base, layer) -> None:
        st_folium(base, height=640, use_container_width=True, returned_objects=MAP_RETURNS,
                  key=MAP_KEY, feature_group_to_add=[ring, layer])
        if playback.clicked_new(st.session_state.get(MAP_KEY)):
            st.rerun()  # the details panel, outside the player, shows the clicked event

    left, right = st.columns([3, 1.3], gap="medium")
    with left:
        if player is not None:
            st.session_state["_pb_credits"] = dataset_credits(shown)
            playback.render_player(playback.playback_for(shown, _filter_key()), player,
                                   draw_map=draw_player_map)
        else:
            # same filter -> same map script -> streamlit-folium keeps the live map (no
            # jump); the selection ring is swapped in with feature_group_to_add
            fit = permalink.fit_map(repr(st.session_state["filter"]))
            st_folium(build_map(shown, cells=cells, credits=dataset_credits(shown), fit=fit,
                                local_tiles=_own_tiles()),
                      height=640, use_container_width=True,
                      returned_objects=MAP_RETURNS, key=MAP_KEY,
                      feature_group_to_add=[ring, linked_event_layer(
                          linked, zoom=view.zoom if view else 11)])
    with right:
        render_details(shown, selected, map_key=MAP_KEY)


def _own_tiles():
    """CONFLICTMAP_TILES served from this machine, or None (a named warning when the
    file cannot be used: the outline base map stands in)."""
    from geo.map.tile_server import configured_tiles

    try:
        return configured_tiles()
    except ConflictMapError as exc:
        st.warning(f"Your own tiles are not used: {exc}. The offline outline map stands in.",
                   icon=":material/map:")
        return None


def _filter_key() -> tuple:
    return (data.get_store().version(), repr(st.session_state["filter"]))


# Navigation first: on a fresh server the first run switches Streamlit from the legacy
# pages/ mode to st.navigation here, before any widget exists, so the sidebar's widgets
# keep one identity from the first run on (and the URL's filter survives).
page = st.navigation([
    st.Page(map_page, title="Map", icon=":material/map:", default=True),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/trends.py", title="Trends", icon=":material/trending_up:"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:"),
    st.Page("pages/briefing.py", title="Briefing", icon=":material/slideshow:"),
    st.Page("pages/review.py", title="Review", icon=":material/fact_check:"),
    st.Page("pages/ingest.py", title="Ingest", icon=":material/upload_file:"),
])
try:
    store = data.get_store()
    if message := data.ensure_seeded(store):
        st.toast(message)
    frame, counts = data.load_events_with_facets()
except ConflictMapError as exc:
    st.error(str(exc))
    st.stop()

take_event_param()  # ?event=ID, before the sidebar rewrites the query string
flt = render_sidebar(frame, counts)
watch_store(store)
st.session_state["filter"] = flt
st.session_state["filtered"] = filter_events(frame, flt)
st.session_state["filter_text"] = describe(flt)
render_watchlists(frame, flt)

follow_deep_link()
page.run()
