"""A geocoding context from free text ("Lebanon", "a story about Libya", "Idlib, Syria").

:func:`context_from_text` finds the countries and first-level regions a short text
names, with the gazetteer itself: capitalised word runs (up to six words) whose
exact folded spelling is a country or region, longest first. A large city named
there adds its country and its point ("Beirut" → LBN, near Beirut).

Not every capitalised word that is a name in the gazetteer is the text naming a place
(:func:`counts_as_context`): an abbreviation counts only written as one ("Miss." or "MS",
not the title "Miss"; "ACT", not "Act"); a lone direction or generic geographic word
("South", "Central", "Gulf") names no particular place; and a single word that is also a
frequent English word or name (wordfreq's Zipf scale: "March", "Jones", "She", "David")
counts only when it is a country, a populous first-level region or a large city (a county
by its bare name only when the word is rare: "Hopkins" is a surname); a town
read by one of its other names (not a part of its own: "Enfield" of "Enfield Town" is)
counts only when it is a city of a million. A name followed by a street word ("Colton
Way") is a street's.
"""

from __future__ import annotations

import re

from geo.gazetteer.fold import fold_name, split_admin_suffix
from geo.gazetteer.rank import GeoContext
from geo.word_frequency import zipf

__all__ = ["context_from_text", "counts_as_context", "merge_contexts"]

_WORD = re.compile(r"[^\W\d_][\w'’‘ʿ.-]*", re.UNICODE)
_MAX_WORDS = 6
_CITY_POPULATION = 50_000
_POINT_POPULATION = 10_000  # a smaller town still counts as one of the document's places
# A single word at least this frequent in English (wordfreq's Zipf scale: 4 is about ten
# times a million words) is read as a word or a person's name unless it names a country,
# a first-level region or a city of LARGE_CITY people.
FREQUENT_ZIPF = 4.0
LARGE_CITY = 200_000
# A county or district named by its bare name ("Hopkins", "Kanawha") counts only when the
# word is rarer than this (a surname is not: "Hopkins" 3.9, "Kanawha" 2.6).
BARE_DIVISION_ZIPF = 3.0
# A town read by one of its other names (not its own) counts only when it is this large
# ("Bombay"); a smaller one is more often a word or a person ("Hamas" is a name of Hamm).
ALTERNATE_CITY = 1_000_000
# Words that, alone, name a direction or a kind of place, never one place (and the short
# forms of weekdays and months: "Mon." is Monday, not Mon State).
GENERIC_WORDS = frozenset("""
north south east west northern southern eastern western central middle upper lower
northeast northwest southeast southwest northeastern northwestern southeastern southwestern
midwest coast coastal gulf bay capital interior inland island islands highlands lowlands
valley lake lakes river mountain mountains hills park forest creek area region district
county province state city town village downtown uptown metro greater border frontier
centre center
mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
""".split())


def context_from_text(text: str, gazetteer, *, mention: str | None = None,
                      memo: dict | None = None) -> GeoContext:
    """The GeoContext a free-text context names (empty GeoContext when none).

    ``mention``: the name being placed; that name in the text (also without its division
    word: "DeKalb" beside the mention "DeKalb County", or with generic words after it:
    "Dublin City" beside the mention "Dublin") is not taken as context
    (it would confirm its own most populous namesake: "Huntsville" → Alabama, "Georgia"
    → the country).

    ``memo``: a dict kept by the caller across calls on overlapping texts with the same
    gazetteer (the windows of one document): each phrase's reading is looked up once.
    """
    if not text or not text.strip():
        return GeoContext()
    own_keys = {fold_name(mention), _bare(fold_name(mention))} - {""} if mention else set()
    words = _WORD.findall(text)
    short = len(words) <= 3
    countries: list[str] = []
    regions: list[str] = []
    near = None
    points: list[tuple[float, float] | None] = []
    nears: list[tuple[float, float] | None] = []  # the first one is the context's point
    towns: list = []  # (slot in points, phrase, candidate) of the settlements named
    known = getattr(gazetteer, "is_known_name", None)
    i = 0
    while i < len(words):
        if not short and not words[i][:1].isupper():
            i += 1  # a name starts with a capital (every n-gram from here would be skipped)
            continue
        taken = 0
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            gram = words[i:i + n]
            phrase = " ".join(gram)
            reading = memo.get(phrase) if memo is not None else None
            if reading is None:
                reading = _phrase_reading(phrase, gazetteer, known)
                if memo is not None:
                    memo[phrase] = reading
            folded, best = reading
            if best is None:
                continue
            if not short and i + n < len(words) and words[i + n][:1].isupper() \
                    and words[i + n].lower().rstrip(".") in STREET_WORDS:
                taken = n  # "Colton Way", "Washington Street": a street, not the place
                break
            own = folded in own_keys or _own_with_generic(folded, own_keys)
            if not short and not own and not counts_as_context(phrase, best):
                continue
            if own:
                # the mention itself says nothing about which of its namesakes it is
                taken = n
                break
            if best.precision == 3:
                countries.append(best.country_code)
            elif best.precision == 2:
                # a county or district stands for its first-level region and its point
                second = best.feature_code == "ADM2"
                regions.append(best.admin1 if second and best.admin1 else best.name)
                countries.append(best.country_code)
                nears.append((best.latitude, best.longitude) if second else None)
                points.append((best.latitude, best.longitude))
            elif not gram[0][:1].isupper() or best.population < _POINT_POPULATION:
                continue
            else:
                towns.append((len(points), phrase, best))
                points.append(None)
                nears.append(None)
            taken = n
            break
        i += taken or 1
    # A town's reading without context ("Paris" → France) yields to its namesake inside the
    # countries and regions the text names as such ("Paris" beside "Illinois"): the town
    # would otherwise set a country of its own reading and confirm itself.
    named = GeoContext(country_codes=tuple(dict.fromkeys(c for c in countries if c)),
                       admin1=tuple(dict.fromkeys(regions)))
    for slot, phrase, best in towns:
        if named.admin1 and best.country_code not in named.country_codes:
            inside = gazetteer.best(phrase, context=named)
            if inside is not None and inside.match != "loose" and inside.precision == 1 \
                    and inside.country_code in named.country_codes \
                    and inside.admin1 in named.admin1:
                best = inside
        if best.population >= _CITY_POPULATION:
            countries.append(best.country_code)
            nears[slot] = (best.latitude, best.longitude)
        points[slot] = (best.latitude, best.longitude)
    near = next((p for p in nears if p is not None), None)
    codes = tuple(dict.fromkeys(c for c in countries if c))
    return GeoContext(country_codes=codes,
                      admin1=tuple(dict.fromkeys(regions)), near=near,
                      points=tuple(dict.fromkeys(points)),
                      town_countries=tuple(c for c in codes if c not in named.country_codes))


def _phrase_reading(phrase: str, gazetteer, known) -> tuple[str, object]:
    """(folded phrase, the gazetteer's exact reading of it or None): None when the phrase
    folds to nothing, is no exact name (only a loose match could follow, and it is not
    taken) or reads only loosely."""
    folded = fold_name(phrase)
    if not folded:
        return folded, None
    if known is not None and not known(folded, demonyms=True) and \
            split_admin_suffix(folded)[1] is None:
        return folded, None
    best = gazetteer.best(phrase)
    if best is None or best.match == "loose":
        return folded, None
    return folded, best


# A name followed by one of these is a street's ("Colton Way", "Pennsylvania Avenue").
STREET_WORDS = frozenset("""
street st road rd avenue ave lane ln drive dr way boulevard blvd parkway pkwy terrace
crescent
""".split())


_DIVISION_WORDS = ("county", "parish", "district", "township", "borough", "municipality",
                   "province", "governorate", "region", "state")


def _bare(folded: str) -> str:
    """A folded name without a trailing division word ("dekalb county" → "dekalb")."""
    head, _, last = folded.rpartition(" ")
    return head if head and last in _DIVISION_WORDS else folded


def _own_with_generic(folded: str, own_keys: set[str]) -> bool:
    """Whether a context name is the mention's own name with generic words after it
    ("Dublin City" of "Dublin City Council" beside the mention "Dublin"): it names the
    mention again, so it says nothing about which namesake the mention is."""
    for key in own_keys:
        if folded.startswith(key + " ") and all(
                w in GENERIC_WORDS for w in folded[len(key) + 1:].split()):
            return True
    return False


def _is_abbreviation(name: str) -> bool:
    letters = name.replace(".", "")
    return "." in name or (letters.isupper() and len(letters) <= 5)


def _part_of(short: str, name: str) -> bool:
    """Whether ``short`` is the name itself or its leading or trailing words ("Enfield"
    of "Enfield Town")."""
    return short == name or name.startswith(short + " ") or name.endswith(" " + short)


def counts_as_context(phrase: str, place) -> bool:
    """Whether ``phrase``, a capitalised run of words in a longer text that the gazetteer
    reads as ``place`` (a Candidate), is the text naming that place."""
    matched = place.matched_name or ""
    if _is_abbreviation(matched) and not _is_abbreviation(place.name or ""):
        # "Miss" the title, "Man" the word, "Act": only Miss., MS, ACT are the places
        return _is_abbreviation(phrase)
    if " " in phrase.strip():
        return True
    word = phrase.strip(".").lower()
    if word in GENERIC_WORDS:
        return False
    if place.precision == 3 or place.feature_code == "CONT":
        return True
    if place.precision == 1 and place.population < ALTERNATE_CITY \
            and not _part_of(fold_name(matched), fold_name(place.name or "")):
        return False  # another name of a town ("Hamas" of Hamm, "Chu" of Quzhou)
    if place.feature_code == "ADM1" and place.population >= LARGE_CITY:
        return True
    if place.precision == 1 and place.population >= LARGE_CITY:
        return True
    if place.feature_code == "ADM2" and fold_name(matched) != fold_name(place.name or ""):
        # a county by its bare name ("Hopkins" of Hopkins County) is most often a surname
        return zipf(word) < BARE_DIVISION_ZIPF
    return zipf(word) < FREQUENT_ZIPF


def merge_contexts(*contexts: GeoContext | None) -> GeoContext:
    """One context holding every country, region, the first dateline and point."""
    given = [c for c in contexts if c is not None]
    return GeoContext(
        country_codes=tuple(dict.fromkeys(cc for c in given for cc in c.country_codes)),
        admin1=tuple(dict.fromkeys(a for c in given for a in c.admin1)),
        dateline=next((c.dateline for c in given if c.dateline), None),
        near=next((c.near for c in given if c.near is not None), None),
        points=tuple(dict.fromkeys(p for c in given for p in c.points)),
        town_countries=tuple(dict.fromkeys(
            cc for c in given for cc in c.town_countries
            if not any(cc in o.country_codes and cc not in o.town_countries for o in given))),
    )
