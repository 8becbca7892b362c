"""The shared sidebar: date range, event types, actors, countries — mirrored in
the URL query string so a view can be bookmarked and shared."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo import facets
from geo.errors import FilterError
from geo.filters import EventFilter, from_query_params, to_query_params
from geo.taxonomy import TYPE_NAMES

KEYS = {"dates": "f_dates", "types": "f_types", "actors": "f_actors",
        "countries": "f_countries"}


def _initialise_from_url(bounds) -> None:
    """Once per session: the widgets start from the URL's filter."""
    if st.session_state.get("_filters_initialised"):
        return
    st.session_state["_filters_initialised"] = True
    try:
        flt = from_query_params(st.query_params)
    except FilterError as exc:
        st.session_state["_filter_error"] = str(exc)
        flt = EventFilter()
    if bounds:
        st.session_state[KEYS["dates"]] = (flt.since or bounds[0], flt.until or bounds[1])
    st.session_state[KEYS["types"]] = list(flt.event_types)
    st.session_state[KEYS["actors"]] = list(flt.actors)
    st.session_state[KEYS["countries"]] = list(flt.countries)


def render_sidebar(frame: pd.DataFrame) -> EventFilter:
    """Draw the filters in the sidebar; return the filter and mirror it in the URL."""
    bounds = facets.date_bounds(frame)
    _initialise_from_url(bounds)
    sb = st.sidebar
    sb.header("Filters")
    if msg := st.session_state.pop("_filter_error", None):
        sb.warning(f"The link's filter was ignored: {msg}")

    since = until = None
    if bounds:
        picked = sb.date_input("Date range", key=KEYS["dates"], format="YYYY-MM-DD")
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            since, until = picked
        elif isinstance(picked, (tuple, list)) and len(picked) == 1:
            since = picked[0]
        elif isinstance(picked, dt.date):
            since = picked
        if (since, until) == bounds:
            since = until = None  # the whole range: no restriction, a shorter URL

    type_counts = facets.value_counts(frame, "event_type")
    types = sb.multiselect(
        "Event types", options=[t for t in TYPE_NAMES] + sorted(set(type_counts) - set(TYPE_NAMES)),
        key=KEYS["types"], format_func=lambda v: facets.label_with_count(v, type_counts),
        placeholder="All types",
    )
    actor_counts = facets.actor_counts(frame)
    actors = sb.multiselect(
        "Actors", options=_keep_selected(actor_counts, KEYS["actors"]), key=KEYS["actors"],
        format_func=lambda v: facets.label_with_count(v, actor_counts), placeholder="All actors",
    )
    country_counts = facets.country_counts(frame)
    names = facets.country_names(frame)
    countries = sb.multiselect(
        "Countries", options=_keep_selected(country_counts, KEYS["countries"]),
        key=KEYS["countries"], placeholder="All countries",
        format_func=lambda c: f"{names.get(c, c)} ({country_counts.get(c, 0):,})",
    )
    try:
        flt = EventFilter(since=since, until=until, event_types=tuple(types),
                          actors=tuple(actors), countries=tuple(countries))
    except FilterError as exc:
        sb.error(str(exc))
        flt = EventFilter()
    st.query_params.from_dict(to_query_params(flt))
    return flt


def _keep_selected(counts: dict[str, int], key: str) -> list[str]:
    """Options ordered by count, plus anything selected that the data lacks."""
    selected = [v for v in st.session_state.get(key, []) if v not in counts]
    return list(counts) + selected
