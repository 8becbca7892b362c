"""A language's data for the extractor, read from ``data/lang/<code>/``.

* ``triggers.csv`` — same columns as ``data/triggers.csv`` (event words of the language)
* ``dates.csv`` — weekday, month and relative-date words ("الأحد", "в воскресенье", "دیروز"),
  days after the date told before ("le lendemain", "того ж дня"), Solar Hijri months
* ``cues.csv`` — locative words before a place ("في", "в", "à") and speech verbs that make
  a place a speaker ("قالت موسكو": Moscow said), i.e. not where something happened
* ``places.csv`` — place names in the original script (with case forms) → the gazetteer's
  name, for the names GeoNames' alternate names do not reach in the built gazetteer
* ``countries.csv`` — further countries (ISO alpha-3) whose towns the gazetteer's
  original-script names may mean in the language's news, after the place table's own
  countries ("Ереване": Yerevan, Armenia, in a Russian story)

English is the default profile with no files here: the English extractor keeps its own data.
Matching runs on :func:`match_text` (Arabic-script normalised, lower case), which has the
length of the original, so every offset found is an offset into the article.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from geo.errors import InputError
from geo.extract.dates import DatePhrase
from geo.lang.calendar import solar_to_gregorian, solar_year_of
from geo.extract.fatalities import Fatalities
from geo.extract.lexicon import ActorEntry, Lexicon, Trigger, default_lexicon, load_triggers
from geo.extract.sentences import normalise as plain_latin
from geo.extract.triggers import TriggerHit
from geo.gazetteer.script_names import script_key
from geo.lang.normalise import FILLER, compact, normalise, strip_article

LANG_DIR = Path(__file__).resolve().parents[2] / "data" / "lang"
ARABIC_SCRIPT = ("ar", "fa")
CYRILLIC = ("ru", "uk")
# Case endings a Russian/Ukrainian place name may take ("Харкові", "Белгородской", "Харківській").
_SLAVIC_ENDING = r"(?:[а-яіїєґё]{0,5})"
_ARABIC_PREFIX = r"(?:[وف]?[بل]?ال|[وف]?لل|[وف]?[بل]|[وف])?"  # و/ف, then ب/ل, then ال


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    lexicon: Lexicon
    dates: tuple[tuple[str, str, int, str], ...]  # (phrase, kind, value, precision)
    locative: frozenset[str]
    speech: frozenset[str]
    places: tuple[tuple[str, str], ...]  # (form in the original script, gazetteer name)
    place_country: tuple[tuple[str, str], ...] = ()  # (gazetteer name, ISO alpha-3)
    numbers: tuple[tuple[str, int], ...] = ()  # number words ("ثلاثة", "двое", "cinq")
    killed: frozenset[str] = frozenset()  # words saying people died ("قتل", "погибли")
    killed_one: frozenset[str] = frozenset()  # ... one person ("погибла", "a été tué")
    wounded: frozenset[str] = frozenset()  # words for the injured: a count beyond is not deaths
    wounded_after: frozenset[str] = frozenset()  # ... whose count stands right before them
    stopwords: frozenset[str] = frozenset()  # never a place name, even capitalised
    negation: frozenset[str] = frozenset()  # before the event word
    negation_after: frozenset[str] = frozenset()  # after it (Persian "انجام نشد", "خواهند زد")
    threat: frozenset[str] = frozenset()  # "هددت", "угрожают", "اگر": any event word after it
    # further countries a gazetteer name may be in, after the place table's (countries.csv)
    wider: frozenset[str] = frozenset()
    background_year: frozenset[str] = frozenset()  # before a year: "منذ عام", "с", "depuis"
    background: frozenset[str] = frozenset()  # background on their own: "سبق أن"
    anaphor: frozenset[str] = frozenset()  # "این حادثه", "الحادث": the event just told
    settlement: frozenset[str] = frozenset()  # "بلدة", "посёлке", "village": a town is named next
    venue: frozenset[str] = frozenset()  # "commissariat": "le commissariat de X" is in X
    region: frozenset[str] = frozenset()  # "ريف", "محافظة", "استان": a region is named next
    region_after: frozenset[str] = frozenset()  # "области", "області": the name before is one
    target: frozenset[str] = frozenset()  # "обстріляли": a verb whose object is a place
    relative: frozenset[str] = frozenset()  # ", який", ", qui": a clause describing someone
    reference: frozenset[str] = frozenset()  # "شمال", "севернее", "au nord de": near, not at
    comment: frozenset[str] = frozenset()  # "محکوم", "أدانت", "condamné": said about an event
    counted: frozenset[str] = frozenset()  # "نفر", "مأمور": people a count before them counts
    cause: frozenset[str] = frozenset()  # "تضامنا مع", "в поддержку": a name the event is for
    irrealis_ending: frozenset[str] = frozenset()  # "-rait", "-raient": the event word's mood
    source: frozenset[str] = frozenset()  # "بحسب", "по данным", "selon": who reports, not where
    # "processus de", "формат", "مسار", "روند": a thing named after the city next (no place)
    named_after: frozenset[str] = frozenset()
    claim: frozenset[str] = frozenset()  # "affirme avoir": a side's claim about an event told

    @property
    def latin(self) -> bool:
        return self.code not in ARABIC_SCRIPT + CYRILLIC

    @functools.cached_property
    def ordinal_regex(self) -> re.Pattern | None:
        """A day of the month told alone ("le 9", "9-го", "9-го числа"): the rows of kind
        ``day`` whose phrase has "{n}" where the day number stands."""
        forms = sorted({_key(self.code, p) for p, k, *_ in self.dates if k == "day"},
                       key=len, reverse=True)
        if not forms:
            return None
        body = "|".join(r"\s+".join(re.escape(w) for w in f.split()).replace(
            re.escape("{n}"), rf"(?P<d{i}>\d{{1,2}})") for i, f in enumerate(forms))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")

    @functools.cached_property
    def date_regex(self) -> re.Pattern:
        forms = sorted({_key(self.code, p) for p, k, *_ in self.dates if k != "day"},
                       key=len, reverse=True)
        pre = r"(?:و)?" if self.code in ARABIC_SCRIPT else ""
        # a space in a phrase stands for a space or a ZWNJ ("سه‌شنبه" is not "شنبه")
        body = "|".join(r"[\s\u200c]+".join(re.escape(w) for w in f.split()) for f in forms)
        # "9 ноября", "9-го ноября", "1er mars": a day number (with its ordinal ending) first
        return re.compile(rf"(?<!\w){pre}(?:(?P<day>\d{{1,2}})(?:-?(?:го|ого|е|ое|er))?\s+)?"
                          rf"(?P<w>{body})(?P<year>\s+\d{{4}})?(?!\w)")

    @functools.cached_property
    def background_regex(self) -> re.Pattern | None:
        """A clause told as background: a cue word before a year ("منذ عام 2011",
        "с 2014 года", "depuis 2012"), or a background phrase on its own."""
        year = sorted(self.background_year, key=len, reverse=True)
        alone = sorted(self.background, key=len, reverse=True)
        parts = []
        # a space in a phrase stands for a space or a ZWNJ ("سال‌های گذشته": in past years)
        gap = r"[\s\u200c]+"
        if year:
            body = "|".join(gap.join(re.escape(w) for w in f.split()) for f in year)
            parts.append(rf"(?:{body})\s+(?:\w+\s+)?(?:19|20|13|14)\d\d(?!\d)")
        if alone:
            parts.append("|".join(gap.join(re.escape(w) for w in f.split()) for f in alone))
        pre = r"(?:[وف])?" if self.code in ARABIC_SCRIPT else ""
        return re.compile(rf"(?<!\w){pre}(?:{'|'.join(parts)})") if parts else None

    @functools.cached_property
    def date_by_key(self) -> dict[str, tuple[str, int, str]]:
        return {_key(self.code, p): (k, v, prec) for p, k, v, prec in self.dates}

    @functools.cached_property
    def place_regex(self) -> re.Pattern | None:
        if not self.places:
            return None
        forms = sorted({_place_key(self.code, f) for f, _ in self.places}, key=len, reverse=True)
        arabic = self.code in ARABIC_SCRIPT
        # Arabic: each word may carry the article ("دير الزور" is found by "دير زور").
        body = "|".join(r"\s+".join(("(?:ال)?" if arabic and i else "") + re.escape(w)
                                    for i, w in enumerate(f.split()))
                        for f in forms if f)
        pre = _ARABIC_PREFIX if arabic else ""
        post = _SLAVIC_ENDING if self.code in CYRILLIC else ""
        return re.compile(rf"(?<!\w){pre}(?P<n>{body}){post}(?!\w)")

    @functools.cached_property
    def place_by_key(self) -> dict[str, str]:
        return {_place_key(self.code, f): name for f, name in self.places}


def match_text(code: str, text: str) -> str:
    """``text`` as the profile's patterns see it, of the same length."""
    t = normalise(text) if code in ARABIC_SCRIPT else plain_latin(text)
    lower = t.lower()
    return lower if len(lower) == len(t) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in t)


def _key(code: str, phrase: str) -> str:
    """A phrase as it is looked for: the extractor matches on text whose Latin accents
    are stripped (geo.extract.sentences.normalise), so "février" is looked for as "fevrier"."""
    p = phrase.lower()
    return compact(p) if code in ARABIC_SCRIPT else plain_latin(p)


def _plain(t: Trigger) -> Trigger:
    pattern = plain_latin(t.pattern)
    return replace(t, pattern=pattern, regex=re.compile(pattern, re.I))


_QUANTIFIER = re.compile(r"[?*+]\??|\{\d*,?\d*\}\??")


def filler_tolerant(pattern: str) -> str:
    """An Arabic-script pattern that also matches with diacritics on its letters: in the
    matched text a diacritic is a filler (tatweel) after its letter ("مسيّرة" is matched
    as "مسيـره"), so after each Arabic letter outside a character class (and after its
    quantifier, if any) fillers may stand."""
    out, i, depth = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]" and depth:
            depth -= 1
        out.append(c)
        i += 1
        if depth == 0 and "\u0621" <= c <= "\u06ff" and c != FILLER:
            q = _QUANTIFIER.match(pattern, i)
            if q:
                out.append(q.group(0))
                i = q.end()
            out.append(FILLER + "*")
    return "".join(out)


#: the clitics an Arabic event word may carry, whatever its row says: و/ف (and), then
#: ب/ل (by, for) with or without the article, or "لل" (ل + ال, its alef dropped)
ARABIC_CLITICS = r"(?:[وف]?(?:لل|[بل]?ال|[بل]))?"


def _arabic_script(t: Trigger, code: str = "fa") -> Trigger:
    """An Arabic-script trigger as matched: normalised as the text is ("طائرة" is looked
    for as "طايره", "على" as "علي") and tolerant of diacritics; an Arabic one may carry
    the clitics "و", "ف", "ب", "ل", "ال", "لل", "بال", "وال" before it ("للقصف", "والاشتباكات")
    whether its row spells them out or not."""
    # an optional space between two parts of a word may be a ZWNJ ("بمب‌گذاری", "آدم‌ربایی")
    pattern = filler_tolerant(normalise(t.pattern).replace(" ?", "[ \u200c]?"))
    if code == "ar":
        pattern = f"{ARABIC_CLITICS}(?:{pattern})"
    return replace(t, pattern=pattern, regex=re.compile(pattern, re.I))


def _place_key(code: str, form: str) -> str:
    k = _key(code, form)
    return " ".join(strip_article(w) for w in k.split()) if code in ARABIC_SCRIPT else k


def negated(hits: list[TriggerHit], text: str, clause: tuple[int, int],
            profile: LanguageProfile) -> list[TriggerHit]:
    """Event words the language's negation words deny ("لم", "не", "pas", "نشد"), within
    three words before (or, for verbs after, five words after: the Persian verb ends the
    clause) in the clause, marked irrealis with the word as the reason."""
    low = match_text(profile.code, text)
    arabic = profile.code in ARABIC_SCRIPT

    def denies(w: str, words: frozenset[str]) -> bool:
        w = w.strip("«»\"'،,.")  # "ونفت": and (she) denied
        return w in words or (arabic and w[:1] in ("و", "ف") and w[1:] in words)

    def phrases(ws: list[str], last: int | None = None) -> list[str]:
        """The words, then the phrases of two and three words ("قصد دارند", "мають
        намір"); with ``last``, single words only among the last ``last`` words."""
        singles = ws[-last:] if last else ws
        return singles + [" ".join(ws[i:i + n]) for n in (2, 3) for i in range(len(ws) - n + 1)]

    out = []
    for h in hits:
        before = _words(low[max(clause[0], h.start - 60):h.start])[-5:]
        after = _words(low[h.end:min(clause[1], h.end + 60)])[:5]
        # a negation word right after an event noun negates it too ("боёв не зафиксировано",
        # "задержаний не проводила": no fighting was recorded, no arrests were made)
        word = next((w for w in phrases(before, 3) if denies(w, profile.negation)), None) or \
            next((w for w in phrases(after) if denies(w, profile.negation_after)), None) or \
            next((w for w in after[:1] if denies(w, profile.negation)), None)
        before = before[-3:]
        if not word and profile.irrealis_ending:  # "attaqueraient": the conditional mood
            last = _words(low[h.start:h.end])[-1:] or [""]
            word = next((last[0] for e in profile.irrealis_ending
                         if last[0].endswith(e) and len(last[0]) > len(e) + 2), None)
        threat = None if word else _threat_before(low, clause[0], h.start, profile)
        claim = None if word or threat or clause[0] == 0 else _retold_claim(
            low, clause, h, profile)
        if claim and not h.irrealis:
            h = replace(h, irrealis=True, why=f"a claim retelling the event told: '{claim}'")
        elif word and not h.irrealis:
            h = replace(h, irrealis=True, why=f"negated: '{word}'")
        elif threat and not h.irrealis:
            h = replace(h, irrealis=True, why=f"threatened or conditional: '{threat}'")
        elif not h.irrealis and _names_told_event(low, h, profile):
            said = next((w for w in before + after if denies(w, profile.comment)), None)
            if said:  # "طالبان این حمله را محکوم کرد": the Taliban condemned this attack
                h = replace(h, irrealis=True, why=f"commentary on the event told: '{said}'")
            elif clause[0] > 0:  # "تهران مسئولیت این حمله را ...": after the first sentence,
                h = replace(h, irrealis=True, why="names the event already told")  # no new one
        out.append(h)
    return out


def _retold_claim(low: str, clause: tuple[int, int], h: TriggerHit,
                  profile: LanguageProfile) -> str | None:
    """A claim phrase of the language ("affirme avoir", "dit avoir") right before the
    event word, in a clause after the first sentence that names no place (no locative
    word of the language after it): a side's claim about the event already told
    ("L'état-major affirme avoir « neutralisé des terroristes »"), no new one."""
    if not profile.claim:
        return None
    before = _words(low[max(clause[0], h.start - 40):h.start])[-4:]
    before = [w.strip("«»\"'،,.") for w in before]
    said = next((p for n in (3, 2) for i in range(len(before) - n + 1)
                 if (p := " ".join(before[i:i + n])) in profile.claim), None)
    if said is None:
        return None
    rest = _words(low[h.end:clause[1]])
    if any(w.strip("«»\"'،,.") in profile.locative for w in rest):
        return None  # "affirme avoir tué dix terroristes à Arbinda": an event of its own
    return said


def _words(chunk: str) -> list[str]:
    """The words of matched text as cue words are keyed: no diacritic fillers, a ZWNJ a
    space ("می‌خواهند" → "می خواهند")."""
    return chunk.replace(FILLER, "").replace("\u200c", " ").split()


_THREAT_REACH = 90  # characters before an event word a threat or "if" governs


def _threat_before(low: str, start: int, end: int, profile: LanguageProfile) -> str | None:
    """A threat or condition word of the language ("تهدید کرده‌اند که اگر ... اعتصاب",
    "пригрозили ... ударами") before ``end`` in its sentence, within ``_THREAT_REACH``
    characters: what follows it has not happened (as English "threatened to ...")."""
    if not profile.threat:
        return None
    chunk = low[max(start, end - _THREAT_REACH):end]
    chunk = _SENTENCE_END.split(chunk)[-1]
    words = [w.strip("«»\"'،,.:()") for w in chunk.split()]
    arabic = profile.code in ARABIC_SCRIPT
    for i, w in enumerate(words):
        for n in (3, 2, 1):
            phrase = " ".join(words[i:i + n])
            if phrase in profile.threat or (arabic and phrase[:1] in ("و", "ف")
                                            and phrase[1:] in profile.threat):
                return phrase
    return None


def _names_told_event(low: str, h: TriggerHit, profile: LanguageProfile) -> bool:
    """Whether the event word is part of one of the language's anaphor phrases ("این
    حمله", "l'incident"): it names the event already told, not a new one."""
    for a in profile.anaphor:
        i = low.rfind(a, max(0, h.start - len(a)), h.end + len(a))
        if i >= 0 and i < h.end and i + len(a) > h.start:
            return True
    return False


def in_relative_clause(hits: list[TriggerHit], text: str, clause: tuple[int, int],
                       profile: LanguageProfile) -> tuple[list[TriggerHit], tuple[int, int]]:
    """Event words after ", " and a relative pronoun ("агента, який коригував удари по
    Київщині": an agent who guided strikes on the Kyiv region) describe someone of the
    main clause: when the main clause has an event word of its own, they are no event of
    their own, and the clause (for its places, actors and date) ends before them."""
    if not profile.relative or len(hits) < 2:
        return hits, clause
    low = match_text(profile.code, text)
    words = "|".join(re.escape(w) for w in sorted(profile.relative, key=len, reverse=True))
    m = re.compile(rf"[,،]\s*(?:{words})(?!\w)").search(low, clause[0], clause[1])
    if m is None or not any(h.end <= m.start() and not h.irrealis for h in hits):
        return hits, clause
    return [h for h in hits if h.start < m.start()], (clause[0], m.start())


def refers_back(sentence: str, profile: LanguageProfile) -> bool:
    """Whether ``sentence`` names the event just told by one of the language's anaphor
    phrases ("این حادثه روز یکشنبه رخ داد": this incident happened on Sunday)."""
    if not profile.anaphor:
        return False
    low = match_text(profile.code, sentence)
    return any(re.search(rf"(?<!\w)(?:[وف])?{re.escape(a)}(?!\w)", low) for a in profile.anaphor)


def backgrounded(hits: list[TriggerHit], text: str, clause: tuple[int, int],
                 profile: LanguageProfile) -> list[TriggerHit]:
    """Event words in a clause the language's background cues mark as history ("منذ عام
    2011", "с 2014 года", "depuis 2012"): irrealis, with the cue as the reason."""
    regex = profile.background_regex
    if regex is None or not hits:
        return hits
    low = match_text(profile.code, text)
    out = []
    for h in hits:
        start = max([clause[0]] + [m.end() for m in _SENTENCE_END.finditer(low, clause[0], h.start)])
        end = next((m.start() for m in _SENTENCE_END.finditer(low, h.end, clause[1])), clause[1])
        # a cue after the event word counts up to the next coordinated clause ("... بازداشت
        # کردند و تاکنون اطلاعی ...": and so far nothing is known — of the arrest, no history)
        end = next((m.start() for m in _NEXT_CLAUSE.finditer(low, h.end, end)), end)
        m = regex.search(low, start, end)  # in the hit's own sentence
        if m and not h.irrealis:
            h = replace(h, irrealis=True, why=f"background: '{text[m.start():m.end()].strip()}'")
        out.append(h)
    return out


_SENTENCE_END = re.compile(r"[.!?؟;؛]\s")
# "و" written apart (Persian, Arabic after a comma) or a comma and a conjunction: a new clause
_NEXT_CLAUSE = re.compile(r"\sو\s|[,،]\s+(?:et|mais|и|а|но|і|й|та|але|و)\s")


_ACTOR_KINDS = ("person", "group", "force", "civilian", "protester", "unidentified", "media")


def load_local_actors(path: Path) -> tuple[ActorEntry, ...]:
    """``actors.csv`` of a language: the English list's columns (kind, actor, country,
    aliases, role), aliases in the language; ``actor`` is the English list's canonical
    name so that an event has the same actors whatever its language."""
    out = []
    for r in _rows(path, ("kind", "actor", "aliases")):
        if r["kind"] not in _ACTOR_KINDS:
            raise InputError(path, f"unknown actor kind {r['kind']!r} (one of "
                             f"{', '.join(_ACTOR_KINDS)})", line=r["_line"])
        aliases = [a.strip() for a in r["aliases"].split("|") if a.strip()]
        # actors are found in text whose Latin accents are stripped ("l'armee malienne")
        aliases = list(dict.fromkeys(aliases + [plain_latin(a) for a in aliases]))
        out += [ActorEntry(r["kind"], r["actor"], r.get("country", ""), a, r.get("role", ""))
                for a in aliases]
    return tuple(out)


def find_local_fatalities(text: str, profile: LanguageProfile) -> Fatalities | None:
    """The largest death count in ``text`` (a clause): a number — digits or the
    language's number words — within three words of a word saying people died; with no
    number, one when the word itself says one person died ("погибла женщина")."""
    if not profile.killed and not profile.killed_one:
        return None
    # diacritics are fillers in the matched text ("قُتل" → "قـتل"): words are read without them
    words = [(m.group(0).replace(FILLER, ""), m.start(), m.end()) for m in _TOKEN.finditer(
        match_text(profile.code, text))]
    # "sept blessés", "12 поранених": a number right before a word for the injured is theirs
    theirs = {words[k][1] for k in range(len(words) - 1)
              if words[k + 1][0] in profile.wounded_after or (  # "سه نفر زخمی": 3 people hurt
                  words[k + 1][0] in profile.counted and k + 2 < len(words)
                  and words[k + 2][0] in profile.wounded_after)}
    numbers = {_key(profile.code, w): v for w, v in profile.numbers}
    killed = sorted(profile.killed | profile.killed_one, key=len, reverse=True)
    best = None
    said_killed = None
    said_one = None  # the first phrase saying one person died
    for i, (w, s, e) in enumerate(words):
        rest = " ".join(x for x, _, _ in words[i:i + 3])
        phrase = next((k for k in killed if rest == k or rest.startswith(k + " ")), None)
        if phrase is None:
            continue
        said_killed = said_killed or (s, e)
        n_words = len(phrase.split())
        if phrase in profile.killed_one and said_one is None:
            said_one = (s, words[i + n_words - 1][2])
        before, after = words[max(0, i - 3):i], words[i + n_words:i + n_words + 3]
        cut = [k for k, (x, _, _) in enumerate(after) if x in profile.wounded]
        after = after[:cut[0]] if cut else after  # "killed two, wounded five"
        cut = [k for k, (x, _, _) in enumerate(before) if x in profile.wounded]
        before = before[cut[-1] + 1:] if cut else before
        around = before + after
        for x, xs, xe in around:
            if xs in theirs:
                continue
            n = int(x) if x.isdigit() and len(x) < 5 else numbers.get(x)
            if n and (best is None or n > best.count):
                best = Fatalities(n, text[min(xs, s):max(xe, e)], False)
    if best is None and said_killed is not None and profile.counted:
        # "دو مأمور پلیس ... کشته شدند": the subject's count opens the clause, the verb
        # ends it (Persian): a number right before a word for people, before the verb
        for k in range(len(words) - 1):
            x, xs, xe = words[k]
            n = int(x) if x.isdigit() and len(x) < 5 else numbers.get(x)
            if n and xs < said_killed[0] and xs not in theirs and words[k + 1][0] in profile.counted:
                return Fatalities(n, text[xs:said_killed[1]], False)
    if best is None and said_one is not None:
        return Fatalities(1, text[said_one[0]:said_one[1]], False)
    return best


# after the first word of an article: "(agency) -" makes it a dateline's city
_AGENCY_DATELINE = re.compile(r"\s*\([^)\n]{1,40}\)\s*[-–—:]")
# a word; a ZWNJ joins the parts of one Persian word ("سه‌شنبه" is Tuesday, not "three")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?(?:\u200c[^\W_]+)*")


def find_local_dates(text: str, reference: dt.date | None,
                     profile: LanguageProfile) -> list[DatePhrase]:
    """Date phrases of the profile's language; weekdays are the latest such day on or
    before the reference date, as in English."""
    low = match_text(profile.code, text)
    out = []
    for m in profile.date_regex.finditer(low):
        kind, value, precision = profile.date_by_key[" ".join(
            m.group("w").replace("\u200c", " ").split())]
        date, uncertain, why = None, True, f"{kind} without a publication date"
        if kind == "month_short":  # "17 фев", "17 févr.": an abbreviation only after a day
            if not m.group("day"):
                continue  # "sept" alone is seven, "мар" no month
            kind = "month"
        if kind == "month" and m.group("day"):
            precision = "day"
        if kind == "solar_month" and not m.group("day"):
            continue  # "تیر" alone is an arrow, "مهر" a seal: a solar month only after a day
        if kind == "weekday" and _AGENCY_DATELINE.match(low, m.end()) and \
                not low[:m.start()].strip(" -"):
            continue  # "دوشنبه (رادیو آزادی) -": a dateline's city (Dushanbe), not Monday
        if kind == "after":  # "le lendemain": resolved against the date told before it
            out.append(DatePhrase(m.start(), m.end(), text[m.start():m.end()], None, precision,
                                  True, "days after the date told before", value))
            continue
        if reference is not None:
            uncertain = False
            if kind == "weekday":
                date = reference - dt.timedelta(days=(reference.weekday() - value) % 7)
                why = "the latest such weekday on or before publication"
            elif kind == "relative":
                date = reference + dt.timedelta(days=value)
                why = "relative to publication"
            elif kind == "solar_month":
                year = int(m.group("year")) if m.group("year") else solar_year_of(reference)
                try:
                    date = solar_to_gregorian(year, value, int(m.group("day")))
                    if not m.group("year") and date > reference:
                        date = solar_to_gregorian(year - 1, value, int(m.group("day")))
                except ValueError:
                    continue
                precision, why = "day", "a day of a Solar Hijri month"
            else:
                year = int(m.group("year")) if m.group("year") else reference.year
                day = int(m.group("day")) if m.group("day") else 1
                try:
                    date = dt.date(year, value, day)
                except ValueError:
                    continue
                if not m.group("year") and date > reference:
                    date = date.replace(year=year - 1)
                why = "month named in the text"
        out.append(DatePhrase(m.start(), m.end(), text[m.start():m.end()], date, precision,
                              uncertain, why))
    return sorted(out + _ordinal_days(low, text, reference, profile, out), key=lambda d: d.start)


def _ordinal_days(low: str, text: str, reference: dt.date | None, profile: LanguageProfile,
                  told: list[DatePhrase]) -> list[DatePhrase]:
    """A day of the month told alone ("le 9", "9-го числа"): that day of the publication
    month, or of the month before when it is later than the publication day; none where
    a month phrase already reads it ("le 9 novembre")."""
    regex = profile.ordinal_regex
    if regex is None or reference is None:
        return []
    out = []
    for m in regex.finditer(low):
        if any(d.start < m.end() + 2 and m.start() < d.end for d in told):
            continue
        day = int(next(v for k, v in m.groupdict().items() if v and k.startswith("d")))
        month = reference.replace(day=1)
        if day > reference.day:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        try:
            date = month.replace(day=day)
        except ValueError:
            continue
        out.append(DatePhrase(m.start(), m.end(), text[m.start():m.end()], date, "day", False,
                              "a day of the month told alone: of the publication month, "
                              "else of the month before"))
    return out


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict]:
    if not path.exists():
        return []
    lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    rows = []
    for (n, _), row in zip(lines[1:], csv.DictReader([line for _, line in lines])):
        missing = [c for c in columns if not (row.get(c) or "").strip()]
        if missing:
            raise InputError(path, f"missing {', '.join(missing)}", line=n)
        rows.append({k: (v or "").strip() for k, v in row.items() if k} | {"_line": n})
    return rows


def load_profile(code: str, base: Path = LANG_DIR) -> LanguageProfile:
    folder = Path(base) / code
    english = default_lexicon()
    triggers = folder / "triggers.csv"
    prepare = functools.partial(_arabic_script, code=code) if code in ARABIC_SCRIPT else _plain
    lexicon = replace(english, triggers=tuple(prepare(t) for t in load_triggers(triggers))) \
        if triggers.exists() else english
    actors = folder / "actors.csv"
    if actors.exists():  # the language's aliases before the English list's
        lexicon = replace(lexicon, entries=load_local_actors(actors) + lexicon.entries)
    dates = []
    for r in _rows(folder / "dates.csv", ("phrase", "kind", "value")):
        if r["kind"] not in DATE_KINDS:
            raise InputError(folder / "dates.csv", f"unknown kind {r['kind']!r}")
        dates.append((r["phrase"], r["kind"], int(r["value"]), r.get("precision") or "day"))
    cues = _rows(folder / "cues.csv", ("word", "kind"))
    place_rows = _rows(folder / "places.csv", ("forms", "gazetteer_name"))
    places = [(f, r["gazetteer_name"]) for r in place_rows
              for f in r["forms"].split("|") if f.strip()]
    return LanguageProfile(
        code, lexicon, tuple(dates),
        frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "locative"),
        frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "speech"),
        tuple(places),
        place_country=tuple((r["gazetteer_name"], r.get("country", "")) for r in place_rows),
        numbers=tuple((r["word"], int(r["value"])) for r in _rows(folder / "numbers.csv",
                                                                   ("word", "value"))),
        # as looked for and as the gazetteer's original-script names are keyed ("الشرقية"
        # is looked up as "شرقيه")
        stopwords=frozenset(k for r in cues if r["kind"] == "stopword" for k in (
            _key(code, r["word"]),
            script_key(r["word"], "arabic" if code in ARABIC_SCRIPT else "cyrillic"))),
        negation=frozenset(_key(code, r["word"]) for r in cues
                           if r["kind"] in ("negation", "irrealis")),
        negation_after=frozenset(_key(code, r["word"]) for r in cues
                                 if r["kind"] in ("negation_after", "irrealis_after")),
        wider=frozenset(r["country"] for r in _rows(folder / "countries.csv", ("country",))),
        **{kind: frozenset(_key(code, r["word"]) for r in cues if r["kind"] == kind)
           for kind in _WORD_KINDS})


#: the kinds of a dates.csv row: a weekday (0 = Monday), days from publication, a month,
#: days after the date told before it ("le lendemain", "того ж дня"), a Solar Hijri month
#: (1 = Farvardin; only after a day number: "۱۱ آبان"), a day of the month told alone
#: ("le {n}", "{n}-го": "{n}" stands for the number; value unused), a month's abbreviation
#: (only after a day number: "17 фев", "17 févr."; "sept" alone is seven)
DATE_KINDS = ("weekday", "relative", "month", "after", "solar_month", "day", "month_short")

#: the cue kinds that are plain word sets of a profile, one field each
_WORD_KINDS = ("killed", "killed_one", "wounded", "wounded_after", "threat", "background_year",
               "background", "anaphor", "settlement", "venue", "region", "region_after", "target",
               "relative", "reference", "comment", "counted", "cause", "irrealis_ending",
               "source", "named_after", "claim")


@functools.cache
def profile_for(code: str) -> LanguageProfile | None:
    """The profile of a non-English language with data in ``data/lang``; None for
    English (and unknown codes), which keep the English extractor's own data."""
    if code == "en" or not (LANG_DIR / code).is_dir():
        return None
    return load_profile(code)
