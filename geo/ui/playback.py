"""The map page's player: the filtered events stepped by day or week.

:func:`player_controls` draws the switch and the options above the map and
returns the options when the player is on. :func:`render_player` is a
Streamlit fragment: the step slider, the ◀ / ▶ / Play buttons and the map. The
base map (outlines, legend, credits, view) stays the same for every step, so
streamlit-folium keeps the live map and swaps in only the step's layer
(``feature_group_to_add``); while playing, the fragment reruns on its own every
:data:`PLAY_EVERY` seconds and advances one step. A click on a marker reruns the
whole page, so the details panel shows the event.
"""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st

from geo.errors import FilterError
from geo.map.playback_layer import PLAYBACK_CSS, playback_group
from geo.playback import Playback, PlaybackOptions, StepData

PLAY_EVERY = 1.2  # seconds between steps while playing
ON, UNIT, MODE, WINDOW = "pb_on", "pb_unit", "pb_mode", "pb_window"
STEP, PLAYING = "pb_step", "pb_playing"
_CACHE = "_pb_cache"


def player_controls() -> PlaybackOptions | None:
    """The player's switch and options; the options when it is on."""
    cols = st.columns([1.3, 1.6, 2.2, 1.2], vertical_alignment="bottom")
    on = cols[0].toggle("Play over time", key=ON)
    if not on:
        st.session_state[PLAYING] = False
        return None
    unit = cols[1].radio("Step", ["week", "day"], horizontal=True, key=UNIT,
                         format_func=lambda u: f"by {u}")
    mode = cols[2].radio("Show", ["cumulative", "window"], horizontal=True, key=MODE,
                         format_func=lambda m: {"cumulative": "everything so far",
                                                "window": "a moving window"}[m])
    window = cols[3].number_input(f"Window ({unit}s)", min_value=1, max_value=520, value=4,
                                  step=1, key=WINDOW, disabled=mode != "window")
    try:
        return PlaybackOptions(unit=unit, mode=mode, window=int(window))
    except FilterError as exc:
        st.error(str(exc))
        return None


def playback_for(events: pd.DataFrame, key: tuple) -> Playback:
    """One sorted Playback per filter (kept in the session until the filter changes)."""
    cached = st.session_state.get(_CACHE)
    if cached is None or cached[0] != key:
        cached = (key, Playback(events))
        st.session_state[_CACHE] = cached
    return cached[1]


def base_map(playback: Playback, *, credits=()) -> folium.Map:
    """The map every step is drawn on: no events of its own, the view of all of them."""
    from geo.map.builder import FIT_MAX_ZOOM, build_map
    from geo.record import FIELDS

    m = build_map(pd.DataFrame(columns=list(FIELDS)), fit=False, heat=False, choropleth=False,
                  credits=credits)
    m.get_root().header.add_child(folium.Element(PLAYBACK_CSS), name="cm_playback_css")
    if playback.bounds:
        (south, west), (north, east) = playback.bounds
        m.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=FIT_MAX_ZOOM)
    return m


def step_layer(step: StepData | None) -> folium.FeatureGroup:
    if step is None:
        return playback_group(None)
    period = "day" if step.step.period_start == step.step.end else "week"
    return playback_group(step.data, label=step.step.label, index=step.step.index,
                          note=f"{step.events:,} events, {step.new:,} this {period}")


def clicked_new(returned: dict | None) -> bool:
    """Whether the map reports a click the page has not handled yet."""
    from geo.selection import Click
    from geo.ui.details import LAST_CLICK

    click = Click.from_st_folium(returned)
    return click is not None and click != st.session_state.get(LAST_CLICK)


def _move(delta: int, count: int) -> None:
    st.session_state[STEP] = min(max(int(st.session_state.get(STEP, 0)) + delta, 0), count - 1)


def _toggle_play(count: int) -> None:
    playing = not st.session_state.get(PLAYING, False)
    if playing and int(st.session_state.get(STEP, 0)) >= count - 1:
        st.session_state[STEP] = 0  # play again from the start
    st.session_state[PLAYING] = playing


def render_player(playback: Playback, options: PlaybackOptions, *, draw_map) -> None:
    """The player fragment; ``draw_map(base, layer)`` draws the st_folium map."""
    count = playback.steps(options)
    if count == 0:
        st.info("No dated, located events match the filters: nothing to play.")
        return
    playing = bool(st.session_state.get(PLAYING))

    @st.fragment(run_every=PLAY_EVERY if playing else None)
    def player() -> None:
        now_playing = bool(st.session_state.get(PLAYING))
        if now_playing != playing:
            st.rerun()  # Play or Pause: the whole page again, to start or stop the timer
        index = min(int(st.session_state.get(STEP, 0)), count - 1)
        if now_playing and st.session_state.get("_pb_ticked"):
            if index >= count - 1:
                st.session_state[PLAYING] = False
                st.rerun()  # stop the timer
            index += 1
        st.session_state["_pb_ticked"] = now_playing
        st.session_state[STEP] = index
        step = playback.step(index, options)
        buttons = st.columns([0.55, 0.55, 1.25, 5], vertical_alignment="center")
        buttons[0].button("◀", key="pb_prev", on_click=_move, args=(-1, count),
                          disabled=index == 0, help="One step back")
        buttons[1].button("▶", key="pb_next", on_click=_move, args=(1, count),
                          disabled=index >= count - 1, help="One step forward")
        buttons[2].button("Pause" if now_playing else "Play", key="pb_play",
                          on_click=_toggle_play, args=(count,),
                          icon=":material/pause:" if now_playing else ":material/play_arrow:")
        buttons[3].markdown(f"**{step.step.label}** · step {index + 1:,} of {count:,} · "
                            f"{step.events:,} events shown, {step.new:,} new")
        if count > 1:
            st.slider("Step", min_value=0, max_value=count - 1, key=STEP,
                      label_visibility="collapsed")
        draw_map(base_map(playback, credits=st.session_state.get("_pb_credits", ())),
                 step_layer(step))

    player()
