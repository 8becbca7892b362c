"""The sidebar's watchlists: each saved filter with "N new since you last looked",
a button that shows its events (the filter goes into the sidebar, and the new
events count as looked at), and a box to save the current filter under a name."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from geo import facets
from geo.errors import WatchlistError
from geo.filters import EventFilter, to_query_params
from geo.store import Store
from geo.ui.data import get_store
from geo.ui.sidebar import _set_widgets
from geo.watchlists import count_new, get_watchlist, list_watchlists, mark_seen, save_watchlist

NAME_KEY = "wl_name"


@st.cache_data(show_spinner=False, max_entries=256)
def _count_new(url: str, version: tuple, name: str, seen: str, flt_json: str) -> int:
    """Cached per store version, last look and filter: a rerun costs no query."""
    store = get_store()
    return count_new(store, get_watchlist(store, name))


def _show(name: str, bounds) -> None:
    """on_click of a watchlist's button: its filter into the widgets; looked at now."""
    store = get_store()
    wl = mark_seen(store, name)
    _set_widgets(wl.filter, bounds)


def _save(flt: EventFilter) -> None:
    name = st.session_state.get(NAME_KEY, "")
    try:
        wl, new = save_watchlist(get_store(), name, flt)
    except WatchlistError as exc:
        st.session_state["_wl_message"] = ("error", str(exc))
        return
    st.session_state[NAME_KEY] = ""
    st.session_state["_wl_message"] = ("success", f"{'Saved' if new else 'Updated'} "
                                                  f"“{wl.name}”: {wl.description}")


def new_label(count: int) -> str:
    return f"{count:,} new since you last looked"


def render_watchlists(frame: pd.DataFrame, flt: EventFilter) -> None:
    """Draw the watchlists section at the foot of the sidebar."""
    store: Store = get_store()
    bounds = facets.date_bounds(frame)
    sb = st.sidebar
    sb.divider()
    sb.subheader("Watchlists")
    if message := st.session_state.pop("_wl_message", None):
        getattr(sb, message[0])(message[1])
    found = list_watchlists(store)
    if not found:
        # markdown, not st.caption: the pages' first caption stays their own
        sb.markdown(":gray[Save a filter below to be told what is new in it.]")
    version = store.version()
    for i, wl in enumerate(found):
        count = _count_new(store.url, version, wl.name, wl.last_seen_at.isoformat(),
                           json.dumps(to_query_params(wl.filter), sort_keys=True))
        box = sb.container(border=True, key=f"wl_{i}")
        box.markdown(f"**{_escape(wl.name)}** · {new_label(count)}")
        box.markdown(f":gray[{_escape(wl.description)}]")
        box.button("Show its events", key=f"wl_show_{i}", on_click=_show,
                   args=(wl.name, bounds), icon=":material/visibility:")
    sb.text_input("Save the current filter as", key=NAME_KEY, placeholder="Watchlist name")
    sb.button("Save watchlist", key="wl_save", on_click=_save, args=(flt,),
              icon=":material/bookmark_add:")


def _escape(text: str) -> str:
    from geo.selection import markdown_text

    return markdown_text(text)
