"""The shared sidebar: date range, event types and sub-types, actors, countries,
free text, minimum precision and origin, with counts beside the options and a
"Reset filters" button — mirrored in the URL query string so a view can be
bookmarked and shared (:func:`geo.filters.to_query_params`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo import facets
from geo.errors import FilterError
from geo.filters import EventFilter, from_query_params, to_query_params
from geo.record import ORIGINS
from geo.selection import plain_markdown
from geo.taxonomy import TYPE_NAMES

KEYS = {"dates": "f_dates", "types": "f_types", "sub_types": "f_sub_types",
        "actors": "f_actors", "countries": "f_countries", "text": "f_text",
        "precision": "f_precision", "origins": "f_origins"}
ANY = 0  # the precision select's "no restriction" (a selectbox shows None as empty)
PRECISION_LABELS = {ANY: "Any", 1: "Settlement", 2: "Region or finer", 3: "Country or finer"}


def _set_widgets(flt: EventFilter, bounds) -> None:
    """Put a filter into the widgets' session state (before they are drawn)."""
    state = st.session_state
    if bounds:
        def clamp(day):
            return min(max(day, bounds[0]), bounds[1])
        state[KEYS["dates"]] = (clamp(flt.since or bounds[0]), clamp(flt.until or bounds[1]))
    state[KEYS["types"]] = list(flt.event_types)
    state[KEYS["sub_types"]] = list(flt.sub_event_types)
    state[KEYS["actors"]] = list(flt.actors)
    state[KEYS["countries"]] = list(flt.countries)
    state[KEYS["text"]] = flt.text
    state[KEYS["precision"]] = flt.max_geo_precision or ANY
    state[KEYS["origins"]] = list(flt.origins)


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
    _set_widgets(flt, bounds)


def _reset(bounds) -> None:
    """on_click of "Reset filters": every widget back to no filter, the URL cleared."""
    _set_widgets(EventFilter(), bounds)
    st.query_params.clear()


def _picked_dates(picked, bounds) -> tuple[dt.date | None, dt.date | None]:
    since = until = None
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        since, until = picked
    elif isinstance(picked, (tuple, list)) and len(picked) == 1:
        since = picked[0]
    elif isinstance(picked, dt.date):
        since = picked
    if (since, until) == bounds:
        return None, None  # the whole range: no restriction, a shorter URL
    return since, until


def render_sidebar(frame: pd.DataFrame, counts: facets.Facets | None = None) -> EventFilter:
    """Draw the filters in the sidebar; return the filter and mirror it in the URL.
    ``counts``: the frame's :class:`~geo.facets.Facets` when they are held already."""
    counts = counts or facets.facets_of(frame)
    bounds = counts.bounds
    _initialise_from_url(bounds)
    sb = st.sidebar
    sb.header("Filters")
    if msg := st.session_state.pop("_filter_error", None):
        sb.warning(f"The link's filter was ignored: {plain_markdown(msg)}")  # URL text

    since = until = None
    if bounds:
        picked = sb.date_input("Date range", key=KEYS["dates"], format="YYYY-MM-DD",
                               min_value=bounds[0], max_value=bounds[1])
        since, until = _picked_dates(picked, bounds)

    type_counts = counts.types
    types = sb.multiselect(
        "Event types", options=list(TYPE_NAMES) + sorted(set(type_counts) - set(TYPE_NAMES)),
        key=KEYS["types"], format_func=lambda v: facets.label_with_count(v, type_counts),
        placeholder="All types",
    )
    # sub-types of the chosen types only: drop chosen ones that no longer belong
    stale = facets.sub_types_outside(st.session_state.get(KEYS["sub_types"], []), frame, types)
    if stale:
        st.session_state[KEYS["sub_types"]] = [
            s for s in st.session_state[KEYS["sub_types"]] if s not in stale]
    sub_counts = facets.sub_type_counts(frame, types) if types else counts.sub_types
    sub_types = sb.multiselect(
        "Sub-types", options=_keep_selected(sub_counts, KEYS["sub_types"]),
        key=KEYS["sub_types"], format_func=lambda v: facets.label_with_count(v, sub_counts),
        placeholder="All sub-types",
    )
    actor_counts = counts.actors
    actors = sb.multiselect(
        "Actors", options=_keep_selected(actor_counts, KEYS["actors"]), key=KEYS["actors"],
        format_func=lambda v: facets.label_with_count(v, actor_counts),
        placeholder="Type to search all actors",
    )
    country_counts = counts.countries
    names = counts.country_names
    countries = sb.multiselect(
        "Countries (of the event's place)",
        options=_keep_selected(country_counts, KEYS["countries"]),
        key=KEYS["countries"], placeholder="All countries",
        format_func=lambda c: f"{names.get(c, c)} ({country_counts.get(c, 0):,})",
    )
    text = sb.text_input("Text (evidence or place name)", key=KEYS["text"],
                         placeholder="e.g. observation post, Idlib")
    precision_counts = counts.precisions
    precision = sb.selectbox(
        "Minimum location precision", options=list(PRECISION_LABELS), key=KEYS["precision"],
        format_func=lambda p: f"{PRECISION_LABELS[p]} "
                              f"({precision_counts.get(p, len(frame)):,})",
    )
    origin_counts = counts.origins
    origins = sb.multiselect(
        "Origin", options=[o for o in ORIGINS if o in origin_counts]
        + _keep_selected({}, KEYS["origins"], exclude=origin_counts),
        key=KEYS["origins"], placeholder="All origins",
        format_func=lambda v: facets.label_with_count(v, origin_counts),
    )
    sb.button("Reset filters", key="f_reset", on_click=_reset, args=(bounds,),
              icon=":material/filter_alt_off:", width="stretch")
    try:
        flt = EventFilter(since=since, until=until, event_types=tuple(types),
                          sub_event_types=tuple(sub_types), actors=tuple(actors),
                          countries=tuple(countries), text=text.strip(),
                          max_geo_precision=precision or None, origins=tuple(origins))
    except FilterError as exc:
        sb.error(plain_markdown(exc))
        flt = EventFilter()
    st.query_params.from_dict(to_query_params(flt))
    return flt


def _keep_selected(counts: dict[str, int], key: str, *, exclude=()) -> list[str]:
    """Options ordered by count, plus anything selected that the data lacks."""
    selected = [v for v in st.session_state.get(key, [])
                if v not in counts and v not in exclude]
    return list(counts) + selected
