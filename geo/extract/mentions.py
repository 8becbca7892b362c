"""Place-name mentions in text: candidates, and how each one is used.

Candidates are capitalised phrases; their sub-spans are checked against the
gazetteer's ``is_known_name`` (a set lookup), so no sentence is scanned against a
million names. A mention's *role* says whether it can locate an event:

- ``locative``: after "in/at/near/into/..." or qualified ("Idlib province");
- ``neutral``: a settlement or region named without a preposition ("Goma fell");
- ``topic``: what something is about ("the issue of Idlib", "the crisis in Syria");
- ``container``: a possessive that only narrows another place ("Syria's Idlib");
- ``nonlocative``: not a place here ("the Astana process", "Moscow said",
  "Iran-backed", a country used as an actor: "Turkey has sent").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:(?:al|el|ez|ad|as|ash|an|ar|at|az|ed|es|ul|ibn)-)?[A-Z][\w'’-]*"
)
_CONNECTOR = re.compile(r"\s+(?:(?:de|del|da|do|des|du|la|le|al|el|as|of|sur|bin|ibn)\s+)?$")
_POSSESSIVE = re.compile(r"['’]s$")

DIRECTION_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "greater", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
}
ADMIN_WORDS = {"province", "governorate", "region", "oblast", "state", "district",
               "prefecture", "county", "department", "territory", "wilayat", "muhafazah",
               "emirate", "canton", "raion", "zone"}
SETTLEMENT_WORDS = {"city", "town", "village", "camp", "neighbourhood", "neighborhood",
                    "suburb", "municipality"}
AREA_WORDS = {"strip", "valley", "heights", "bank", "border", "crossing", "port",
              "airport", "countryside"}
STOPWORDS = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "or", "as", "after", "before",
    "since", "during", "following", "regarding", "while", "when", "with", "without", "by",
    "for", "from", "to", "into", "this", "that", "these", "those", "there", "here", "it",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "its", "our", "my",
    "president", "minister", "prime", "foreign", "defence", "defense", "army", "police",
    "government", "ministry", "officials", "official", "spokesman", "spokeswoman", "general",
    "colonel", "commander", "mr", "mrs", "ms", "dr", "king", "queen", "prince", "sheikh",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "today", "yesterday", "read", "more", "news",
    "press", "agency", "reuters", "afp", "ap", "update", "breaking", "also", "however",
    "meanwhile", "according", "certainly", "local", "state", "security", "national",
    "islamic", "republic", "democratic", "people", "popular", "united", "nations", "council",
    "coronavirus", "covid", "health", "human", "rights", "watch", "amnesty", "international",
    "union", "european", "african", "arab", "league",
    "some", "many", "several", "all", "both", "each", "no", "not", "one", "two", "three",
    "stressing", "speaking", "asked", "adding", "saying", "earlier", "later", "last", "next",
    "witnesses", "residents", "sources", "source", "medics", "doctors", "ambulance",
}
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|into|inside|at|near|across|throughout|within|around|outside|to|toward|towards|"
    r"from|through|on|off|over|between|along|past|via|reach|reached|entered|hit|struck|"
    r"targeted|shelled|bombed|attacked|captured|seized|recaptured|retook|besieged|stormed|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"(?:city|town|village|province|region|governorate|district|districts|outskirts|suburbs|"
    r"parts|areas|countryside|centre|center|heart|edge|port|capital|oblast|state|county|"
    r"neighbourhoods?|neighborhoods?|streets|vicinity|outskirts)\s+of)"
    r"(?:\s+(?:the|northern|southern|eastern|western|central|north|south|east|west|"
    r"rebel-held|government-held|besieged|restive|embattled|nearby|frontline|border|"
    r"[a-z]+-(?:held|controlled|run)|of|and))*\s+$)",
    re.I,
)
_TOPIC_BEFORE = re.compile(
    r"\b(?:crisis|issue|situation|conflict|war|tensions|question|file|escalation|"
    r"developments|future|dispute|relations|peace|stability|security|problem|matter|"
    r"reconstruction|fate|status)\s+(?:in|of|over|on|about|regarding|around|surrounding)"
    r"(?:\s+the)?\s+$", re.I,
)
_REFERENCE_BEFORE = re.compile(
    r"\b\d[\d,.]*\s*(?:-\s*)?(?:km|kilometres|kilometers|kilometre|kilometer|miles?|mi)\s+"
    r"(?:\([^)]*\)\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+)?(?:of|from)\s+$", re.I,
)
_NONLOCATIVE_AFTER = re.compile(
    r"^(?:['’]s\s+)?(?:process|processes|agreement|agreements|accord|accords|format|deal|"
    r"declaration|memorandum|protocol|talks|framework|group|platform|negotiations|"
    r"press|news|times|post|tv|television|radio|agency|university|club|fc|airlines|"
    r"airways|communique|communiqué|initiative|understanding|pact|treaty|formula|"
    r"guarantors?|partners?|summit|conference|meeting|issue|question|file|dossier|crisis)\b",
    re.I,
)
_SPEECH_AFTER = re.compile(
    r"^\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+|then\s+|on\s+\w+\s+)?"
    r"(?:said|says|say|accused|accuses|warned|warns|denied|denies|claimed|claims|announced|"
    r"announces|insisted|insists|urged|urges|responded|condemned|condemns|rejected|rejects|"
    r"demanded|demands|wants|hopes|threatened|threatens|vowed|agreed|agrees|signed|"
    r"blamed|blames|called|calls|stated|sent|would|will|could|should|is|was|has|have|"
    r"launched|deployed|pledged|offered|proposed|backs|backed|supports|supported)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name the gazetteer knows, where it stands and how it is used."""

    start: int
    end: int
    text: str  # the surface form, type words stripped ("Idlib" from "Idlib province")
    hint: str  # "admin", "settlement" or "" (from a type word next to it)
    role: str  # locative | neutral | topic | container | nonlocative
    why: str


def candidate_spans(text: str, masked: list[tuple[int, int]]):
    """Capitalised phrases of ``text`` as lists of (start, end) token spans."""
    phrase: list[tuple[int, int]] = []
    last_end = -1
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        word = m.group(0)
        if word.lower().strip("'’") in STOPWORDS or _overlaps(masked, s, e):
            if phrase:
                yield phrase
            phrase, last_end = [], -1
            continue
        if phrase and not _CONNECTOR.fullmatch(text[last_end:s]) and not (
            text[last_end:s] == "-"
        ):
            yield phrase
            phrase = []
        phrase.append((s, e))
        last_end = e
        if _POSSESSIVE.search(word):
            yield phrase
            phrase, last_end = [], -1
    if phrase:
        yield phrase


def find_mentions(text: str, *, is_known, fold, masked: list[tuple[int, int]],
                  is_country) -> list[Mention]:
    """Every gazetteer name in ``text`` outside ``masked`` spans, with its role."""
    out: list[Mention] = []
    for phrase in candidate_spans(text, masked):
        n = len(phrase)
        i = 0
        while i < n:
            found = None
            for j in range(min(n, i + 5), i, -1):
                s, e = phrase[i][0], phrase[j - 1][1]
                surface = _POSSESSIVE.sub("", text[s:e])
                if _known(surface, is_known, fold, text):
                    found = (j, s, s + len(surface))
                    break
            if not found:
                i += 1
                continue
            j, s, e = found
            leftover = [text[a:b] for a, b in phrase[:i] + phrase[j:]]
            if all(w.lower() in DIRECTION_WORDS | ADMIN_WORDS | SETTLEMENT_WORDS | AREA_WORDS
                   for w in leftover):
                tail = [text[a:b].lower() for a, b in phrase[j:]]
                out.append(_classify(text, s, e, tail, is_country))
            i = j
    return out


def _known(surface: str, is_known, fold, text: str) -> bool:
    if len(surface) < 3 and not surface.isupper():
        return False
    if " " not in surface and surface[1:].islower() and f" {surface.lower()} " in text:
        return False  # a common word capitalised at a sentence start ("Following")
    return bool(is_known(fold(surface)))


def _classify(text, s, e, tail, is_country) -> Mention:
    surface = text[s:e]
    after = text[e:e + 60]
    before = text[max(0, s - 80):s]
    hint = ""
    words_after = after.split(None, 2)
    next_word = (words_after[0].lower().strip(",.;:") if words_after else "")
    type_words = tail + ([next_word] if not tail else [])
    if any(w in ADMIN_WORDS for w in type_words):
        hint = "admin"
    elif any(w in SETTLEMENT_WORDS for w in type_words):
        hint = "settlement"
    elif re.search(r"\b(?:province|governorate|region|state)\s+of\s+$", before, re.I):
        hint = "admin"
    elif re.search(r"\b(?:city|town|village)\s+of\s+$", before, re.I):
        hint = "settlement"
    country = is_country(surface)
    if re.match(r"^-[a-z]", after):
        return Mention(s, e, surface, hint, "nonlocative", f"'{surface}{after[:8].split()[0]}' "
                       "is a modifier, not a place")
    if re.match(r"^['’]s\s+[A-Z]", after):
        return Mention(s, e, surface, hint, "container", "possessive naming a place inside it")
    rest = after.lstrip()
    if _NONLOCATIVE_AFTER.match(rest) and not _LOCATIVE_BEFORE.search(before):
        return Mention(s, e, surface, hint, "nonlocative",
                       f"'{surface} {rest.split()[0]}' names a thing, not a place")
    if _REFERENCE_BEFORE.search(before):
        return Mention(s, e, surface, hint, "nonlocative",
                       "a reference point for a distance, not the place itself")
    if _TOPIC_BEFORE.search(before):
        return Mention(s, e, surface, hint, "topic", "what the sentence is about, not where")
    if hint:
        return Mention(s, e, surface, hint, "locative", f"qualified as {hint}")
    if _LOCATIVE_BEFORE.search(before):
        prep = before.split()[-1] if before.split() else ""
        return Mention(s, e, surface, hint, "locative", f"after '{prep}'")
    if re.match(r"^['’]s\b", after):
        if country:
            return Mention(s, e, surface, hint, "nonlocative", "possessive of a country")
        return Mention(s, e, surface, hint, "neutral", "possessive of a place")
    if _SPEECH_AFTER.match(after) and (country or re.match(r"^\s+(?:has\s+|have\s+)?(?:said|says|"
                                       r"accused|warned|denied|claimed|announced|insisted|urged|"
                                       r"condemned|rejected|demanded|blamed|threatened)\b", after, re.I)):
        return Mention(s, e, surface, hint, "nonlocative", "subject of a verb: an actor, not a place")
    if country:
        return Mention(s, e, surface, hint, "nonlocative",
                       "a country without a locative preposition is an actor or a topic")
    return Mention(s, e, surface, hint, "neutral", "named without a preposition")


def _overlaps(spans, s, e) -> bool:
    return any(a < e and s < b for a, b in spans)
