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

_KIND = r"(?:village|town|city|hamlet|neighbou?rhood|district|suburb|camp|area|quarter)"
# a part of a city ("Bab al-Faraj neighborhood"): inside the city told before, which the
# event may still take; a village or town of its own may not
_PART = frozenset("neighbourhood neighborhood district suburb area quarter".split())
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al|el|ad|as|ar|an|at|az|ash|ul)-[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)?"
# Found around each type word only (a small window), so a long text costs little.
_KIND_WORD = re.compile(rf"(?<![\w-]){_KIND}s?(?![\w-])", re.I)
_AFTER_KIND = re.compile(rf"(?P<kind>{_KIND})s?\s+of\s+(?:the\s+)?(?P<name>{_NAME})")
_BEFORE_KIND = re.compile(
    rf"\b(?:in|at|near|into|inside|outside|regained|captured|seized|recaptured|retook|"
    rf"stormed|entered|shelled|attacked|hit|struck|targeted)\s+(?:the\s+)?(?P<name>{_NAME})\s+$")
# "in a northern village", "at a town near ...": a place told but not named
_INDEFINITE = re.compile(r"\b(?:in|at|on|into|near|inside)\s+(?:a|an|one|another)\s+"
                         r"(?:[\w-]+\s+){0,2}?$", re.I)
_BACK = 80


@dataclass(frozen=True, slots=True)
class UnknownPlace:
    start: int
    end: int
    text: str
    named: bool = True  # False: "a village", told without its name
    part: bool = False  # a neighbourhood or district: a part of a city told before


def find_unknown_places(text: str, known: list[tuple[int, int]]) -> list[UnknownPlace]:
    """Names given a settlement's type word that no placed name covers, in text order (a
    placed name inside one, "Bab" in "Bab al-Faraj neighborhood", does not make it known)."""
    out = []
    for w in _KIND_WORD.finditer(text):
        p, word = w.start(), w.group(0)
        lo = max(0, p - _BACK)
        named = []
        if word.islower():
            after = _AFTER_KIND.match(text, p)
            if after:
                named.append((after.start("name"), after.group("name"), word))
            before = _BEFORE_KIND.search(text, lo, p)
            if before:
                named.append((before.start("name"), before.group("name"), word))
        for s, name, kind in named:
            poss = re.search(r"['’]s\s+", name)
            if poss:  # "Idlib's Hassan district": Idlib holds it; Hassan is the name
                s, name = s + poss.end(), name[poss.end():]
            e = s + len(name)
            first = name.split()[0].lower()
            if first in DIRECTION_WORDS or first in STOPWORDS or first in ("old", "new"):
                continue
            if any(a <= s and e <= b for a, b in known):
                continue  # the whole name is a known place
            out.append(UnknownPlace(s, e, name, part=kind.lower().rstrip("s") in _PART
                                    or kind.lower() in _PART))
        indefinite = _INDEFINITE.search(text, lo, p)
        if indefinite:
            out.append(UnknownPlace(indefinite.start(), w.end(), text[indefinite.start():w.end()],
                                    named=False))
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
    return any(lo <= u.start < span[1] and not u.part and (u.named or not (later and lead))
               for u in unknown)


def inside_unknown(start: int, end: int, unknown: list[UnknownPlace]) -> UnknownPlace | None:
    """The longer unknown name a known one is part of ("Bab" in "Bab al-Faraj
    neighborhood"): that name, not the known one, is the place."""
    return next((u for u in unknown if u.named and u.start <= start and end <= u.end
                 and (u.start, u.end) != (start, end)), None)
