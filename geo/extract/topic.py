"""An incident named as the topic of another act is the incident told again.

"Kerry discusses chemical attack with Syrian minister", "police on Monday probed the
bomb blast that ripped through a church", "the group claimed responsibility for the
bombing": the incident is what was talked about, investigated or answered, and the
clause's date is the date of that talk or inquiry. Such a telling gives the incident no
date of its own, so it joins the incident's other tellings whatever day it was told on.

The cue words are data (``data/topic_cues.csv``, analysts may edit); the decision is
:func:`topic_of`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from geo.errors import InputError
from geo.extract.lexicon import data_rows

TOPIC_FILE = Path(__file__).resolve().parents[2] / "data" / "topic_cues.csv"
#: words that may stand between the cue and the event words ("the deadly", "Sunday's")
_GAP = r"\s+(?:[\w'’-]+\s+){0,4}?$"


@functools.cache
def topic_regex(path: Path = TOPIC_FILE) -> re.Pattern:
    """One pattern of every cue, anchored at the end (right before the event words)."""
    patterns = []
    for row in data_rows(Path(path)):
        pattern = row.get("pattern") or ""
        if not pattern:
            raise InputError(path, "expected pattern,note", line=row["_line"])
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InputError(path, f"bad pattern: {exc}", line=row["_line"]) from None
        patterns.append(f"(?:{pattern})")
    if not patterns:
        raise InputError(path, "no topic cues")
    return re.compile(r"\b(?:" + "|".join(patterns) + r")" + _GAP, re.I)


def topic_of(text: str, start: int, clause_start: int) -> str:
    """The cue words when the event words at ``start`` are the topic of another act in
    their clause (``text[clause_start:start]`` ends with a cue and at most four words),
    else ""."""
    before = text[max(clause_start, start - 80):start]
    m = topic_regex().search(before)
    return m.group(0).strip() if m else ""


# a speaker between the event words and a date told after them: the date is the speech's
# ("... an alleged gas attack, Kerry told the minister in a call on Saturday")
_SPEECH_BETWEEN = re.compile(r"\b(?:said|says|told|tells|reported|reports|announced|added|"
                             r"stated|claimed|in\s+a\s+(?:call|statement|meeting))\b", re.I)


def own_date_after(text: str, date_start: int | None, trigger_end: int) -> bool:
    """A date told after the event words ("the attack that killed five on Monday") is
    the incident's own; one told before them ("police on Monday probed the blast") or
    after a speaker ("..., Kerry told him on Saturday") is the date of the act the incident
    is the topic of."""
    return date_start is not None and date_start >= trigger_end and \
        not _SPEECH_BETWEEN.search(text[trigger_end:date_start])
