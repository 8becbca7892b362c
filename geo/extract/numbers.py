"""Numbers written in words or digits ("twelve", "21", "forty-two", "a dozen")."""

from __future__ import annotations

import re

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12, "a couple of": 2,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|a dozen|a couple of|(?:(?:twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|an|a)(?: (?:hundred|thousand))?)"
)
NUMBER_RE = re.compile(NUMBER, re.I)


def parse_number(text: str) -> int | None:
    """The integer a number phrase means, or None."""
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    if t in _UNITS:
        return _UNITS[t]
    total = 0
    for part in re.split(r"[\s-]+", t):
        if part in _SCALES:
            total = max(total, 1) * _SCALES[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        else:
            return None
    return total or None
