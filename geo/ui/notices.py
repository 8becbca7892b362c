"""The open dashboard notices new events: a fragment re-checks the store's version.

:func:`watch_store` runs in the entry script on every page. The session keeps the
version it opened with and the one it last drew; a fragment (``run_every``) looks at
the store's version every few seconds and reruns the app when it moved on, so new
events appear without a manual reload, with a "N new events" notice in the sidebar
that links to each of them until the analyst dismisses it.
"""

from __future__ import annotations

import streamlit as st

from geo import escaping
from geo.notices import new_events_notice, refresh_seconds

OPENED = "_opened_version"
DRAWN = "_drawn_version"


def watch_store(store) -> None:
    current = store.version()
    opened = st.session_state.setdefault(OPENED, current)
    st.session_state[DRAWN] = current
    if current != opened:
        count, rows = store.events_stored_after(opened[1])
        notice = new_events_notice(opened, current, count, rows)
        if notice is not None:
            _show(notice, current)
    every = refresh_seconds()
    if every is not None:
        st.fragment(run_every=every)(_check)(store)


def _check(store) -> None:
    if store.version() != st.session_state.get(DRAWN):
        st.rerun(scope="app")


def _show(notice, current) -> None:
    with st.sidebar.container(border=True, key="new_events_notice"):
        st.markdown(f"**{escaping.text(notice.headline)}**")
        items = "".join(
            f'<li><a href="{escaping.text(href)}" target="_self">{escaping.text(words)}</a></li>'
            for href, words in notice.lines)
        more = notice.count - len(notice.lines)
        tail = f"<li>… and {more:,} more</li>" if more > 0 else ""
        st.markdown(f"<ul style='margin:0'>{items}{tail}</ul>", unsafe_allow_html=True)
        if st.button("Dismiss", key="dismiss_new_events"):
            st.session_state[OPENED] = current
            st.rerun()
