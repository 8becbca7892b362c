"""Who did what to whom: actor 1 and actor 2 of an event, and type adjustments
that depend on them.

Actor 1 does the event (the subject, "by X", the speaker of a quote, "he" → the
last person named); actor 2 is the first other party after the trigger. Named
people, groups and forces outrank countries; a country acting in violence is its
military ("Turkey has sent troops" → Military Forces of Turkey), in diplomacy its
government. Who reported an event ("..., Haitian police said") took no part in it.
"""

from __future__ import annotations

import re

from geo.extract.actors import ActorMention
from geo.extract.document import Doc
from geo.extract.places import Place
from geo.extract.spans import placed_start, starting_in
from geo.extract.triggers import TriggerHit

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_INTRO = re.compile(r"^(?:Following|After|Before|Despite|Amid|During|Since|In|On|As|With|"
                    r"Regarding|Stressing|Speaking)\b[^,]{0,120},")


def clause_actors(doc: Doc, span, sentence, best: TriggerHit) -> list[ActorMention]:
    """Actor mentions of a clause that can take part in its event."""
    return [a for a in starting_in(doc.actors, *span)
            if not (sentence.in_quote(a.start) and not best.quoted)
            and a.kind != "demonym" and not _is_place_use(a, doc.placed)
            and not _is_name_part(a, doc.text) and not _is_attribution(a, doc.text)
            and not _is_modifier(a, doc.text)
            and not (best.event_type in VIOLENT and _is_source(a, doc.text))]


_MODIFIER = re.compile(r"^-(?:held|controlled|run|led|linked|backed|affiliated|allied|"
                       r"occupied|besieged|dominated|aligned)\b", re.I)


def _is_modifier(a: ActorMention, text: str) -> bool:
    """"IS-held Al-Bab", "rebel-held": the group names whose town it is, not who acted
    (a "-led" coalition is named by its leader: "US-led strikes" keep their actor)."""
    m = _MODIFIER.match(text[a.end:a.end + 14])
    return bool(m) and not m.group(0).lower().endswith("led")


_SOURCE_AFTER = re.compile(r"^\s+(?:also\s+)?(?:said|says|told|reported|added|confirmed|"
                           r"stated|claimed|wrote|tweeted)\b")


def _is_source(a: ActorMention, text: str) -> bool:
    """"monitor head Rami X told AFP": a person who tells of violence is its source."""
    return a.kind == "person" and bool(_SOURCE_AFTER.match(text[a.end:a.end + 20]))


def _is_place_use(a: ActorMention, placed) -> bool:
    """A country named as a location ("into Syria") is not an actor."""
    return a.kind == "country" and any(
        m.role != "nonlocative" for m, _ in starting_in(placed, a.start, a.start + 1,
                                                         key=placed_start))


def _is_name_part(a: ActorMention, text: str) -> bool:
    """"Iran Press", "Iran-backed": a country inside a name or a modifier is no actor."""
    return a.kind == "country" and bool(re.match(r"\s?[A-Z/]|-[a-z]", text[a.end:a.end + 2]))


_ATTRIBUTION = re.compile(r"^\s+(?:also\s+)?(?:said|says|reported|told|added|stated|claimed|"
                          r"confirmed|announced)\b")


def _is_attribution(a: ActorMention, text: str) -> bool:
    """"..., Haitian police said": who reported the event, not who took part."""
    before = text[max(0, a.start - 40):a.start]
    return bool(_ATTRIBUTION.match(text[a.end:a.end + 20])) and bool(
        re.search(r",\s+(?:\w+\s+){0,3}$", before) or re.search(r",\s*$", before))


_RANK = {"person": 0, "group": 0, "force": 0, "unidentified": 1, "protester": 1,
         "government": 1, "civilian": 2, "country": 3}


def adjust_type(best: TriggerHit, actors: list[ActorMention]) -> tuple[str, str]:
    t, sub = best.event_type, best.sub_event_type
    kinds = {a.kind for a in actors}
    state = bool(kinds & {"force", "government"})
    if sub == "Government regains territory" and not state and kinds & {"group", "unidentified"}:
        return t, "Non-state actor overtakes territory"
    if sub == "Non-state actor overtakes territory" and state and not kinds & {"group"}:
        return t, "Government regains territory"
    if best.weight <= 3 and t == "Battles" and "civilian" in kinds:
        return "Violence against civilians", "Attack"
    return t, sub


def armed_not_mob(event_type: str, sub: str, actor1: ActorMention | None,
                  best: TriggerHit | None = None) -> tuple[str, str]:
    """Burning and ransacking by an armed group is property destruction, not a riot. The
    armed side must be named before the act, as its subject: one named after it is the
    target or the responder ("stoned the police station, the police fired tear gas")."""
    if best is not None and actor1 is not None and actor1.start > best.start:
        return event_type, sub
    if sub == "Violent demonstration" and actor1 is not None and \
            actor1.kind in ("group", "unidentified", "force"):
        return "Strategic developments", "Looting/property destruction"
    return event_type, sub


_ARMED_KINDS = ("force", "group", "unidentified")


def armed_agent_acts(actor1: ActorMention | None, best: TriggerHit, text: str) -> bool:
    """"Gunmen killed five civilians", "the air force killed ten": an armed side named as
    the subject of the killing tells an act of its own, not a toll told in passing
    ("five were killed in X")."""
    if actor1 is None or actor1.kind not in _ARMED_KINDS or actor1.end > best.start:
        return False
    between = text[actor1.end:best.start]
    return len(between) <= 60 and "," not in between and not _undergoes(actor1, best, text)


def no_state_suicide(event_type: str, sub: str, actor1: ActorMention | None,
                     hits=()) -> tuple[str, str]:
    """A state's forces carry out no suicide bombing: "the army eliminated 75 militants,
    among them suicide bombers" names the bombers as the ones fought. The clause's next
    strongest act decides, else it is an armed clash."""
    if sub != "Suicide bomb" or actor1 is None or actor1.kind not in ("force", "government"):
        return event_type, sub
    other = [h for h in hits if h.sub_event_type != "Suicide bomb" and h.event_type in VIOLENT
             and not h.irrealis and h.weight > 3]
    if other:
        h = max(other, key=lambda h: (h.weight, -h.start))
        return h.event_type, h.sub_event_type
    return "Battles", "Armed clash"


def pick_actors(doc: Doc, actors, best: TriggerHit, span):
    """Actor 1 does the event (subject, "by X", the speaker of a quote); actor 2 is the
    first other party after the trigger. Named people and forces outrank countries."""
    text = doc.text
    clause = text[span[0]:span[1]]
    intro = _INTRO.match(clause)
    intro_end = span[0] + (intro.end() if intro else 0)
    by = [a for a in actors if re.search(r"\bby\s+(?:the\s+)?$", text[max(0, a.start - 8):a.start])]
    victims = [a for a in actors if a.start < best.start and _undergoes(a, best, text)]
    before = [a for a in actors if a.start < best.start and a.start >= intro_end
              and a not in victims] or \
             [a for a in actors if a.start < best.start and a not in victims]
    after = [a for a in actors if a.start >= best.end]
    first = None
    if best.quoted:
        speakers = [a for a in actors if a.kind == "person" and not _quoted(doc, a)]
        first = speakers[0] if speakers else None
        if first is None and _PRONOUN.search(_unquoted(doc, span)):
            first = _last_person(doc, span[0])
    if first is None:
        first = by[0] if by else min(before, key=lambda a: (_RANK.get(a.kind, 2), a.start),
                                     default=None)
    if first is None and _PRONOUN.search(text[span[0]:best.start] + " " +
                                         text[best.end:span[1]][:40]):
        first = _last_person(doc, span[0])
    if first is None and after:
        first = after.pop(0)
    others = [a for a in victims + after + before if first is None or (
        a.actor != first.actor and not (a.kind in ("country", "government")
                                        and a.country == first.country))]
    second = min(others, key=lambda a: (_RANK.get(a.kind, 2) > 2,
                                        a not in after and a not in victims, a.start),
                 default=None)
    if first is not None and first.kind == "civilian" and second is not None \
            and second.kind != "civilian":
        first, second = second, first
    if first is not None and first.kind == "civilian" and best.event_type in VIOLENT[:2]:
        first, second = None, second or first  # civilians suffer strikes, never make them
    if first is not None and best.event_type in VIOLENT and _is_target(first, best, text):
        first, second = None, first
    return first, second


_TARGET_BEFORE = re.compile(r"\b(?:on|against|targeting|targeted|at|hitting|hit|struck)\s+"
                            r"(?:the\s+)?(?:(?:positions?|bases?|fighters|militants|members|"
                            r"posts?|targets?|hideouts?|convoys?|strongholds?)\s+(?:of\s+)?"
                            r"(?:the\s+)?)?$", re.I)


def _is_target(a: ActorMention, best: TriggerHit, text: str) -> bool:
    """"strikes on Islamic State positions": named after the trigger as its target."""
    return a.start >= best.end and bool(_TARGET_BEFORE.search(text[best.end:a.start])) \
        and a.start - best.end < 60


_PASSIVE = re.compile(r"^[^,;]{0,60}?\b(?:was|were|has\s+been|have\s+been|had\s+been|being|"
                      r"got)\s+(?:\w+\s+)?$", re.I)


_SUFFERED = re.compile(r"^[^,;]{0,40}?\b(?:was|were|has\s+been|have\s+been|had\s+been|being)\s+"
                       r"(?:\w+\s+)?(?:killed|wounded|injured|abducted|kidnapped|arrested|"
                       r"detained|executed|shot|targeted|hit|struck|attacked|captured|taken|"
                       r"bombed|shelled|ambushed)\b", re.I)


def _undergoes(a: ActorMention, best: TriggerHit, text: str) -> bool:
    """"Three soldiers were killed", "the commander was abducted": the subject of a
    passive trigger is its victim, not its actor."""
    between = text[a.end:best.start]
    return bool(_PASSIVE.match(between) or _SUFFERED.match(between)) and \
        not re.search(r"\bby\b", between)


def _quoted(doc: Doc, a: ActorMention) -> bool:
    s = next((s for s in doc.sentences if s.start <= a.start < s.end), None)
    return bool(s and s.in_quote(a.start))


def _unquoted(doc: Doc, span) -> str:
    s = next((s for s in doc.sentences if s.start <= span[0] < s.end), None)
    return "".join(ch for i, ch in enumerate(doc.text[span[0]:span[1]], span[0])
                   if not (s and s.in_quote(i)))


def _last_person(doc: Doc, pos: int) -> ActorMention | None:
    people = [a for a in doc.actors if a.kind == "person" and a.start < pos]
    return people[-1] if people else None


def name_of(doc: Doc, a: ActorMention | None, event_type: str, sub: str):
    if a is None:
        return None
    if a.kind == "country":
        country = doc.lex.country_by_code[a.country].name
        if event_type in VIOLENT or sub in ("Other", "Disrupted weapons use",
                                             "Headquarters or base established"):
            return f"Military Forces of {country}", a.country
        if sub == "Arrests":
            return f"Police Forces of {country}", a.country
        return f"Government of {country}", a.country
    return a.actor, a.country


def actor_country(doc: Doc, actor1) -> tuple[Place | None, str]:
    if not actor1 or not actor1[1]:
        return None, ""
    country = doc.lex.country_by_code.get(actor1[1])
    if country is None:
        return None, ""
    place = doc.resolver.resolve(country.name, "country")
    return place, actor1[1]
