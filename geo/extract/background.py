"""What a clause tells that is no new incident: history, running totals, what did not happen.

An article carries more than its news: the history of the conflict ("the war began in
2011 as protests", "besieged since 2013"), running totals ("attacks have killed more
than 2,000 people so far"), negations, intentions and hypotheticals. None of them is a
dated event on the map. They are kept as :class:`ContextItem` with the reason, so the
Articles reader can show what was set aside and why.

Each rule is a pure function of the clause and its date, and returns its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geo.extract.numbers import NUMBER

HISTORY_MONTHS_DAYS = 183   # a month-precise date older than this is history
HISTORY_DAYS = 365          # a day-precise date older than this is history
TOTAL_DEATHS = 1000         # a death count this large is a running total


@dataclass(frozen=True, slots=True)
class ContextItem:
    """A clause set aside: what it would have been and why it is not an event."""

    evidence_start: int
    evidence_end: int
    event_type: str
    sub_event_type: str
    trigger: str
    reason: str
    event_date: dt.date | None = None
    location: str = ""

    def to_dict(self) -> dict:
        return {"evidence_start": self.evidence_start, "evidence_end": self.evidence_end,
                "event_type": self.event_type, "sub_event_type": self.sub_event_type,
                "trigger": self.trigger, "reason": self.reason,
                "event_date": self.event_date.isoformat() if self.event_date else None,
                "location": self.location}


_TOTAL = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|altogether|cumulative|overall\s+(?:death\s+)?toll|"
    r"since\s+the\s+(?:start|beginning|outbreak|onset)|since\s+(?:19|20)\d\d|"
    r"(?:hundreds|tens)\s+of\s+thousands\s+of\s+(?:\w+\s+){0,3}(?:(?:have|had|were)\s+(?:been\s+)?)?"
    r"(?:killed|dead|died|lost\s+their\s+lives)|"
    r"death\s+toll\s+(?:in|of|from)\s+the\s+(?:war|conflict|uprising|crisis)|"
    r"(?:war|conflict|uprising|revolution|crisis|insurgency|violence|attacks|strikes|raids|"
    r"bombings|airstrikes|fighting|offensive|campaign|bombardment)\s+(?:\w+\s+){0,4}?"
    r"(?:has|have|had)\s+(?:now\s+|already\s+|so\s+far\s+)?(?:killed|left|claimed))\b",
    re.I)


_PATTERN = re.compile(
    r"\b(?:regular|repeated|countless|frequent|daily|nightly|near-daily|almost\s+daily|"
    r"continuous|relentless|(?:a\s+)?(?:spate|campaign|cycle)\s+of|hundreds\s+of|"
    r"thousands\s+of)\s+(?:\w+\s+)?(?:air\s*)?"
    r"(?:strikes|raids|attacks|bombings|shelling|clashes|assaults|killings|massacres)\b|"
    r"\b(?:in|over|during|within)\s+(?:less\s+than\s+|more\s+than\s+|nearly\s+)?(?:the\s+)?"
    rf"(?:past\s+|last\s+|recent\s+|coming\s+)?(?:few\s+|several\s+|{NUMBER}\s+)?"
    r"(?:weeks|months|years)\b|"
    # "killed 175 in a week", "over the past week", "in an offensive which began last
    # weekend": a toll summed over days of fighting
    r"\b(?:in|over|during|within)\s+(?:(?:a|one|the\s+(?:past|last))\s+)?week\b(?!\s+of\b)|"
    # "killed in separate gun, bomb and axe attacks": several incidents told as one list
    r"(?<!\d\s)(?<!two\s)(?<!three\s)\bseparate\s+(?:[\w-]+,?\s+){0,6}?(?:attacks|strikes|raids|"
    r"bombings|shootings|incidents|clashes)\b|"
    r"\b(?:in|during)\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:offensive|campaign|"
    r"operation)\s+(?:which|that)\s+(?:began|started|was\s+launched|has\s+been)\b", re.I)
# "a local truce ... for at least two years", "which IS has besieged for more than a year",
# "have previously taken control": a state that has lasted, or what was done before
_LASTING = re.compile(
    r"\bfor\s+(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|"
    rf"the\s+(?:past|last)\s+)?(?:{NUMBER}\s+|several\s+|many\s+)?(?:years?|months)\b|"
    r"\b(?:has|have|had)\s+(?:also\s+)?previously\b", re.I)


def total_reason(clause: str, deaths: int | None) -> str | None:
    """"have killed more than 2,000 people so far": a running total, not one incident;
    "repeated air strikes", "in recent months": a pattern over time, not one incident;
    "besieged for more than a year", "have previously taken": no new incident either."""
    m = _TOTAL.search(clause)
    if m:
        return f"running total: '{' '.join(m.group(0).split())}'"
    m = _PATTERN.search(clause)
    if m:
        return f"many incidents over time: '{' '.join(m.group(0).split())}'"
    m = _LASTING.search(clause)
    if m:
        return f"a state that has lasted, or told as before: '{' '.join(m.group(0).split())}'"
    if deaths is not None and deaths >= TOTAL_DEATHS:
        return f"running total: {deaths} deaths are a toll over time, not one incident"
    return None


_PLURAL_MEANS = re.compile(r"\b(?:attacks|strikes|raids|bombings|bombs|bombardments|shellings|"
                           r"clashes|assaults|killings|massacres|explosions)\b", re.I)
_ONE_DAY = re.compile(r"\b(?:in|on|within)\s+(?:a\s+single|one|the\s+same)\s+day\b|"
                      r"\bwithin\s+(?:hours|minutes)\b", re.I)


def month_of_many_reason(clause: str, trigger: str, precision: str | None) -> str | None:
    """"In May more than 60 civilians were killed by barrel bomb attacks": many incidents
    told by the month they filled, a monthly toll; unless one day is said ("hit by air
    raids in a single day"). ``trigger`` is the trigger and the word after it."""
    m = _PLURAL_MEANS.search(trigger)
    if precision != "month" or m is None or _ONE_DAY.search(clause):
        return None
    return f"many incidents over a month: '{' '.join(trigger.split())}' dated only to the month"


def history_reason(date: dt.date | None, precision: str, published: dt.date | None,
                   phrase: str) -> str | None:
    """A date well before publication, or only a year: history told as background."""
    if date is None:
        return None
    if precision == "year":
        return f"history: dated only to a year ('{phrase}')"
    if published is None:
        return None
    age = (published - date).days
    if precision == "month" and age > HISTORY_MONTHS_DAYS:
        return f"history: '{phrase}' is {age // 30} months before publication"
    if age > HISTORY_DAYS:
        return f"history: '{phrase}' is {age // 365} year(s) before publication"
    return None


_FURNITURE = re.compile(r"^\s*\(.*\)\s*$|\b\d*\s*Related\s+(?:Articles?\s+|Stories\s+|News\s+)?[A-Z]"
                        r"|^\s*(?:Photo|Image|Picture|Video|File photo)s?\b", re.S)


def is_page_furniture(sentence: str) -> bool:
    """A photo caption "(Photo: ... by AFP)", a "Related ..." list of other headlines:
    the page around the article, not its report."""
    return bool(_FURNITURE.search(sentence))
