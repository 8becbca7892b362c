"""Place mentions found by their form rather than by the gazetteer's names alone.

- abbreviations ("U.S.", "W.Va.", "NSW") anywhere, state abbreviations only after
  "Town, " or "R-" ("Springfield, Ill.", "R-Ind.");
- demonyms and adjectives ("Russian", "Sri Lankan"), which name their country;
- datelines: "CHARLESTON, W.Va. --", "ATLANTA, Ga. (AP) —", "... 2009 MANSFIELD --"
  at the text's start, a line's start or after a date: an upper-case place, then an
  optional region (read as an abbreviation when it is one), an optional agency, a dash.

Each is a :class:`CueMention`; ``lookup`` is the name to geocode.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from geo.extract.cues import Cues

__all__ = ["CueMention", "find_abbreviations", "find_demonyms", "find_datelines"]


@dataclass(frozen=True, slots=True)
class CueMention:
    start: int
    end: int
    surface: str
    lookup: str
    kind: str  # abbreviation | state | demonym | dateline | dateline-region
    why: str


def _alternation(surfaces) -> str:
    return "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _abbreviation_regexes(cues: Cues):
    anywhere = re.compile(rf"(?<![\w.'’])(?:{_alternation(cues.abbreviations)})(?![\w-])")
    after_town = re.compile(rf"(?:(?<=[a-z], )|(?<=[A-Z], )|(?<=\b[RDI]-))"
                            rf"(?:{_alternation(cues.states)})(?![\w-])")
    return anywhere, after_town


def find_abbreviations(text: str, cues: Cues, masked) -> list[CueMention]:
    anywhere, after_town = _abbreviation_regexes(cues)
    out = []
    for m in anywhere.finditer(text):
        if not _overlaps(masked, m.start(), m.end()):
            out.append(CueMention(m.start(), m.end(), m.group(0),
                                  cues.abbreviations[m.group(0)], "abbreviation",
                                  f"'{m.group(0)}' is short for "
                                  f"{cues.abbreviations[m.group(0)]}"))
    for m in after_town.finditer(text):
        if not _overlaps(masked, m.start(), m.end()) and not _overlaps(
                [(c.start, c.end) for c in out], m.start(), m.end()):
            out.append(CueMention(m.start(), m.end(), m.group(0), cues.states[m.group(0)],
                                  "state", f"'{m.group(0)}' after a town is "
                                  f"{cues.states[m.group(0)]}"))
    return sorted(out, key=lambda c: c.start)


@functools.lru_cache(maxsize=8)
def _demonym_regex(words: tuple[str, ...]):
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)")  # "Arab-Israeli" too


def find_demonyms(text: str, demonyms: dict[str, str], masked) -> list[CueMention]:
    """``demonyms``: surface → place name (the lexicon's country adjectives and the cues)."""
    if not demonyms:
        return []
    rx = _demonym_regex(tuple(sorted(demonyms)))
    return [CueMention(m.start(), m.end(), m.group(0), demonyms[m.group(0)], "demonym",
                       f"demonym '{m.group(0)}' names {demonyms[m.group(0)]}")
            for m in rx.finditer(text) if not _overlaps(masked, m.start(), m.end())]


_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=\d\d\d\d ))[ \t]*"
    r"(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
    r"(?:,[ \t]*(?P<region>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,2}))?"
    r"[ \t]*(?:\((?P<agency>[^)\n]{1,40})\)[ \t]*)?(?:-{1,3}|—|–)[ \t]")


def find_datelines(text: str, cues: Cues) -> list[tuple[CueMention, CueMention | None]]:
    """(place, region or None) of every dateline, in text order."""
    out = []
    for m in _DATELINE.finditer(text):
        place = m.group("place")
        letters = [c for c in place if c.isalpha()]
        if len(letters) < 3:
            continue
        lookup = " ".join(w.capitalize() if w.isupper() else w for w in place.split(" "))
        p = CueMention(m.start("place"), m.end("place"), place, lookup, "dateline",
                       f"dateline '{m.group(0).strip()}'")
        r = None
        if m.group("region"):
            region = m.group("region")
            name = cues.abbreviations.get(region) or cues.states.get(region) or region
            r = CueMention(m.start("region"), m.end("region"), region, name,
                           "dateline-region", f"the dateline's region '{region}' is {name}")
        out.append((p, r))
    return out


def _overlaps(spans, s, e) -> bool:
    return any(a < e and s < b for a, b in spans)
