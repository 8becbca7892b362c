"""Fatalities stated in a sentence: "killing three workers" → 3, "at least twelve" → 12.

Only deaths count; wounded and injured never do. Vague quantities follow the
usual coding convention (dozens → 12, several → 3) and are marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.numbers import NUMBER, parse_number

_Q = (r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|"
      r"some\s+|up\s+to\s+)?")
_NOUN = r"(?:[\w-]+\s+){0,3}?"
_DEATH = (r"(?:killed|dead|died|slain|lost\s+their\s+lives|perished|were\s+killed|was\s+killed|"
          r"have\s+been\s+killed|had\s+been\s+killed|(?:were\s+|was\s+)?executed)")
_VAGUE = {"dozens": 12, "scores": 24, "several": 3, "hundreds": 100, "a number": 3}
_COUNT = rf"(?P<n>{NUMBER}|dozens|scores|several|hundreds)"
# ", including three children,", "- among them two women -"
_ASIDE = (r"(?:[\w-]+\s*[,(\u2013\u2014-]\s*(?:including|among\s+them|mostly)\b[^,()\u2013\u2014.;]{1,50}?"
          r"[,)\u2013\u2014-]?\s+)?")
_KILLING = (r"(?:killing|killed|kills|leaving|left|beheading|beheaded|executing|executed|"
            r"massacring|lynching|lynched|shooting\s+dead|shot\s+dead|eliminated|eliminating|"
            r"liquidated|fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|"
            r"claim(?:ed|ing|s)\s+the\s+li(?:fe|ves)\s+of)")

_PATTERNS = (
    # "killing three workers", "killed at least twelve people"
    re.compile(rf"\b{_KILLING}\s+{_Q}{_COUNT}\b"
               r"(?!\s+(?:days?|weeks?|hours?|years?|months?|percent|%|km|kilometres|miles)\b)"
               rf"(?:\s+(?:of\s+)?{_NOUN})?(?!\s*(?:injured|wounded|hurt))", re.I),
    # "twelve people were killed", "12 civilians died", "three dead"
    # "six people were also reported killed"
    # "16 civilians - including three children - were killed": the count before the aside
    re.compile(rf"\b{_Q}{_COUNT}\s+(?:of\s+)?{_NOUN}{_ASIDE}(?:(?:also|reportedly|reported|confirmed|later|"
               rf"all|both)\s+){{0,2}}{_DEATH}\b", re.I),
    # "death toll rose to 20", "a death toll of 20"
    re.compile(rf"\bdeath\s+toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|stood\s+at)\s+{_Q}"
               rf"(?P<n>{NUMBER})\b", re.I),
)
_ONE_PERSON = re.compile(
    r"\s+(?:[\w-]+-year-old\s+|young\s+|local\s+|senior\s+|pregnant\s+)?(?:man|woman|child|boy|"
    r"girl|baby|soldier|civilian|person|policeman|policewoman|officer|journalist|worker|farmer|"
    r"teacher|doctor|nurse|student|fighter|commander|member|resident|villager|guard)\b", re.I)
_WOUNDED_AFTER = re.compile(r"^\s*(?:people\s+|civilians\s+|others\s+)?(?:were\s+|was\s+)?"
                            r"(?:injured|wounded|hurt)", re.I)
_AND_MORE = re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?and\s+(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?",
                       re.I)


def _and_more(text: str, end: int) -> int:
    """"killing five soldiers and two civilians": the second count adds up."""
    m = _AND_MORE.match(text[end:end + 60])
    if not m or _WOUNDED_AFTER.match(text[end + m.start("n") + len(m.group("n")):]) or \
            re.search(r"injur|wound|hurt", text[end:end + m.end() + 12], re.I):
        return 0
    return parse_number(m.group("n")) or 0


_MEMBER_OF_TOLL = re.compile(rf"{NUMBER}\s+of\s+(?:those|the)\s+(?:killed|dead)\b", re.I)


# "at 5 am", "at 11:30", "at 6 o'clock": a time of day, not a toll
_TIME_AFTER = re.compile(r"^(?::\d\d|\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock\b|hrs\b|h\b|gmt\b|utc\b|"
                         r"local\s+time\b))", re.I)
_TIME_BEFORE = re.compile(r"\d[:.]$")


def _time_of_day(text: str, start: int, end: int) -> bool:
    return bool(_TIME_AFTER.match(text[end:end + 12]) or _TIME_BEFORE.search(text[max(0, start - 2):start]))


def _matches(rx: re.Pattern, text: str):
    """Matches of ``rx``, a time of day never a count: "at 5 am three people were
    killed" is searched again after the hour."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        if _time_of_day(text, m.start("n"), m.end("n")):
            pos = m.end("n")
            continue
        yield m
        pos = max(m.end(), pos + 1)


@dataclass(frozen=True, slots=True)
class Fatalities:
    count: int
    text: str
    vague: bool


# "have been killed in the past 24 hours", "over the past two days": a toll summed over a
# stretch of time, not the incident's own
_OVER_TIME = re.compile(rf"[^.;]{{0,60}}?\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+"
                        rf"(?:(?:{NUMBER}|few|several|couple\s+of)\s+)?"
                        r"(?:hours?|days?|weeks?|months?|years?)\b", re.I)


def find_fatalities(text: str) -> Fatalities | None:
    """The largest death count stated in ``text`` (a sentence or clause); a count summed
    "over the past two days" is no incident's own toll and is not taken."""
    best: Fatalities | None = None
    for rx in _PATTERNS:
        for m in _matches(rx, text):
            phrase = m.group(0)
            if _OVER_TIME.match(text, m.end()):
                continue
            if re.search(r"\b(?:injur|wound|hurt)", phrase, re.I) and \
                    not re.search(_DEATH, phrase, re.I):
                continue
            if _WOUNDED_AFTER.match(text[m.end():]) and rx is _PATTERNS[0]:
                continue
            raw = m.group("n").lower()
            vague = raw in _VAGUE
            n = _VAGUE[raw] if vague else parse_number(raw)
            if n is None or n > 100000:
                continue
            if _MEMBER_OF_TOLL.match(text, m.start("n")):
                continue  # "a student who was one of those killed": one of a toll told
            if re.fullmatch(r"(?:19|20)\d\d", raw):
                continue  # "Tue 5 Jul 2016 Death toll ...": a year, not a count
            if raw in ("a", "an") and not _ONE_PERSON.match(text[m.start("n") + len(raw):]):
                continue  # "killing a man" is one death; "killed a number of" is not
            n += _and_more(text, m.end())
            if best is None or n > best.count:
                best = Fatalities(n, phrase, vague)
    return best
