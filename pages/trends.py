"""Trends: what changed in the chosen week, and where.

Per country or first-level region: this week's events against the weekly means
of the 4 and 52 weeks before, a category, surges and emerging actors
(geo.trends), as a change map and a sortable table with a CSV download. Every
sidebar filter applies except the date range: the week needs the year before it
(the range's last day is the default week's last day).
"""

import dataclasses
import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from geo.credits import dataset_credits
from geo.filters import filter_events
from geo.map.change_map import build_change_map
from geo.trends import default_week, trends_csv, trends_table, week_bounds, weekly_trends
from geo.ui import data
from geo.ui.shared import current_filter, filtered_events

LEVELS = {"Countries": "country", "Regions (first level)": "admin1"}
WEEK_KEY = "tr_week"

filtered_events()  # the sidebar ran (or we go to the entry script first)
flt = current_filter()
undated = dataclasses.replace(flt, since=None, until=None)
frame = filter_events(data.load_events(), undated)
st.title("Trends")

first = default_week(frame, until=flt.until)
if first is None:
    st.info("No dated events match the filters.")
    st.stop()
left, middle, _ = st.columns([1.2, 2, 2], vertical_alignment="bottom")
week = left.date_input("Week from", value=first, key=WEEK_KEY, format="YYYY-MM-DD")
level_label = middle.radio("Per", list(LEVELS), horizontal=True, key="tr_level")
level = LEVELS[level_label]
if not isinstance(week, dt.date):
    week = first
rows = weekly_trends(frame, week, level=level)
start, end = week_bounds(week)
st.caption(f"{start:%d %b %Y} – {end:%d %b %Y} against the 4 weeks and the 52 weeks before · "
           f"{st.session_state['filter_text']} (every date up to the week's end)")

if not rows:
    st.info("No events in this week or the year before it.")
    st.stop()
counts = trends_table(rows)["category"].value_counts()
metrics = st.columns(5)
metrics[0].metric("Areas", f"{len(rows):,}")
metrics[1].metric("Events this week", f"{sum(r.this_week for r in rows):,}")
metrics[2].metric("Large increases", f"{counts.get('large increase', 0):,}")
metrics[3].metric("Surges", f"{sum(r.surge for r in rows):,}")
metrics[4].metric("With emerging actors", f"{sum(bool(r.emerging_actors) for r in rows):,}")

st_folium(build_change_map(rows, level=level, credits=dataset_credits(frame)), height=480,
          use_container_width=True, returned_objects=[], key="trends_map")
st.caption("Countries shaded by their change against the 4-week mean; regions as circles "
           "at their centres, their area this week's events, a black ring for a surge. "
           "Below a 4-week mean of 2 and 5 events this week: limited change (a low baseline).")

table = trends_table(rows)
shown = table[["area", "country_code", "admin1", "this_week", "mean_4w", "mean_52w",
               "change_4w", "category", "surge", "emerging_actors", "fatalities_this_week",
               "fatalities_mean_4w", "reason"]].copy()
shown["change_4w"] = shown["change_4w"] * 100
if level == "country":
    shown = shown.drop(columns=["admin1"])
st.dataframe(shown, hide_index=True, width="stretch", key="trends_table", column_config={
    "this_week": st.column_config.NumberColumn("this week", format="%d"),
    "mean_4w": st.column_config.NumberColumn("4-week mean", format="%.2f"),
    "mean_52w": st.column_config.NumberColumn("52-week mean", format="%.2f"),
    "change_4w": st.column_config.NumberColumn("change vs 4 weeks", format="%+.0f%%"),
    "fatalities_this_week": st.column_config.NumberColumn("fatalities", format="%d"),
    "fatalities_mean_4w": st.column_config.NumberColumn("fatalities 4-week mean",
                                                        format="%.2f"),
    "emerging_actors": st.column_config.TextColumn("emerging actors"),
})
st.download_button("Download CSV", trends_csv(rows), key="trends_csv", mime="text/csv",
                   file_name=f"conflict-map-trends-{level}-{week.isoformat()}.csv")
