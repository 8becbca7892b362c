"""Place-name mentions in text: candidates, and how each one is used.

Candidates are capitalised phrases; their sub-spans are checked against the
gazetteer's ``is_known_name`` (a set lookup), so no sentence is scanned against a
million names. A mention's *role* says whether it can locate an event:

- ``locative``: after "in/at/near/into/..." or qualified ("Idlib province");
- ``neutral``: a settlement or region named without a preposition ("Goma fell");
- ``topic``: what something is about ("the issue of Idlib", "the crisis in Syria");
- ``container``: a possessive that only narrows another place ("Syria's Idlib");
- ``nonlocative``: not a place here ("the Astana process", "Moscow said",
  "Iran-backed", a country used as an actor: "Turkey has sent"); a currency sign
  ("US$42 million") or a disease's name ("West Nile virus", the ``pathogen`` cues)
  names no place at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geo.extract.cues import Cues, default_cues, is_acronym
from geo.extract.phrasing import judge_embedding, person_names
from geo.extract.spans import DisjointSpans

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:(?:al|el|ez|ad|as|ash|an|ar|at|az|ed|es|ul|ibn)-)?[A-Z][\w'’]*"
)  # a hyphen ends a token: "Fargo-Moorhead" is two names, "Batesburg-Leesville" one phrase
_CONNECTOR = re.compile(r"\s+(?:(?:de|del|da|do|des|du|la|le|al|el|as|of|sur|bin|ibn)\s+)?$")
_SAINT = {"St", "Ste", "Mt", "Ft", "Pt"}  # "St. Louis", "Mt. Pleasant", "Ft. Worth"
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
    "islamic", "republic", "democratic", "people", "popular", "nations", "council",
    "coronavirus", "covid", "health", "human", "rights", "watch", "amnesty", "international",
    "union", "european", "african", "arab", "league",
    "photo", "photos", "image", "images", "credit", "caption", "getty", "copyright", "via",
    "ramadan", "eid", "christmas", "easter", "thanksgiving", "hanukkah", "diwali", "passover",
    "some", "many", "several", "all", "both", "each", "no", "not", "one", "two", "three",
    "stressing", "speaking", "asked", "adding", "saying", "earlier", "later", "last", "next",
    "witnesses", "residents", "sources", "source", "medics", "doctors", "ambulance",
}
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|into|inside|at|near|across|throughout|within|around|outside|to|toward|towards|"
    r"from|through|on|off|over|between|along|past|via|reach|reached|entered|hit|struck|"
    r"visited|visiting|visit|toured|arrived\s+in|landed\s+in|"
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
    r"(?:[A-Z][\w'-]+,?\s+(?:just\s+)?(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest)(?:ern)?\s+of\s+$)|\b\d[\d,.]*\s*(?:-\s*)?"
    r"(?:km|kilometres|kilometers|kilometre|kilometer|miles?|mi)\s+"
    r"(?:\([^)]*\)\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+)?(?:of|from)\s+$", re.I,
)
# "..., the general staff in Kiev said", "In Moscow, the ministry claimed ..."
_SOURCE_AFTER = re.compile(
    r"^(?:\s+(?:said|says|reported|announced|claimed|told|added|stated)\b|,\s+(?:the\s+|a\s+)?"
    r"(?:[\w'-]+\s+){0,4}?(?:said|says|claimed|claims|announced|reported|told|stated)\b)",
    re.I,
)
# A city followed by these speaks for its government ("Moscow said"); a country followed
# by any verb in _SPEECH_AFTER acts ("Turkey has sent").
_SPOKE_AFTER = re.compile(
    r"^\s+(?:has\s+|have\s+)?(?:said|says|accused|warned|denied|claimed|announced|insisted|"
    r"urged|condemned|rejected|demanded|blamed|threatened)\b", re.I)
_OBJECT_OF_SPEECH = re.compile(
    r"\b(?:accused|accuses|accusing|blamed|blames|blaming|urged|urges|warned|warns|told|"
    r"called\s+on|asked|condemned|criticised|criticized|thanked|praised)\s+$", re.I)
# "families fled towards Goma", "displaced to Kaya": where people went, not the event
_FLIGHT_BEFORE = re.compile(
    r"\b(?:fled|flee|flees|fleeing|escaped|escaping|displaced|evacuated|relocated|"
    r"sought\s+refuge|seeking\s+refuge|took\s+refuge|taking\s+refuge|sought\s+safety)"
    r"(?:\s+[\w'-]+){0,5}?\s+(?:to|towards|toward|into|for)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|capital|safety)\s+of\s+)?$", re.I)
# "as the fighters advanced in their push towards the group's Raqqa stronghold": where an
# advance is heading, not where the clause's event was (a bombing told with it)
_ADVANCE_BEFORE = re.compile(
    r"\b(?:push|pushes|pushed|pushing|drive|advance|advances|advanced|advancing|march|"
    r"marched|marching|moved|moving|headed|heading)\s+(?:[\w'’-]+\s+){0,2}?towards?\s+"
    r"(?:the\s+)?(?:(?!(?:in|at|near|into|inside|and)\s)[\w'’-]+\s+){0,4}?$", re.I)
# "Posted on April 4 2017 by Agency Name": who wrote or published it, not a place
_BYLINE_BEFORE = re.compile(
    r"\b(?i:posted|published|written|reported|edited|compiled|produced)\b[^.\n]{0,40}?"
    r"\bby\s+(?:[A-Z][\w'’-]*\s+){0,3}$")
# "Goma, the capital of North Kivu": North Kivu describes Goma; it places nothing itself
_APPOSED_CONTAINER_BEFORE = re.compile(
    r"[A-Z][\w'-]+,\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?(?:capital|seat|main\s+city|"
    r"largest\s+city|biggest\s+city|second\s+city|port\s+city)\s+of\s+(?:the\s+)?$")
# "who Kinshasa and UN experts say", "Kyiv and its allies accuse": a city speaking
_COORDINATED_SPEAKER_AFTER = re.compile(
    r"^\s+and\s+(?:[\w'-]+\s+){1,3}?(?:say|says|said|accuse|accused|allege|alleged|claim|"
    r"claimed|insist|insisted|believe|believed)\b", re.I)
_NONLOCATIVE_AFTER = re.compile(
    r"^(?:['’]s\s+)?(?:process|processes|agreement|agreements|accord|accords|format|deal|"
    r"declaration|memorandum|protocol|talks|framework|group|platform|negotiations|"
    r"press|news|times|post|tv|television|radio|agency|university|club|fc|airlines|"
    r"airways|communique|communiqué|initiative|understanding|pact|treaty|formula|"
    r"guarantors?|partners?|summit|conference|meeting|issue|question|file|dossier|crisis)\b",
    re.I,
)
# Of the things above, those named after where they happened: no place is meant.
_EVENT_NAME_AFTER = re.compile(
    r"^(?:['’]s\s+)?(?:process|processes|agreement|agreements|accord|accords|format|deal|"
    r"declaration|memorandum|protocol|talks|framework|group|platform|negotiations|"
    r"communique|communiqué|initiative|understanding|pact|treaty|formula|guarantors?|"
    r"summit|conference|meeting)\b", re.I)
# "US$460 million", "NZ$ 5": a country's abbreviation that is part of a currency sign
_CURRENCY_AFTER = re.compile(r"^[$€£¥]\s?\d")
# the word after a name ("[virus]" in a quotation's brackets too): "West Nile virus"
_WORD_AFTER = re.compile(r"^[\[(]?([^\W\d_]+)")
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
    role: str  # locative | neutral | destination | topic | container | nonlocative
    why: str
    names_place: bool = True  # False: a thing or a speaker ("Astana process", "Moscow said")
    lookup: str = ""  # the name to geocode when it is not ``text`` ("Ky." -> Kentucky)
    rejected: str = ""  # why the rules would not take it ("person", "embedded"); "" taken


def candidate_spans(text: str, masked: list[tuple[int, int]]):
    """Capitalised phrases of ``text`` as lists of (start, end) token spans."""
    hidden = DisjointSpans(masked, merge=True)
    phrase: list[tuple[int, int]] = []
    last_end = -1
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        word = m.group(0)
        handle = s > 0 and text[s - 1] in "@#"  # "@Reuters", "#Aleppo": a handle or a tag
        if word.lower().strip("'’") in STOPWORDS or len(word) == 1 or handle or \
                hidden.overlaps(s, e):
            if phrase:
                yield phrase
            phrase, last_end = [], -1
            continue
        gap = text[last_end:s]
        abbreviated = gap == ". " and text[phrase[-1][0]:last_end] in _SAINT if phrase else False
        if phrase and not _CONNECTOR.fullmatch(gap) and gap != "-" and not abbreviated:
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
                  is_country, is_near_known=None, cues: Cues | None = None,
                  keep_rejected: bool = False,
                  long_names: list[tuple[int, int]] = ()) -> list[Mention]:
    """Every gazetteer name in ``text`` outside ``masked`` spans, with its role.

    ``is_near_known`` (the geocoder's spelling-tolerant lookup) is asked only for
    names a place cue stands by ("in X", "X province", "the town of X"), so variant
    spellings are found without a slow lookup for every capitalised word. A name
    inside a longer phrase is kept only as :func:`judge_embedding` says; acronyms
    ("NATO") and words the document uses as people's names ("Sen. Bell") are not
    places. ``keep_rejected`` also returns the names the rules reject, marked
    ``rejected`` (for a learned detector to weigh). ``long_names``: spans of names
    known whole that the phrases cannot form (:mod:`.longnames`), each one mention.
    """
    cues = cues or default_cues()
    phrases = list(candidate_spans(text, [*masked, *long_names]))
    persons = person_names(text, phrases, cues, is_known=is_known, fold=fold,
                           is_country=is_country)
    type_words = DIRECTION_WORDS | ADMIN_WORDS | SETTLEMENT_WORDS | AREA_WORDS
    out: list[Mention] = []
    for phrase in phrases:
        n = len(phrase)
        i = 0
        while i < n:
            found = None
            for j in range(min(n, i + 5), i, -1):
                s, e = phrase[i][0], phrase[j - 1][1]
                surface = _POSSESSIVE.sub("", text[s:e])
                if _known(surface, is_known, fold, text, is_country):
                    found = (j, s, s + len(surface))
                    break
            if not found and is_near_known is not None:
                found = _cued(text, phrase, i, is_near_known)
            if not found:
                i += 1
                continue
            j, s, e = found
            verdict = judge_embedding(text, phrase, i, j, cues, type_words)
            # a bare name the document uses as a person's, or the last word of the
            # person-like phrase itself ("James Brown", "Iliesa Tora": a surname)
            person = text[s:e] in persons and (
                n == 1 or (not verdict.keep and i > 0 and j == n <= 3))
            if (verdict.keep and not person) or keep_rejected:
                tail = [text[a:b].lower() for a, b in phrase[j:]]
                m = _classify(text, s, e, tail if not verdict.embedded else [], is_country)
                if verdict.embedded:  # a place named inside a name locates no event
                    m = Mention(m.start, m.end, m.text, m.hint, "nonlocative", verdict.why,
                                names_place=True)
                if person:
                    m = replace(m, rejected="person", why="the document uses it as a "
                                "person's name" + (f" ('{text[phrase[0][0]:e]}')" if n > 1
                                                   else ""))
                elif not verdict.keep:
                    m = replace(m, rejected="embedded", why=f"inside the longer name "
                                f"'{text[phrase[0][0]:phrase[-1][1]]}'")
                out.append(m)
            i = j
    if long_names:
        out = sorted(out + [_classify(text, s, e, [], is_country) for s, e in long_names],
                     key=lambda m: m.start)
    return out


def mentions_in_spans(text: str, spans: list[tuple[int, int]], *, masked, skip=frozenset(),
                      **find) -> list[Mention]:
    """The names inside ``spans`` only (an actor's phrase: "Dublin City Council",
    "France's president"), marked ``rejected="actor"``: the actor's mask hid them from
    :func:`find_mentions`; a learned detector weighs them. Names in ``skip`` (the
    demonyms, found on their own) are left out."""
    if not spans:
        return []
    outside, at = [], 0
    for a, b in sorted(spans):
        if a > at:
            outside.append((at, a))
        at = max(at, b)
    outside.append((at, len(text)))
    found = find_mentions(text, masked=[*masked, *outside], keep_rejected=True, **find)
    return [replace(m, rejected="actor", why=f"inside an actor's name; {m.why}")
            for m in found if m.text not in skip]


_CUE_BEFORE = re.compile(
    r"\b(?:in|near|at|into|outside|around|town\s+of|city\s+of|village\s+of|province\s+of|"
    r"region\s+of|outskirts\s+of|suburbs?\s+of|district\s+of|neighbou?rhood\s+of|"
    r"area\s+of|villages\s+of)\s+(?:the\s+)?$", re.I)


def _cued(text: str, phrase, i: int, is_near_known):
    """The whole rest of the phrase, when a place cue stands by and the gazetteer
    knows it under a variant spelling ("Maarat al-Numan", "Hodeidah province")."""
    s, e = phrase[i][0], phrase[-1][1]
    surface = _POSSESSIVE.sub("", text[s:e])
    words_after = text[e:e + 30].split()
    after = words_after[0].lower().strip(",.;:") if words_after else ""
    tail = surface.split()[-1].lower()
    cue = bool(_CUE_BEFORE.search(text[max(0, s - 30):s])) or after in ADMIN_WORDS \
        or tail in ADMIN_WORDS
    if not cue or surface.lower() in DIRECTION_WORDS or len(surface) < 4:
        return None
    query = surface if tail in ADMIN_WORDS or after not in ADMIN_WORDS else f"{surface} {after}"
    if not is_near_known(query):
        return None
    return len(phrase), s, s + len(surface)


def _known(surface: str, is_known, fold, text: str, is_country=None) -> bool:
    if len(surface) < 3 and not surface.isupper():
        return False
    if surface.lower() in DIRECTION_WORDS:
        return False  # "Western embassies": an adjective, not Western Province
    if " " not in surface and surface[1:].islower() and surface.lower() in _spaced_words(text):
        return False  # a common word capitalised at a sentence start ("Following")
    if is_acronym(surface) and not (is_country and is_country(surface)):
        return False  # "NATO", "HIV", "SANA": an organisation, not Nato or Sanaa
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
    if re.match(r"(?:river|basin|lake|sea|mountains?)\b", rest, re.I):
        return Mention(s, e, surface, hint, "nonlocative",
                       f"'{surface} {rest.split()[0]}' is a natural feature, not {surface}",
                       names_place=False)
    if _CURRENCY_AFTER.match(after) and surface.replace(".", "").isupper():
        return Mention(s, e, surface, hint, "nonlocative",
                       f"'{surface}{after[0]}' is a currency, not a place", names_place=False)
    pathogen = _WORD_AFTER.match(rest)
    if pathogen and pathogen.group(1).lower() in default_cues().pathogens:
        return Mention(s, e, surface, hint, "nonlocative",
                       f"'{surface} {pathogen.group(1)}' names a disease, not a place",
                       names_place=False)
    if _NONLOCATIVE_AFTER.match(rest) and not _LOCATIVE_BEFORE.search(before):
        # "the Astana process" names no place; "the Idlib issue", "Iran Press" still do
        event = bool(_EVENT_NAME_AFTER.match(rest))
        thing = f"'{surface} {rest.split()[0].strip(',.;:')}'"
        return Mention(s, e, surface, hint, "nonlocative",
                       f"{thing} names a thing, not a place" if event else
                       f"{thing} is named after the place: it names no venue",
                       names_place=not event)
    if _SOURCE_AFTER.match(after) and re.search(r"\b(?:in|from)\s+$", before, re.I):
        return Mention(s, e, surface, hint, "nonlocative",
                       "where a source spoke from, not where the event was")
    if _OBJECT_OF_SPEECH.search(before):
        return Mention(s, e, surface, hint, "nonlocative",
                       "the one accused or addressed: an actor, not a place",
                       names_place=bool(country))
    if _APPOSED_CONTAINER_BEFORE.search(before):
        return Mention(s, e, surface, hint, "container",
                       "describes the place named just before ('X, the capital of Y')")
    if _BYLINE_BEFORE.search(before):
        return Mention(s, e, surface, hint, "nonlocative",
                       "in a byline: who wrote or published the report, not a place",
                       names_place=False)
    if _ADVANCE_BEFORE.search(before):
        return Mention(s, e, surface, hint, "topic",
                       "where an advance is heading, not where the clause's event was")
    if _FLIGHT_BEFORE.search(before):
        return Mention(s, e, surface, hint, "destination",
                       "where people fled to, not where the clause's event was")
    if _COORDINATED_SPEAKER_AFTER.match(after):
        return Mention(s, e, surface, hint, "nonlocative",
                       "one of those who speak: an actor, not a place",
                       names_place=bool(country))
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
    if _SPEECH_AFTER.match(after) and (country or _SPOKE_AFTER.match(after)):
        return Mention(s, e, surface, hint, "nonlocative",
                       "subject of a verb: an actor, not a place",
                       names_place=bool(country))
    if country:
        return Mention(s, e, surface, hint, "nonlocative",
                       "a country without a locative preposition is an actor or a topic")
    return Mention(s, e, surface, hint, "neutral", "named without a preposition")


@lru_cache(maxsize=4)
def _spaced_words(text: str) -> frozenset[str]:
    """The words ``w`` for which ``f" {w} " in text``: one pass over the text, not
    one per capitalised word (a str keeps its hash, so the cache costs no rehash)."""
    return frozenset(text.split(" ")[1:-1])
