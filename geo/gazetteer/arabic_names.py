"""A third lookup key for Arabic place names written in Latin letters.

One Arabic name reaches English news in many romanisations: "Tel Hamis" / "Tall Hamis",
"Deir" / "Dayr", "Jobar" / "Jawbar", "Raqa" / "Raqqah", "al-Quria" / "Al Qurayya",
"Ras al-Ain" / "Ra's al 'Ayn". The exact fold (:func:`geo.gazetteer.fold.fold_name`) and
the loose key keep vowels as written, so they miss most of these. :func:`arabic_key` keeps
the consonants and the places of the vowels, not which vowel: the article dropped, every
run of vowels (and of ``w``/``y`` after a vowel: "aw", "ay", "ei") one ``a``, doubled
letters single, ``q`` = ``k``, ``ou`` = ``u``, ``ch`` = ``sh``, a final ``h`` after a vowel
dropped, a few generic words ("Kfar" = "Kafr") one spelling, spaces dropped.

The build writes the key of every name of a place in an Arabic-speaking country
(``ARABIC_COUNTRIES``) into its own table, ``arabic_keys``; the geocoder asks it only
when the exact and the loose index found nothing, so no other lookup changes, and the
ranker weighs what it found; a place found by this key alone counts only in one of the
document's countries (the geocoder's context), since a namesake abroad of so loose a key is
mostly a word or a person ("Nusra", "Deibeh").
"""

from __future__ import annotations

import re
import sqlite3
from difflib import SequenceMatcher
from functools import lru_cache

from geo.gazetteer.fold import fold_name

__all__ = ["ARABIC_COUNTRIES", "MIN_KEY", "arabic_key", "closest_spellings", "query_keys",
           "write_arabic_keys"]

# Arab League members (GeoNames / ISO alpha-2 codes).
ARABIC_COUNTRIES = frozenset(
    "SY IQ LB JO PS YE SA EG LY TN DZ MA SD KW QA BH AE OM MR SO DJ KM".split()
)
MIN_KEY = 4  # shorter keys ("Ali", "Hama" = "Huma") say too little

_GENERIC = {"kfar": "kafr", "kfr": "kafr", "kefr": "kafr", "kafar": "kafr",
            "tel": "tall", "tell": "tall", "tal": "tall", "til": "tall"}
_ARTICLES = frozenset({"al", "el", "il", "ul"})
_SUBS = (("ou", "u"), ("oo", "u"), ("ch", "sh"), ("ph", "f"), ("dj", "j"), ("ck", "k"), ("q", "k"))
_VOWEL_RUN = re.compile(r"[aeiou](?:[aeiouwy]|(?<=[aeiou])[wy])*")
_FINAL_H = re.compile(r"(?<=a)h$")
# the relative ending ("Salamiyah", "Jubailiyeh", "Khalidiye", "Quria"), which a plain final
# vowel ("Suleima") is not
_NISBA = re.compile(r"(?:iy|ey|i)(?:a|e)h?$")
_DOUBLE = re.compile(r"([a-z])\1+")
# a fused article before a sun letter or "l" ("Deir Ezour", "Tal Alzarazir"): not on a
# first word, where "Al"/"A" + letters is as often the name itself ("Alexandria", "Adnan")
_FUSED = re.compile(r"^(?:al|el|[ae](?=[dnrstz]))(?=[a-z]{4,})")


@lru_cache(maxsize=65_536)  # pure; a word recurs in many names and lookups
def _word_key(word: str, nisba_apart: bool = True) -> str:
    word = _GENERIC.get(word, word)
    for old, new in _SUBS:
        word = word.replace(old, new)
    word = _DOUBLE.sub(r"\1", word)
    nisba = _NISBA.search(word) if nisba_apart else None  # "-iyah", "-ia" ≠ a plain "-a"
    if nisba and nisba.start() > 1:
        word = word[:nisba.start()]
    word = _VOWEL_RUN.sub("a", word)
    word = _FINAL_H.sub("", word)
    return word + "iy" if nisba and nisba.start() > 1 else word


@lru_cache(maxsize=131_072)
def arabic_key(folded: str, nisba_apart: bool = True) -> str:
    """The romanisation key of an already folded name (see the module docstring).

    >>> arabic_key("tel hamis") == arabic_key("tall hamis")
    True
    >>> arabic_key("deir al zor") == arabic_key("dayr al zawr")
    True
    """
    words = [w for w in folded.split() if w not in _ARTICLES and not w.isdigit()]
    return "".join(_word_key(w, nisba_apart) for w in words)


@lru_cache(maxsize=65_536)  # pure; the same written name is asked many times
def query_keys(folded: str) -> tuple[str, ...]:
    """The keys a written name is asked under: its own; with a relative ending, also
    the key read as a plain final vowel ("al-Quria" for "Al Qurayya": the index keeps the
    ending apart, so "Suleima" never asks for "Salamiyah"); and when a word carries a
    fused article after the first word ("deir ezour", "tall alzarazir") the same with the
    article taken off."""
    words = folded.split()
    apart = " ".join(_FUSED.sub("", w) if i else w for i, w in enumerate(words))
    keys: list[str] = []
    for name in dict.fromkeys((folded, apart)):
        for nisba_apart in (True, False):
            key = arabic_key(name, nisba_apart)
            if len(key) >= MIN_KEY and key not in keys:
                keys.append(key)
    return tuple(keys)


SPELLING_MARGIN = 0.1


def _plain(folded: str) -> str:
    return "".join(w for w in folded.split() if w not in _ARTICLES)


def closest_spellings(folded: str, places: list) -> list:
    """Of several places sharing a key, those whose own spelling is nearest the written
    one ("al-Jubailiyeh": Al Jubayliyah, not Jablah, whose alternate "Jabala" has the key
    too); each place is judged by the matched spelling the lookup gives it
    (``matched_name``) and its main name, whichever is nearer."""
    if len(places) < 2:
        return places
    want = _plain(folded)

    def near(p) -> float:
        return max(SequenceMatcher(None, want, _plain(fold_name(n))).ratio()
                   for n in {p.name, p.matched_name} if n)

    scores = [near(p) for p in places]
    best = max(scores)
    return [p for p, s in zip(places, scores) if s >= best - SPELLING_MARGIN]


_DDL = """CREATE TABLE IF NOT EXISTS arabic_keys (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places(id),
    name TEXT NOT NULL,  -- the spelling that gave the key
    PRIMARY KEY (key, place_id, name)
) WITHOUT ROWID"""


def write_arabic_keys(conn: sqlite3.Connection) -> int:
    """Fill ``arabic_keys`` from the names (main names and alternates, not codes or
    demonyms) of every place in ``ARABIC_COUNTRIES``; returns the rows written."""
    conn.execute(_DDL)
    marks = ",".join("?" * len(ARABIC_COUNTRIES))
    rows = conn.execute(
        f"SELECT n.folded_name, n.place_id, n.name FROM names n JOIN places p ON p.id = n.place_id "
        f"WHERE p.country_code2 IN ({marks}) AND n.kind < 2", sorted(ARABIC_COUNTRIES))
    keys = {(k, pid, name) for folded, pid, name in rows
            if len(k := arabic_key(folded)) >= MIN_KEY}
    conn.executemany("INSERT OR IGNORE INTO arabic_keys (key, place_id, name) VALUES (?, ?, ?)",
                     sorted(keys))
    return len(keys)
