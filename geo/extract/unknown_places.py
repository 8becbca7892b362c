"""Places the text names that the gazetteer does not know ("the village of Rityan",
"Khatab town") or tells without a name ("in a northern village"): the event happened
there, so it must not borrow a place named before.

Found once per article by their type word, never by a lookup: a capitalised name right
after "village of", "town of" ..., or right before "village", "town" ... after a
preposition or a verb of taking ground. Names the geoparser placed are known and
never count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.mentions import DIRECTION_WORDS, STOPWORDS

_KIND = r"(?:village|town|city|hamlet|neighbou?rhood|district|suburb|camp|area)"
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al|el|ad|as|ar|an|at|az|ash|ul)-[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)?"
_AFTER_KIND = re.compile(rf"\b{_KIND}s?\s+of\s+(?:the\s+)?(?P<name>{_NAME})")
_BEFORE_KIND = re.compile(
    rf"\b(?:in|at|near|into|inside|outside|regained|captured|seized|recaptured|retook|"
    rf"stormed|entered|shelled|attacked)\s+(?:the\s+)?(?P<name>{_NAME})\s+{_KIND}\b")


# "in a northern village", "at a town near ...": a place told but not named
_INDEFINITE = re.compile(rf"\b(?:in|at|on|into|near|inside)\s+(?:a|an|one|another)\s+"
                         rf"(?:[\w-]+\s+){{0,2}}?(?P<name>{_KIND})\b", re.I)


@dataclass(frozen=True, slots=True)
class UnknownPlace:
    start: int
    end: int
    text: str
    named: bool = True  # False: "a village", told without its name


def find_unknown_places(text: str, known: list[tuple[int, int]]) -> list[UnknownPlace]:
    """Names given a settlement's type word that overlap no placed name, in text order."""
    out = []
    for rx in (_AFTER_KIND, _BEFORE_KIND):
        for m in rx.finditer(text):
            s, e = m.span("name")
            first = m.group("name").split()[0].lower()
            if first in DIRECTION_WORDS or first in STOPWORDS or first in ("old", "new"):
                continue
            if any(a < e and s < b for a, b in known):
                continue
            out.append(UnknownPlace(s, e, m.group("name")))
    for m in _INDEFINITE.finditer(text):
        out.append(UnknownPlace(m.start(), m.end(), m.group(0), named=False))
    return sorted(set(out), key=lambda u: u.start)


def borrows_past_unknown(mention_start: int | None, span: tuple[int, int],
                         unknown: list[UnknownPlace], lead: bool = False) -> bool:
    """A place taken from outside the clause (named before it, after it, or the dateline)
    while the clause, or the text between that place and the clause, names a place the
    gazetteer does not know: the event is there, not at the borrowed place. In the lead
    (``lead``), "a rebel town" may be named further on: a place named after it stays."""
    if mention_start is not None and span[0] <= mention_start < span[1]:
        return False  # the clause's own place (a container, a reference point)
    later = mention_start is not None and mention_start >= span[1]
    lo = span[0] if mention_start is None or later else mention_start
    return any(lo <= u.start < span[1] and (u.named or not (later and lead)) for u in unknown)
