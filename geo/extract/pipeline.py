"""Article → events: the chain of named steps, each one a small module.

sentences → clauses → triggers (type) → places (where) → actors (who) → dates
(when) → fatalities → :class:`~geo.record.Event`. Every event says why: the
triggers that decided its type, the reason for its place (``geo_reason``), the
date phrase it was read from, and a confidence built from all of them.
"""

from __future__ import annotations

from geo.articles import Article
from geo.extract.dates import DatePhrase, after_previous, find_dates, pick_date
from geo.extract.document import Doc
from geo.extract.fatalities import find_fatalities
from geo.extract.lexicon import Lexicon, default_lexicon
from geo.extract.geoparser import parse_places
from geo.extract.locate import Located, choose_places
from geo.extract.roles import (VIOLENT, actor_country, adjust_type, armed_not_mob,
                                clause_actors, name_of, pick_actors)
from geo.extract.sentences import Sentence, split_clauses, split_sentences
from geo.extract.triggers import (TriggerHit, choose, demote_reported, find_triggers,
                                  is_anaphoric, qualify)
from geo.record import Event, make_event_id

_SPEECH_ACTS = ("Statement", "Appeal", "Threat", "Demand", "Cooperation pledge")


def extract_events(article: Article, geocoder, *, lexicon: Lexicon | None = None) -> list[Event]:
    """The events an article reports, one per clause and place, in text order."""
    doc = analyse(article, geocoder, lexicon or default_lexicon())
    events: list[Event] = []
    seen: dict[tuple, int] = {}
    last_date: dict[int, DatePhrase] = {}
    for sentence in doc.sentences:
        if sentence.heading:
            continue
        s_dates = [d for d in doc.dates if sentence.start <= d.start < sentence.end]
        for clause in split_clauses(sentence):
            for event, elaborates in _clause_events(doc, sentence, (clause.start, clause.end),
                                                    s_dates, last_date.get(sentence.paragraph)):
                if elaborates and any(e.event_type == event.event_type
                                      and e.location == event.location for e in events):
                    continue  # more about an event already told ("the clashes erupted after")
                key = (event.event_type, event.sub_event_type, event.actor1, event.actor2,
                       event.event_date, event.location)
                if key not in seen:
                    seen[key] = len(events)
                    events.append(event)
                elif event.confidence > events[seen[key]].confidence:
                    events[seen[key]] = event  # the same event, told more plainly
        if s_dates:
            last_date[sentence.paragraph] = s_dates[-1]
    return events


def analyse(article: Article, geocoder, lex: Lexicon) -> Doc:
    parsed = parse_places(article, geocoder, lex)  # the geoparser's own answer
    text = parsed.text
    dates = find_dates(text, article.published)
    dates = [after_previous(d, dates, article.published) if d.after_days is not None and
             d.date is None else d for d in dates]
    return Doc(article, text, lex, parsed.resolver, parsed.actors, parsed.placed, dates,
               parsed.dateline, split_sentences(text), find_triggers(text, lex))


def _clause_events(doc: Doc, sentence: Sentence, span, s_dates, carried) -> list[Event]:
    hits = [q for q in (qualify(h, doc.text, span[0], sentence.in_quote)
                        for h in doc.triggers if span[0] <= h.start < span[1])
            if q is not None]
    hits = demote_reported(hits, doc.text)
    best = choose(hits)
    if best is None:
        return []
    actors = clause_actors(doc, span, sentence, best)
    event_type, sub = adjust_type(best, actors)
    diplomacy = event_type == "Diplomacy"
    first = pick_actors(doc, actors, best, span)
    event_type, sub = armed_not_mob(event_type, sub, first[0])
    actor1, actor2 = (name_of(doc, a, event_type, sub) for a in first)
    if diplomacy and actor1 is None and sub in _SPEECH_ACTS:
        return []  # a statement nobody made ("critics say", "economists warn") is no event
    located = choose_places(
        span=span, sentence_span=(sentence.start, sentence.end), text=doc.text,
        diplomacy=diplomacy, placed=doc.placed, in_quote=sentence.in_quote,
        dateline=doc.dateline, actor_country_place=lambda: actor_country(doc, actor1),
        resolve_admin=lambda name: doc.resolver.resolve(name, "admin"),
        limit=1 if sub == "Agreement" else 3,  # one agreement, where it was made
    ) or [None]
    date = pick_date(span, best, s_dates, carried, sentence, doc.text)
    fatal = (find_fatalities(doc.text[span[0]:span[1]])
             if event_type in VIOLENT + ("Riots", "Protests") else None)
    support = sorted({h.text.lower() for h in hits if not h.irrealis
                      and h.event_type == event_type and h is not best})
    triggers = "; ".join([best.text.lower(), *[s for s in support if s != best.text.lower()]])
    # A clause with neither its own place nor its own date, or one that refers back
    # ("the blast"), elaborates an event already told when type and place agree.
    # (Not diplomacy: several calls reported from one dateline are several events.)
    elaborates = not diplomacy and date[1] != "stated" and (
        located[0] is None or located[0].strength <= 0.5 or is_anaphoric(best, doc.text))
    return [(_event(doc, sentence, event_type, sub, triggers, best, loc, actor1, actor2, date,
                    fatal), elaborates) for loc in located]


def _event(doc: Doc, sentence: Sentence, event_type, sub, triggers, best: TriggerHit,
           loc: Located | None, actor1, actor2, date, fatal) -> Event:
    art = doc.article
    phrase, how = date
    if phrase is not None:
        event_date, precision, text, uncertain = (phrase.date, phrase.precision, phrase.text,
                                                  phrase.uncertain)
    else:
        event_date, precision, text, uncertain = art.published, "day", "", art.published is None
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
