"""The details panel beside the map: the selected event and its article.

Every value from an event or article goes through
:func:`geo.selection.markdown_text` (Markdown and HTML characters escaped); the
source link is shown only when it is http(s).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.selection import Click, detail_rows, markdown_text, selected_event_id, source_link
from geo.ui import data

SELECTED = "selected_event_id"
LAST_CLICK = "_last_map_click"


def current_selection(events: pd.DataFrame, returned: dict | None) -> str | None:
    """The selected event's id: a new click on the map (``st_folium``'s last returned
    value, kept under its key) selects its event; a selection the filters no longer
    show is dropped."""
    click = Click.from_st_folium(returned)
    if click is not None and click != st.session_state.get(LAST_CLICK):
        st.session_state[LAST_CLICK] = click
        if picked := selected_event_id(events, click):
            st.session_state[SELECTED] = picked
    selected = st.session_state.get(SELECTED)
    if selected is not None and event_dict(events, selected) is None:
        st.session_state.pop(SELECTED, None)
        return None
    return selected


def event_dict(events: pd.DataFrame, event_id: str | None) -> dict | None:
    if not event_id:
        return None
    match = events[events["event_id"].astype(str) == event_id]
    return None if match.empty else match.iloc[0].to_dict()


def _clear_selection(map_key: str) -> None:
    st.session_state.pop(SELECTED, None)
    # the map still reports its last click: mark it handled so it does not reselect
    st.session_state[LAST_CLICK] = Click.from_st_folium(st.session_state.get(map_key))


def render_details(events: pd.DataFrame, event_id: str | None, *, map_key: str) -> None:
    """Draw the panel for ``event_id`` (a hint when nothing is selected)."""
    event = event_dict(events, event_id)
    if event is None:
        st.subheader("Event details")
        st.caption("Click a marker on the map to see its event and article here.")
        return
    with st.container(border=True, key="event_details"):
        st.subheader("Event details")
        if evidence := markdown_text(event.get("evidence")):
            st.markdown(f"> {evidence}")
        for label, value in detail_rows(event):
            st.markdown(f"**{label}:** {markdown_text(value)}")
        if url := source_link(event):
            st.link_button("Open the source", url, icon=":material/open_in_new:")
        from geo.ui.permalink import render_copy_link  # it builds on this module

        render_copy_link(str(event.get("event_id") or ""))
        st.button("Clear selection", key="clear_selection", on_click=_clear_selection,
                  args=(map_key,))
    _render_article(str(event.get("article_id") or ""))


def _render_article(article_id: str) -> None:
    if not article_id:
        return
    article = data.get_store().get_article(article_id)
    if not article:
        st.caption("The article's text is not in the store.")
        return
    title = markdown_text(article.get("title")) or "Article"
    with st.expander(f"Article: {title}", expanded=False):
        meta = [markdown_text(article.get(k)) for k in ("source", "published") if article.get(k)]
        if meta:
            st.caption(" · ".join(meta))
        with st.container(height=360, key="article_text"):
            for paragraph in str(article.get("text") or "").split("\n\n"):
                if paragraph.strip():
                    st.markdown(markdown_text(paragraph.strip()))
