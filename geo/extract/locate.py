"""Where an event happened: choose among the places a clause names, and why.

Order, each step recorded in the reason:
1. places the clause names as locations (locative, or neutral for violence;
   diplomacy needs a locative: "the Idlib issue" is a topic, not a venue);
2. a descriptive location ("in the region") → its container seen earlier in the
   article, with coarser precision (region → admin region, precision 2);
3. for violence: a place the rest of the sentence names (a place people fled to
   counts here, never in step 1), then the latest place
   named shortly before in the article, then the dateline (a dateline in capitals,
   "BEIRUT (Reuters) —", never counts as a place the clause names);
4. for diplomacy: the dateline, for reports that name no other place (a call
   reported from Tehran) — unless the actor is of another country, then that
   country.
The most specific places win: a country or region containing another is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.mentions import Mention
from geo.extract.places import Place
from geo.extract.spans import placed_start, starting_in

_DESCRIPTIVE = re.compile(
    r"\b(?:in|across|near|around|throughout|within|inside|to|into|from|of|outside)\s+the\s+"
    r"(?:(?:wider|same|surrounding|border|restive|northern|southern|eastern|western|"
    r"rebel-held|besieged|nearby)\s+)?"
    r"(?P<word>region|area|province|governorate|city|town|village|countryside|enclave|"
    r"territory|district|state|oblast|capital)\b",
    re.I,
)
_REGION_WORDS = {"region", "province", "governorate", "enclave", "territory", "district",
                 "state", "oblast", "area", "countryside"}


@dataclass(frozen=True, slots=True)
class Located:
    mention: Mention | None
    place: Place
    reason: str
    strength: float  # 0..1: how directly the text places the event here


def choose_places(*, span: tuple[int, int], sentence_span: tuple[int, int], text: str,
                  diplomacy: bool, placed: list[tuple[Mention, Place]], in_quote,
                  dateline: Place | None, actor_country_place, resolve_admin,
                  limit: int = 3, venues: list[tuple[Mention, Place]] | None = None
                  ) -> list[Located]:
    """The event's places (most specific first); empty when nothing locates it.
    ``venues``: ``placed`` without the dateline's mentions (:func:`venues_of`), when the
    caller holds it already: an article's every clause asks, and a long article names
    thousands of places."""
    if not diplomacy:  # the reporter's city is no venue of violence (diplomacy may use it)
        placed = venues if venues is not None else venues_of(placed, text)
    roles = ("locative",) if diplomacy else ("locative", "neutral")
    inside = [(m, p) for m, p in starting_in(placed, *span, key=placed_start)
              if not in_quote(m.start) and m.role in roles]
    if not inside:
        inside = _reference_points(span, text, placed, in_quote, resolve_admin)
        if inside:
            return inside[:1]
    if inside:
        return _most_specific([Located(m, p, f"'{m.text}' {m.why}", 1.0) for m, p in inside],
                              limit if not diplomacy else 1)
    clause = text[span[0]:span[1]]
    d = _DESCRIPTIVE.search(clause)
    if d and not in_quote(span[0] + d.start()):
        container = _container(d.group("word").lower(), span[0] + d.start(), placed,
                               resolve_admin)
        if container is not None:
            return [container]
    if not diplomacy:
        # a place people fled to locates only an event its own clause does not place
        rest = [(m, p) for m, p in starting_in(placed, *sentence_span, key=placed_start)
                if not in_quote(m.start) and m.role in roles + ("destination",)]
        if rest:
            return _most_specific([Located(m, p, f"'{m.text}' {m.why}, elsewhere in the "
                                           "sentence", 0.8) for m, p in rest], limit)
    if not diplomacy:
        earlier = _earlier(placed, sentence_span[0])
        if earlier is not None:
            m, p = earlier
            return [Located(m, p, f"no place named; the latest place before it ('{m.text}')",
                            0.4)]
        later = _later(placed, sentence_span[1], text)
        if later is not None:  # a lead that names its place further on ("a Syrian town")
            m, p = later
            return [Located(m, p, f"no place named before; the first place named after it "
                            f"('{m.text}')", 0.3)]
        if dateline is not None:  # the reporter's city, when the article names no other
            return [Located(None, dateline, f"no place named; the dateline {dateline.name}",
                            0.35)]
        return []
    country_place, code = actor_country_place()
    if dateline is not None and not (code and code != dateline.country_code):
        return [Located(None, dateline, f"no place named; the dateline {dateline.name}", 0.5)]
    if country_place is not None:
        why = "no place named; the actor's country" + (
            f" (the dateline {dateline.name} is in another country)" if dateline else "")
        return [Located(None, country_place, why, 0.4)]
    return []


_DATELINE_TAIL = re.compile(r"\s*(?:,\s*[A-Z][A-Za-z .]{1,30})?\s*"
                            r"(?:\([A-Z][^()\n]{0,40}\)|[\u2014\u2013]|--?\s)")


def is_dateline_mention(m: Mention, text: str) -> bool:
    """"BEIRUT (Reuters) —", "MOSCOW, Russia —": a name in capitals followed by the
    agency or a dash is the dateline, where the reporter is, not where events happen."""
    if not m.text.isupper():  # the common case, a name in title case, at once
        return False
    letters = [c for c in m.text if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return False
    return _DATELINE_TAIL.match(text, m.end) is not None


_INSIDE_PART = re.compile(r"\b(?:in|on|across)\s+(?:the\s+)?(?:far\s+)?(?:north|south|east|west|"
                          r"northern|southern|eastern|western|north-?east|north-?west|"
                          r"south-?east|south-?west|centre|center|outskirts|suburbs?|heart|"
                          r"edge|part|parts|districts?|neighbou?rhoods?)(?:ern)?\s+(?:part\s+)?of"
                          r"\s+(?:the\s+)?(?:\w+\s+)?$", re.I)


def _reference_points(span, text, placed, in_quote, resolve_admin) -> list[Located]:
    """"in the south of Tripoli" is in Tripoli; "north of Goma", "20 km from X" is near
    X: its region at precision 2, never the reference town itself."""
    out = []
    for m, p in starting_in(placed, *span, key=placed_start):
        if in_quote(m.start) or m.role != "nonlocative" or "reference point" not in m.why:
            continue
        if _INSIDE_PART.search(text[max(span[0], m.start - 40):m.start]):
            out.append(Located(m, p, f"'{m.text}': the event is in a part of it", 0.9))
            continue
        region = p if p.precision >= 2 else (resolve_admin(p.admin1) if p.admin1 else None)
        if region is not None:
            out.append(Located(m, region, f"near '{m.text}': its region {region.name} "
                               "(precision 2)", 0.7))
    return out


def _container(word: str, pos: int, placed, resolve_admin) -> Located | None:
    before = ((m, p) for m, p in reversed(starting_in(placed, 0, pos, key=placed_start))
              if m.role not in ("nonlocative", "destination"))  # nearest first
    if word in _REGION_WORDS:
        for m, p in before:
            if p.precision == 2:
                return Located(m, p, f"'the {word}' refers to {p.name}, named before", 0.8)
            if p.precision == 1 and p.admin1:
                region = resolve_admin(p.admin1)
                if region is not None:
                    return Located(m, region, f"'the {word}' is the region of {p.name}, "
                                   "named before", 0.7)
        return None
    for m, p in before:
        if p.precision == 1:
            return Located(m, p, f"'the {word}' refers to {p.name}, named before", 0.8)
    return None


def _earlier(placed, pos: int):
    """The most specific of the places named last (within a sentence's reach)."""
    before = [(m, p) for m, p in starting_in(placed, pos - 1499, pos, key=placed_start)
              if m.role in ("locative", "neutral", "destination")
              or "reference point" in m.why]
    if not before:
        return None
    inside = [(m, p) for m, p in before if p.precision < 3]
    if inside and before[-1][1].precision == 3:
        before = inside  # "Syria's war" names the country in passing; the town told before
    last = before[-1][0].start
    near = [(m, p) for m, p in before if last - m.start < 200]
    return min(reversed(near), key=lambda mp: mp[1].precision)


def _later(placed, pos: int, text: str):
    """The first place named as a location after ``pos`` in the same paragraph."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    for m, p in starting_in(placed, pos, end, key=placed_start):
        if m.role == "locative":
            return m, p
    return None


# a date or time stamp alone before a name at the start of a line ("Last updated at Jan
# 202015 Beirut Syrian ...", "16 July 2015 Aleppo ..."): a page's header, then the dateline
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_STAMP_BEFORE = re.compile(
    r"[ \t]*(?:(?:last\s+)?updated|published|posted|date\s+of\s+publication)?"
    r"(?:\s+(?:at|on))?(?:[\s\d:.,/-]|\b" + _MONTH + r"(?=[\s\d]))*$", re.I)
# what follows a dateline that lost its punctuation: a new sentence ("BEIRUT At least 70
# ..."), or a second dateline place glued to its dash ("Beirut London- Warplanes ...")
_NEW_SENTENCE = re.compile(r"[ \t]+[A-Z][a-z]")
_DASHED_AFTER = re.compile(r"(?:,?[ \t]+[A-Z][\w'’]+){0,2}-[ \t]+[A-Z]")


def _stripped_dateline(m: Mention, p: Place, text: str) -> bool:
    """A dateline whose agency and dash a copied page lost: a town's name in capitals or
    after a bare date stamp at a line's start, followed straight by the next sentence
    ("... 202015 Beirut Syrian government air strikes", "(AFP photo) BEIRUT Thirteen
    civilians"), or names ending at a glued dash ("Beirut London- Warplanes")."""
    if p.precision != 1 or m.role not in ("neutral", None):
        return False
    if _DASHED_AFTER.match(text, m.end):
        return True
    if not _NEW_SENTENCE.match(text, m.end):
        return False
    letters = [c for c in m.text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    line = text.rfind("\n", 0, m.start) + 1
    return m.start - line <= 60 and bool(_STAMP_BEFORE.fullmatch(text, line, m.start)) and \
        any(c.isdigit() for c in text[line:m.start])


def venues_of(placed: list[tuple[Mention, Place]], text: str) -> list[tuple[Mention, Place]]:
    """The places named, without the dateline's ("BEIRUT (Reuters) —", and the same
    dateline when a copied page lost its punctuation: :func:`_stripped_dateline`)."""
    return [(m, p) for m, p in placed
            if not is_dateline_mention(m, text) and not _stripped_dateline(m, p, text)]


def _names_region_of(place: Place, other: Place) -> bool:
    """``place`` (read as a town) bears the name of the region ``other`` lies in."""
    if place.precision != 1 or other.precision != 1 or place.country_code != other.country_code:
        return False
    fold = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
    return bool(other.admin1) and fold(other.admin1) == fold(place.admin1) == fold(place.name) \
        and fold(other.name) != fold(place.name)


def _most_specific(found: list[Located], limit: int) -> list[Located]:
    keep = []
    for loc in found:
        if any(other.place.within(loc.place) for other in found if other is not loc):
            continue
        if any(_names_region_of(loc.place, other.place) for other in found if other is not loc):
            continue  # "Khan Sheikhoun in Idlib": Idlib is the province, not the town
        if any(k.place.name == loc.place.name and k.place.country_code == loc.place.country_code
               for k in keep):
            continue
        keep.append(loc)
    return keep[:limit]
