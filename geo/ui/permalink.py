"""``?event=ID`` on the map page, and "copy link" in the details panel.

:func:`take_event_param` runs before the sidebar (which rewrites the query
string from the filter) and keeps the linked id for the session;
:func:`linked_event` then selects that event, so the details panel shows it,
and gives the view centred on it and the layer with its popup open — until
another event is selected.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.permalink import View, event_id_from_params, event_link, view_for
from geo.ui.details import SELECTED, event_dict

LINKED = "_linked_event"
NO_FIT = "_linked_filter"


def take_event_param() -> None:
    """Keep the URL's ``event`` for this session (call before the sidebar)."""
    if (event_id := event_id_from_params(st.query_params)) is not None:
        st.session_state[LINKED] = event_id
        st.session_state[SELECTED] = event_id
        st.session_state[NO_FIT] = None  # set to the filter by fit_map


def fit_map(filter_key) -> bool:
    """Whether the map may fit the events' bounds: not after a link opened it on one
    event (the map would jump away from it), until the filter changes."""
    if NO_FIT not in st.session_state:
        return True
    if st.session_state[NO_FIT] is None:
        st.session_state[NO_FIT] = filter_key
    if st.session_state[NO_FIT] == filter_key:
        return False
    del st.session_state[NO_FIT]
    return True


def linked_event(events: pd.DataFrame) -> tuple[dict | None, View | None]:
    """The linked event and its view, while it is the selected one."""
    event_id = st.session_state.get(LINKED)
    if not event_id:
        return None, None
    if st.session_state.get(SELECTED) != event_id:
        st.session_state.pop(LINKED, None)  # another event was picked, or none, since
        return None, None
    event = event_dict(events, event_id)
    if event is None:
        st.warning(f"The linked event {event_id!r} is not among the events the filters show.",
                   icon=":material/link_off:")
        st.session_state.pop(LINKED, None)
        return None, None
    return event, view_for(event)


def page_url() -> str:
    try:
        return st.context.url or "/"
    except AttributeError:  # no browser session (a bare script run)
        return "/"


def render_copy_link(event_id: str) -> None:
    """The event's link, with Streamlit's copy button."""
    st.caption("Link to this event (copy link):")
    st.code(event_link(page_url(), event_id), language=None, wrap_lines=True)
