"""Place names in a non-English article: the language's place table
(``data/lang/<code>/places.csv``) and the gazetteer's original-script names
(:mod:`geo.gazetteer.script_names`), each with its role from the words around it
(locative, speaker, dateline, reference point), and :class:`PlaceFinder`, the geoparser's
``local`` finder built on them. The language's words come from its profile
(:mod:`geo.extract.language`)."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from geo.extract.language import (ARABIC_SCRIPT, CYRILLIC, LanguageProfile, _TOKEN, _key,
                                  _place_key, match_text)
from geo.extract.mentions import Mention
from geo.extract.places import Place
from geo.gazetteer.script_names import script_key

# After a name at the very start: "(agency) -" or " - " or ":" makes it a dateline.
_DATELINE = re.compile(r"\s*(?:\([^)\n]{0,40}\)\s*)?[-–—:]")
# ... or ", " and a date phrase of the language, then the agency ("(ТАСС)", "/ТАСС/") and a
# dash, a colon or a full stop ("МОСКВА, 13 января —", "БЕЛГОРОД, 4 ноября.")
_DATED = re.compile(r"\s*[,،]\s*")
_DATED_END = re.compile(r"\s*(?:(?:\([^)\n]{0,40}\)|/[^/\n]{0,40}/)\s*)?[-–—:.]")


DATELINE_WHY = "the dateline"


def dateline_follows(low: str, end: int, profile: LanguageProfile) -> bool:
    """Whether the words after a name ending at ``end`` (in the matched text) close a
    dateline: "(agency) -", " - ", ":", or ", " and one of the language's date phrases
    (its dates.csv: "13 января", "4 листопада", "13 janvier") before the dash."""
    if _DATELINE.match(low, end):
        return True
    comma = _DATED.match(low, end)
    date = comma and profile.date_regex.match(low, comma.end())
    return bool(date) and _DATED_END.match(low, date.end()) is not None


def dateline_slot(low: str, start: int, end: int, profile: LanguageProfile) -> bool:
    """Whether a word at ``start:end`` (in the matched text) stands where a dateline's
    city does: first in the article, before "(agency) -", " - " or ", date -"."""
    return not low[:start].strip(" ،,.-") and dateline_follows(low, end, profile)


_DATELINE_HEAD = re.compile(r"\s*[^\W\d][^,،\n]{0,40}[,،]\s*$")


def in_dateline(low: str, start: int, end: int) -> bool:
    """Whether a date phrase at ``start:end`` (in the matched text) is a dateline's date:
    right after the name and comma at the very start, before the dash, colon or full
    stop that closes the dateline ("BAMAKO, 17 février —", "ДОНЕЦК, 17 фев —")."""
    return _DATELINE_HEAD.fullmatch(low, 0, start) is not None and \
        _DATED_END.match(low, end) is not None


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
    name ("près de Boni", "à Zinder", "le village de Solenzo"), or a venue's ("le
    commissariat de Mirebalais": in that town), or ""."""
    for n in (3, 2, 1):
        if len(before) >= n:
            words = " ".join(before[-n:])
            if words in profile.locative or words in profile.settlement:
                return words
    if len(before) >= 2 and before[-1] in ("de", "d'", "d’") and (
            before[-2] in profile.settlement or before[-2] in profile.venue):
        return " ".join(before[-2:])  # "village de", "le commissariat de": in that town
    return ""


def settlement_word(word: str, profile: LanguageProfile) -> bool:
    """Whether ``word`` names a settlement ("بلدة", "селі", "village"); in Arabic also
    with a joined "و"/"ف"/"ب"/"ل" ("بقضاء الطارمية": in the district of Tarmiyah; "المدخل
    الغربي لمدينة مأرب": the western entrance of the city of Marib)."""
    if word in profile.settlement:
        return True
    return profile.code == "ar" and any(
        word.startswith(p) and word[len(p):] in profile.settlement
        for p in ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل"))


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


NAMED_AFTER_WHY = "names a process, agreement or meeting after the place, not where it happened"


def named_after(before: list[str], profile: LanguageProfile) -> bool:
    """Whether the words before a name (punctuation-stripped) end with one of the
    language's words for a thing named after a city ("processus de", "у форматі", "مسار",
    "روند"); Arabic "و"/"ب"/"ل" joined to it are let off."""
    if not profile.named_after or not before:
        return False
    if any(" ".join(before[-n:]) in profile.named_after for n in (3, 2, 1) if len(before) >= n):
        return True
    last = before[-1]
    return profile.code in ARABIC_SCRIPT and last[:1] in ("و", "ب", "ل") and \
        last[1:] in profile.named_after


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


SOURCE_WHY = "where the report comes from ('according to sources in …'), not where it happened"
SPEAKER_WHY = "where someone spoke ('said in …'), not where it happened"
_CLAUSE_MARK = re.compile(r"[,،.;:!?؛؟«»\"()]")


def after_source(low: str, start: int, profile: LanguageProfile) -> str:
    """Why a name at ``start`` (in the matched text) is where a report comes from, or "":
    a ``source`` word up to five words before it in its clause ("بحسب مصادر ميدانية في
    صنعاء", "по данным источников в Донецке", "selon des sources locales à Gao"), or a
    speech verb right before the locative word before it ("заявили в Киеве", "a déclaré à
    Paris"). Arabic "و"/"ف" joined to the first word is let off ("وبحسب")."""
    if not profile.source and not profile.speech:
        return ""
    chunk = _CLAUSE_MARK.split(low[max(0, start - 60):start])[-1]
    words = chunk.split()[-5:]
    if profile.code in ARABIC_SCRIPT:
        words = [w[1:] if w[:1] in ("و", "ف") and len(w) > 3 and w[1:] in profile.source
                 else w for w in words]
    for n in (3, 2, 1):
        if any(" ".join(words[i:i + n]) in profile.source for i in range(len(words) - n + 1)):
            return SOURCE_WHY
    if len(words) >= 2 and words[-1] in profile.locative:
        verb, two = words[-2], " ".join(words[-3:-1])
        if verb in profile.speech or (len(words) >= 3 and two in profile.speech) or (
                profile.code in ARABIC_SCRIPT and verb[:1] in ("و", "ف")
                and verb[1:] in profile.speech):
            return SPEAKER_WHY
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
    if dateline_slot(low, start, end, profile):
        return "nonlocative", DATELINE_WHY, False
    if _after_reference(before, profile):
        return "nonlocative", REFERENCE_WHY, True
    if named_after(before, profile):
        return "nonlocative", NAMED_AFTER_WHY, False
    plain = [w.replace("\u0640", "") for w in before]  # a diacritic kept as a tatweel
    if any(" ".join(plain[-n:]) in profile.cause for n in (3, 2, 1) if len(plain) >= n):
        return "nonlocative", "what the event is for (in solidarity with)", False
    if prev in profile.speech or nxt in profile.speech or _beside_speech(low, start, end, profile):
        return "nonlocative", "beside a speech verb", False
    if (why := after_source(low, start, profile)):
        return "nonlocative", why, False
    if prev in profile.locative or prefix.startswith(("ب", "وب", "فب")) or (
            len(before) > 1 and " ".join(before[-2:]) in profile.locative):
        return "locative", f"after {prev or prefix!r}", True
    if settlement_word(prev, profile):  # "بلدة بنت جبيل", "селищі Золочів": the town of
        return "locative", f"after the settlement word {prev!r}", True
    return "neutral", "no cue word", True


# A capitalised Cyrillic word, and the case endings tried off it before a lookup.
# A hyphenated name is one word ("Улан-Удэ", "Ростов-на-Дону", "Санкт-Петербург").
_CYR_WORD = re.compile(r"(?<!\w)[А-ЯЁІЇЄҐ][а-яёіїєґьʼ'’]{2,}"
                       r"(?:-[А-ЯЁІЇЄҐа-яёіїєґ][а-яёіїєґьʼ'’]+)*(?![\w-])")
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
# A case form of a two-letter name ("Оша", "в Оше": Osh) means a big town or nothing.
SHORT_STEM_POPULATION = 100_000


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


_POSSESSIVE = ("ов", "ев", "ёв", "ин", "ын")  # a short possessive adjective's stem
_CYR_VOWELS = set("аеиоуыэюяіїєё")
# the last consonant of a stem and the nominatives with the vowel put back before it
_CYR_FLEETING = (("ц", ("ець", "ец")), ("к", ("ок", "ек")))
_UK_ALTERNATION = (("ці", "ка"), ("зі", "га"), ("сі", "ха"))


def _i_alternation(stem: str) -> str | None:
    """Ukrainian "і" ("ї") of a closed last syllable is "о"/"е" ("є") in the other cases
    ("Часів" → "Часова", "Львів" → "Львова"): the stem with it put back, or None."""
    if len(stem) >= 3 and stem[-2] in "ое" and stem[-1] not in _CYR_VOWELS and stem[-1] not in "ьʼ'’":
        return stem[:-2] + "і" + stem[-1]
    # after a vowel or an apostrophe "ї" is "є" in the other cases ("Чугуїв" → "Чугуєва",
    # "Київ" → "Києві")
    if len(stem) >= 4 and stem[-2] == "є" and stem[-1] not in _CYR_VOWELS:
        return stem[:-2] + "ї" + stem[-1]
    return None


def _cyr_nominatives(w: str, min_stem: int = 3) -> list[str]:
    stems = [w] + [w[:-len(x)] for x in _CYR_ENDINGS
                   if w.endswith(x) and len(w) - len(x) >= min_stem]
    stems += [a for st in stems[1:] if (a := _i_alternation(st))]
    # a vowel the other cases drop: "Кременці" → "Кременець", "Городке" → "Городок"
    fleeting = [st[:-1] + n for st in stems[1:] for end, ns in _CYR_FLEETING
                if st.endswith(end) and st[-2:-1] not in _CYR_VOWELS for n in ns]
    # Ukrainian к/г/х → ц/з/с before the locative "і": "Антонівці" → "Антонівка"
    fleeting += [w[:-2] + n for end, n in _UK_ALTERNATION if w.endswith(end) and len(w) > 4]
    # both parts of a hyphenated name in one case: "Середини-Буди" → "Середина-Буда"
    if "-" in w:
        head, _, tail = w.rpartition("-")
        fleeting += [f"{head[:-len(x)]}{n}-{tail[:-len(x)]}{n}" for x in _CYR_ENDINGS
                     if head.endswith(x) and tail.endswith(x) and len(head) - len(x) >= min_stem
                     for n in _CYR_NOMINATIVE]
    # an adjectival town name in its case ("у Кропивницькому", "в Кропивницком" →
    # "Кропивницький"): tried after the noun forms ("Донецком" is Донецк first)
    adjectival = [w[:-len(x)] + n for x in _CYR_ADJ_CASES if w.endswith(x)
                  and w[:-len(x)].endswith(_ADJ_STEM) and len(w) - len(x) >= 5
                  for n in ("ий", "ый", "ій")]
    return list(dict.fromkeys([st + n for st in stems for n in _CYR_NOMINATIVE] + fleeting
                              + adjectival))


# the case endings of an adjective and the stems of adjectival town names ("-ський", "-цкий")
_CYR_ADJ_CASES = ("ому", "ого", "ім", "им", "ом", "ым", "ий", "ій", "ой")
_ADJ_STEM = ("ськ", "цьк", "зьк", "ск", "цк")


_LOWER_WORD = re.compile(r" ([а-яёіїєґ]+)(?![\w-])")


def _cyrillic_spans(text: str, region_words: frozenset[str] = frozenset()):
    words = [(m.start(), m.end(), m.group(0)) for m in _CYR_WORD.finditer(text)]
    for i, (s, e, w) in enumerate(words):
        region = _LOWER_WORD.match(text, e)
        if region and region.group(1) in region_words:
            # "Брянской областью" → "Брянская область": GeoNames names some regions only so
            firsts = [w[:-len(a)] + b for a, b in _CYR_ADJECTIVE
                      if w.endswith(a) and len(w) - len(a) >= 3]
            pairs = [f"{f} {n}" for f in dict.fromkeys(firsts)
                     for n in _cyr_nominatives(region.group(1), 2)]
            if pairs:
                yield s, region.end(), [(s, p) for p in pairs], []
        nxt = words[i + 1] if i + 1 < len(words) and text[e:words[i + 1][0]] == " " else None
        stems = [w] + [w[:-len(x)] for x in _CYR_ENDINGS if w.endswith(x) and len(w) - len(x) >= 3]
        forms = _cyr_nominatives(w)
        # a two-letter stem ("Оша", "Оше" → "Ош"): tried last, for a big town only
        forms += [w[:-len(x)] for x in _CYR_ENDINGS if w.endswith(x) and len(w) - len(x) == 2]
        if nxt is not None:  # "Кривий Ріг", "Кривом Роге": first word as it stands
            firsts = [w] + [w[:-len(a)] + b for a, b in _CYR_ADJECTIVE
                            if w.endswith(a) and len(w) - len(a) >= 3]
            # "Часовим Яром" → "Часів Яр": a noun first word in its instrumental
            firsts += [a for x in ("им", "ого", "ому", "ім", "а", "у", "і")
                       if w.endswith(x) and (a := _i_alternation(w[:-len(x)]))]
            # a Russian possessive first word ("Часов Яр"): "Часовым Яром", "Часова Яра"
            firsts += [w[:-len(x)] for x in ("ым", "ом", "а", "у")
                       if w.endswith(x) and w[:-len(x)].endswith(_POSSESSIVE)]
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
        else _cyrillic_spans(text, profile.region_after)
    out: list[Mention] = []
    busy = [(t.start, t.end) for t in taken]
    # multi-word names the gazetteer holds in the story's countries but below the floor
    # (no population): a shorter name inside one is that longer name ("بنت جبيل", not
    # "جبيل" = Byblos), also after a joined prefix ("وبنت جبيل")
    shadows: list[tuple[int, int, tuple]] = []
    # the countries of the names already placed (the dateline, the place table's names):
    # a namesake there wins over a bigger one abroad ("أريحا" after "إدلب" is Arīḩā, Syria)
    table_country = dict(profile.place_country)
    # (not a speaker's: "Москва заявила" in a Ukrainian story keeps "Лиман" in Ukraine)
    story = {c for t in taken if (c := table_country.get(t.lookup, ""))
             and (t.role != "nonlocative" or t.names_place or t.why.endswith(DATELINE_WHY))}
    dates = profile.date_by_key
    for start, end, forms, tries in spans:
        if any(a < end and start < b for a, b in busy):
            continue
        if not arabic and _person_or_compound(text, start, end, profile.region_after):
            continue
        if _key(profile.code, text[start:end]) in dates and not dateline_slot(low, start, end,
                                                                               profile):
            continue  # "دوشنبه" is Monday, except as a dateline's city (Dushanbe)
        found = records = floor = None
        for name_start, form in forms:
            key = script_key(form, "arabic" if arabic else "cyrillic")
            # a two-letter key only as the stem of a longer Cyrillic word ("Оша": Osh)
            short = not arabic and len(key) == 2 and end - start > 2
            if index is None or (len(key.replace(" ", "")) < 3 and not short) or \
                    key in profile.stopwords:
                continue
            records = index(key)
            if records and profile.code == "ar" and text[start:end].endswith("ه"):
                # "منزله" (his house: a noun and the pronoun "ه") is no "منزلة" (Al Manzalah):
                # a final "ه" is a "ة" only where the gazetteer spells the name so
                records = tuple(r for r in records if not r.matched_name.endswith("ة"))
            if not records:
                continue
            if floor is None:  # only for words the gazetteer knows
                floor = _population_floor(low, start, profile)
                if not arabic and _adjective_before_noun(text, start, end):
                    floor = FALLBACK_POPULATION  # "на Красной площади": a square, not Krasna
            if short:
                floor = max(floor, SHORT_STEM_POPULATION)
            # a further country's town in Arabic script only after a settlement word
            # ("لمدينة بيدوا") or as the dateline's city: "خرج" (went out) is no Al Kharj,
            # "شمال" no Ash Shamāl (Cyrillic names are capitalised words)
            wide = records if not arabic else [
                r for r in records if r.precision == 1 and (
                    floor == 0 or dateline_slot(low, start, end, profile))]
            rec = (_accepted([r for r in records if r.country_code in story], countries, floor)
                   if story else None) or _accepted(records, countries, floor) or \
                _accepted(wide, profile.wider, max(floor, FALLBACK_POPULATION))
            # (a further country's town only when the table's countries have none, and a
            # town of some size: "Ереване" is Yerevan, a village abroad is no better guess)
            if rec is None and " " in form:
                longer = _accepted([r for r in records if r.precision == 1], countries, 0)
                if longer is not None:
                    shadows.append((start, end, (name_start, longer.name, longer.country_code,
                                    f"gazetteer name {longer.matched_name!r} ({longer.source}),"
                                    " a longer name than one inside it"), longer))
            if rec is not None:
                records = (rec,) + tuple(r for r in records if r is not rec and
                                         r.country_code in countries | profile.wider)
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
        if found is None and arabic and index is not None and forms and \
                " " not in forms[0][1] and len(forms[0][1]) >= 5 and \
                (pf := _population_floor(low, start, profile)) <= LOCATIVE_POPULATION:
            # after "در", "شهر", "بلدة": a compound written as one word that GeoNames writes
            # as two ("شهرکرد" / "شهر کرد", "سپین‌بولدک" / "سپین بولدک", "كفركلا" / "كفر كلا")
            for key in _split_variants(script_key(forms[0][1], "arabic")):
                rec = _accepted(index(key), countries, pf)
                if rec is not None:
                    records = (rec,)
                    found = (forms[0][0], rec.name, rec.country_code,
                             f"gazetteer name {rec.matched_name!r} ({rec.source}), "
                             "written as one word")
                    break
        if found is None and tries:
            records = None  # a Latin name's place: ranked as any other
            found = _by_transliteration(start, tries, geocoder, countries,
                                        _population_floor(low, start, profile)
                                        if floor is None else floor)
        if found is None:
            continue
        for s0, e0, longer, lrec in shadows:
            if s0 <= start and end <= e0 and (s0, e0) != (start, end) and \
                    not any(a < e0 and s0 < b for a, b in busy):
                start, end, found, records = s0, e0, longer, (lrec,)
                break
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


def _person_or_compound(text: str, start: int, end: int,
                        region_words: frozenset[str] = frozenset()) -> bool:
    """A single capitalised Cyrillic word that is a given name before a surname
    ("Владимиром Путиным", "Сергей Гладков") or the first part of a hyphenated name
    ("Ново-Огарёво"): no town by itself. A "surname" before a word for a region is the
    region's adjective ("Клинці Брянської області": Klintsy, Bryansk region)."""
    if " " in text[start:end]:
        return False
    if text[end:end + 1] in "-‑" and text[end + 1:end + 2].isupper():
        return True
    nxt = re.match(r" ([^\s,.;:!?«»()]+)", text[end:end + 40])
    if nxt and region_words:
        region = _LOWER_WORD.match(text, end + nxt.end())
        if region and region.group(1) in region_words:
            return False
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


def _split_variants(key: str) -> list[str]:
    """A one-word key split in two ("شهركرد" → "شهر كرد"), each part at least two letters."""
    if " " in key or len(key) < 5:
        return []
    return [f"{key[:i]} {key[i:]}" for i in range(2, len(key) - 1)]


def _population_floor(low: str, start: int, profile: LanguageProfile) -> int:
    """How big a town a name at ``start`` must mean: any after a word naming a
    settlement, ``LOCATIVE_POPULATION`` after a locative word (Cyrillic names, which are
    capitalised, any), else ``FALLBACK_POPULATION``."""
    before = [w.strip(_PUNCT) for w in low[max(0, start - 30):start].split()]
    if low[max(0, start - 30):start].rstrip() != low[max(0, start - 30):start].rstrip().rstrip(_PUNCT):
        return FALLBACK_POPULATION  # punctuation between: no cue
    prev = before[-1] if before else ""
    two = " ".join(before[-2:]) if len(before) > 1 else ""
    if settlement_word(prev, profile):
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
        # "Брянской областью": a table name before the word for region gives way to the
        # region the gazetteer names with that word ("Брянская область"), when it has one
        soft = [m for m in table if m.hint == "admin" and self.profile.code in CYRILLIC
                and _LOWER_WORD.match(text, m.end)]
        firm = [m for m in table if m not in soft]
        extra = gazetteer_places(text, self.profile, self.geocoder, firm, self._countries_of,
                                 self._records)
        soft = [m for m in soft if not any(e.start <= m.start and e.end > m.end for e in extra)]
        extra = [e for e in extra if not any(e.start < m.end and m.start < e.end for m in soft)]
        return sorted(firm + soft + extra, key=lambda m: m.start)

    def pinned(self, mention: Mention, place: Place | None) -> Place | None:
        """``place`` as resolved from ``mention``'s Latin name, or — when the name came
        from the gazetteer's original-script names and the Latin name led elsewhere (a
        namesake abroad, the country as a fallback: "حيس" is Ḩays in Yemen, not Hays,
        Kansas) — the place the original-script name itself means."""
        records = getattr(self, "_records", {}).get((mention.start, mention.end))
        if records and place is None and mention.lookup == records[0].name and \
                records[0].latitude is not None:
            # the Latin name found nothing (a GeoNames name with no population): the
            # original-script name's own record
            r = records[0]
            return Place(name=r.name, latitude=r.latitude, longitude=r.longitude,
                         precision=r.precision, admin1=r.admin1 or "", country=r.country or "",
                         country_code=r.country_code or "", population=r.population or 0,
                         score=0.5, backend="gazetteer", geonameid=r.geonameid,
                         feature=f"{r.feature_class}.{r.feature_code}",
                         reason=f"the place its original-script name {r.matched_name!r} means")
        if not records or place is None:
            return place
        if any(_km(place.latitude, place.longitude, r.latitude, r.longitude) < PIN_KM
               for r in records if r.country_code == records[0].country_code):
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
            elif (why := after_source(low, m.start, self.profile)):
                m = replace(m, role="nonlocative", why=f"{self.profile.code}: {why}",
                            names_place=False)
            elif named_after(_words_before(low, m.start), self.profile):
                m = replace(m, role="nonlocative", why=f"{self.profile.code}: {NAMED_AFTER_WHY}",
                            names_place=False)  # "le processus de Luanda"
            elif _after_reference(_words_before(low, m.start), self.profile):
                m = replace(m, role="nonlocative", why=REFERENCE_WHY)  # "au nord de Gao"
            elif m.role == "neutral" and (cue := _locative_cue(_words_before(low, m.start),
                                                               self.profile)):
                m = replace(m, role="locative", why=f"{self.profile.code}: after {cue!r}")
            out.append(m)
        return out

    def masked(self, text: str) -> list[tuple[int, int]]:
        """Spans the English name finder must not take: the language's function words
        and date words, capitalised at a sentence's start ("Une", "Dimanche"); not such a
        word between hyphens, part of a compound name ("Port-au-Prince", "Saint-Louis-du-Nord")."""
        p = self.profile
        dates = {_key(p.code, d) for d, *_ in p.dates}
        low = match_text(p.code, text)
        return [(m.start(), m.end()) for m in _TOKEN.finditer(low)
                if (m.group(0) in p.stopwords or m.group(0) in dates)
                and not low[m.start() - 1:m.start()] == low[m.end():m.end() + 1] == "-"]

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
