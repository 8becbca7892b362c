"""Date phrases and their resolution against the publication date.

Rules (each recorded in :attr:`DatePhrase.reason`):
- "since Saturday" tells something still going on: it is dated at the report;
- a weekday means the latest such day on or before publication ("on Saturday" in
  an article published on a Saturday is that Saturday; "on Friday" the day before);
- a month without a year is the latest such month not after publication
  ("in December" published 2020-02-29 → 2019-12, month precision);
- "in recent days", "this week" → week precision; "overnight", "last night" → the
  night before the report; nothing resolves to a date after publication;
- a bare year counts only after a preposition ("in 2018"), never as a modifier
  ("a 2018 deal");
- without a publication date, relative phrases stay unresolved (``uncertain``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.extract.lexicon import lower_same_length
from geo.extract.numbers import NUMBER, parse_number

if TYPE_CHECKING:
    from geo.extract.triggers import TriggerHit

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_WD = "(?:" + "|".join(WEEKDAYS) + ")"
_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.)")
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# Next to a day number, an abbreviation needs no dot ("16 Sep 2014", "Jul 7 2016").
_MON_D = (r"(?<![a-z])(?:january|february|march|april|may|june|july|august|september|october|november|"
          r"december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)")

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<iso>\d{4}-\d{2}-\d{2})"),
    ("dmy", rf"(?:on\s+)?(?:{_WD},?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MON_D})"
            r"(?:,?\s+(?P<y>\d{4}))?"),
    ("mdy", rf"(?:(?:on|in)\s+)?(?:{_WD},?\s+)?(?P<m>{_MON_D})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
            r"(?:,?\s+(?P<y>\d{4}))?"),
    ("weekday", rf"(?:(?:on|early|late|by|since)\s+)?(?P<last>last\s+)?(?P<wd>{_WD})(?:'s)?"
                rf"{_PART}"),
    ("month", rf"(?:(?:in|since|during|by|until|from|early|late|mid-?|last|this)\s+)+"
              rf"(?P<m>{_MON})(?:,?\s+(?P<y>\d{{4}})|\s+(?P<rely>last\s+year|(?:of\s+)?this\s+year|"
              rf"that\s+year|the\s+previous\s+year|the\s+year\s+before))?"),
    ("monthyear", rf"(?P<m>{_MON})\s+(?P<y>\d{{4}})"),
    ("year", r"(?:in|since|during|by|until|early|late|mid-?)\s+(?P<y>(?:19|20)\d{2})(?![\d-])"),
    ("ago", rf"(?P<n>{NUMBER})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago"),
    # "It comes a week after 44 were killed", "came just two days after two bombs killed":
    # what follows was that long before the incident reported, dated from the report
    ("gap", rf"(?:comes?|came|coming)\s+(?:just\s+|only\s+|barely\s+|nearly\s+|almost\s+)?"
            rf"(?P<n>{NUMBER}|a)\s+(?P<unit>days?|weeks?)\s+after"),
    ("later", rf"(?:the\s+)?(?:following|next)\s+(?:day|morning|night)|(?:a|one|(?P<n>{NUMBER}))\s+"
              r"days?\s+later|the\s+day\s+after|(?:on\s+)?the\s+same\s+day|that\s+day"),
    ("rel", r"(?P<rel>yesterday|today|tonight|overnight|last\s+night|this\s+(?:morning|"
            r"afternoon|evening)|earlier\s+today|late\s+last\s+night|(?:earlier|later|late|"
            r"early)\s+(?:this|last)\s+(?:week|month|year)|(?:this|last|past|the\s+past|"
            r"previous)\s+(?:week|month|year|weekend)|over\s+the\s+(?:past\s+)?weekend|"
            r"(?:in\s+)?(?:recent|the\s+past\s+few|the\s+last\s+few|past\s+few|the\s+past"
            r"|the\s+last)\s+(?:days|weeks|months|two\s+days|two\s+weeks|24\s+hours|48\s+hours))"),
)
_GROUP = re.compile(r"\(\?P<(\w+)>")


def _prefixed(kind: str, pattern: str) -> str:
    """Group names must be unique in one regex: "m" in kind "month" → "month_m"."""
    return _GROUP.sub(lambda g: f"(?P<{kind}_{g.group(1)}>", pattern)


# Compiled without re.I and run on lower-cased text: case-insensitive alternations are slow.
# Every phrase starts a word: the leading \b turns the other positions away at once
# instead of trying each alternative there (and no phrase begins inside a word).
_RE = re.compile(r"\b(?:" + "|".join(f"(?P<k_{k}>{_prefixed(k, p)})" for k, p in _PATTERNS)
                 + ")")


@dataclass(frozen=True, slots=True)
class DatePhrase:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str  # day | week | month | year
    uncertain: bool
    reason: str
    after_days: int | None = None  # "the following day" → 1 day after the date told before
    in_month: int | None = None  # "in July that year": that month of the year told before


# Every date phrase contains one of these words; the full pattern runs only around them.
_ANCHOR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|"
    r"dec)\b|\b(?:yesterday|today|tonight|overnight|night|week|weekend|month|year|days|"
    r"weeks|months|years|hours|ago|recent|morning|afternoon|evening|later)\b|"
    r"(?:following|next|same|that)\s+(?:day|morning|night)|day\s+after|\b\d{4}\b")


def _windows(text: str):
    """Spans around anchor words, merged and widened to whole words."""
    spans: list[list[int]] = []
    for a in _ANCHOR.finditer(text):
        s, e = max(0, a.start() - 45), min(len(text), a.end() + 40)
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < len(text) and not text[e].isspace():
            e += 1
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    return spans


def find_dates(text: str, published: dt.date | None, *, offset: int = 0) -> list[DatePhrase]:
    """Every date phrase in ``text``, resolved against ``published``."""
    out = []
    lower = lower_same_length(text)
    for w0, w1 in _windows(lower):
        out += _find(text[w0:w1], lower[w0:w1], published, offset + w0)
    return out


def _find(text: str, lower: str, published: dt.date | None, offset: int) -> list[DatePhrase]:
    out = []
    for m in _RE.finditer(lower):
        kind = next(k[2:] for k, v in m.groupdict().items() if k.startswith("k_") and v)
        if kind == "month" and m.group(0).lower().strip() in ("may",):
            continue
        phrase = resolve(kind, m, published)
        if phrase is None:
            continue
        date, precision, uncertain, reason, *after = phrase
        out.append(DatePhrase(offset + m.start(), offset + m.end(), text[m.start():m.end()], date,
                              precision, uncertain, reason, after[0] if after else None,
                              after[1] if len(after) > 1 else None))
    return out


COMING_DAYS = 92  # a day and month this soon after publication is still to come, not last year's


def resolve(kind: str, m: re.Match, pub: dt.date | None):
    prefix = kind + "_"
    g = {k[len(prefix):]: v for k, v in m.groupdict().items() if k.startswith(prefix)}
    if kind == "iso":
        try:
            d = dt.date.fromisoformat(g["iso"])
        except ValueError:
            return None
        return _not_after(d, "day", pub, "ISO date")
    if kind in ("dmy", "mdy"):
        month = _month(g["m"])
        day = int(g["d"])
        if g["y"]:
            return _safe(int(g["y"]), month, day, "day", pub, "date with year")
        if pub is None:
            return None, "day", True, "day and month without a year or publication date"
        d = _safe(pub.year, month, day, "day", None, "")
        if d is None:
            return None
        if d[0] > pub and (d[0] - pub).days <= COMING_DAYS:
            return None  # "in a controversial June 3 poll" told on May 23: still to come
        if d[0] > pub:
            return _safe(pub.year - 1, month, day, "day", pub,
                         "latest such date before publication")
        return d[0], "day", False, "day and month in the publication year"
    if kind == "weekday":
        if pub is None:
            return None, "day", True, "weekday without a publication date"
        wd = WEEKDAYS.index(g["wd"].lower())
        if m.group(0).lower().startswith("since"):
            # "shelling since Saturday": still going on when reported; dated at the report
            return pub, "day", False, f"going on {m.group(0).strip()}: dated at the report"
        back = (pub.weekday() - wd) % 7
        if g["last"] and back == 0:
            back = 7
        why = "publication day" if back == 0 else f"latest {g['wd'].title()} before publication"
        return pub - dt.timedelta(days=back), "day", False, why
    if kind in ("month", "monthyear"):
        month = _month(g["m"])
        if g["y"]:
            return _not_after(dt.date(int(g["y"]), month, 1), "month", pub, "month with year")
        if pub is None:
            return None, "month", True, "month without a year or publication date"
        rely = (g.get("rely") or "").lower()
        if "that" in rely or "previous" in rely or "before" in rely:
            return None, "month", False, "month of the year told before", 0, month
        if "last" in rely:
            return dt.date(pub.year - 1, month, 1), "month", False, "month of the year before publication"
        year = pub.year if month <= pub.month else pub.year - 1
        return dt.date(year, month, 1), "month", False, "latest such month not after publication"
    if kind == "year":
        return _not_after(dt.date(int(g["y"]), 1, 1), "year", pub, "year")
    if kind == "later":
        text = m.group(0).lower()
        days = 0 if ("same" in text or text == "that day") else (
            parse_number(g["n"]) if g.get("n") else 1)
        return None, "day", pub is None, "days after the date told before", days
    if kind in ("ago", "gap"):
        n = parse_number(g["n"])
        if n is None:
            return None
        if pub is None:
            return None, "day", True, "relative date without a publication date"
        unit = g["unit"].lower().rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        return pub - dt.timedelta(days=days), precision, False, f"{n} {unit}(s) before publication"
    return _relative(g["rel"].lower(), pub)


def _relative(rel: str, pub: dt.date | None):
    rel = re.sub(r"\s+", " ", rel)
    precision = "day"
    if "week" in rel or "days" in rel or "hours" in rel:
        precision = "week"
    if "month" in rel or "weeks" in rel:
        precision = "month" if "month" in rel else "week"
    if "year" in rel:
        precision = "year"
    if pub is None:
        return None, precision, True, "relative date without a publication date"
    one = dt.timedelta(days=1)
    if rel in ("yesterday",):
        return pub - one, "day", False, "the day before publication"
    if rel in ("overnight", "last night", "late last night"):
        return pub - one, "day", False, "the night before the report"
    if rel in ("today", "tonight", "earlier today") or rel.startswith("this "):
        if rel.endswith(("week", "month", "year", "weekend")):
            pass
        else:
            return pub, "day", False, "publication day"
    if "weekend" in rel:
        back = (pub.weekday() - 5) % 7
        return pub - dt.timedelta(days=back), "week", False, "the weekend before publication"
    last = rel.startswith(("last ", "previous ", "late last", "early last", "earlier last"))
    if precision == "year":
        year = pub.year - 1 if last else pub.year
        return dt.date(year, 1, 1), "year", False, "year relative to publication"
    if precision == "month":
        if last:
            first = pub.replace(day=1) - one
            return first.replace(day=1), "month", False, "the month before publication"
        return pub.replace(day=1), "month", False, "the month of publication"
    if precision == "week":
        if last and "week" in rel:
            return pub - dt.timedelta(days=7), "week", False, "the week before publication"
        return pub, "week", False, "the days up to publication"
    return pub, "day", False, "publication day"


HEAD_CHARS = 300  # an article's own date is printed near its top
HEAD_MAX_DAYS = 60  # else the date must be printed as a date line (top, weekday, "Published")
_HEAD_CUE = re.compile(r"(?:published|posted|updated|date\s+of\s+publication|\b(?:mon|tue|wed|"
                       r"thu|fri|sat|sun)[a-z]*\.?,?\s+\d)", re.I)


def own_date(text: str, published: dt.date | None) -> tuple[dt.date | None, str, int]:
    """The date an article prints near its top ("Wednesday 17 Sep 2014", "Posted on
    April 4 2017"), why, and where that phrase ends; else the publication date. Relative dates ("on Tuesday")
    count from it: a dataset's date can be days or weeks after the report's own."""
    head = text[:HEAD_CHARS]
    top = _numeric_top_date(head, published)
    if top is not None:
        date, phrase, end = top
        why = f"the article's own date '{phrase}'"
        return date, why + (f" (published {published})" if published else ""), end
    for d in find_dates(head, None):
        if d.precision != "day" or d.date is None or not re.search(r"\d{4}", d.text):
            continue
        if published is None:
            return d.date, f"the article's own date '{d.text.strip()}'", d.end
        cue = d.start < 40 or _HEAD_CUE.search(head[max(0, d.start - 30):d.start + 12])
        if abs((published - d.date).days) <= HEAD_MAX_DAYS or cue:
            return (d.date, f"the article's own date '{d.text.strip()}' (published {published})",
                    d.end)
    return published, "publication date", 0


# "30-04-2016 Suicide bomber kills ...", "21.02.2015 At least four ...": a date in figures
# that opens the text is the report's own date line
_NUMERIC_TOP = re.compile(r"\s*(?P<a>\d{1,2})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)"
                          r"(?P<y>(?:19|20)\d{2})(?!\d)")


def _numeric_top_date(head: str, published: dt.date | None):
    """The date in figures that opens an article (day first unless that cannot be; of two
    possible readings the one nearer the publication date), with its text and end; None
    when the text opens otherwise or the figures look cut short."""
    m = _NUMERIC_TOP.match(head)
    if m is None:
        return None
    parts = (m["a"], m["b"])
    if any(len(x) == 1 for x in parts) and any(x.startswith("0") for x in parts):
        return None  # "5-04-2016": one figure padded, the other not; a date cut short
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    date = readings[0]
    if published is not None and len(readings) == 2:
        date = min(readings, key=lambda d: abs((published - d).days))
    return date, m.group(0).strip(), m.end()


def after_previous(phrase: DatePhrase, earlier: list[DatePhrase],
                   published: dt.date | None, *, else_published: bool = False) -> DatePhrase:
    """Resolve "the following day" against the latest date told before it; with no date
    told before and ``else_published``, against the publication date ("la veille" in a
    story's first sentence: the day before it was published)."""
    prev = next((d for d in reversed(earlier) if d.date is not None and d.after_days is None
                 and d.end <= phrase.start), None)
    if prev is None and else_published and published is not None and phrase.in_month is None:
        date = min(published, published + dt.timedelta(days=phrase.after_days))
        return DatePhrase(phrase.start, phrase.end, phrase.text, date, phrase.precision, False,
                          f"{phrase.after_days} day(s) after publication (no date told "
                          "before it)", phrase.after_days)
    if prev is None:
        return phrase
    if phrase.in_month is not None:
        return DatePhrase(phrase.start, phrase.end, phrase.text,
                          dt.date(prev.date.year, phrase.in_month, 1), "month", False,
                          f"that month of the year of '{prev.text}'", phrase.after_days,
                          phrase.in_month)
    date = prev.date + dt.timedelta(days=phrase.after_days)
    if published is not None and date > published:
        date = published
    return DatePhrase(phrase.start, phrase.end, phrase.text, date, prev.precision, False,
                      f"{phrase.after_days} day(s) after '{prev.text}'", phrase.after_days)


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS.index(key) + 1
    return _MONTH_ABBR[key[:4] if key.startswith("sept") else key[:3]]


def _safe(year, month, day, precision, pub, why):
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return _not_after(d, precision, pub, why)


def _not_after(d: dt.date, precision: str, pub: dt.date | None, why: str):
    """Dates after publication are not events that happened: drop them."""
    if pub is not None and d > pub:
        return None
    return d, precision, False, why


_REPORTED_ON = re.compile(r"\b(?:said|says|told\s+(?:\w+\s+){0,2}|announced|reported|added|"
                          r"confirmed|stated|claimed|wrote)\s*$", re.I)


#: the reason of a date phrase in a dateline ("BAMAKO, 17 février —"): when the report
#: was filed, which dates the event only when its sentence names no day of its own
DATELINE_DATE = "the dateline's date (when the report was filed)"


def _vagueness(d: DatePhrase, text: str) -> float:
    """"overnight on Wednesday": the weekday says more than "overnight"; and "..., the
    governor said on Friday" dates the report, not the event; a dateline's date the
    filing (any other date of the sentence first)."""
    if d.date is None:
        return 5
    if d.reason == DATELINE_DATE:
        return 4.5
    if _REPORTED_ON.search(text[max(0, d.start - 40):d.start]):
        return 6
    rank = {"day": 0, "week": 2, "month": 3, "year": 4}[d.precision]
    relative = re.search(r"night|yesterday|today|morning|evening|afternoon", d.text, re.I)
    named = re.search(r"day\b|\d", d.text, re.I) and not re.search(r"yesterday|today", d.text,
                                                                   re.I)
    return rank + (1 if relative and not named else 0)


def is_gap(d: DatePhrase) -> bool:
    """"came two days after": the phrase that dates what follows it from the report."""
    return d.date is not None and d.text.lower().rstrip().endswith("after")


def after_gap(hits, s_dates, span):
    """"Sunday's explosion came two days after two bombs killed seven in Giza": the words
    before the gap refer back to the incident reported; the clause tells the one after it,
    from the gap on (its place, actors, toll and date). Returns the hits and the span."""
    gaps = [d for d in s_dates if span[0] <= d.start < span[1] and is_gap(d)]
    if not gaps:
        return hits, span
    gap = max(gaps, key=lambda d: d.start)
    later = [h for h in hits if h.start >= gap.end]
    if not any(not h.irrealis for h in later):
        return hits, span
    return later, (gap.start, span[1])


# "the attack, the first of its kind since campaigning got underway earlier this month":
# the date inside a since-clause dates the start of the span, not the incident referred
# back to (an incident told with its own act keeps it: "has reclaimed territory since
# launching an offensive in December" is that span's event)
_IN_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w'-]+\s+){1,5}$", re.I)


def _in_since_clause(d: DatePhrase, best: TriggerHit, text: str) -> bool:
    w0 = max(0, d.start - 50)
    m = _IN_SINCE_CLAUSE.search(text[w0:d.start])
    return m is not None and best.end <= w0 + m.start()  # the incident is told before "since"


def pick_date(span, best: TriggerHit, s_dates, carried, sentence, text: str):
    if re.search(r"\b(?:the|this|that|its)\s+(?:\w+\s+)?$", text[max(0, best.start - 30):best.start],
                 re.I):
        s_dates = [d for d in s_dates if not _in_since_clause(d, best, text)]
    inside = [d for d in s_dates if span[0] <= d.start < span[1]
              and (not sentence.in_quote(d.start) or best.quoted)]
    # "Sunday's explosion came two days after two bombs killed seven": the gap dates what
    # follows it, the weekday before it dates the incident the gap is counted from.
    gap = [d for d in inside if d.end <= best.start and is_gap(d)]
    if gap:
        return max(gap, key=lambda d: d.start), "stated"
    if inside:
        return min(inside, key=lambda d: (_vagueness(d, text), abs(d.start - best.start))), \
            "stated"
    outside = [d for d in s_dates if not sentence.in_quote(d.start)]
    if outside:
        return min(outside, key=lambda d: (_vagueness(d, text), abs(d.start - best.start))), \
            "in the sentence"
    if carried is not None:
        return carried, "carried from the previous sentence"
    return None, "publication date"
