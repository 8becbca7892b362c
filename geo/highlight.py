"""The article reader: an article's text with each event's mentions highlighted.

:func:`find_marks` looks for each event's place, actors, triggers and date
phrase inside the event's evidence span (``text[evidence_start:evidence_end]``);
:func:`resolve_overlaps` keeps a set of marks that do not overlap;
:func:`highlight_html` turns text and marks into HTML in which every piece of
text is escaped and every mark links to its event's anchor
(:func:`event_anchor`), coloured by the event type. Nothing from the article
reaches the HTML unescaped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.escaping import link, text as esc
from geo.lang.direction import text_direction
from geo.record import Event
from geo.taxonomy import colour_for

KINDS = ("place", "actor", "trigger", "date")
# When two marks overlap, the longer wins; on equal length, this order decides.
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_STYLE = {  # how each kind looks, on top of the event type's colour
    "place": "border-bottom:3px solid {c};background:{c}22",
    "actor": "border-bottom:2px dotted {c};font-weight:600;background:{c}14",
    "trigger": "background:{c}55",
    "date": "border-bottom:2px dashed {c};background:{c}14",
}
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted mention: a character span of the text and the events it belongs to."""

    start: int
    end: int
    kind: str  # place, actor, trigger, date
    event_ids: tuple[str, ...]
    event_type: str  # of the first event: decides the colour
    term: str  # what was looked for (the event's field value)

    @property
    def event_id(self) -> str:
        return self.event_ids[0]


def event_anchor(event_id: str) -> str:
    """The HTML id of an event's entry in the reader ("event-<id>")."""
    return "event-" + re.sub(r"[^A-Za-z0-9_-]", "_", str(event_id))


def evidence_span(text: str, event: Event) -> tuple[int, int] | None:
    """Where the event was read in ``text``: its evidence offsets, clamped to the text;
    or where its evidence sentence occurs when the offsets are missing."""
    start, end = event.evidence_start, event.evidence_end
    if start is not None and end is not None:
        start, end = max(0, int(start)), min(len(text), int(end))
        return (start, end) if start < end else None
    if event.evidence:
        at = text.find(event.evidence)
        if at >= 0:
            return at, at + len(event.evidence)
    return None


def search_terms(event: Event) -> list[tuple[str, str]]:
    """(kind, term) pairs to look for: the place, actor names (also without the
    "(Country)" suffix, and by surname for a person so named), each trigger, the date phrase."""
    terms: list[tuple[str, str]] = []
    if event.location:
        terms.append(("place", event.location))
    for actor in (event.actor1, event.actor2):
        if not actor:
            continue
        terms.append(("actor", actor))
        bare = _PAREN.sub("", actor)
        if bare != actor:  # "Recep Tayyip Erdogan (Turkey)": a person with a country
            terms.append(("actor", bare))
            words = bare.split()
            if len(words) > 1 and len(words[-1]) >= 3:
                terms.append(("actor", words[-1]))
    for trigger in (event.triggers or "").split(";"):
        if trigger.strip():
            terms.append(("trigger", trigger.strip()))
    if event.date_text:
        terms.append(("date", event.date_text))
    return terms


def find_marks(text: str, events: Iterable[Event]) -> list[Mark]:
    """Every mention of every event's terms within its evidence span (case-insensitive,
    whole words). The same span found for several events is one mark for all of them."""
    found: dict[tuple[int, int, str], tuple[list[str], str, str]] = {}
    for event in events:
        span = evidence_span(text, event)
        if span is None:
            continue
        for kind, term in search_terms(event):
            pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.I)
            for m in pattern.finditer(text, span[0], span[1]):
                key = (m.start(), m.end(), kind)
                ids, _, _ = found.setdefault(key, ([], event.event_type, term))
                if event.event_id not in ids:
                    ids.append(event.event_id)
    return sorted(
        (Mark(s, e, k, tuple(ids), etype, term) for (s, e, k), (ids, etype, term) in found.items()),
        key=lambda m: (m.start, m.end, _KIND_RANK[m.kind]),
    )


def resolve_overlaps(marks: Sequence[Mark]) -> list[Mark]:
    """A non-overlapping subset: longer marks first (a place inside a trigger phrase
    loses to the phrase), then by kind order, then earlier; returned in text order."""
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (-(m.end - m.start), _KIND_RANK[m.kind], m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def highlight_html(text: str, events: Iterable[Event], *, language: str | None = None) -> str:
    """The article text as HTML: escaped, line breaks kept, mentions marked and linked;
    right to left for Arabic and Persian (:func:`geo.lang.direction.text_direction`)."""
    marks = resolve_overlaps(find_marks(text, events))
    out: list[str] = []
    pos = 0
    for m in marks:
        out.append(esc(text[pos:m.start]))
        out.append(_mark_html(text[m.start:m.end], m))
        pos = m.end
    out.append(esc(text[pos:]))
    direction = text_direction(text, language)
    align = ";text-align:right" if direction == "rtl" else ""
    return (f'<div class="cm-reader" dir="{direction}" style="white-space:pre-wrap;'
            f'line-height:1.7{align}">' + "".join(out) + "</div>")


def _mark_html(piece: str, m: Mark) -> str:
    colour = colour_for(m.event_type)
    more = f" (+{len(m.event_ids) - 1} more)" if len(m.event_ids) > 1 else ""
    title = f"{m.kind}: {m.term} · {m.event_type}{more}"
    return (f'<mark class="cm-mark cm-{m.kind}" data-event="{esc(m.event_id)}" '
            f'title="{esc(title)}" style="{_STYLE[m.kind].format(c=colour)};color:inherit;'
            f'padding:0 1px;border-radius:2px"><a href="#{event_anchor(m.event_id)}" '
            f'style="color:inherit;text-decoration:none">{esc(piece)}</a></mark>')


def legend_html() -> str:
    """What each kind of mark looks like (in a neutral colour)."""
    sample = "#555555"
    items = "".join(
        f'<span style="{_STYLE[k].format(c=sample)};padding:0 4px;margin-right:10px">{k}</span>'
        for k in KINDS
    )
    return f'<div class="cm-reader-legend" style="font-size:0.85em">{items}</div>'


def article_header_html(article: dict) -> str:
    """Title, source, publication date and URL (a link only when it is http(s)), escaped."""
    title = esc(article.get("title") or "(untitled)")
    bits = [esc(v) for v in (article.get("source"), _date(article.get("published"))) if v]
    url = article.get("url") or ""
    if url:
        bits.append(link(url, url))
    meta = " · ".join(bits)
    return (f'<div class="cm-article-head"><h3 style="margin:0">{title}</h3>'
            f'<div style="opacity:0.75">{meta}</div></div>')


def events_list_html(events: Sequence[Event]) -> str:
    """The article's events below the text, each with its anchor and every value escaped."""
    items = []
    for e in events:
        colour = colour_for(e.event_type)
        actors = " – ".join(a for a in (e.actor1, e.actor2) if a)
        date = _date(e.event_date) or "undated"
        if e.date_text:
            date += f" (“{e.date_text}”)"
        parts = [f'<span style="display:inline-block;width:0.8em;height:0.8em;'
                 f'background:{colour};border-radius:50%;margin-right:6px"></span>'
                 f"<b>{esc(e.event_type)}</b>"
                 + (f" · {esc(e.sub_event_type)}" if e.sub_event_type else ""),
                 esc(date)]
        if e.location:
            parts.append(esc(e.location + (f", {e.country}" if e.country else "")))
        if actors:
            parts.append(esc(actors))
        if e.fatalities is not None:
            parts.append(f"{int(e.fatalities)} killed")
        body = " · ".join(parts)
        if e.evidence:
            body += evidence_html(e.evidence)
        items.append(f'<li id="{event_anchor(e.event_id)}" style="margin-bottom:8px">{body}</li>')
    return '<ol class="cm-events">' + "".join(items) + "</ol>"


def evidence_html(sentence: str) -> str:
    """An evidence sentence as shown under an event: in the original, laid out the way
    its script runs (``dir="rtl"`` for Arabic and Persian, else ``dir="auto"``)."""
    direction = text_direction(sentence)
    return (f'<blockquote class="cm-evidence" dir="{direction}" style="margin:4px 1em 0 1em;'
            f'opacity:0.8">{esc(sentence)}</blockquote>')


def events_from_frame(frame: pd.DataFrame) -> list[Event]:
    """Event records from rows of the events DataFrame (NaT and NaN become None)."""
    out = []
    for row in frame.to_dict("records"):
        clean = {k: (None if _missing(v) else v) for k, v in row.items()}
        out.append(Event.from_dict(clean))
    return out


def _missing(value) -> bool:
    if value is None or isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _date(value) -> str:
    if value is None or _missing(value):
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).date().isoformat()
    return str(value)
