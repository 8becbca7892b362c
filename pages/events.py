"""Events: the filtered events as a sortable table, with CSV and GeoJSON downloads."""

import streamlit as st

from geo.escaping import safe_href
from geo.export import events_csv, events_geojson, events_table
from geo.ui.shared import filtered_events

shown, filter_text = filtered_events()
st.title("Events")
st.caption(f"{len(shown):,} events · {filter_text}")
table = events_table(shown)  # newest first, precision in words
# a link only for http(s): a "javascript:" URL from an article stays out of the table
table["source_url"] = table["source_url"].map(lambda u: safe_href(u) or "")
st.dataframe(table, hide_index=True, width="stretch", key="events_table",
             column_config={"source_url": st.column_config.LinkColumn("source_url"),
                            "event_date": st.column_config.DateColumn("event_date",
                                                                      format="YYYY-MM-DD"),
                            "geo_precision": st.column_config.TextColumn("precision")})
left, right, _ = st.columns([1, 1.3, 3])
left.download_button("Download CSV", events_csv(shown), file_name="conflict-map-events.csv",
                     mime="text/csv", key="download_csv")
right.download_button("Download GeoJSON", events_geojson(shown),
                      file_name="conflict-map-events.geojson", mime="application/geo+json",
                      key="download_geojson")
