"""One incident, one event: the sentences that tell the same attack become one event.

A report tells its main incident several times: the lead ("an air strike on X killed
seven"), the toll ("the dead included three children"), the aftermath ("the strike
also destroyed a school"). Each telling is an event of its own until here; this module
merges those that are the same incident and keeps every evidence sentence
(``evidence_all``). The rules, each one a reason recorded in ``geo_reason``:

- the same type, or one telling decided only by a weak word ("killed", "attack"), or
  an attack on civilians told beside the strike or battle that killed them (the same
  sides; the strongest trigger gives the type); a strike and a battle stay two;
  diplomacy merges only the same act by the same actor;
- compatible places: the same place, one inside the other (a town and its region or
  country), or one telling with no place;
- dates at most a day apart, unless one telling states no date of its own.

The merged event keeps the id of the first telling (stable across runs), the type of
the telling with the strongest trigger, the most specific place, the largest toll.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from geo.record import Event

WEAK = 3  # a trigger weight at or below this decides nothing on its own ("killed")
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
EVIDENCE_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Telling:
    """One clause's event with the weight of the trigger that decided its type."""

    event: Event
    weight: int
    separate: bool = False  # its clause says it is another incident ("In another attack")


# "In another attack, gunmen fired on a patrol", "in a separate incident", "Separately,":
# the clause itself says it tells a new incident
_TOLD_APART = re.compile(
    r"\b(?:in|during)\s+(?:another|a\s+(?:separate|second|third|further|new|different)|"
    r"other)\s+(?:\w+\s+)?(?:attacks?|strikes?|raids?|bombings?|blasts?|explosions?|"
    r"incidents?|ambush(?:es)?|clashes|assaults?|shootings?|development)\b|"
    r"\banother\s+(?:\w+\s+)?(?:attack|strike|air\s*strike|raid|bombing|blast|explosion|"
    r"incident|ambush|assault|shooting)\b|^\W*(?:separately|elsewhere)\b", re.I)


def told_apart(clause: str) -> bool:
    """The clause says it tells another incident than the one before."""
    return bool(_TOLD_APART.search(clause))


def same_incident(a: Telling, b: Telling, *, max_days: int = 1) -> str | None:
    """Why ``a`` and ``b`` tell one incident, or None when they are two."""
    ea, eb = a.event, b.event
    if b.separate:
        return None  # "In another attack, ...": told as a new incident
    why_type = _same_kind(a, b)
    if why_type is None:
        return None
    why_place = same_place(ea, eb)
    if why_place is None:
        return None
    if ea.event_date is not None and eb.event_date is not None and \
            abs((ea.event_date - eb.event_date).days) > max_days and \
            not (_date_guessed(ea) or _date_guessed(eb)):
        return None
    return f"{why_type}, {why_place}"


def compatible_kinds(a: Telling, b: Telling) -> str | None:
    """Why two tellings can be one incident by their types and sides (place and date
    aside)."""
    return _same_kind(a, b)


_DATE_REASON = re.compile(r"; date: [^;]*")


def _date_guessed(e: Event) -> bool:
    """The clause stated no date of its own: it was carried, or the publication date."""
    return "; date: " in e.geo_reason.split("; one incident told in ")[0]


def _same_kind(a: Telling, b: Telling) -> str | None:
    ea, eb = a.event, b.event
    if "Diplomacy" in (ea.event_type, eb.event_type):
        if ea.event_type == eb.event_type and ea.sub_event_type == eb.sub_event_type \
                and ea.actor1 == eb.actor1 and ea.actor2 == eb.actor2 \
                and ea.location == eb.location:
            return f"the same {ea.sub_event_type.lower()} told again"
        return None
    if ea.event_type == eb.event_type:
        if _two_means(a, b):
            return None
        return "the same type"
    if min(a.weight, b.weight) <= WEAK and {ea.event_type, eb.event_type} <= _VIOLENT:
        return "one telling has only a weak trigger"
    if {ea.event_type, eb.event_type} <= _VIOLENT and _same_sides(ea, eb) and \
            "Violence against civilians" in (ea.event_type, eb.event_type) and \
            "Attack" in (ea.sub_event_type, eb.sub_event_type):
        return "the deaths of a strike or battle told as an attack"
    return None


def _two_means(a: Telling, b: Telling) -> bool:
    """"A barrel bomb hit a building ... Six were also killed in rebel shelling of the
    city": two means, each told plainly with its own toll, are two incidents."""
    ea, eb = a.event, b.event
    return ea.sub_event_type != eb.sub_event_type and min(a.weight, b.weight) > WEAK and \
        ea.fatalities is not None and eb.fatalities is not None and \
        ea.fatalities != eb.fatalities


def _same_sides(a: Event, b: Event) -> bool:
    """No party named differently: a strike on civilians and a clash with an army are
    two incidents even at one place and time."""
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if x and y and x != y:
            return False
    return True


def same_place(a: Event, b: Event) -> str | None:
    """Why the places of ``a`` and ``b`` can be one incident's place."""
    if not a.location or not b.location:
        return "one telling names no place"
    if a.location == b.location and a.country_code == b.country_code:
        return "the same place"
    inner, outer = sorted((a, b), key=lambda e: e.geo_precision or 3)
    if inner.country_code != outer.country_code or \
            (inner.geo_precision or 3) >= (outer.geo_precision or 3):
        return None
    if outer.geo_precision == 3:
        return f"{inner.location} is in {outer.location}"
    if inner.admin1 and inner.admin1 in (outer.admin1, outer.location):
        return f"{inner.location} is in {outer.location}"
    return None


def combine(first: Telling, other: Telling, why: str, *, take_place: bool = True) -> Telling:
    """One event from two tellings; ``first`` is the one told earlier. ``take_place``
    False: ``other`` only refers back, its place (a guess) never replaces the first's."""
    rep, aux = (other, first) if other.weight > first.weight else (first, other)
    e, o = rep.event, aux.event
    place_src = min((e, o), key=lambda x: (x.geo_precision or 4, x is not e)) \
        if take_place or (first.event.geo_precision or 3) == 3 else first.event
    changes: dict = {}
    if place_src is not e:
        for f in ("location", "latitude", "longitude", "geo_precision", "admin1", "country",
                  "country_code", "geo_backend"):
            changes[f] = getattr(place_src, f)
    deaths = [x.fatalities for x in (e, o) if x.fatalities is not None]
    changes["fatalities"] = max(deaths) if deaths else None
    for f in ("actor1", "actor1_country", "actor2", "actor2_country"):
        if not getattr(e, f) and getattr(o, f):
            changes[f] = getattr(o, f)
    base = e.geo_reason.split("; one incident told in ")[0]
    if e.date_uncertain and not o.date_uncertain or (
            not e.date_text and o.date_text) or (_date_guessed(e) and not _date_guessed(o)):
        for f in ("event_date", "date_precision", "date_text", "date_uncertain"):
            changes[f] = getattr(o, f)
        # the date is the other telling's now, and so is the word on how it was found
        base = _DATE_REASON.sub("", base) + "".join(
            _DATE_REASON.findall(o.geo_reason.split("; one incident told in ")[0]))
    sentences = _evidence_list(first.event) + [s for s in _evidence_list(other.event)
                                               if s not in _evidence_list(first.event)]
    changes["evidence_all"] = EVIDENCE_SEPARATOR.join(sentences)
    changes["event_id"] = first.event.event_id
    changes["confidence"] = max(e.confidence, o.confidence)
    told = len(sentences)
    changes["geo_reason"] = f"{base}; one incident told in {told} sentences ({why})"
    return Telling(dataclasses.replace(e, **changes), max(rep.weight, aux.weight))


def pass_country_dates(placed: list[Telling], vague: list[Telling]) -> list[Telling]:
    """"A soldier was killed by a bomb in Syria. ... who died on Thursday. ... embedded
    with forces in Manbij when the bomb exploded.": the tellings placed only at country
    level are set aside beside placed ones, but one that states its date gives it to the
    one placed telling of the same incident in that country that states none."""
    out = list(placed)
    for v in vague:
        ev = v.event
        if not ev.date_text or _date_guessed(ev) or ev.event_date is None:
            continue
        fits = [i for i, t in enumerate(out) if t.event.country_code == ev.country_code
                and _date_guessed(t.event) and _same_kind(t, v) is not None]
        if len(fits) != 1:
            continue  # no placed telling of it, or several: which one is not known
        t = out[fits[0]]
        e = t.event
        head, sep, tail = e.geo_reason.partition("; one incident told in ")
        reason, rest = _DATE_REASON.sub("", head), sep + tail
        out[fits[0]] = Telling(dataclasses.replace(
            e, event_date=ev.event_date, date_precision=ev.date_precision,
            date_text=ev.date_text, date_uncertain=ev.date_uncertain,
            geo_reason=f"{reason}; dated by a telling placed only at {ev.location}{rest}"),
            t.weight, t.separate)
    return out


def _evidence_list(e: Event) -> list[str]:
    if e.evidence_all:
        return e.evidence_all.split(EVIDENCE_SEPARATOR)
    return [e.evidence] if e.evidence else []


#: a telling is compared with the incidents told most recently, up to this many: an
#: article tells an incident again within a few paragraphs, and a 1 MB digest of
#: thousands of incidents must not compare each with every other
LOOKBACK = 200


def merge_tellings(tellings: list[Telling]) -> list[Event]:
    """The incidents of one article, in the order they were first told."""
    groups: list[Telling] = []
    for t in tellings:
        first = max(0, len(groups) - LOOKBACK)
        for i in range(first, len(groups)):
            g = groups[i]
            why = same_incident(g, t)
            if why is not None:
                groups[i] = combine(g, t, why)
                break
        else:
            groups.append(t)
    return [g.event for g in groups]
