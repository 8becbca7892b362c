"""Briefing: the filtered events laid out for a slide, and its exports.

The preview is the very page the PNG and HTML exports are made from
(geo.briefing.render_briefing_html); only its assets are linked from /app/static
here instead of inlined.
"""

import datetime as dt
import re

import streamlit as st

from geo.briefing import DEFAULT_TITLE, MIME_TYPES, SIZES, export_bytes, make_spec, \
    render_briefing_html
from geo.credits import dataset_credits
from geo.errors import ConflictMapError
from geo.playback import PlaybackOptions
from geo.playback_export import animation_bytes, ffmpeg_path
from geo.png import chromium_problem
from geo.ui.png import get_browser_pool
from geo.ui.shared import current_filter, filtered_events

CUSTOM = "Custom…"
PREVIEW_HEIGHT = 620


shown, _ = filtered_events()
flt = current_filter()

title_col, size_col, scale_col, tiles_col = st.columns([4, 2, 1, 2], vertical_alignment="bottom")
title = title_col.text_input("Title", value=DEFAULT_TITLE, key="b_title", max_chars=120)
size_name = size_col.selectbox("Size", [*SIZES, CUSTOM], key="b_size")
scale = scale_col.selectbox("Device scale", [1, 2], key="b_scale",
                            format_func=lambda s: f"{s}×",
                            help="A 2× PNG has twice the pixels each way: sharper on big screens.")
tiles = tiles_col.checkbox("OpenStreetMap tiles", value=False, key="b_tiles",
                           help="Off: the offline country outlines only, the same on every "
                                "machine. On: tiles load from the internet when reachable.")
own_tiles = None
try:
    from geo.map.tile_server import configured_tiles

    configured = configured_tiles()
except ConflictMapError as exc:  # the Map page says so too; here the outlines stand in
    configured = None
    st.caption(f"Your own tiles are not used: {exc}")
if configured is not None and st.checkbox(
        f"Your own tiles ({configured.info.path.name})", value=True, key="b_own_tiles",
        help="The base map of the preview, the PNG and the PDF, served from this machine. "
             "The standalone HTML keeps the outline map: opened later on another machine "
             "it could not reach this one's tile server."):
    own_tiles = configured
if size_name == CUSTOM:
    w_col, h_col, _ = st.columns([1, 1, 4])
    width = int(w_col.number_input("Width (px)", 320, 7680, 1600, step=10, key="b_width"))
    height = int(h_col.number_input("Height (px)", 320, 7680, 900, step=10, key="b_height"))
else:
    width, height = SIZES[size_name]

made_at = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
spec = make_spec(shown, flt, made_at=made_at, title=title, width=width, height=height,
                 scale=scale, tiles=tiles, own_tiles=own_tiles)
st.iframe(render_briefing_html(shown, spec, assets="served"), height=PREVIEW_HEIGHT)

stem = "briefing-" + (re.sub(r"[^a-z0-9]+", "-", spec.title.lower()).strip("-") or "map") \
    + f"-{made_at:%Y%m%d-%H%M}"
problem = chromium_problem()
png_col, pdf_col, html_col, csv_col, geojson_col = st.columns(5)
png_col.download_button(
    f"PNG {spec.pixel_size[0]}×{spec.pixel_size[1]}",
    data=lambda: export_bytes("png", shown, spec, browser=get_browser_pool()),
    file_name=f"{stem}.png", mime=MIME_TYPES["png"], disabled=problem is not None,
    icon=":material/image:", on_click="ignore", key="b_png",
)
pdf_col.download_button(
    "PDF (print)", data=lambda: export_bytes("pdf", shown, spec, browser=get_browser_pool()),
    file_name=f"{stem}.pdf", mime=MIME_TYPES["pdf"], disabled=problem is not None,
    icon=":material/picture_as_pdf:", on_click="ignore", key="b_pdf",
)
html_col.download_button(
    "Standalone HTML", data=lambda: export_bytes("html", shown, spec),
    file_name=f"{stem}.html", mime=MIME_TYPES["html"], icon=":material/code:",
    on_click="ignore", key="b_html",
)
csv_col.download_button(
    "Events CSV", data=lambda: export_bytes("csv", shown, spec), file_name=f"{stem}.csv",
    mime=MIME_TYPES["csv"], icon=":material/table:", on_click="ignore", key="b_csv",
)
geojson_col.download_button(
    "Events GeoJSON", data=lambda: export_bytes("geojson", shown, spec),
    file_name=f"{stem}.geojson", mime=MIME_TYPES["geojson"], icon=":material/map:",
    on_click="ignore", key="b_geojson",
)
if problem:
    st.warning(problem)

st.subheader("The player's steps, animated")
unit_col, mode_col, window_col, frames_col = st.columns([1, 1.4, 1, 1])
a_unit = unit_col.radio("Step", ["week", "day"], horizontal=True, key="b_anim_unit")
a_mode = mode_col.radio("Show", ["cumulative", "window"], horizontal=True, key="b_anim_mode",
                        format_func=lambda m: {"cumulative": "everything so far",
                                               "window": "a moving window"}[m])
a_window = int(window_col.number_input(f"Window ({a_unit}s)", 1, 520, 4, key="b_anim_window",
                                       disabled=a_mode != "window"))
a_frames = int(frames_col.number_input("At most frames", 2, 400, 120, key="b_anim_frames"))
anim = dict(options=PlaybackOptions(a_unit, a_mode, a_window), title=spec.title,
            credits=[c.text for c in dataset_credits(shown)], max_frames=a_frames)
gif_col, mp4_col, _ = st.columns([1, 1, 2])
gif_col.download_button("Animated GIF", data=lambda: animation_bytes("gif", shown, **anim),
                        file_name=f"{stem}.gif", mime="image/gif", icon=":material/gif:",
                        on_click="ignore", key="b_gif")
mp4_col.download_button("MP4 video", data=lambda: animation_bytes("mp4", shown, **anim),
                        file_name=f"{stem}.mp4", mime="video/mp4", icon=":material/movie:",
                        on_click="ignore", key="b_mp4", disabled=ffmpeg_path() is None)
st.caption("One frame per step (evenly spaced when there are more steps than frames), drawn "
           "offline: country outlines, the step's events coloured by type, its dates."
           + ("" if ffmpeg_path() else " MP4 needs Debian's ffmpeg (apt-get install ffmpeg)."))
