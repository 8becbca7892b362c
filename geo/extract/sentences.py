"""Split article text into sentences and clauses, keeping character offsets.

Offsets always refer to ``Article.text``. A sentence knows its paragraph and the
spans inside quotation marks (reported speech), which the pipeline treats
differently: what a speaker says will happen is not an event that happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.n", "u.k", "d.r", "gov", "sen", "rep", "prof", "brig", "adm", "cpl", "pvt",
}
# A sentence ends before a capital or digit, or before a word of a script without case
# (Arabic, Persian) or a Cyrillic capital: "...محلية. ويشهد", "...в субботу. Киев заявил".
_END = re.compile(r"[.!?؟]+[\"”’')\]»]*(?=\s+[\"“‘(«]?[A-Z0-9\u0400-\u042f\u0490\u0600-\u06ff])")
# A clause starts at "; " or at ", and"/" and"/", while"/", but" followed by a new
# subject and its verb ("and Erdogan has warned"), never inside a list ("Iran,
# Turkey, and Russia to resolve").
_VERB = (r"(?:has|have|had|is|was|were|are|will|would|also|said|says|struck|hit|shot|fought|"
         r"took|fell|sent|held|met|made|left|began|led|overran|stormed|seized|\w+ed)\b")
_CLAUSE = re.compile(
    r"(?:;\s+|,?\s+(?:and|while|whereas|but)\s+(?=(?:(?:he|she|they|it)\s|"
    r"(?:the\s+|his\s+|her\s+|its\s+)?(?:[A-Z][\w'’-]+\s+){1,4}(?:[a-z]+\s+)?" + _VERB + r")))"
)
_DATELINE = re.compile(r"\A\s*[A-Z][^\n]{0,60}?\s[-–—]{1,2}\s+")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    quotes: tuple[tuple[int, int], ...]  # absolute spans inside quotation marks
    heading: bool = False

    def in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quotes)


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``; short unpunctuated lines are marked as headings."""
    out: list[Sentence] = []
    pos = 0
    for p_index, para in enumerate(text.split("\n")):
        p_start, pos = pos, pos + len(para) + 1
        if not para.strip():
            continue
        quotes = quote_spans(para, p_start)
        if _is_heading(para):
            out.append(Sentence(len(out), p_index, p_start, p_start + len(para), para, (), True))
            continue
        start = 0
        for m in _END.finditer(para):
            if _is_abbreviation(para, m.start()) or _inside(quotes, p_start + m.end(), strict=True):
                continue
            out.append(_make(out, p_index, para, p_start, start, m.end(), quotes))
            start = m.end()
        if para[start:].strip():
            out.append(_make(out, p_index, para, p_start, start, len(para), quotes))
    return out


def dateline_end(text: str, dateline: str | None) -> int:
    """Offset where a leading "City (Agency) -" dateline ends (0 when there is none)."""
    if not dateline:
        return 0
    m = _DATELINE.match(text)
    if m and dateline.lower() in m.group(0).lower():
        return m.end()
    return 0


def split_clauses(sentence: Sentence) -> list[Clause]:
    """Clauses joined by "; " or by a conjunction that starts a new subject."""
    cuts = [sentence.start]
    for m in _CLAUSE.finditer(sentence.text):
        pos = sentence.start + m.start()
        if not sentence.in_quote(pos) and m.start() > 20:
            cuts.append(sentence.start + m.end())
    cuts.append(sentence.end)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            out.append(Clause(a, b, sentence.text[a - sentence.start:b - sentence.start]))
    return out


def quote_spans(para: str, offset: int) -> tuple[tuple[int, int], ...]:
    """Spans between paired quotation marks (curly or straight), absolute offsets."""
    spans = []
    open_at = None
    for i, ch in enumerate(para):
        if ch == "“" or (ch == '"' and open_at is None):
            if open_at is None:
                open_at = i
        elif ch in "”\"" and open_at is not None:
            spans.append((offset + open_at, offset + i + 1))
            open_at = None
    if open_at is not None:  # unclosed quote runs to the end of the paragraph
        spans.append((offset + open_at, offset + len(para)))
    return tuple(spans)


def _make(out, p_index, para, p_start, a, b, quotes) -> Sentence:
    while a < b and para[a].isspace():
        a += 1
    while b > a and para[b - 1].isspace():
        b -= 1
    s, e = p_start + a, p_start + b
    inside = tuple((max(x, s), min(y, e)) for x, y in quotes if x < e and y > s)
    return Sentence(len(out), p_index, s, e, para[a:b], inside)


def _is_heading(para: str) -> bool:
    stripped = para.strip()
    return len(stripped.split()) <= 8 and not re.search(r"[.!?:;\"”]\s*$", stripped)


def _is_abbreviation(para: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", para[:dot])
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _inside(quotes, pos, *, strict=False) -> bool:
    return any(a < pos < b - 1 if strict else a <= pos < b for a, b in quotes)


_KEEP = set("“”‘–—")


def normalise(text: str) -> str:
    """Same-length copy of ``text`` for matching: one character for one.

    Non-breaking and other odd spaces become spaces, the typographic apostrophe
    an ASCII one, accented letters their base letter ("Erdoğan" → "Erdogan");
    offsets found in the copy are offsets in the original. Cyrillic and Arabic-script
    letters stay as they are: those articles are matched in their own script.
    """
    table = {}
    for ch in set(text):
        if ord(ch) < 128 or ch in _KEEP or "\u0400" <= ch <= "\u06ff":
            continue
        if ch.isspace():
            table[ord(ch)] = " "
        elif ch == "’":
            table[ord(ch)] = "'"
        else:
            from unidecode import unidecode

            plain = unidecode(ch)
            if len(plain) == 1 and (plain.isalnum() or plain in "'-"):
                table[ord(ch)] = plain
    return text.translate(table) if table else text
