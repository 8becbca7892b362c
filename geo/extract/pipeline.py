"""Article → events: the chain of named steps, each one a small module.

sentences → clauses → triggers (type) → places (where) → actors (who) → dates
(when) → fatalities → :class:`~geo.record.Event`. Every event says why: the
triggers that decided its type, the reason for its place (``geo_reason``), the
date phrase it was read from, and a confidence built from all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import islice

from geo.articles import Article
from geo.extract.background import (ContextItem, history_reason, is_page_furniture,
                                    month_of_many_reason, total_reason)
from geo.extract.dates import (DATELINE_DATE, DatePhrase, after_gap, after_previous, find_dates,
                               own_date, pick_date)
from geo.extract.document import Doc, NameNotFound
from geo.extract.fatalities import find_fatalities
from geo.extract.incidents import (WEAK, Telling, combine, compatible_kinds, merge_tellings,
                                   pass_country_dates,
                                   same_incident, told_apart)
from geo.extract.sentence_model import not_news_reason
from geo.extract.lexicon import Lexicon, default_lexicon
from geo.extract.geoparser import parse_places
from geo.extract.locate import Located, choose_places, venues_of
from geo.extract.counted import counted_arrest
from geo.extract.one_area import one_per_area
from geo.extract.topic import own_date_after, topic_of
from geo.extract.roles import (VIOLENT, actor_country, adjust_type, armed_not_mob,
                                armed_agent_acts, clause_actors, name_of,
                                no_state_suicide,
                                pick_actors)
from geo.extract.sentences import Sentence, split_clauses, split_sentences
from geo.extract.spans import placed_start, starting_in
from geo.extract.triggers import (TriggerHit, choose, demote_reported, demote_reporting,
                                  find_triggers,
                                  is_anaphoric, qualify)
from geo.extract.language import (find_local_dates, find_local_fatalities, match_text,
                                  negated, backgrounded, in_relative_clause, profile_for,
                                  refers_back)
from geo.extract.language_places import PlaceFinder, in_dateline
from geo.gazetteer.fold import fold_name
from geo.extract.unknown_places import (borrows_past_unknown, find_unknown_places,
                                        inside_unknown)
from geo.record import Event, make_event_id

UNIDENTIFIED = "Unidentified Armed Group ({country})"
_UNCLAIMED = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade")
# What a party says in a report of violence (denied, condemned, called on): commentary.
_COMMENTS = ("Statement", "Appeal")
_SPEECH_ACTS = ("Statement", "Appeal", "Threat", "Demand", "Cooperation pledge")


@dataclass(frozen=True)
class Extraction:
    """What an article tells: its incidents (on the map), what was set aside (context,
    with the reason) and the place names it could not place."""

    events: tuple[Event, ...]
    context: tuple[ContextItem, ...]
    names_not_found: tuple[NameNotFound, ...] = ()


def extract_events(article: Article, geocoder, *, lexicon: Lexicon | None = None) -> list[Event]:
    """The incidents an article reports, in the order they were first told."""
    return list(extract(article, geocoder, lexicon=lexicon).events)


# what a sentence set aside as told over time: its date dates no incident told after it
# ("In May more than 60 were killed by barrel bombs. ... shelled the villages")
_SUMMED = ("many incidents", "running total", "a state that has lasted")


def extract(article: Article, geocoder, *, lexicon: Lexicon | None = None) -> Extraction:
    """The article's incidents, and the clauses kept as context with the reason."""
    doc = analyse(article, geocoder, lexicon or default_lexicon())
    told: list[Telling] = []
    context: list[ContextItem] = []
    seen: dict[tuple, int] = {}
    last_date: dict[int, DatePhrase] = {}
    for sentence in doc.sentences:
        if sentence.heading or is_page_furniture(sentence.text):
            continue
        s_dates = list(starting_in(doc.dates, sentence.start, sentence.end))
        n_told = len(told)
        said = 0  # events the sentence tells (kept, merged or set aside)
        set_aside: list[str] = []
        for clause in split_clauses(sentence):
            separate = told_apart(doc.text[sentence.start:clause.end])  # "Separately, ..."
            for event, elaborates, weight, aside in _clause_events(
                    doc, sentence, (clause.start, clause.end), s_dates,
                    last_date.get(sentence.paragraph)):
                said += 1
                if not aside and event.event_type != "Diplomacy" and not (
                        event.sub_event_type == "Arrests" and counted_arrest(sentence.text)):
                    aside = not_news_reason(sentence.text, sentence.index) or ""
                if aside:
                    context.append(_context_item(event, aside))
                    set_aside.append(aside)
                    continue
                if elaborates and not separate:
                    target = _told_before(told, Telling(event, weight))
                    if target is not None:  # more about an incident already told ("the blast")
                        weak = told[target].weight <= WEAK < weight and \
                            event.event_type == "Explosions/Remote violence"  # its means
                        told[target] = combine(told[target], Telling(event, 0),
                                               "a later sentence refers back to it",
                                               take_place=False)
                        if weak:  # "Army kills 31" told first, "warplanes targeted" after
                            told[target] = _typed_by(told[target], event)
                        continue
                key = (event.event_type, event.sub_event_type, event.actor1, event.actor2,
                       event.event_date, event.location)
                if key not in seen or separate:
                    seen[key] = len(told)
                    told.append(Telling(event, weight, separate))
                elif event.confidence > told[seen[key]].event.confidence:
                    told[seen[key]] = Telling(event, weight)  # the same event, told more plainly
        if told and not said:
            told[-1] = _placed_by_later_sentence(doc, sentence, told[-1])
        news = [d for d in s_dates if not history_reason(d.date, d.precision, doc.reference,
                                                          d.text)]
        if news and told and len(told) == n_told:
            told[-1] = _dated_by_later_sentence(doc, sentence, news[0], told[-1])
        if news and not (len(told) == n_told and any(r.startswith(_SUMMED) for r in set_aside)):
            # history told in passing does not carry, nor the month of a monthly toll
            last_date[sentence.paragraph] = news[-1]
    told, tolls = _bare_tolls_aside(told)
    context += tolls
    told, reactions = _reactions_aside(told)
    context += reactions
    told, vague = _country_level_aside(told)
    context += vague
    told, unvenued = _no_venue_aside(told)
    context += unvenued
    told, old = _old_news_aside(told, doc.reference)
    context += old
    return Extraction(tuple(merge_tellings(told)), tuple(context), _names_not_found(doc))


def _names_not_found(doc: Doc) -> tuple[NameNotFound, ...]:
    """The names no place was found for, with the settlements named by their type word
    that the gazetteer does not know ("the village of X")."""
    starts = [n.start for n in doc.unplaced]  # sorted by start

    def overlaps(u) -> bool:
        i = bisect_left(starts, u.start)
        near = doc.unplaced[max(0, i - 3):i + 3]  # names are short: neighbours only
        return any(n.start < u.end and u.start < n.end for n in near)

    extra = [NameNotFound(u.start, u.end, u.text, "named as a settlement; not in the gazetteer")
             for u in doc.unknown_places if u.named and not overlaps(u)]
    return tuple(sorted(doc.unplaced + extra, key=lambda n: n.start))


# "The operation was carried out on Sunday night", "The attack happened on Friday"
_EN_REFERS_BACK = re.compile(
    r"^\s*(?:the|this|that)\s+(?:\w+\s+){0,2}?(?:attack|operation|strikes?|raids?|blast|"
    r"explosion|bombing|ambush|assault|shelling|incident|massacre|killings?|clashes|fighting|"
    r"offensive)\s+(?:was|were|took|happened|occurred|came|began|started)\b", re.I)


def _typed_by(told: Telling, stronger: Event) -> Telling:
    """An incident first told by a weak word ("kills") takes the type a later telling
    of its means gives ("warplanes targeted"); its weight stays the first telling's."""
    e = told.event
    return Telling(replace(e, event_type=stronger.event_type,
                           sub_event_type=stronger.sub_event_type,
                           triggers="; ".join(dict.fromkeys(
                               [*stronger.triggers.split("; "), *e.triggers.split("; ")])),
                           actor1=e.actor1 or stronger.actor1,
                           actor2=e.actor2 or stronger.actor2), told.weight, told.separate)


# "The assault targeted positions south of the town of X": the incident just told, named
# again by its noun at the head of a sentence that tells no event of its own
# (or "... the eastern suburbs of X, where the incident occurred")
_EVENT_NOUN = (r"(?:attack|operation|strikes?|air ?strikes?|raids?|blast|explosion|bombing|"
               r"ambush|assault|shelling|incident|massacre|killings?|clashes|fighting|"
               r"offensive|battle)")
_EN_NAMES_BACK = re.compile(
    r"^\s*(?:the|this|that)\s+(?:\w+\s+){0,2}?" + _EVENT_NOUN + r"\b|"
    r"\b(?:where|in which)\s+the\s+(?:\w+\s+)?" + _EVENT_NOUN +
    r"\s+(?:occurred|took\s+place|happened|was\s+carried\s+out)\b", re.I)


def _placed_by_later_sentence(doc: Doc, sentence: Sentence, last: Telling) -> Telling:
    """"Kurdish forces killed 16 militants in northeast Syria. The assault targeted
    positions near the town of X in Y province.": a sentence with no event of its own that
    names the event just told by its noun gives it a place inside the one it had (the
    country, or a region holding the new place); the place the text told first was only
    the container."""
    e = last.event
    if e.event_type == "Diplomacy" or e.evidence_end is None or \
            e.evidence_end > sentence.start or (e.geo_precision or 3) < 2 or \
            not _EN_NAMES_BACK.search(sentence.text):
        return last
    profile = profile_for(getattr(doc.article, "language", "en") or "en")
    if profile is not None:
        return last
    located = choose_places(
        span=(sentence.start, sentence.end), sentence_span=(sentence.start, sentence.end),
        text=doc.text, diplomacy=False, placed=doc.placed, venues=_venues(doc),
        in_quote=sentence.in_quote, dateline=None, actor_country_place=lambda: (None, ""),
        resolve_admin=lambda name: doc.resolver.resolve(name, "admin"))
    for loc in located:
        p = loc.place
        if loc.mention is None or not sentence.start <= loc.mention.start < sentence.end:
            continue  # the sentence's own places only, never one told before it
        if p.precision >= (e.geo_precision or 3) or (e.country_code and
                                                       p.country_code != e.country_code):
            continue
        if e.geo_precision == 2 and not (p.admin1 and p.admin1 in (e.location, e.admin1)):
            continue  # only a place inside the region told first
        why = (f"{loc.reason}; {p.reason}".strip("; ") +
               f"; a later sentence places the incident told as in {e.location}")
        return Telling(replace(e, location=p.name, latitude=p.latitude, longitude=p.longitude,
                               geo_precision=p.precision, admin1=p.admin1 or "",
                               country=p.country, country_code=p.country_code,
                               geo_backend=p.backend, geo_reason=why), last.weight,
                       last.separate)
    return last


def _dated_by_later_sentence(doc: Doc, sentence: Sentence, date: DatePhrase,
                             last: Telling) -> Telling:
    """"... یک مأمور جان باخت. این حادثه روز یکشنبه رخ داد.", "The operation was carried
    out on Sunday night": a sentence with no event of its own that refers back to the
    event just told (the language's anaphor words; in English "the attack was ...")
    gives its date to that event when it had only the report's date."""
    profile = profile_for(getattr(doc.article, "language", "en") or "en")
    e = last.event
    back = refers_back(sentence.text, profile) if profile is not None else \
        bool(_EN_REFERS_BACK.search(sentence.text))
    # a date of its own, not the report's own date line carried down ("Tue Jul 7 2015")
    own = bool(e.date_text) and not (e.event_date == doc.reference and
                                     f"'{e.date_text}'" in doc.reference_reason)
    if not back or own or e.evidence_end is None or e.evidence_end > sentence.start:
        return last
    return Telling(replace(e, event_date=date.date, date_precision=date.precision,
                           date_text=date.text, date_uncertain=date.uncertain), last.weight,
                   last.separate)


def _country_level_aside(told: list[Telling]) -> tuple[list[Telling], list[ContextItem]]:
    """Beside incidents placed in towns and regions, an event placed only at country level
    ("fighting in Syria", "the United States said") or not placed at all is a summary, a
    reaction or a second telling whose place was lost, not one more incident on the map.
    Diplomacy between two named parties (a phone call) keeps its country-level place."""
    if not any((t.event.geo_precision or 3) < 3 and t.event.has_location for t in told):
        return told, []
    keep, aside, vague = [], [], []
    for t in told:
        e = t.event
        if e.event_type == "Diplomacy" and e.actor1 and e.actor2:
            keep.append(t)  # a call between two named parties is placed at the caller's country
        elif not e.has_location:
            aside.append(_context_item(e, "no place of its own beside incidents placed in "
                                          "towns and regions"))
        elif e.geo_precision == 3:
            aside.append(_context_item(e, f"placed only at country level ({e.location}) "
                                          "beside incidents placed in towns and regions"))
            vague.append(t)
        else:
            keep.append(t)
    return pass_country_dates(keep, vague), aside


# What a speaker said, proposed or threatened, placed only at the speaker's country.
_VENUELESS = ("Statement", "Threat", "Summit or proposal", "Appeal", "Demand")
OLD_NEWS_DAYS = 30   # an incident this long before the report, beside recent ones, is history
RECENT_DAYS = 7


def _no_venue_aside(told: list[Telling]) -> tuple[list[Telling], list[ContextItem]]:
    """A statement, threat, proposal, appeal or demand placed only at a country ("the
    United States said", "China warned") has no venue: it is what someone said, not an
    incident on the map. One said in a named town or region, and acts between parties
    (calls, meetings, agreements), stay."""
    keep, aside = [], []
    for t in told:
        e = t.event
        if e.event_type == "Diplomacy" and e.sub_event_type in _VENUELESS and \
                (not e.has_location or (e.geo_precision or 3) >= 3):
            aside.append(_context_item(e, f"a {e.sub_event_type.lower()} with no venue of its "
                                          f"own (placed only at {e.location or 'no place'})"))
        else:
            keep.append(t)
    return keep, aside


def _old_news_aside(told: list[Telling], reference) -> tuple[list[Telling], list[ContextItem]]:
    """Beside incidents of the week before the report, one dated more than a month
    before it ("ISIL began advancing on the town on September 16", in a November report)
    is the story's history told for context, not news. One told with its own toll ("a car
    bomb killed six there on June 19") is an earlier incident told on its own and stays."""
    if reference is None:
        return told, []

    def age(t: Telling):
        d = t.event.event_date
        return None if d is None or t.event.date_uncertain else (reference - d).days

    if not any(a is not None and 0 <= a <= RECENT_DAYS for a in map(age, told)):
        return told, []
    keep, aside = [], []
    for t in told:
        a = age(t)
        if a is not None and a > OLD_NEWS_DAYS and t.event.date_precision == "day" and \
                t.event.fatalities is None:
            aside.append(_context_item(t.event, f"history: {a} days before the report, beside "
                                                "incidents of the week before it"))
        else:
            keep.append(t)
    return keep, aside


def _bare_tolls_aside(told: list[Telling]) -> tuple[list[Telling], list[ContextItem]]:
    """Beside violence told with its means (a strike, shelling, clashes), a clause that
    tells only deaths ("three were killed in X") and fits none of those incidents is a
    toll told in passing (of the war, of another report): context, not an incident.
    ("Rebels attacked a post", weight WEAK, names an act and stays.)"""
    strong = [t for t in told if t.event.event_type in VIOLENT and t.weight > WEAK]
    if not strong:
        return told, []
    keep, aside = [], []
    for t in told:
        e = t.event
        if e.event_type in VIOLENT and t.weight < WEAK and \
                not any(same_incident(s, t) for s in strong):
            aside.append(_context_item(e, "deaths told without how they happened, beside "
                                          "incidents told with their means"))
        else:
            keep.append(t)
    return keep, aside


def _reactions_aside(told: list[Telling]) -> tuple[list[Telling], list[ContextItem]]:
    """In a report of violence, what someone abroad said about it with no venue of its
    own (placed only by the speaker's country, another than the violence's) is a
    reaction: context, not an incident on the map. So is a statement or an appeal placed
    only by a region or a country (a denial, a condemnation, a call on the parties):
    commentary on the violence. One made in a named town, threats, demands and acts
    (calls, meetings, agreements) stay."""
    violent_countries = {t.event.country_code for t in told
                         if t.event.event_type in VIOLENT and t.event.has_location}
    if not violent_countries:
        return told, []
    keep, aside = [], []
    for t in told:
        e = t.event
        if e.event_type == "Diplomacy" and e.sub_event_type in _SPEECH_ACTS and (
                not e.has_location or ("the actor's country" in e.geo_reason
                                       and e.country_code not in violent_countries)):
            aside.append(_context_item(e, "a reaction to the violence reported, with no venue "
                                          "of its own"))
        elif e.event_type == "Diplomacy" and e.sub_event_type in _COMMENTS and \
                (e.geo_precision or 3) >= 2:
            aside.append(_context_item(e, f"a {e.sub_event_type.lower()} about the violence "
                                          "reported: commentary, not an incident"))
        else:
            keep.append(t)
    return keep, aside


def _told_before(told: list[Telling], t: Telling) -> int | None:
    """The latest incident an elaborating clause can refer back to: the same type at
    the same place, else the latest incident its type and sides fit."""
    event = t.event
    for i in range(len(told) - 1, -1, -1):
        e = told[i].event
        if e.event_type == event.event_type and e.location == event.location:
            return i
    if event.event_type in VIOLENT:
        for i in range(len(told) - 1, -1, -1):
            if told[i].event.event_type in VIOLENT and compatible_kinds(told[i], t):
                return i
    return None


def _context_item(event: Event, reason: str) -> ContextItem:
    return ContextItem(event.evidence_start or 0, event.evidence_end or 0, event.event_type,
                       event.sub_event_type, event.triggers.split(";")[0], reason,
                       event.event_date, event.location)


def analyse(article: Article, geocoder, lex: Lexicon) -> Doc:
    profile = profile_for(getattr(article, "language", "en") or "en")
    if profile is not None:  # another language: its triggers, dates and place table
        lex = profile.lexicon
    local = PlaceFinder(profile, geocoder) if profile is not None else None
    parsed = parse_places(article, geocoder, lex, local=local)
    text = parsed.text
    countries = list(getattr(parsed.resolver.context, "country_codes", ()) or ())
    placed, unplaced = [], []
    # the story's other names in each country; in English only (another language's country
    # names and demonyms are not all known to the lexicon: "au Cameroun", "tchadiens")
    named = _countries_named([(m, p) for m, p in parsed.placed
                              if not _small_and_foreign(p, countries)],
                             parsed.extra) if profile is None else None
    local = _countries_named([(m, p) for m, p in parsed.placed if p.precision < 3], ()) \
        if profile is None else None
    for m, place in parsed.placed:
        if _small_and_foreign(place, countries):
            unplaced.append(NameNotFound(m.start, m.end, m.text, f"only a small town abroad "
                                         f"({place.name}, {place.country}) has this name"))
        elif m.role == "neutral" and m.text.lower() in _COMMON_WORDS:
            unplaced.append(NameNotFound(m.start, m.end, m.text, "a common word here"))
        elif is_institution(m.text, place):
            unplaced.append(NameNotFound(m.start, m.end, m.text, "an institution (a "
                                         "legislature, a ministry), not a town"))
        elif _CONTRACTION.match(m.text):
            unplaced.append(NameNotFound(m.start, m.end, m.text, "a contraction ('I'll'), "
                                         "not a place"))
        elif (why := namesake_abroad(m, place, countries, text) or
              (named is not None and lone_namesake_abroad(m, place, countries, named)) or
              (local is not None and small_namesake_of_a_party(m, place, countries, local))):
            unplaced.append(NameNotFound(m.start, m.end, m.text, why))
        elif is_named_source(text, m.start):
            unplaced.append(NameNotFound(m.start, m.end, m.text, "the source of the report "
                                         "('according to …'), not where it happened"))
        else:
            placed.append((m, place))
    if profile is None:
        placed, strays = stand_ins_abroad(placed, countries)
        unplaced += strays
    unplaced += [NameNotFound(m.start, m.end, m.text, getattr(m, "rejected", "") or
                              getattr(m, "why", "") or "no place of this name fits the article")
                 for m in parsed.unplaced]
    unplaced.sort(key=lambda n: n.start)
    actors = [a for a in parsed.actors if a.kind != "media"]  # who reports is no party ("SANA")
    reference, why, _ = own_date(text, article.published)
    dates = find_dates(text, reference) if profile is None else \
        find_local_dates(text, reference, profile)
    if profile is not None:  # "BAMAKO, 17 février — ... dimanche": the day told first
        low = match_text(profile.code, text)
        dates = [replace(d, reason=DATELINE_DATE) if d.date is not None and
                 in_dateline(low, d.start, d.end) else d for d in dates]
    sentences = split_sentences(text)
    dates = [after_previous(d, _near_before(d, dates, sentences) if profile is not None and
                            d.after_days < 0 else dates, reference,
                            else_published=profile is not None)
             if d.after_days is not None and
             d.date is None else d for d in dates]
    unknown = find_unknown_places(text, [(m.start, m.end) for m, _ in parsed.placed]) \
        if profile is None else []
    if unknown:
        placed, parts = _split_inside_unknown(placed, unknown)
        unplaced = sorted(unplaced + parts, key=lambda n: n.start)
    triggers = find_triggers(text if profile is None else match_text(profile.code, text), lex)
    placed, words = _trigger_words_aside(placed, triggers)
    if words:
        unplaced = sorted(unplaced + words, key=lambda n: n.start)
    return Doc(article, text, lex, parsed.resolver, actors, placed, dates, parsed.dateline,
               sentences, triggers, reference, why, unplaced, unknown)


def _near_before(phrase, dates, sentences):
    """The dates a "day before" phrase ("накануне", "la veille") may count from: those in
    its own sentence or the one before; a date told further back leaves it the day before
    publication ("в четверг ... . ... . Накануне ...")."""
    i = next((k for k, s in enumerate(sentences) if s.start <= phrase.start < s.end), None)
    if i is None:
        return dates
    floor = sentences[max(0, i - 1)].start
    return [d for d in dates if d.start >= floor]


def _trigger_words_aside(placed, triggers):
    """"the Summit" read as Summit County, "Strike" as a town: a name that is exactly an
    event word found at the same place in the text is that word, not a place."""
    if not triggers:
        return placed, []
    by_start = {h.start: h for h in triggers}
    keep, words = [], []
    for m, p in placed:
        h = by_start.get(m.start)
        if h is not None and h.end == m.end and p.precision < 3:
            words.append(NameNotFound(m.start, m.end, m.text, f"the event word "
                                      f"'{h.text}' here, not a place"))
        else:
            keep.append((m, p))
    return keep, words


SMALL_ABROAD = 50_000
# Capitalised at a sentence's start or in a date line, these are words, never towns.
_COMMON_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred "
    "mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct "
    "nov dec most many some all both several few each every such other another twin more "
    "less much centre center spring summer winter autumn date day week month year kill "
    "killed dead secretary marines soldiers police army forces general president minister "
    "chief head officials sources video photo tags related update breaking".split())


# "according to Al-Manar", "according to the Damascus-based ...": who says it, no venue
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)


def is_named_source(text: str, start: int) -> bool:
    """The name right after "according to" is who reports, not a place of the event."""
    return bool(_ACCORDING_TO.search(text[max(0, start - 20):start]))


BIG_ABROAD = 1_000_000
# Named like towns somewhere ("Congress", Arizona), these are institutions in the news.
_INSTITUTIONS = frozenset({"congress", "senate", "parliament", "white house", "pentagon",
                           "knesset", "capitol", "capitol hill", "security council",
                           "general assembly", "supreme court", "national assembly"})


def is_institution(name: str, place) -> bool:
    """"told Congress", "the Senate voted": an institution, though a town bears the name."""
    return name.lower() in _INSTITUTIONS and place.precision == 1


_CONTRACTION = re.compile(r"^[A-Z][a-z]*['’](?:ll|ve|re|d|m|s|t)$")
_ARTICLES = frozenset("al el ar as ad an at ash az ed en es et the".split())


def _part_of_name(mention: str, name: str) -> bool:
    """"Abbas" read as Fort Abbas, "Summit" as Summit County: the mention is one word of
    a longer name whose other words are not an article ("Al Qamishli" for "Qamishli")."""
    words = re.findall(r"[a-z]+", fold_name(name))
    said = re.findall(r"[a-z]+", fold_name(mention))
    if not said or len(words) <= len(said):
        return False
    for i in range(len(words) - len(said) + 1):
        if words[i:i + len(said)] == said:
            rest = words[:i] + words[i + len(said):]
            return not all(w in _ARTICLES for w in rest)
    return False
_POSSESSOR = re.compile(r"[A-Z][\w'-]+['’]s\s+$")


def namesake_abroad(m, place, countries: list[str], text: str) -> str:
    """In a story about Egypt, "Giza's Haram district" read as Haram in Norway, or a name
    in a list with no preposition read as a town in Nigeria: a town or region abroad
    (neither big nor in a country the story names) is a namesake when nothing but the
    name says so: no preposition, or a possessor ("Giza's") that names where it lies."""
    if not countries or place.country_code in countries or place.precision >= 3 or \
            (place.population or 0) >= BIG_ABROAD:
        return ""
    if _part_of_name(m.text, place.name):
        return (f"only a place abroad whose name holds it ({place.name}, {place.country}), "
                "not a place of its own name")
    if m.role == "neutral":
        return (f"only a place abroad ({place.name}, {place.country}) has this name, and "
                "nothing but the name says it is a place")
    if _POSSESSOR.search(text[max(0, m.start - 40):m.start]):
        return (f"named as part of the place before it, but only a place abroad "
                f"({place.name}, {place.country}) has this name")
    return ""


def _countries_named(placed, extra) -> dict[str, set[str]]:
    """Country code → the folded names of the places the text names in it (demonyms and
    countries included). A name placed only as a stand-in at the document's region
    ("al-Qaeda" not in the gazetteer, put at the region a namesake pulled the context to)
    names nothing in that country: it cannot vouch for the namesake."""
    out: dict[str, set[str]] = {}
    for m, p in list(placed) + list(extra or ()):
        if p.country_code and p.backend != "context-fallback":
            out.setdefault(p.country_code, set()).add((m.lookup or m.text).lower())
    return out


def lone_namesake_abroad(m, place, countries: list[str], named: dict[str, set[str]]) -> str:
    """In a story about Syria, "around Al Maleh" read as El Maleh, a district of Algeria:
    a region of under BIG_ABROAD people in a country the story is not about, and
    no other name of the story in that country (neither the country, its people, nor
    another of its places), is a namesake, preposition or not; the event falls back to the
    places the story does name."""
    if not countries or place.country_code in countries or place.precision != 2 or \
            (place.population or 0) >= BIG_ABROAD or place.corrected:
        return ""  # (a town abroad under SMALL_ABROAD people is dropped anyway; a bigger
        # one named alone, "shelled the town of X", may be news from there)
    others = named.get(place.country_code, set()) - {(m.lookup or m.text).lower()}
    if others:
        return ""
    return (f"only a place abroad ({place.name}, {place.country}) has this name, and "
            "nothing else in the story is in that country")


def stand_ins_abroad(placed, countries: list[str]):
    """A name the gazetteer lacks put at a region abroad as a stand-in (backend
    ``context-fallback``: "al-Qaeda" at the Spanish region a namesake "Castello" had pulled
    the context to), when no place the story still names lies in that country, places
    nothing: the namesake that pulled it there was dropped. Returns (kept, unplaced)."""
    if not countries:
        return placed, []
    real = {p.country_code for _, p in placed if p.backend != "context-fallback"}
    keep, out = [], []
    for m, p in placed:
        if p.backend == "context-fallback" and p.country_code not in countries and \
                p.country_code not in real:
            out.append(NameNotFound(m.start, m.end, m.text, f"not in the gazetteer; the "
                                    f"stand-in region abroad ({p.name}, {p.country}) has "
                                    "no other place of the story"))
        else:
            keep.append((m, p))
    return keep, out


def small_namesake_of_a_party(m, place, countries: list[str], local: dict[str, set[str]]
                              ) -> str:
    """In a story about Syria that names the United States as a party, "Tomahawk" (cruise
    missiles) or "English" read as a small American town: a settlement of under
    SMALL_ABROAD people in a country that is not the story's main one, when the story
    names no town or region of that country besides it (only the country, as a party),
    but does name towns or regions of its main country."""
    code = place.country_code
    if len(countries) < 2 or code == countries[0] or code not in countries or \
            place.precision != 1 or (place.population or 0) >= SMALL_ABROAD or \
            place.corrected or not local.get(countries[0]):
        return ""
    if local.get(code, set()) - {(m.lookup or m.text).lower()}:
        return ""
    return (f"a small town ({place.name}, {place.country}) of a country the story names "
            "only as a party, with no other place of it named")


def _small_and_foreign(place, countries: list[str]) -> bool:
    """In a story about Syria, "Wick" or "Date" read as a small town of another country
    is more likely a word: settlements abroad count when they are big enough to be news."""
    return bool(countries) and place.precision == 1 and place.country_code not in countries \
        and (place.population or 0) < SMALL_ABROAD


def _venues(doc: Doc) -> list:
    if doc.venues is None:
        doc.venues = venues_of(doc.placed, doc.text)
    return doc.venues


def _clause_events(doc: Doc, sentence: Sentence, span, s_dates, carried) -> list[Event]:
    hits = [q for q in (qualify(h, doc.text, span[0], sentence.in_quote)
                        for h in starting_in(doc.triggers, *span))
            if q is not None]
    profile = profile_for(getattr(doc.article, "language", "en") or "en")
    if profile is not None:  # the language's own negation words ("لم", "не", "pas")
        hits = backgrounded(negated(hits, doc.text, span, profile), doc.text, span, profile)
        hits, span = in_relative_clause(hits, doc.text, span, profile)
    hits = demote_reporting(demote_reported(hits, doc.text), doc.text)
    hits, span = after_gap(hits, s_dates, span)
    best = choose(hits)
    aside = ""
    if best is None:
        unreal = [h for h in hits if h.irrealis and h.weight > 3]
        if not unreal:
            return []
        best = max(unreal, key=lambda h: (h.weight, -h.start))
        aside = best.why or "not reported as having happened"
    actors = clause_actors(doc, span, sentence, best)
    event_type, sub = adjust_type(best, actors)
    diplomacy = event_type == "Diplomacy"
    first = pick_actors(doc, actors, best, span)
    event_type, sub = armed_not_mob(event_type, sub, first[0], best)
    event_type, sub = no_state_suicide(event_type, sub, first[0], hits)
    actor1, actor2 = (name_of(doc, a, event_type, sub) for a in first)
    if actor1 is None and sub in _UNCLAIMED:
        actor1 = (UNIDENTIFIED, "")  # a bomb nobody is named for: the coding convention
    if diplomacy and actor1 is None and sub in _SPEECH_ACTS and not aside:
        return []  # a statement nobody made ("critics say", "economists warn") is no event
    located = choose_places(
        span=span, sentence_span=(sentence.start, sentence.end), text=doc.text,
        diplomacy=diplomacy, placed=doc.placed, venues=_venues(doc), in_quote=sentence.in_quote,
        dateline=doc.dateline, actor_country_place=lambda: actor_country(doc, actor1),
        resolve_admin=lambda name: doc.resolver.resolve(name, "admin"),
        limit=1 if sub == "Agreement" else 3,  # one agreement, where it was made
    ) or [None]
    located = _reference_towns_aside(_namesakes_beside_home(located, doc), doc.text)
    located = one_per_area([_countryside(loc, doc) for loc in located])
    unknown_here = located[0] is not None and doc.unknown_places and borrows_past_unknown(
        located[0].mention.start if located[0].mention else None, span, doc.unknown_places,
        lead=_in_lead(doc, sentence))
    if unknown_here:
        located = [None]  # "in the village of Rityan": there, not at a place named before
    if located[0] is None and not diplomacy:
        located = [_container_fallback(doc, span)]
    date = pick_date(span, best, s_dates, carried, sentence, doc.text)
    if _is_date_line(date[0], doc):  # "Tue Jul 7 2015 In an Ambush ...": the report's date
        others = [d for d in s_dates if not _is_date_line(d, doc)]
        date = pick_date(span, best, others, carried, sentence, doc.text) if others else \
            (date[0], "the article's own date line")
    if date[0] is None and doc.reference_reason != "publication date":
        date = (None, doc.reference_reason)
    topic = topic_of(doc.text, best.start, span[0])
    if topic and not own_date_after(doc.text, date[0].start if date[0] else None, best.end):
        # "police on Monday probed the blast": Monday is the inquiry's day, not the blast's
        date = (None, f"{doc.reference_reason}; the incident is the topic of '{topic}'")
    count = find_fatalities if profile is None else \
        (lambda clause: find_local_fatalities(clause, profile))
    fatal = (count(doc.text[span[0]:span[1]])
             if event_type in VIOLENT + ("Riots", "Protests") else None)
    support = sorted({h.text.lower() for h in hits if not h.irrealis
                      and h.event_type == event_type and h is not best})
    triggers = "; ".join([best.text.lower(), *[s for s in support if s != best.text.lower()]])
    # A clause with neither its own place nor its own date, or one that refers back
    # ("the blast"), elaborates an event already told when type and place agree.
    # (Not diplomacy: several calls reported from one dateline are several events.)
    elaborates = not diplomacy and not unknown_here and date[1] != "stated" and (
        located[0] is None or located[0].strength <= 0.5 or is_anaphoric(best, doc.text) or
        bool(topic))
    if not aside and not diplomacy:
        aside = total_reason(doc.text[span[0]:span[1]], fatal.count if fatal else None) or ""
    if not aside and date[0] is not None and date[1] in ("stated", "in the sentence"):
        aside = history_reason(date[0].date, date[0].precision, doc.reference,
                               date[0].text) or \
            month_of_many_reason(doc.text[span[0]:span[1]], _with_next_word(doc.text, best),
                                 date[0].precision) or ""
    if aside:
        located = located[:1]
    weight = best.weight
    if weight < WEAK and event_type in VIOLENT and armed_agent_acts(first[0], best, doc.text):
        weight = WEAK  # "gunmen killed five": an act with its actor, not a passing toll
    return [(_event(doc, sentence, event_type, sub, triggers, best, loc, actor1, actor2, date,
                    fatal), elaborates, weight, aside) for loc in located]


def _is_date_line(phrase: DatePhrase | None, doc: Doc) -> bool:
    """The phrase is the article's own date line printed at its top."""
    return phrase is not None and phrase.date == doc.reference and \
        f"'{phrase.text.strip()}'" in doc.reference_reason


def _with_next_word(text: str, hit) -> str:
    """The trigger's words and the word after it ("barrel bomb" + "attacks")."""
    m = re.match(r"\s+[\w-]+", text[hit.end:hit.end + 30])
    return text[hit.start:hit.end] + (m.group(0) if m else "")


_DIRECTION_OF = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
    r"north-west|south-east|south-west)(?:ern)?\s+of|\bnear|\bclose\s+to|\boutside)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.I)


def _reference_towns_aside(located: list, text: str) -> list:
    """"villages ... located northwest of the ancient city of Palmyra and southeast of
    Salamiyah", "the town of al-Mayadin near Deir ez-Zor": the towns they are told from
    are no places of the event when the clause names another."""
    def reference(loc) -> bool:
        m = loc.mention if loc is not None else None
        return m is not None and bool(_DIRECTION_OF.search(text[max(0, m.start - 60):m.start]))

    if len(located) < 2:
        return located
    return [loc for loc in located if not reference(loc)] or located


_COUNTRYSIDE_AFTER = re.compile(r"^['’]?s?\s+(?:northern\s+|southern\s+|eastern\s+|western\s+)?"
                                r"(?:countryside|rural\s+areas|outskirts)\b", re.I)
_COUNTRYSIDE_BEFORE = re.compile(r"\b(?:countryside|rural\s+areas?)\s+of\s+(?:the\s+)?$", re.I)


def _countryside(loc, doc: Doc):
    """"in Idleb countryside", "the countryside of Hama": the town's region (precision 2),
    not the town."""
    if loc is None or loc.mention is None or loc.place.precision != 1 or not loc.place.admin1:
        return loc
    m, text = loc.mention, doc.text
    if not (_COUNTRYSIDE_AFTER.match(text[m.end:m.end + 40]) or
            _COUNTRYSIDE_BEFORE.search(text[max(0, m.start - 40):m.start])):
        return loc
    region = doc.resolver.resolve(loc.place.admin1, "admin")
    if region is None or region.precision != 2 or region.country_code != loc.place.country_code:
        return loc
    return Located(m, region, f"'{m.text} countryside': the region of {loc.place.name} "
                   "(precision 2)", loc.strength)


def _split_inside_unknown(placed, unknown):
    """Known names that are only part of a longer unknown one ("Bab" in "Bab al-Faraj
    neighborhood") place nothing: the longer name is the place."""
    keep, parts = [], []
    for m, p in placed:
        u = inside_unknown(m.start, m.end, unknown)
        if u is None:
            keep.append((m, p))
        else:
            parts.append(NameNotFound(m.start, m.end, m.text, f"part of the longer name "
                                      f"'{u.text}', which the gazetteer does not know"))
    return keep, parts


def _namesakes_beside_home(located: list, doc: Doc) -> list:
    """"in al-Baath, the province of Quneitra" read as Bath (England) beside Quneitra:
    a town or region abroad (neither big nor in a country the story names) named in one
    clause with a place in the story's countries is a namesake of a local place."""
    countries = set(getattr(doc.resolver.context, "country_codes", ()) or ())
    if len(located) < 2 or not countries:
        return located

    def abroad(loc) -> bool:
        p = loc.place
        return p.country_code not in countries and p.precision < 3 and \
            (p.population or 0) < BIG_ABROAD

    home = [loc for loc in located if loc is not None and loc.place.country_code in countries]
    if not home:
        return located
    return [loc for loc in located if loc is None or not abroad(loc)] or located


def _container_fallback(doc: Doc, span) -> Located | None:
    """"in Idlib's Haram district", "a village in Idlib" with the village unknown: the
    place it lies in, as its region (precision 2), when the clause has no other place."""
    inside = [(m, p) for m, p in starting_in(doc.placed, *span, key=placed_start)
              if m.role == "container"]
    if not inside:
        return None
    m, p = inside[-1]
    region = p if p.precision >= 2 else (doc.resolver.resolve(p.admin1, "admin")
                                         if p.admin1 else None)
    if region is None or region.precision != 2:
        return None
    return Located(m, region, f"'{m.text}': the region of the place it contains, whose "
                   f"name is not known (precision 2)", 0.6)


def _in_lead(doc: Doc, sentence: Sentence) -> bool:
    """The headline and the first sentence or two: where a report tells "a
    rebel town" before it names it."""
    body = islice((s for s in doc.sentences if not s.heading), 2)
    return sentence.heading or any(s.start == sentence.start for s in body)


def _event(doc: Doc, sentence: Sentence, event_type, sub, triggers, best: TriggerHit,
           loc: Located | None, actor1, actor2, date, fatal) -> Event:
    art = doc.article
    phrase, how = date
    if phrase is not None:
        event_date, precision, text, uncertain = (phrase.date, phrase.precision, phrase.text,
                                                  phrase.uncertain)
    else:
        event_date, precision, text, uncertain = (doc.reference, "day", "",
                                                  doc.reference is None)
    place = loc.place if loc else None
    country_name = place.country if place else ""
    a1, c1 = actor1 or ("", "")
    a2, c2 = actor2 or ("", "")
    fill = country_name or (doc.lex.country_by_code[c1].name if c1 in doc.lex.country_by_code
                            else "")
    a1 = a1.replace("{country}", fill or "unknown")
    a2 = a2.replace("{country}", fill or "unknown")
    c1 = c1 or (place.country_code if place and "{" in (actor1 or ("",))[0] else "")
    c2 = c2 or (place.country_code if place and "{" in (actor2 or ("",))[0] else "")
    location = place.name if place else ""
    confidence = _confidence(best, loc, bool(a1), phrase is not None, how)
    return Event(
        event_id=make_event_id(art.article_id, sentence.start, sentence.end, location,
                               event_type),
        event_date=event_date, event_type=event_type, origin="article",
        date_precision=precision, date_text=text, date_uncertain=uncertain,
        sub_event_type=sub, actor1=a1, actor1_country=c1, actor2=a2, actor2_country=c2,
        location=location,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        geo_precision=place.precision if place else None,
        admin1=place.admin1 if place else "", country=country_name,
        country_code=place.country_code if place else "",
        fatalities=fatal.count if fatal else None,
        evidence=art.text[sentence.start:sentence.end],
        evidence_start=sentence.start, evidence_end=sentence.end,
        triggers=triggers, source=art.source, source_url=art.url,
        article_id=art.article_id, published=art.published, confidence=confidence,
        geo_backend=place.backend if place else "",
        geo_reason=(f"{loc.reason}; {place.reason}".strip("; ") if loc else "no place found")
        + (f"; date: {how}" if how != "stated" else ""),
    )


def _confidence(best: TriggerHit, loc: Located | None, has_actor: bool, dated: bool,
                how: str) -> float:
    t = min(1.0, best.weight / 9)
    g = 0.0
    if loc is not None:
        g = loc.strength * (0.5 + 0.5 * min(1.0, max(loc.place.score, 0.0) or 0.7))
    d = 1.0 if how == "stated" else 0.8 if dated else 0.5
    c = 0.1 + 0.35 * t + 0.3 * g + 0.1 * has_actor + 0.15 * d
    if best.quoted:
        c *= 0.8
    return round(min(0.95, max(0.05, c)), 2)
