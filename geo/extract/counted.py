"""Counted arrests are news: "Seven people have been arrested in connection with the blast".

The sentence model (``sentence_model.py``) learned that a perfect tense after a blast is
mostly aftermath or background, and it sets such a sentence aside. A number of people
arrested, detained or taken into custody is an act of its own (ACLED codes it as
Arrests), unless it is a running total ("since the coup", "so far"). :func:`counted_arrest`
says so, and the model's verdict does not apply to it.
"""

from __future__ import annotations

import re

from geo.extract.numbers import NUMBER

# "Seven people have been arrested", "police detained 12 suspects", "three men were taken
# into custody"; "a"/"an" are no count here
_COUNT = r"(?<![\w,])(?!(?:a|an)\b)" + NUMBER + r"(?![\w,])"
_ARRESTED = (r"(?:arrested|detained|taken\s+into\s+custody|apprehended|rounded\s+up)")
_COUNTED_PASSIVE = re.compile(
    _COUNT + r"\s+(?:[\w-]+\s+){0,3}?(?:(?:have|has|had)\s+)?(?:been\s+|were\s+|was\s+)?"
    + _ARRESTED + r"\b", re.I)
_COUNTED_ACTIVE = re.compile(
    r"\b(?:arrested|detained|apprehended|rounded\s+up)\s+(?:at\s+least\s+|some\s+)?" + _COUNT +
    r"\s+(?:[\w-]+\s+){0,2}?(?:people|persons|suspects|men|women|members|militants|"
    r"protesters|demonstrators|activists|soldiers|officers|others)\b", re.I)
# a count summed over time is a total, not one act
_TOTAL = re.compile(r"\b(?:since|so\s+far|to\s+date|in\s+total|altogether|over\s+the\s+(?:past|"
                    r"last)|in\s+recent\s+(?:weeks|months|years)|this\s+year)\b", re.I)


def counted_arrest(sentence: str) -> bool:
    """The sentence tells a number of people arrested as one act."""
    if _TOTAL.search(sentence):
        return False
    return bool(_COUNTED_PASSIVE.search(sentence) or _COUNTED_ACTIVE.search(sentence))
