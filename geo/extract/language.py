"""A language's data for the extractor, read from ``data/lang/<code>/``.

* ``triggers.csv`` — same columns as ``data/triggers.csv`` (event words of the language)
* ``dates.csv`` — weekday, month and relative-date words ("الأحد", "в воскресенье", "دیروز")
* ``cues.csv`` — locative words before a place ("في", "в", "à") and speech verbs that make
  a place a speaker ("قالت موسكو": Moscow said), i.e. not where something happened
* ``places.csv`` — place names in the original script (with case forms) → the gazetteer's
  name, for the names GeoNames' alternate names do not reach in the built gazetteer

English is the default profile with no files here: the English extractor keeps its own data.
Matching runs on :func:`match_text` (Arabic-script normalised, lower case), which has the
length of the original, so every offset found is an offset into the article.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from geo.errors import InputError
from geo.extract.dates import DatePhrase
from geo.extract.fatalities import Fatalities
from geo.extract.lexicon import ActorEntry, Lexicon, Trigger, default_lexicon, load_triggers
from geo.extract.mentions import Mention
from geo.extract.places import Place
from geo.extract.sentences import normalise as plain_latin
from geo.extract.triggers import TriggerHit
from geo.gazetteer.script_names import script_key
from geo.lang.normalise import FILLER, compact, normalise, strip_article

LANG_DIR = Path(__file__).resolve().parents[2] / "data" / "lang"
ARABIC_SCRIPT = ("ar", "fa")
CYRILLIC = ("ru", "uk")
# Case endings a Russian/Ukrainian place name may take ("Харкові", "Белгородской", "Харківській").
_SLAVIC_ENDING = r"(?:[а-яіїєґё]{0,5})"
# After a name at the very start: "(agency) -" or " - " or ":" makes it a dateline.
_DATELINE = re.compile(r"\s*(?:\([^)\n]{0,40}\)\s*)?[-–—:]")
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
    wounded: frozenset[str] = frozenset()  # words for the injured: a count beyond is not deaths
    wounded_after: frozenset[str] = frozenset()  # ... whose count stands right before them
    stopwords: frozenset[str] = frozenset()  # never a place name, even capitalised
    negation: frozenset[str] = frozenset()  # before the event word
    negation_after: frozenset[str] = frozenset()  # after it (Persian "انجام نشد")
    background_year: frozenset[str] = frozenset()  # before a year: "منذ عام", "с", "depuis"
    background: frozenset[str] = frozenset()  # background on their own: "سبق أن"
    anaphor: frozenset[str] = frozenset()  # "این حادثه", "الحادث": the event just told
    settlement: frozenset[str] = frozenset()  # "بلدة", "посёлке", "village": a town is named next
    region: frozenset[str] = frozenset()  # "ريف", "محافظة", "استان": a region is named next
    region_after: frozenset[str] = frozenset()  # "области", "області": the name before is one
    target: frozenset[str] = frozenset()  # "обстріляли": a verb whose object is a place
    relative: frozenset[str] = frozenset()  # ", який", ", qui": a clause describing someone
    reference: frozenset[str] = frozenset()  # "شمال", "севернее", "au nord de": near, not at
    comment: frozenset[str] = frozenset()  # "محکوم", "أدانت", "condamné": said about an event
    counted: frozenset[str] = frozenset()  # "نفر", "مأمور": people a count before them counts

    @property
    def latin(self) -> bool:
        return self.code not in ARABIC_SCRIPT + CYRILLIC

    @functools.cached_property
    def date_regex(self) -> re.Pattern:
        forms = sorted({_key(self.code, p) for p, *_ in self.dates}, key=len, reverse=True)
        pre = r"(?:و)?" if self.code in ARABIC_SCRIPT else ""
        # a space in a phrase stands for a space or a ZWNJ ("سه‌شنبه" is not "شنبه")
        body = "|".join(r"[\s\u200c]+".join(re.escape(w) for w in f.split()) for f in forms)
        return re.compile(rf"(?<!\w){pre}(?P<day>\d{{1,2}}\s+)?(?P<w>{body})(?P<year>\s+\d{{4}})?"
                          r"(?!\w)")

    @functools.cached_property
    def background_regex(self) -> re.Pattern | None:
        """A clause told as background: a cue word before a year ("منذ عام 2011",
        "с 2014 года", "depuis 2012"), or a background phrase on its own."""
        year = sorted(self.background_year, key=len, reverse=True)
        alone = sorted(self.background, key=len, reverse=True)
        parts = []
        if year:
            body = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in year)
            parts.append(rf"(?:{body})\s+(?:\w+\s+)?(?:19|20|13|14)\d\d(?!\d)")
        if alone:
            parts.append("|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in alone))
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


def _arabic_script(t: Trigger) -> Trigger:
    """An Arabic-script trigger as matched: normalised as the text is ("طائرة" is looked
    for as "طايره", "على" as "علي") and tolerant of diacritics."""
    pattern = filler_tolerant(normalise(t.pattern))
    return replace(t, pattern=pattern, regex=re.compile(pattern, re.I))


def _place_key(code: str, form: str) -> str:
    k = _key(code, form)
    return " ".join(strip_article(w) for w in k.split()) if code in ARABIC_SCRIPT else k


def find_places(text: str, profile: LanguageProfile) -> list[Mention]:
    """Place names of the profile's table in ``text``, with their role from the words
    around them: after a locative word "locative", beside a speech verb "nonlocative"."""
    regex = profile.place_regex
    if regex is None:
        return []
    low = match_text(profile.code, text)
    out = []
    for m in regex.finditer(low):
        key = _place_key(profile.code, m.group("n"))
        name = profile.place_by_key.get(key)
        if name is None or (profile.code in CYRILLIC and not text[m.start()].isupper()):
            continue  # Cyrillic names are capitalised ("Сумах", not "сумма")
        role, why, names_place = _role(low, m.start(), m.end(), m.start("n"), profile)
        # "Київщині": the region named after the city ("-щина"), not the city
        hint = "admin" if profile.code in CYRILLIC and low[m.end("n"):m.end()].startswith(
            "щин") else _region_hint(low, m.start(), profile, m.end())
        out.append(Mention(m.start(), m.end(), text[m.start():m.end()], hint, role,
                           f"{profile.code} place table: {why}", names_place=names_place,
                           lookup=name))
    return out


_PUNCT = ",.;:!?،؛؟«»\"'()"
PIN_KM = 10.0  # a resolved place this near a record the original-script name means is it


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    return 6371 * math.hypot(x, math.radians(la2 - la1))


# the words geo.extract.locate reads a reference point by ("north of Goma": near Goma)
REFERENCE_WHY = "a reference point for a distance, not the place itself"


def _words_before(low: str, start: int) -> list[str]:
    """The words before ``start`` up to a sentence mark, punctuation-stripped; the elided
    article stays a word of its own ("au nord d'Ayorou" → ... "nord", "d'")."""
    chunk = re.split(r"[.;:!?؟]", low[max(0, start - 40):start])[-1]
    chunk = re.sub(r"(\w['’])$", r" \1", chunk.rstrip())
    return [w.strip(",«»\"()") for w in chunk.split()]


def _locative_cue(before: list[str], profile: LanguageProfile) -> str:
    """The language's locative or settlement word (one to three words) right before a
    name ("près de Boni", "à Zinder", "le village de Solenzo"), or ""."""
    for n in (3, 2, 1):
        if len(before) >= n:
            words = " ".join(before[-n:])
            if words in profile.locative or words in profile.settlement:
                return words
    if len(before) >= 2 and before[-1] in ("de", "d'") and before[-2] in profile.settlement:
        return " ".join(before[-2:])  # "village de"
    return ""


def _after_reference(before: list[str], profile: LanguageProfile) -> bool:
    """Whether the words before a name (punctuation-stripped) end with a reference cue
    ("شمال", "к северу от", "au nord de"); Arabic "و"/"ب" prefixes are let off."""
    if not profile.reference or not before:
        return False
    for n in (4, 3, 2, 1):
        if len(before) >= n:
            words = " ".join(before[-n:])
            if words in profile.reference:
                return True
    last = before[-1]
    return profile.code in ARABIC_SCRIPT and last[:1] in ("و", "ب") and last[1:] in profile.reference


def _beside_speech(low: str, start: int, end: int, profile: LanguageProfile) -> str:
    """The speech verb (one or two words) right before or right after a name, or ""."""
    before = low[max(0, start - 40):start]
    if before.rstrip() != before.rstrip().rstrip(_PUNCT):
        before = ""  # "..., a annoncé. Paris" : punctuation between
    words_before = [w.strip(_PUNCT) for w in before.split()]
    words_after = [w.strip(_PUNCT) for w in low[end:end + 40].split()]
    for n in (2, 1):
        if len(words_before) >= n and " ".join(words_before[-n:]) in profile.speech:
            return " ".join(words_before[-n:])
        if len(words_after) >= n and " ".join(words_after[:n]) in profile.speech and \
                not low[end:end + 2].strip().startswith(tuple(_PUNCT)):
            return " ".join(words_after[:n])
    return ""


def _role(low: str, start: int, end: int, name_start: int,
          profile: LanguageProfile) -> tuple[str, str, bool]:
    """How a place name at ``start:end`` is used, from the words around it: after a
    locative word "locative", beside a speech verb "nonlocative", at the very start
    before "(agency) -" the dateline (nonlocative), else "neutral"."""
    before = [w.strip(_PUNCT) for w in low[max(0, start - 30):start].split()]
    after = [w.strip(_PUNCT) for w in low[end:end + 30].split()]
    prev = before[-1] if before else ""
    if profile.code in ARABIC_SCRIPT and prev[:1] in ("و", "ف") and prev[1:] in profile.speech:
        prev = prev[1:]  # "وقالت أنقرة": and Ankara said
    prefix = low[start:name_start]
    nxt = after[0] if after else ""
    if _DATELINE.match(low, end) and not low[:start].strip(" ،,.-"):
        return "nonlocative", "the dateline", False
    if _after_reference(before, profile):
        return "nonlocative", REFERENCE_WHY, True
    if prev in profile.speech or nxt in profile.speech or _beside_speech(low, start, end, profile):
        return "nonlocative", "beside a speech verb", False
    if prev in profile.locative or prefix.startswith(("ب", "وب", "فب")) or (
            len(before) > 1 and " ".join(before[-2:]) in profile.locative):
        return "locative", f"after {prev or prefix!r}", True
    if prev in profile.settlement:  # "بلدة بنت جبيل", "селищі Золочів": the town of
        return "locative", f"after the settlement word {prev!r}", True
    return "neutral", "no cue word", True


# A capitalised Cyrillic word, and the case endings tried off it before a lookup.
_CYR_WORD = re.compile(r"(?<!\w)[А-ЯЁІЇЄҐ][а-яёіїєґьʼ'’-]{2,}(?!\w)")
_CYR_ENDINGS = ("ами", "ях", "ах", "ов", "ой", "ом", "ою", "ею", "ові", "еві", "ого", "ому",
                "ей", "ам", "е", "у", "а", "і", "ю", "я", "ы", "и")
# Nominative endings put back on a stem before an original-script lookup ("Чернівцях" →
# "Чернівц" → "Чернівці"; "Сумах" → "Сум" → "Суми"; "Одесі" → "Одес" → "Одеса").
_CYR_NOMINATIVE = ("", "а", "я", "і", "и", "ы", "ь", "е", "о")
# An Arabic-script word (letters, hamza seats, Persian letters; not digits or punctuation).
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0640\u200c]+")
_ARABIC_PREFIXES = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل")  # ال/لل: script_key drops them
FALLBACK_POPULATION = 20_000
# A name after a locative word ("في", "در", "в") may be a smaller town; after a word
# naming a settlement ("بلدة", "روستای", "посёлке", "village de") any town of the name.
LOCATIVE_POPULATION = 5_000


def _script_index(geocoder):
    """The offline gazetteer's original-script lookup (``script_places``) behind a
    geocoder chain, or None."""
    for g in (geocoder, getattr(geocoder, "gazetteer", None)):
        if g is not None and callable(getattr(g, "script_places", None)):
            return g.script_places
    return None


def _accepted(records, countries: set[str], min_population: int = FALLBACK_POPULATION):
    """The place an original-script name means: settlements of at least
    ``min_population`` and regions or countries, in the profile's countries;
    settlements before regions of the same name ("حلب" is the city), then the most
    populous."""
    fit = [r for r in records if r.country_code in countries and
           (r.precision > 1 or (r.population or 0) >= min_population)]
    return min(fit, key=lambda r: (r.precision != 1, -(r.population or 0)), default=None)


def _arabic_spans(low: str, prefixes: tuple[str, ...] = ()):
    """(start, end, name start, lookup forms) of 1-3 word sequences, longest first;
    ``prefixes``: letters that may be joined to the first word (Arabic "و", "ب", "ل")."""
    words = [(m.start(), m.end(), m.group(0)) for m in _ARABIC_WORD.finditer(low)]
    for i in range(len(words)):
        for n in (3, 2, 1):
            part = words[i:i + n]
            if len(part) < n or any(low[a[1]:b[0]].strip() for a, b in zip(part, part[1:])):
                continue
            first, rest = part[0][2], [w for _, _, w in part[1:]]
            heads = [(0, first)] + [(len(p), first[len(p):]) for p in prefixes
                                    if first.startswith(p) and len(first) - len(p) >= 3]
            yield part[0][0], part[-1][1], [(part[0][0] + k, " ".join([h, *rest]))
                                            for k, h in heads], []


# Adjective case endings → nominative ones, for the first word of a two-word name
# ("Білій Церкві" → "Біла Церква", "Красной Яруге" → "Красная Яруга", "Кривом Роге").
_CYR_ADJECTIVE = (("ій", "а"), ("ій", "ий"), ("ій", "ій"), ("ої", "а"), ("ою", "а"),
                  ("ому", "ий"), ("ого", "ий"), ("ім", "ий"), ("ой", "ая"), ("ой", "ый"),
                  ("ой", "ой"), ("ом", "ый"), ("ом", "ий"), ("ом", "ой"), ("ого", "ый"),
                  ("ого", "ой"), ("ому", "ый"), ("ей", "яя"), ("ую", "ая"), ("ую", "а"))


_CYR_VOWELS = set("аеиоуыэюяіїєё")


def _i_alternation(stem: str) -> str | None:
    """Ukrainian "і" of a closed last syllable is "о"/"е" in the other cases ("Часів" →
    "Часова", "Львів" → "Львова"): the stem with it put back, or None."""
    if len(stem) >= 3 and stem[-2] in "ое" and stem[-1] not in _CYR_VOWELS and stem[-1] not in "ьʼ'’":
        return stem[:-2] + "і" + stem[-1]
    return None


def _cyr_nominatives(w: str, min_stem: int = 3) -> list[str]:
    stems = [w] + [w[:-len(x)] for x in _CYR_ENDINGS
                   if w.endswith(x) and len(w) - len(x) >= min_stem]
    stems += [a for st in stems[1:] if (a := _i_alternation(st))]
    return list(dict.fromkeys(st + n for st in stems for n in _CYR_NOMINATIVE))


def _cyrillic_spans(text: str):
    words = [(m.start(), m.end(), m.group(0)) for m in _CYR_WORD.finditer(text)]
    for i, (s, e, w) in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) and text[e:words[i + 1][0]] == " " else None
        stems = [w] + [w[:-len(x)] for x in _CYR_ENDINGS if w.endswith(x) and len(w) - len(x) >= 3]
        forms = _cyr_nominatives(w)
        if nxt is not None:  # "Кривий Ріг", "Кривом Роге": first word as it stands
            firsts = [w] + [w[:-len(a)] + b for a, b in _CYR_ADJECTIVE
                            if w.endswith(a) and len(w) - len(a) >= 3]
            # "Часовим Яром" → "Часів Яр": a noun first word in its instrumental
            firsts += [a for x in ("им", "ого", "ому", "ім", "а", "у", "і")
                       if w.endswith(x) and (a := _i_alternation(w[:-len(x)]))]
            pairs = [f"{w} {nxt[2]}"] + [f"{st} {nxt[2]}" for st in stems[1:]]
            # the second word of a name may be short ("Яром" → "Яр")
            pairs += [f"{f} {n}" for f in dict.fromkeys(firsts)
                      for n in _cyr_nominatives(nxt[2], 2)]
            yield s, nxt[1], [(s, p) for p in dict.fromkeys(pairs)], []
        yield s, e, [(s, f) for f in forms], [w] + [st for st in stems[1:] if len(st) >= 4]


def gazetteer_places(text: str, profile: LanguageProfile, geocoder,
                     taken: list[Mention], countries_of: dict[str, str] | None = None,
                     records_of: dict[tuple[int, int], tuple] | None = None
                     ) -> list[Mention]:
    """Place names the place table lacks, found in the gazetteer's original-script names
    (GeoNames' Arabic-script and Cyrillic alternates, :mod:`geo.gazetteer.script_names`)
    and, for Cyrillic, by transliteration (GeoNames' Latin names fold to the same key).
    A name counts when it means a town of at least ``FALLBACK_POPULATION``, a region or
    a country in one of the table's countries; Cyrillic names are capitalised words, as
    they stand or without a case ending ("Житомирі" → "Житомир"). ``countries_of``, when
    given, receives each found name's country (lookup → ISO alpha-3); ``records_of`` the
    gazetteer records the name meant ((start, end) → records, the chosen one first)."""
    if profile.latin or geocoder is None:
        return []
    countries = {c for _, c in profile.place_country if c}
    low = match_text(profile.code, text)
    index = _script_index(geocoder)
    arabic = profile.code in ARABIC_SCRIPT
    # Persian writes "و" and "به" apart: "برابر" is no "ب" + "رابر" (Rābor)
    spans = _arabic_spans(low, _ARABIC_PREFIXES if profile.code == "ar" else ()) if arabic \
        else _cyrillic_spans(text)
    out: list[Mention] = []
    busy = [(t.start, t.end) for t in taken]
    for start, end, forms, tries in spans:
        if any(a < end and start < b for a, b in busy):
            continue
        if not arabic and _person_or_compound(text, start, end):
            continue
        found = records = floor = None
        for name_start, form in forms:
            key = script_key(form, "arabic" if arabic else "cyrillic")
            if index is None or len(key.replace(" ", "")) < 3 or key in profile.stopwords:
                continue
            records = index(key)
            if not records:
                continue
            if floor is None:  # only for words the gazetteer knows
                floor = _population_floor(low, start, profile)
                if not arabic and _adjective_before_noun(text, start, end):
                    floor = FALLBACK_POPULATION  # "на Красной площади": a square, not Krasna
            rec = _accepted(records, countries, floor)
            if rec is not None:
                records = (rec,) + tuple(r for r in records if r is not rec and
                                         r.country_code in countries)
                lookup = rec.name  # ranked with the story's countries (countries_of)
                found = (name_start, lookup, rec.country_code,
                         f"gazetteer name {rec.matched_name!r} ({rec.source})")
                break
        if found is None and profile.code == "ar" and index is not None and forms and \
                _population_floor(low, start, profile) == 0:
            # after "بلدة", "قرية": the name may be spelt with a long vowel more or less
            # than GeoNames has it ("بيت أمر" / "بيت أومر")
            for key in _mater_variants(script_key(forms[0][1], "arabic")):
                rec = _accepted([r for r in index(key) if r.precision == 1], countries, 0)
                if rec is not None:
                    records = (rec,)
                    found = (forms[0][0], rec.name, rec.country_code,
                             f"gazetteer name {rec.matched_name!r} ({rec.source}), "
                             "spelt with a long vowel more or less")
                    break
        if found is None and tries:
            records = None  # a Latin name's place: ranked as any other
            found = _by_transliteration(start, tries, geocoder, countries,
                                        _population_floor(low, start, profile)
                                        if floor is None else floor)
        if found is None:
            continue
        name_start, lookup, country, how = found
        role, why, names_place = _role(low, start, end, name_start, profile)
        out.append(Mention(start, end, text[start:end], _region_hint(low, start, profile, end), role,
                           f"{how}: {why}", names_place=names_place, lookup=lookup))
        busy.append((start, end))
        if records_of is not None and records and found[1] == records[0].name:
            records_of[(start, end)] = records
        if countries_of is not None and country:
            countries_of[lookup] = country
    return out


def _region_hint(low: str, start: int, profile: LanguageProfile, end: int | None = None) -> str:
    """"admin" for a name right after a word naming a region ("ريف دير الزور": the
    countryside of Deir ez-Zor, the governorate; "استان کرمان") or right before one
    ("Белгородской области"), else ""."""
    after = low[end:end + 20].split()[:1] if end is not None else []
    if after and after[0].strip(_PUNCT) in profile.region_after:
        return "admin"
    before = low[max(0, start - 30):start].split()
    prev = before[-1].strip(_PUNCT) if before else ""
    if profile.code in ARABIC_SCRIPT and prev[:1] in ("و", "ف", "ب") and prev[1:] in profile.region:
        prev = prev[1:]
    return "admin" if prev in profile.region else ""


_CYR_ADJ_END = ("ой", "ей", "ий", "ій", "ая", "яя", "ою", "ої", "ого", "ому", "ым", "им", "ом")


def _adjective_before_noun(text: str, start: int, end: int) -> bool:
    """A capitalised adjective form followed by a lower-case word ("Красной площади",
    "Белгородской области"): it qualifies that noun and names no town by itself."""
    word = text[start:end]
    nxt = text[end:end + 2]
    return " " not in word and word.lower().endswith(_CYR_ADJ_END) and \
        nxt[:1] == " " and nxt[1:2].islower()


# A Russian/Ukrainian surname in any case ("Путиным", "Гладков", "Зеленським", "Сирський").
_SURNAME = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґʼ'’]+(?:ов|ев|єв|ёв|ин|ын|ськ|цьк|ск|цк|енк|чук|юк|"
                      r"ович|евич)(?:а|у|ым|ом|им|ой|ою|ої|ого|ому|ій|ий|ая|о|і|е|ем|ові|ым|ими)?")


def _person_or_compound(text: str, start: int, end: int) -> bool:
    """A single capitalised Cyrillic word that is a given name before a surname
    ("Владимиром Путиным", "Сергей Гладков") or the first part of a hyphenated name
    ("Ново-Огарёво"): no town by itself."""
    if " " in text[start:end]:
        return False
    if text[end:end + 1] in "-‑" and text[end + 1:end + 2].isupper():
        return True
    nxt = re.match(r" ([^\s,.;:!?«»()]+)", text[end:end + 40])
    return bool(nxt and _SURNAME.fullmatch(nxt.group(1)))


_MATRES = "اوي"  # long vowels that spellings of one name add or leave out


def _mater_variants(key: str) -> list[str]:
    """``key`` with one long vowel (ا و ي) put in or left out inside one of its words,
    never at a word's first letter: "بيت امر" → "بيت اومر", ... ."""
    words = key.split()
    out = []
    for i, w in enumerate(words):
        if len(w) < 3:
            continue
        changed = [w[:j] + m + w[j:] for j in range(1, len(w)) for m in _MATRES]
        changed += [w[:j] + w[j + 1:] for j in range(1, len(w) - 1) if w[j] in _MATRES]
        out += [" ".join(words[:i] + [v] + words[i + 1:]) for v in changed]
    return list(dict.fromkeys(v for v in out if v != key))


def _population_floor(low: str, start: int, profile: LanguageProfile) -> int:
    """How big a town a name at ``start`` must mean: any after a word naming a
    settlement, ``LOCATIVE_POPULATION`` after a locative word (Cyrillic names, which are
    capitalised, any), else ``FALLBACK_POPULATION``."""
    before = [w.strip(_PUNCT) for w in low[max(0, start - 30):start].split()]
    if low[max(0, start - 30):start].rstrip() != low[max(0, start - 30):start].rstrip().rstrip(_PUNCT):
        return FALLBACK_POPULATION  # punctuation between: no cue
    prev = before[-1] if before else ""
    two = " ".join(before[-2:]) if len(before) > 1 else ""
    if prev in profile.settlement:
        return 0
    if prev in profile.locative or two in profile.locative or \
            any(w in profile.target for w in before[-3:]):  # "обстріляли з артилерії Берислав"
        return 0 if profile.code in CYRILLIC else LOCATIVE_POPULATION
    return FALLBACK_POPULATION


def _by_transliteration(name_start: int, tries: list[str], geocoder, countries: set[str],
                        floor: int = FALLBACK_POPULATION):
    for t in tries:
        loc = geocoder.geocode(t, exactly_one=True)
        raw = getattr(loc, "raw", None) or {}
        if loc is not None and (raw.get("population") or 0) >= floor and \
                raw.get("country_code") in countries:
            return name_start, t, raw.get("country_code"), f"gazetteer by transliteration of {t!r}"
    return None


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

    out = []
    for h in hits:
        before = low[max(clause[0], h.start - 40):h.start].split()[-3:]
        after = low[h.end:min(clause[1], h.end + 60)].split()[:5]
        word = next((w for w in before if denies(w, profile.negation)), None) or \
            next((w for w in after if denies(w, profile.negation_after)), None)
        if word and not h.irrealis:
            h = replace(h, irrealis=True, why=f"negated: '{word}'")
        elif profile.comment and not h.irrealis and _names_told_event(low, h, profile):
            said = next((w for w in before + after if denies(w, profile.comment)), None)
            if said:  # "طالبان این حمله را محکوم کرد": the Taliban condemned this attack
                h = replace(h, irrealis=True, why=f"commentary on the event told: '{said}'")
        out.append(h)
    return out


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
        m = regex.search(low, start, end)  # in the hit's own sentence
        if m and not h.irrealis:
            h = replace(h, irrealis=True, why=f"background: '{text[m.start():m.end()].strip()}'")
        out.append(h)
    return out


_SENTENCE_END = re.compile(r"[.!?؟;؛]\s")


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
    language's number words — within three words of a word saying people died."""
    if not profile.killed:
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
    killed = sorted(profile.killed, key=len, reverse=True)
    best = None
    said_killed = None
    for i, (w, s, e) in enumerate(words):
        rest = " ".join(x for x, _, _ in words[i:i + 3])
        phrase = next((k for k in killed if rest == k or rest.startswith(k + " ")), None)
        if phrase is None:
            continue
        said_killed = said_killed or (s, e)
        n_words = len(phrase.split())
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
    return best


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
        if kind == "month" and m.group("day"):
            precision = "day"
        if reference is not None:
            uncertain = False
            if kind == "weekday":
                date = reference - dt.timedelta(days=(reference.weekday() - value) % 7)
                why = "the latest such weekday on or before publication"
            elif kind == "relative":
                date = reference + dt.timedelta(days=value)
                why = "relative to publication"
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
    prepare = _arabic_script if code in ARABIC_SCRIPT else _plain
    lexicon = replace(english, triggers=tuple(prepare(t) for t in load_triggers(triggers))) \
        if triggers.exists() else english
    actors = folder / "actors.csv"
    if actors.exists():  # the language's aliases before the English list's
        lexicon = replace(lexicon, entries=load_local_actors(actors) + lexicon.entries)
    dates = []
    for r in _rows(folder / "dates.csv", ("phrase", "kind", "value")):
        if r["kind"] not in ("weekday", "relative", "month"):
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
        killed=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "killed"),
        wounded=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "wounded"),
        wounded_after=frozenset(_key(code, r["word"]) for r in cues
                                if r["kind"] == "wounded_after"),
        # as looked for and as the gazetteer's original-script names are keyed ("الشرقية"
        # is looked up as "شرقيه")
        stopwords=frozenset(k for r in cues if r["kind"] == "stopword" for k in (
            _key(code, r["word"]),
            script_key(r["word"], "arabic" if code in ARABIC_SCRIPT else "cyrillic"))),
        negation=frozenset(_key(code, r["word"]) for r in cues
                           if r["kind"] in ("negation", "irrealis")),
        negation_after=frozenset(_key(code, r["word"]) for r in cues
                                 if r["kind"] == "negation_after"),
        background_year=frozenset(_key(code, r["word"]) for r in cues
                                  if r["kind"] == "background_year"),
        background=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "background"),
        anaphor=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "anaphor"),
        settlement=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "settlement"),
        region=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "region"),
        region_after=frozenset(_key(code, r["word"]) for r in cues
                               if r["kind"] == "region_after"),
        target=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "target"),
        relative=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "relative"),
        reference=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "reference"),
        comment=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "comment"),
        counted=frozenset(_key(code, r["word"]) for r in cues if r["kind"] == "counted"))


class PlaceFinder:
    """The profile's place table as the geoparser's ``local`` finder."""

    def __init__(self, profile: LanguageProfile, geocoder=None):
        self.profile = profile
        self.geocoder = geocoder
        self.local_only = not profile.latin
        self._countries_of: dict[str, str] = {}  # names found in the gazetteer → country

    def __call__(self, text: str) -> list[Mention]:
        table = find_places(text, self.profile)
        self._records = {}
        extra = gazetteer_places(text, self.profile, self.geocoder, table, self._countries_of,
                                 self._records)
        return sorted(table + extra, key=lambda m: m.start)

    def pinned(self, mention: Mention, place: Place | None) -> Place | None:
        """``place`` as resolved from ``mention``'s Latin name, or — when the name came
        from the gazetteer's original-script names and the Latin name led elsewhere (a
        namesake abroad, the country as a fallback: "حيس" is Ḩays in Yemen, not Hays,
        Kansas) — the place the original-script name itself means."""
        records = getattr(self, "_records", {}).get((mention.start, mention.end))
        if not records or place is None:
            return place
        if any(_km(place.latitude, place.longitude, r.latitude, r.longitude) < PIN_KM
               for r in records):
            return place
        r = records[0]
        return replace(place, name=r.name, latitude=r.latitude, longitude=r.longitude,
                       precision=r.precision, admin1=r.admin1 or "", country=r.country or "",
                       country_code=r.country_code or "", population=r.population or 0,
                       score=max(place.score, 0.5), backend="gazetteer",
                       geonameid=r.geonameid, feature=f"{r.feature_class}.{r.feature_code}",
                       reason=f"the place its original-script name {r.matched_name!r} means "
                              f"(its Latin name led to {place.name}, {place.country})")

    def speakers(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` (the English name finder's, in a Latin-script language) with a
        name right after or before one of the language's speech verbs made a speaker
        ("..., a annoncé Paris": Paris announced), not where something happened, one
        after a reference cue a reference point ("au nord de Gao": near Gao), and a name
        the English rules left neutral locative after the language's locative word ("près
        de Boni")."""
        if not (self.profile.speech or self.profile.reference or self.profile.locative):
            return mentions
        low = match_text(self.profile.code, text)
        out = []
        for m in mentions:
            if (why := _beside_speech(low, m.start, m.end, self.profile)):
                m = replace(m, role="nonlocative", why=f"{self.profile.code} speech verb: {why}",
                            names_place=False)
            elif _after_reference(_words_before(low, m.start), self.profile):
                m = replace(m, role="nonlocative", why=REFERENCE_WHY)  # "au nord de Gao"
            elif m.role == "neutral" and (cue := _locative_cue(_words_before(low, m.start),
                                                               self.profile)):
                m = replace(m, role="locative", why=f"{self.profile.code}: after {cue!r}")
            out.append(m)
        return out

    def masked(self, text: str) -> list[tuple[int, int]]:
        """Spans the English name finder must not take: the language's function words
        and date words, capitalised at a sentence's start ("Une", "Dimanche")."""
        p = self.profile
        dates = {_key(p.code, d) for d, *_ in p.dates}
        low = match_text(p.code, text)
        return [(m.start(), m.end()) for m in _TOKEN.finditer(low)
                if m.group(0) in p.stopwords or m.group(0) in dates]

    def countries(self, mentions) -> list[str]:
        """The table's countries of these mentions, most named first: the story's
        countries when no actor names one ("Покровськ" is in Ukraine, not Russia)."""
        of = dict(self.profile.place_country)
        counts: dict[str, int] = {}
        for m in mentions:
            code = of.get(m.lookup, "") or self._countries_of.get(m.lookup, "")
            if code and m.names_place:
                counts[code] = counts.get(code, 0) + 1
        return sorted(counts, key=lambda c: -counts[c])


@functools.cache
def profile_for(code: str) -> LanguageProfile | None:
    """The profile of a non-English language with data in ``data/lang``; None for
    English (and unknown codes), which keep the English extractor's own data."""
    if code == "en" or not (LANG_DIR / code).is_dir():
        return None
    return load_profile(code)
