"""Articles: the reader — an article's text with its places, actors, triggers and
dates highlighted, each linked to its event in the list below.

Every piece of article text goes through :mod:`geo.highlight`, which escapes it;
only that HTML reaches ``st.html``.
"""

import streamlit as st

from geo.highlight import (article_header_html, events_from_frame, events_list_html,
                           highlight_html, legend_html)
from geo.reader_notes import notes_html, reader_notes
from geo.ui import data
from geo.ui.shared import filtered_events

PICK = "reader_article"

shown, _ = filtered_events()
st.title("Articles")
store = data.get_store()
articles = store.list_articles()
if not articles:
    st.info("No articles yet: add some on the Ingest page.")
    st.stop()

by_id = {a["article_id"]: a for a in reversed(articles)}  # newest first
if st.session_state.get(PICK) not in by_id:
    st.session_state[PICK] = next(iter(by_id))


def _label(article_id: str) -> str:
    a = by_id[article_id]
    when = a["published"].isoformat() if a.get("published") else "undated"
    title = a.get("title") or a.get("path") or article_id
    return f"{when} · {title}" + (f" ({a['source']})" if a.get("source") else "")


article_id = st.selectbox("Article", list(by_id), format_func=_label, key=PICK)
article = store.get_article(article_id)
frame = data.load_events()
events = events_from_frame(frame[frame["article_id"] == article_id])
events.sort(key=lambda e: (e.evidence_start if e.evidence_start is not None else 1 << 30,
                           e.event_id))
filtered_ids = set(shown["event_id"])
hidden = sum(e.event_id not in filtered_ids for e in events)

st.html(article_header_html(article))
st.caption(f"{len(events)} event(s) read from this article"
           + (f" · {hidden} outside the current filters" if hidden else "")
           + " · click a highlight to jump to its event")
st.html(legend_html())
with st.container(border=True, key="reader_text"):
    st.html(highlight_html(article.get("text") or "", events, language=article.get("language")))
st.subheader("Events")
if events:
    st.html(events_list_html(events))
else:
    st.caption("No events were read from this article.")
st.subheader("Not understood")
st.caption("Sentences set aside as background, totals, negations or reactions (with the "
           "reason), and names read as places that were not found.")
st.html(notes_html(reader_notes(article, data.get_geocoder()), article.get("text") or ""))
