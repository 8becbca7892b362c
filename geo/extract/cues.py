"""Mention cues: the small word lists that say whether a capitalised phrase is a place.

Read from ``data/place_cues.csv`` (analysts may edit it) on first use, never at import:
abbreviations ("U.S.", "W.Va.") and state abbreviations (read only after "Town, " or
in a dateline: "Ga." alone is no place), demonyms that name a place ("Sri Lankan"),
institution words that make a place part of an organisation's name ("Ohio
Department", "Fargo Mayor" — the place is still named), pre-modifiers ("Former US
ambassador"), honorifics ("Sen. Bell": Bell is a person here) and pathogen words that
make a place's name a disease's ("West Nile virus", "Marburg fever": no place is meant).

:func:`zipf` is the word's frequency on wordfreq's Zipf scale (7 = "the", 3 = once
per million words): a name that is also a frequent word needs locative evidence.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.word_frequency import zipf  # noqa: F401 - the extractor's word frequencies

CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "place_cues.csv"
KINDS = ("abbreviation", "state", "demonym", "institution", "premodifier", "honorific",
         "pathogen")

# A single-word name at least this frequent as an English word (wordfreq Zipf scale)
# needs locative evidence unless it is a country, a region or a large city.
FREQUENT_WORD_ZIPF = 4.0


@dataclass(frozen=True, eq=False)  # hashed by identity: functions cache per Cues
class Cues:
    abbreviations: dict[str, str]  # surface -> place name
    states: dict[str, str]  # surface -> place name (after "Town, " only)
    demonyms: dict[str, str]  # surface -> place name
    institutions: frozenset[str]  # lower case
    premodifiers: frozenset[str]  # lower case
    honorifics: frozenset[str]  # lower case, without the final dot
    # words after a place name that make the phrase a disease's or a pathogen's name
    # ("West Nile virus", "Marburg fever", "Hong Kong flu"): no place is meant
    pathogens: frozenset[str] = frozenset()  # lower case


def load_cues(path: Path = CUES_FILE) -> Cues:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    rows = [(n, line) for n, line in enumerate(lines, 1)
            if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader([line for _, line in rows])
    next(reader, None)  # header
    found: dict[str, dict[str, str]] = {k: {} for k in KINDS}
    for (n, _), row in zip(rows[1:], reader):
        if not row or row[0].strip() not in KINDS or len(row) < 2 or not row[1].strip():
            raise InputError(path, f"expected kind,surface[,name] with kind one of "
                             f"{', '.join(KINDS)}", line=n)
        kind, surface = row[0].strip(), row[1].strip()
        name = row[2].strip() if len(row) > 2 else ""
        if kind in ("abbreviation", "state", "demonym") and not name:
            raise InputError(path, f"a {kind} needs the place name it stands for", line=n)
        found[kind][surface] = name
    words = lambda kind: frozenset(s.lower().rstrip(".") for s in found[kind])  # noqa: E731
    return Cues(found["abbreviation"], found["state"], found["demonym"],
                words("institution"), words("premodifier"), words("honorific"),
                words("pathogen"))


@functools.cache
def default_cues() -> Cues:
    """The cues from ``data/``, read once per process."""
    return load_cues()




def is_acronym(word: str) -> bool:
    """An upper-case word of 2–5 letters ("NATO", "HIV", "SANA"): an organisation,
    a disease or an agency far more often than a place."""
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()
