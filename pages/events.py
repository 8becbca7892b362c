"""Events: the filtered events as a sortable table, with a CSV download."""

import streamlit as st

from geo.export import events_csv, table_columns

shown = st.session_state["filtered"]
st.title("Events")
st.caption(f"{len(shown):,} events · {st.session_state['filter_text']}")
st.dataframe(shown[table_columns()], hide_index=True, use_container_width=True,
             column_config={"source_url": st.column_config.LinkColumn("source_url")})
st.download_button("Download CSV", events_csv(shown), file_name="conflict-map-events.csv",
                   mime="text/csv")
