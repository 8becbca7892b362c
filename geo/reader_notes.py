"""What the extractor did not understand in a stored article, for the Articles reader.

The reader shows an article's events; an analyst also needs what was left out and why:
sentences set aside as background, totals, negations or reactions (with the reason),
and names read as places that no gazetteer entry fitted. The article is read again
from its stored text (about 15 ms), so nothing extra is stored. Every piece of text is
escaped here; only this HTML reaches the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.articles import Article
from geo.escaping import text as esc
from geo.highlight import evidence_html


@dataclass(frozen=True, slots=True)
class ReaderNotes:
    set_aside: tuple  # ContextItem, in text order
    names_not_found: tuple  # NameNotFound, in text order


def article_from_row(row: dict) -> Article:
    """An :class:`Article` from a stored article row (``Store.get_article``)."""
    return Article(article_id=row["article_id"], path=row.get("path") or "",
                   format=row.get("format") or "txt", title=row.get("title") or "",
                   text=row.get("text") or "", source=row.get("source") or "",
                   url=row.get("url") or "", published=row.get("published"),
                   dateline=row.get("dateline"))


def reader_notes(row: dict, geocoder) -> ReaderNotes:
    """Read the stored article again and keep what did not become an event."""
    from geo.extract import extract

    if not row.get("text"):
        return ReaderNotes((), ())
    found = extract(article_from_row(row), geocoder)
    seen, names = set(), []
    for n in found.names_not_found:
        if n.text not in seen:
            seen.add(n.text)
            names.append(n)
    aside = sorted(found.context, key=lambda c: c.evidence_start)
    return ReaderNotes(tuple(aside), tuple(names))


def notes_html(notes: ReaderNotes, text: str) -> str:
    """Two escaped lists: sentences set aside (with why) and names not found."""
    parts = []
    if notes.set_aside:
        items = []
        for c in notes.set_aside:
            sentence = text[c.evidence_start:c.evidence_end]
            items.append(f"<li><b>{esc(c.reason)}</b> · {esc(c.event_type)}"
                         + (f" · {esc(c.location)}" if c.location else "")
                         + evidence_html(sentence) + "</li>")
        parts.append('<p><b>Set aside, not on the map</b></p><ul class="cm-aside">'
                     + "".join(items) + "</ul>")
    if notes.names_not_found:
        names = ", ".join(f"<span class=\"cm-unfound\">{esc(n.text)}</span>"
                          for n in notes.names_not_found)
        parts.append(f'<p><b>Names read as places but not found</b>: {names}</p>')
    if not parts:
        return "<p>Every event-like sentence became an event; every place name was found.</p>"
    return "".join(parts)
