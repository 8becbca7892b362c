"""Ingest: paste an article or upload files; a progress bar, then a report of what
was added and what was rejected and why. The accepted kinds come from
:data:`geo.ingest.UPLOAD_KINDS` (dataset importers add themselves there)."""

import pandas as pd
import streamlit as st

from geo.ingest import (UPLOAD_KINDS, IngestReport, Upload, ingest_text, ingest_uploads,
                        report_rows)
from geo.ui import data
from geo.ui.shared import filtered_events

REPORT = "ingest_report"

filtered_events()  # the shared sidebar first (see geo.ui.shared)
st.title("Ingest")
st.caption("Add news articles to the store. The same article twice updates it, never "
           "duplicates it.")


def _show(report: IngestReport) -> None:
    rejected = len(report.failed)
    msg = (f"{len(report.ok)} file(s) read, {rejected} rejected · {report.events} event(s), "
           f"{report.added} new")
    (st.warning if rejected else st.success)(msg, icon="⚠️" if rejected else "✅")
    rows = pd.DataFrame(report_rows(report), columns=["file", "status", "events", "new",
                                                      "removed", "reason"])
    rows[["events", "new", "removed"]] = rows[["events", "new", "removed"]].astype("Int64")
    st.dataframe(rows, hide_index=True, width="stretch",
                 key="ingest_table", column_config={
                     "events": st.column_config.NumberColumn("events", format="%d"),
                     "new": st.column_config.NumberColumn("new", format="%d"),
                     "removed": st.column_config.NumberColumn("removed", format="%d")})


def _finish(report: IngestReport) -> None:
    """Keep the report across the rerun that reloads the events everywhere."""
    st.session_state[REPORT] = report
    st.rerun()


paste, upload = st.tabs(["Paste text", "Upload files"])

with paste:
    with st.form("paste_form", clear_on_submit=False):
        title = st.text_input("Title (optional)", key="paste_title")
        source = st.text_input("Source (optional)", key="paste_source")
        published = st.date_input("Published", value=None, key="paste_published",
                                  format="YYYY-MM-DD",
                                  help="Relative dates (“on Saturday”) are read against it.")
        text = st.text_area("Article text", height=240, key="paste_text",
                            placeholder="Tehran (IP) - Iranian President Rouhani has told …")
        pasted = st.form_submit_button("Ingest text", type="primary")
    if pasted:
        meta = {k: v for k, v in (("source", source.strip()), ("published", published)) if v}
        with st.spinner("Reading the article…"):
            result = ingest_text(text, data.get_store(), data.get_geocoder(), title=title,
                                 metadata=meta)
        _finish(IngestReport(files=[result]))

with upload:
    kinds = list(UPLOAD_KINDS)
    kind = kinds[0]
    if len(kinds) > 1:
        kind = st.radio("What are you uploading?", kinds, horizontal=True, key="upload_kind",
                        format_func=lambda k: UPLOAD_KINDS[k].label)
    accepted = UPLOAD_KINDS[kind].suffixes
    files = st.file_uploader(UPLOAD_KINDS[kind].label, accept_multiple_files=True,
                             type=[s.lstrip(".") for s in accepted], key=f"upload_{kind}")
    if st.button("Ingest files", type="primary", disabled=not files, key="upload_go"):
        bar, status = st.progress(0.0, text=f"0 of {len(files)} files"), st.empty()

        def _progress(done: int, total: int, name: str) -> None:
            bar.progress(done / total, text=f"{done} of {total} files")
            status.text(f"Read {name}")  # plain text: a file name is not Markdown

        report = ingest_uploads([Upload(f.name, f.getvalue()) for f in files],
                                data.get_store(), data.get_geocoder(), kind=kind,
                                progress=_progress)
        _finish(report)

if REPORT in st.session_state:
    st.subheader("Last ingestion")
    _show(st.session_state[REPORT])
