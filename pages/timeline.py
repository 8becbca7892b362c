"""Timeline: events per day or week, stacked by event type or by actor.

Choosing a range — dragging across the chart, or the range slider — sets the
sidebar's date filter (session key ``f_dates``), in a callback so the sidebar
takes it on the rerun.
"""

import streamlit as st

from geo import facets
from geo.timeline import axis_span, bin_events, clamp_range, selected_range, timeline_chart
from geo.ui import data
from geo.ui.shared import filtered_events

DATES = "f_dates"  # the sidebar's date range
RANGE = "timeline_range"
CHART = "timeline_chart"


def _bounds():
    return facets.date_bounds(data.load_events())


def _set_dates(picked) -> None:
    if picked and picked[0] <= picked[1]:
        st.session_state[DATES] = tuple(picked)


def _on_slider() -> None:
    _set_dates(st.session_state.get(RANGE))


def _on_brush() -> None:
    _set_dates(selected_range(st.session_state.get(CHART), st.session_state.get("_tl_bin", "day")))


shown, filter_text = filtered_events()
st.title("Timeline")
st.caption(f"{len(shown):,} events · {filter_text}")

left, middle, right = st.columns([2, 2, 1])
stack_label = left.radio("Stack by", ["Event type", "Actor"], horizontal=True, key="tl_stack")
bin_label = middle.radio("Bars per", ["Auto", "Day", "Week"], horizontal=True, key="tl_bin")
top_n = right.number_input("Top actors", min_value=1, max_value=20, value=8, step=1,
                           key="tl_top", disabled=stack_label != "Actor")

timeline = bin_events(shown, stack="actor" if stack_label == "Actor" else "event_type",
                      bin=None if bin_label == "Auto" else bin_label.lower(), top_n=int(top_n))
st.session_state["_tl_bin"] = timeline.bin

if timeline.counts.empty:
    st.info("No dated events match the filters.")
else:
    current = st.session_state.get(DATES)
    picked = tuple(current) if isinstance(current, (tuple, list)) and len(current) == 2 else None
    st.altair_chart(timeline_chart(timeline, span=axis_span(timeline, picked)), width="stretch", key=CHART,
                    on_select=_on_brush, selection_mode=["brush"])
    note = f"{timeline.reason}. Drag across the chart to set the date filter."
    if timeline.undated:
        note += f" {timeline.undated:,} undated event(s) are not shown."
    st.caption(note)

bounds = _bounds()
if bounds and bounds[0] < bounds[1]:
    current = st.session_state.get(DATES)
    if isinstance(current, (tuple, list)) and len(current) == 2:
        st.session_state[RANGE] = clamp_range(tuple(current), bounds)
    else:
        st.session_state[RANGE] = bounds
    st.slider("Date range", min_value=bounds[0], max_value=bounds[1], key=RANGE,
              format="YYYY-MM-DD", on_change=_on_slider)
    st.button("Show every date", key="tl_reset", on_click=_set_dates, args=(bounds,))

with st.expander("Counts"):
    st.dataframe(timeline.counts, hide_index=True, width="stretch", key="tl_counts")
