import pandas as pd
import streamlit as st
from streamlit_folium import st_folium
from geo.mapview import build_map
from geo.record import FIELDS
rows = [dict(event_id="1", event_type="Battles", latitude=35.93, longitude=36.63, location="Idlib", evidence="<script>alert(1)</script>"),
        dict(event_id="2", event_type="Diplomacy", latitude=39.93, longitude=32.86, location="Ankara"),
        dict(event_id="3", event_type="Protests", latitude=44.95, longitude=34.10, location="Simferopol")]
st.title("map check")
st_folium(build_map(pd.DataFrame(rows, columns=list(FIELDS)), title="Served via st_folium"), height=600, use_container_width=True, returned_objects=[], key="m")
