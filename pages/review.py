"""Review: geocoding decisions with their candidates and scores, lowest confidence
first; the analyst picks another candidate or types coordinates, and the correction
is stored, applied to the stored events at once and wins on every re-ingestion.

Layout only: the decisions, candidates and the correction are :mod:`geo.review`'s.
Every piece of article or gazetteer text is escaped (:func:`geo.selection.markdown_text`)
before it reaches Markdown.
"""

import pandas as pd
import streamlit as st

from geo.errors import ConflictMapError
from geo.geocoding.corrections import list_corrections
from geo.review import (PRECISIONS, candidates_for, correct, dataset_event_count,
                        decision_key, least_certain_events, parse_coordinates,
                        review_items)
from geo.selection import markdown_text as md
from geo.ui import data
from geo.ui.shared import filtered_events

PICK, TABLE, MESSAGE = "review_pick", "review_table", "_review_message"

shown, filter_text = filtered_events()
st.title("Review")
items = review_items(shown)
by_key = {d.key: d for d in items}
datasets = dataset_event_count(shown)
st.caption(f"{len(items):,} geocoding decisions from {sum(d.events for d in items):,} article "
           f"events · lowest confidence first · {filter_text}"
           + (f" · {datasets:,} dataset events not listed: their coordinates come from the "
              "dataset" if datasets else ""))

if kind_text := st.session_state.pop(MESSAGE, None):
    kind, text = kind_text
    (st.success if kind == "success" else st.error)(text)
if not items:
    st.info("No geocoded article events match the filters: add articles on the Ingest page "
            "or widen the filters.")
    st.stop()
if st.session_state.get(PICK) not in by_key:
    st.session_state[PICK] = items[0].key


def _fmt(value, spec: str = ".4f") -> str:
    return "–" if value is None else format(value, spec)


def _pick_row() -> None:
    rows = st.session_state[TABLE].selection.rows
    if rows:
        st.session_state[PICK] = items[rows[0]].key


table = pd.DataFrame({
    "confidence": [d.confidence for d in items],
    "place as named": [d.location for d in items],
    "country": [d.country_code for d in items],
    "latitude": [d.latitude for d in items],
    "longitude": [d.longitude for d in items],
    "precision": [d.precision for d in items],
    "backend": [d.backend or "–" for d in items],
    "events": [d.events for d in items],
    "status": ["corrected" if d.corrected else "to review" for d in items],
})
st.dataframe(table, hide_index=True, width="stretch", height="auto" if len(items) <= 8 else 320,
             key=TABLE,
             on_select=_pick_row, selection_mode="single-row",
             column_config={
                 "confidence": st.column_config.ProgressColumn(
                     "confidence", min_value=0.0, max_value=1.0, format="%.2f"),
                 "latitude": st.column_config.NumberColumn(format="%.4f"),
                 "longitude": st.column_config.NumberColumn(format="%.4f")})


def _label(key: str) -> str:
    d = by_key[key]
    mark = "✓ " if d.corrected else ""
    return (f"{mark}{d.location} ({d.country_code or 'no country'}) · confidence "
            f"{_fmt(d.confidence, '.2f')} · {d.events} event(s)")


item = by_key[st.selectbox("Decision", list(by_key), format_func=_label, key=PICK)]
store = data.get_store()


def _save(kind: str, key: str, candidates) -> None:
    """Store the correction (a callback: the page then reruns on the new store)."""
    d = by_key[key]
    get = lambda name: st.session_state.get(f"review_{name}::{key}")  # noqa: E731
    try:
        if kind == "candidate":
            cand = candidates[get("candidate")]
            done = correct(store, d, candidate=cand, only_in_country=bool(get("scope")))
        else:
            lat, lon = parse_coordinates(get("lat"), get("lon"))
            done = correct(store, d, latitude=lat, longitude=lon, label=get("label") or "",
                           precision=int(get("precision") or 1),
                           country_code=(get("country") or "").strip() or None,
                           only_in_country=bool(get("scope")), note=get("note") or "")
        data.refresh_corrections(store)
    except ConflictMapError as exc:
        st.session_state[MESSAGE] = ("error", f"Not saved: {md(exc)}")
        return
    fix = done.correction
    st.session_state[MESSAGE] = (
        "success", f"Saved: **{md(d.location)}** is now at {md(fix.location)} "
        f"({fix.latitude:.4f}, {fix.longitude:.4f}), precision {fix.precision}; "
        f"{done.moved} stored event(s) moved. Re-ingesting keeps this place.")
    st.session_state[PICK] = decision_key(d.location, fix.country_code or d.country_code)


left, right = st.columns([1, 1.2], gap="large")
with left:
    with st.container(border=True, key="review_current"):
        st.subheader(md(item.location))
        st.markdown(f"> {md(item.evidence)}" if item.evidence else "*(no evidence text)*")
        where = ", ".join(p for p in (item.admin1, item.country_code) if p)
        st.markdown(f"**Placed at:** {_fmt(item.latitude)}, {_fmt(item.longitude)}"
                    + (f" · {md(where)}" if where else ""))
        st.markdown(f"**Precision:** {md(PRECISIONS.get(item.precision, '–'))} · "
                    f"**Backend:** {md(item.backend or '–')} · "
                    f"**Confidence:** {_fmt(item.confidence, '.2f')} · "
                    f"**Events:** {item.events}")
        if item.reason:
            st.caption(f"Why: {md(item.reason)}")

with right:
    st.subheader("Candidates")
    try:
        candidates = candidates_for(data.get_geocoder(), item)
    except ConflictMapError as exc:
        candidates = []
        st.warning(f"The gazetteer cannot be asked: {md(exc)}. Type the coordinates below.")
    st.checkbox(f"Only in stories about {item.country_code}" if item.country_code
                else "Only in stories about this country", key=f"review_scope::{item.key}",
                disabled=not item.country_code,
                help="Without it, the correction applies to this name everywhere.")
    if candidates:
        options = list(range(len(candidates)))
        default = next((i for i, c in enumerate(candidates) if not c.chosen), 0)

        def _cand(i: int) -> str:
            c = candidates[i]
            score = "–" if c.score is None else f"{c.score:.2f}"
            now = " · **current**" if c.chosen else ""
            return (f"**{md(c.label())}** · score {score} · precision {c.precision} · "
                    f"{c.latitude:.4f}, {c.longitude:.4f}{now}")

        st.radio("Ranked candidates (best first)", options, index=default, format_func=_cand,
                 captions=[md(c.reason) for c in candidates],
                 key=f"review_candidate::{item.key}")
        st.button("Use this candidate", type="primary", key="review_use",
                  on_click=_save, args=("candidate", item.key, candidates))
    elif not candidates and item.location:
        st.caption(f"The gazetteer has no candidates for {md(item.location)}.")

    with st.form(f"review_form::{item.key}", border=True):
        st.markdown("**Or type the coordinates**")
        a, b = st.columns(2)
        a.text_input("Latitude", key=f"review_lat::{item.key}", placeholder="e.g. 35.8167")
        b.text_input("Longitude", key=f"review_lon::{item.key}", placeholder="e.g. 36.6333")
        a.text_input("Label", key=f"review_label::{item.key}", placeholder=item.location)
        b.text_input("Country (ISO alpha-3)", value=item.country_code,
                     key=f"review_country::{item.key}", max_chars=3)
        st.selectbox("Precision", list(PRECISIONS), format_func=PRECISIONS.get,
                     key=f"review_precision::{item.key}")
        st.text_input("Note", key=f"review_note::{item.key}",
                      placeholder="why (optional, stored with the correction)")
        st.form_submit_button("Save coordinates", key="review_save", on_click=_save,
                              args=("typed", item.key, candidates))

stored = list_corrections(store)
with st.expander(f"Stored corrections ({len(stored)})", expanded=False):
    if stored:
        st.dataframe(pd.DataFrame([{
            "name": c.name, "location": c.location, "latitude": c.latitude,
            "longitude": c.longitude, "precision": c.precision, "country": c.country_code,
            "only in": c.context_country or "", "when": c.created_at, "note": c.note,
        } for c in stored]), hide_index=True, width="stretch", key="review_corrections")
    else:
        st.caption("None yet.")

st.subheader("Least certain events")
st.caption("Article events, lowest confidence first, with the extractor's reasons: check "
           "these before a briefing.")
st.dataframe(least_certain_events(shown), hide_index=True, key="review_events")
