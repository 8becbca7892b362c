"""Where a gazetteer name stands inside a longer capitalised phrase, and who is a person.

A name found inside a phrase ("Ohio Department of Transportation", "Former US
ambassador", "Tom Bell") is kept or dropped by :func:`judge_embedding`; the words
around it decide, never the name itself. :func:`person_names` collects the words that
the document uses as people's names ("Sen. Bell", "Tom Bell", "Bell, 45,"), so a bare
"Bell" later is not taken for a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.cues import Cues

_AGE_AFTER = re.compile(r"^,\s*\d{1,3}\s*,")
_INITIAL_BEFORE = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. $")  # a first name and an initial
_CONNECTED = re.compile(r"^\s+(?:of|de|del|du|des|la|le)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Embedding:
    keep: bool
    embedded: bool  # part of an organisation's or a thing's name: the place is named
    why: str


def judge_embedding(text: str, phrase, i: int, j: int, cues: Cues, type_words) -> Embedding:
    """Keep the name phrase[i:j] of a longer capitalised ``phrase``?

    - only type and direction words around it ("Idlib province", "northern Syria"): yes;
    - a pre-modifier before it ("Former US ambassador", "Downtown Fargo"): yes;
    - an institution word right after it ("Ohio Department of ...", "Fargo Mayor"),
      or after "X of" ("University of Alexandria"): yes, as part of a name;
    - anything else ("Tom Bell", "Paris Hilton"): no.
    """
    # "Fargo-Moorhead", "Egyptian-US": names joined by a hyphen are judged apart
    first = max([k for k in range(1, i + 1) if text[phrase[k - 1][1]:phrase[k][0]] == "-"],
                default=0)
    last = min([k for k in range(j, len(phrase)) if text[phrase[k - 1][1]:phrase[k][0]] == "-"],
               default=len(phrase))
    phrase = phrase[first:last]
    i, j = i - first, j - first
    before = [_word(text, a, b) for a, b in phrase[:i]]
    after = [_word(text, a, b) for a, b in phrase[j:]]
    if not before and not after:
        return Embedding(True, False, "")
    plain_before = all(w in type_words or w in cues.premodifiers for w in before)
    if plain_before and all(w in type_words for w in after):
        return Embedding(True, False, "")
    name = text[phrase[i][0]:phrase[j - 1][1]]
    whole = text[phrase[0][0]:phrase[-1][1]]
    if plain_before and after and after[0] in cues.institutions:
        return Embedding(True, True, f"'{name}' in the name '{whole}': the place is named")
    if before and (before[-1] in cues.institutions or before[-1] in type_words) and \
            _CONNECTED.match(text[phrase[i - 1][1]:phrase[i][0]]):
        return Embedding(True, True, f"'{name}' in the name '{whole}': the place is named")
    return Embedding(False, False, "")


def person_names(text: str, phrases, cues: Cues, *, is_known, fold,
                 is_country=lambda name: False) -> frozenset[str]:
    """Words this document uses as people's names: after an honorific ("Sen. Bell",
    "Mayor John Smith"), the surname of an unknown two- or three-word capitalised
    name ("Tom Bell"), or a name followed by an age ("Bell, 45,")."""
    found: set[str] = set()
    for phrase in phrases:
        words = [text[a:b] for a, b in phrase]
        prev = text[max(0, phrase[0][0] - 16):phrase[0][0]].split()
        honorific = bool(prev) and prev[-1].rstrip(".").lower() in cues.honorifics
        initial = _INITIAL_BEFORE.search(text[max(0, phrase[0][0] - 30):phrase[0][0]])
        if honorific or initial:  # "Sen. Bell", "Tyrise M. Bell"
            found.update(w for w in words if w[:1].isupper() and not w.isupper())
            continue
        if _AGE_AFTER.match(text[phrase[-1][1]:phrase[-1][1] + 8]):
            found.add(words[-1])
        if not 2 <= len(words) <= 3 or not all(w.isalpha() and w[:1].isupper()
                                                 and not w.isupper() for w in words):
            continue
        if any(_CONNECTED.match(text[a[1]:b[0]]) for a, b in zip(phrase, phrase[1:])):
            continue  # "Bank of Bell": not a person's name
        low = [w.lower() for w in words]
        if low[-1] in cues.institutions or low[0] in cues.premodifiers or \
                low[0] in cues.institutions:
            continue
        if is_known(fold(" ".join(words))):
            continue  # "Fort Worth", "Lake Charles": the whole phrase is a place
        if _list_of_places(text, words, is_known=is_known, fold=fold, is_country=is_country):
            continue  # "from Aleppo Raqqa and Homs", "Tags Syria Raqqa": commas lost
        found.add(words[-1])
    return frozenset(w for w in found if not is_country(w))  # "Rep. Georgia X": still Georgia


_LOCATIVE_USE = r"\b(?:in|of|from|near|at|to|into|around|outside)\s+(?:the\s+)?"


def _list_of_places(text: str, words: list[str], *, is_known, fold, is_country) -> bool:
    """"Aleppo Raqqa", "Syria Raqqa": places listed where a copied page lost its commas,
    not a first name and a surname. The last word and another are known places, and
    another is a country or the document names the last one as a place elsewhere
    ("in Raqqa")."""
    known = [w for w in words if len(w) >= 4 and is_known(fold(w))]
    if len(known) < 2 or words[-1] not in known:
        return False
    if any(is_country(w) for w in words[:-1]):
        return True
    return re.search(_LOCATIVE_USE + re.escape(words[-1]) + r"\b", text) is not None


def _word(text: str, a: int, b: int) -> str:
    return text[a:b].lower().rstrip(".")
