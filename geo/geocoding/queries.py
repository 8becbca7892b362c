"""What a place query names: the place itself, spelling variants, and its containers.

A pure function over the query text, used when the name as written is not found:

* descriptor words are stripped — "Teir Maaleh village" → "Teir Maaleh", "Atmeh IDP
  camp" → "Atmeh", "the town of Saraqib" → "Saraqib";
* alternatives are split — "Marran/Merane" → "Marran", "Merane"; "Kobani (Ayn al Arab)";
* qualifiers that GeoNames often leaves out are dropped as a last variant — "East X",
  "X Fawqani" (upper), "X Kabirah" (big), "Beguede 1";
* containers are what the text says the place lies in or near, most specific first —
  "a village near Ariha in Idlib province" → head "" (only a descriptor), containers
  ("Ariha", "Idlib province"); "Umm Nir village, Ar Rastan district, Homs Governorate"
  → head "Umm Nir", containers ("Ar Rastan district", "Homs Governorate").

:func:`is_district` tells a second-level container ("X district") whose point is its
seat town, and which is reported with region precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["ParsedQuery", "parse_query", "is_district", "inner_names", "DESCRIPTORS"]

# Words that describe a place rather than name it (longest first where they overlap).
DESCRIPTORS = (
    "idp camp", "refugee camp", "military complex", "military base", "air base", "airbase",
    "military airport", "airport", "oil fields", "oil field", "gas fields", "gas field",
    "border crossing", "crossing point", "crossing", "checkpoint", "check point",
    "sub-district", "subdistrict", "sub district", "district", "neighbourhood",
    "neighborhood", "quarter", "suburb", "suburbs", "outskirts", "countryside", "village",
    "villages", "town", "city", "township", "hamlet", "camp", "hill", "hills", "mountain",
    "mountains", "farms", "farm", "area", "areas", "base", "prison", "dam", "bridge",
    "junction", "roundabout", "road", "highway", "market", "plain", "plains", "valley",
    "reservoir", "barracks", "complex", "station", "hospital", "school", "mosque", "field",
    "fields", "desert", "region", "zone", "settlement", "locality", "site", "ward",
)
_DESC_RE = "|".join(re.escape(d).replace(r"\-", "[- ]?").replace(r"\ ", r"\s+")
                    for d in DESCRIPTORS)
_TRAILING_DESC = re.compile(rf"(?:\s+|^)(?:{_DESC_RE})$", re.I)
_LEADING_DESC = re.compile(
    rf"^(?:(?:a|an|the)\s+)?(?:(?:small|large|nearby|remote|border|frontline)\s+)?"
    rf"(?:{_DESC_RE})(?:\s+of)?(?:\s+|$)", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
# Relations that introduce a container: "near X", "in X", "north of X", "outskirts of X".
_RELATION = re.compile(
    r"\s*\b(?:near(?:by)?|outside(?:\s+of)?|around|close\s+to|on\s+the\s+outskirts\s+of|"
    r"outskirts\s+of|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"\s+of|in|inside)\s+", re.I)
_DIRECTION_PREFIX = re.compile(
    r"^(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower|"
    r"greater|rural|old|markaz|mintaqat|mantiqat|nahiyat|madinat)\s+(?=\S)", re.I)
# Arabic and other qualifiers after a name (upper/lower, big/small, west/east/...).
_QUALIFIER_SUFFIX = re.compile(
    r"\s+(?:al[- ])?(?:fawqani|fouqani|foqani|tahtani|tahtan|kabir|kabirah|kabira|kebir|"
    r"saghir|saghirah|saghira|sghir|gharbi|gharbiyah|sharqi|sharqiyah|shamali|shamaliyah|"
    r"janubi|janubiyah|jadid|jadidah|qadim|qadimah|gyi|ale|\d+|[ivx]+)$", re.I)
_ALTERNATIVES = re.compile(r"\s*(?:/|\(|\)|\bor\b|\baka\b|\ba\.k\.a\.)\s*", re.I)
_DISTRICT = re.compile(r"\b(?:sub[- ]?district|district|nahiya|nahiyah|mantiqah|township|"
                       r"county|prefecture|sub-prefecture|commune|municipality)$", re.I)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into spellings of the place itself and the containers it names."""

    text: str
    heads: tuple[str, ...]  # spellings of the place, best first; empty: only containers
    containers: tuple[str, ...]  # most specific first
    descriptor: str  # the descriptor word stripped, e.g. "village" ("" if none)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.strip(" \t\n\"'“”.;:")).strip()


def _strip_descriptors(name: str) -> tuple[str, str]:
    """Strip leading and trailing descriptor words; (name, first descriptor stripped)."""
    found = ""
    while True:
        m = _LEADING_DESC.match(name)
        if not m or not name[m.end():].strip():
            break
        found = found or m.group(0).strip()
        name = name[m.end():]
    name = _LEADING_ARTICLE.sub("", name) if name.lower().startswith(("a ", "an ")) else name
    while True:
        m = _TRAILING_DESC.search(name)
        if not m:
            break
        found = found or m.group(0).strip()
        name = name[: m.start()].strip()
    name = _clean(name)
    if name.lower() in ("a", "an", "the", "this", "that", "its", "their"):
        name = ""
    return name, found.lower()


def _split_relations(head: str) -> tuple[str, list[str]]:
    """'a village near Ariha in Idlib province' → ('a village', ['Ariha', 'Idlib province'])."""
    pieces = _RELATION.split(" " + head + " ")
    pieces = [_clean(p) for p in pieces]
    return pieces[0], [p for p in pieces[1:] if p]


def _variants(head: str) -> list[str]:
    out: list[str] = []
    for alt in _ALTERNATIVES.split(head):
        alt = _clean(alt)
        if not alt:
            continue
        stripped, _ = _strip_descriptors(alt)
        for v in (alt, stripped):
            if v and v not in out:
                out.append(v)
    for v in list(out):
        for w in (_DIRECTION_PREFIX.sub("", v), _QUALIFIER_SUFFIX.sub("", v),
                  _QUALIFIER_SUFFIX.sub("", _DIRECTION_PREFIX.sub("", v))):
            w = _clean(w)
            if w and len(w) >= 3 and w not in out:
                out.append(w)
    return out


@lru_cache(maxsize=65_536)
def parse_query(text: str) -> ParsedQuery:
    """Split a place query into head spellings and containers (see the module docstring).

    >>> parse_query("a village near Ariha in Idlib province").containers
    ('Ariha', 'Idlib province')
    >>> parse_query("Teir Maaleh village").heads[:2]
    ('Teir Maaleh village', 'Teir Maaleh')
    """
    text = _clean(text or "")
    parts = [_clean(p) for p in text.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return ParsedQuery(text, (), (), "")
    head, containers = _split_relations(parts[0])
    containers += parts[1:]
    core, descriptor = _strip_descriptors(head)
    heads = tuple(_variants(head)) if core else ()
    return ParsedQuery(text, heads, tuple(dict.fromkeys(containers)), descriptor)


_NAME_WORD = re.compile(r"[^\W_][\w'’.&-]*", re.UNICODE)
_JOINERS = frozenset({"of", "the", "de", "del", "di", "du", "la", "le", "and", "for", "on",
                      "upon", "am", "an", "da", "do", "dos", "das", "von", "van", "al", "el"})


@lru_cache(maxsize=65_536)
def inner_names(name: str, max_words: int = 4) -> tuple[str, ...]:
    """The capitalised word runs inside a longer name that the whole name is not: where
    an organisation, a building or an event named after a place lies ("Bank of Japan" →
    "Japan"; "Dubai World Cup" → "Dubai World", "World Cup", "Dubai", ...). Longest first,
    then leftmost; runs start and end on a capitalised word.

    >>> inner_names("Bank of Japan")
    ('Bank', 'Japan')
    """
    words = _NAME_WORD.findall(name or "")
    if len(words) < 2:
        return ()
    out: list[str] = []
    for n in range(min(max_words, len(words) - 1), 0, -1):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if not (run[0][:1].isupper() and run[-1][:1].isupper()):
                continue
            if any(w.lower() not in _JOINERS and not w[:1].isupper() and not w[:1].isdigit()
                   for w in run):
                continue
            phrase = " ".join(run)
            if phrase not in out:
                out.append(phrase)
    return tuple(out)


def is_district(container: str) -> bool:
    """Whether a container is a second-level unit named after its seat ("Ariha district")."""
    return bool(_DISTRICT.search(_clean(container)))
