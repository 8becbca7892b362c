"""What the pipeline knows about one article, found once for all its sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geo.articles import Article
from geo.extract.actors import ActorMention
from geo.extract.dates import DatePhrase
from geo.extract.lexicon import Lexicon
from geo.extract.mentions import Mention
from geo.extract.places import Place, Resolver
from geo.extract.sentences import Sentence
from geo.extract.triggers import TriggerHit
from geo.extract.unknown_places import UnknownPlace


@dataclass(frozen=True, slots=True)
class NameNotFound:
    """A name read as a place that no gazetteer entry fitted, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass
class Doc:
    """The article with everything found in it: actors, places, dates, triggers."""

    article: Article
    text: str
    lex: Lexicon
    resolver: Resolver
    actors: list[ActorMention]
    placed: list[tuple[Mention, Place]]
    dates: list[DatePhrase]
    dateline: Place | None
    sentences: list[Sentence]
    triggers: list[TriggerHit]
    # the date relative phrases count from: the article's own date near its top, else
    # its publication date (with the reason)
    reference: dt.date | None = None
    reference_reason: str = "publication date"
    unplaced: list[NameNotFound] = field(default_factory=list)
    # places named with a type word that the gazetteer does not know ("the village of X")
    unknown_places: list[UnknownPlace] = field(default_factory=list)
    # ``placed`` without the dateline's mentions: where violence may happen (read once)
    venues: list[tuple[Mention, Place]] | None = None
