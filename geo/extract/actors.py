"""Actor mentions: people with their country, state forces, armed groups, civilians.

Everything named comes from the actor list (``data/actors.csv``); what is found
only in the text is a person introduced by a title ("Russian counterpart Vladimir
Putin", "spokesman Ahmed Saleh"). A surname alone resolves to the full name seen
anywhere in the article, else to the actor list; a role alone ("Iran's President")
to the person of that country the article names, else to that country's government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo.extract.lexicon import Lexicon

_TITLE = (
    r"(?:President|Prime\s+Minister|Premier|Foreign\s+Minister|Defen[cs]e\s+Minister|"
    r"Interior\s+Minister|Minister|Secretary-General|Secretary|counterpart|leader|commander|"
    r"Commander|General|Gen\.|Lt\.?\s+Gen\.|Colonel|Col\.|Major|Maj\.|Captain|Capt\.|"
    r"spokes(?:man|woman|person)|Spokes(?:man|woman|person)|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|King|Emir|"
    r"Crown\s+Prince|Sheikh|envoy|Envoy|Governor|governor|Mayor|mayor|chief|Chief|Ayatollah|"
    r"Field\s+Marshal|Marshal|Brigadier|Senator|Lieutenant)"
)
_NAME = (r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|de|van|von|abu|Abu)[\s-])?"
         r"[A-Z][\w'’-]+){0,3})")
_TITLED = re.compile(
    rf"(?:(?P<adj>[A-Z][\w.]+(?:\s+[A-Z][a-z]+)?)(?:['’]s)?\s+)?(?P<title>{_TITLE})\s+{_NAME}"
)
_NOT_NAMES = {"of", "the", "and", "said", "has", "have", "who", "on", "in", "was"}
GOVERNMENT = "Government of {country}"


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    kind: str  # country demonym person group force government role civilian protester unidentified
    actor: str  # normalised; "{country}" is filled from the event's place later
    country: str  # ISO alpha-3, "" when unknown
    role: str = ""


def find_actors(text: str, lex: Lexicon) -> list[ActorMention]:
    """Every actor mention in ``text``, people normalised to their full name."""
    found: list[ActorMention] = []
    for start, end, e in lex.iter_aliases(text):
        kind = "government" if e.actor.startswith("Government of") else e.kind
        found.append(ActorMention(start, end, text[start:end], kind, e.actor, e.country,
                                  e.role))
    found += _titled_people(text, lex)
    found += _named_groups(text, lex)
    found = _non_overlapping(found)
    found += _surnames(text, lex, found)
    found = _non_overlapping(found)
    return _resolve_people(_merge_roles(found), lex)


def _titled_people(text: str, lex: Lexicon) -> list[ActorMention]:
    out = []
    for m in _TITLED.finditer(text):
        words = m.group("name").split()
        while words and (words[-1].lower() in _NOT_NAMES or words[-1] in lex.country_by_alias
                         or words[-1].lower() in lex.country_by_alias):
            words.pop()
        if not words or words[0].lower() in _NOT_NAMES or _is_country_word(words[0], lex):
            continue
        name = " ".join(words)
        country = _country_of(m.group("adj"), lex)
        start = m.start("name")
        out.append(ActorMention(start, start + len(name), name, "person", name, country,
                                m.group("title")))
    return out


_GROUP_NAME = re.compile(
    r"\b(?P<name>(?:(?:[A-Z][\w'’-]+|al|of|the|for|and)\s+){0,5}[A-Z][\w'’-]+\s+"
    r"(?:Brigades?|Battalions?|Front|Liberation\s+Army|Army|Movement|Militias?|Regiment|"
    r"Corps|Legion|Forces|Units|Group|Coalition|Alliance|Council))\b")
_MEMBERS = {"fighters", "members", "militants", "gunmen", "soldiers", "commanders",
            "leaders", "units", "troops", "elements", "rebels", "militiamen"}
_GROUP_HEAD_SKIP = {"The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "And",
                    "But", "As", "After", "When", "While", "Its", "His", "Their", "Her", "Our"}


def _named_groups(text: str, lex: Lexicon) -> list[ActorMention]:
    """Armed groups the actor list does not know keep the name the text gives them
    ("the Martyrs of Liberty Brigade"); a country's own army ("Syrian Army") is left to
    the force templates."""
    out = []
    for m in _GROUP_NAME.finditer(text):
        words = m.group("name").split()
        if len(words) > 2 and words[1] == "of" and words[0].lower() in _MEMBERS:
            words = words[2:]  # "Fighters of the X Brigade": the group is the X Brigade
        while words and (words[0] in _GROUP_HEAD_SKIP or words[0][0].islower()):
            words.pop(0)
        if len(words) < 2:
            continue
        head = [w for w in words[:-1] if w[0].isupper()]
        if all(_is_country_word(w, lex) or w in ("Armed", "Security", "Special", "Government",
                                                  "Regime", "National", "Air", "Defence",
                                                  "Defense", "Police", "Army")
               for w in head):
            continue  # "Syrian Armed Forces", "Russian Air Force": the state's forces
        name = " ".join(words)
        start = m.end("name") - len(name)
        if text[start:m.end("name")] != name:
            continue  # words joined by more than one space: leave it
        country = next((c for c in (_country_of(w, lex) for w in head) if c), "")
        out.append(ActorMention(start, m.end("name"), name, "group", name, country))
    return out


def _is_country_word(word: str, lex: Lexicon) -> bool:
    w = re.sub(r"['’]s$", "", word)
    return w.lower() in lex.country_by_alias or lex.by_alias.get(w, None) is not None and \
        lex.by_alias[w].kind in ("demonym", "country")


def _country_of(adj: str | None, lex: Lexicon) -> str:
    if not adj:
        return ""
    adj = re.sub(r"['’]s$", "", adj)
    for candidate in (adj, adj.split()[-1]):
        e = lex.by_alias.get(candidate)
        if e is not None and e.kind in ("demonym", "country"):
            return e.country
        c = lex.country_by_alias.get(candidate.lower())
        if c:
            return c.code
    return ""


def _surnames(text: str, lex: Lexicon, found: list[ActorMention]) -> list[ActorMention]:
    """Bare surnames of people the article or the actor list names."""
    names = {m.actor.split(" (")[0].split()[-1] for m in found if m.kind == "person"}
    names |= set(lex.people)
    names = {n for n in names if len(n) > 3}
    if not names:
        return []
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names, key=len,
                                                                        reverse=True)))
                    + r")(?![\w-])")
    out = []
    for m in rx.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        if _inside_other_name(text, m.start(), m.end()):
            continue  # "Ahmed Sarhan" is not Abiy Ahmed: a common name in another name
        out.append(ActorMention(m.start(), m.end(), m.group(0), "person", m.group(0), ""))
    return out


_NAME_WORD_AFTER = re.compile(r"\s+(?:(?:al|el|bin|ibn|abu|Abu)[\s-])?[A-Z][a-z][\w'’-]*")
_NAME_WORD_BEFORE = re.compile(r"(?<![.!?:\n])(?<![.!?:]\s)\b[A-Z][a-z][\w'’-]*\s+$")


def _inside_other_name(text: str, start: int, end: int) -> bool:
    """A bare surname followed or preceded by another capitalised name word belongs to
    someone else's name ("Ahmed Sarhan", "Omar Ahmed"); titles before it do not count."""
    if _NAME_WORD_AFTER.match(text, end) and not re.match(r"\s+(?:said|says|and|of|on|in)\b",
                                                           text[end:end + 8]):
        return True
    before = _NAME_WORD_BEFORE.search(text[max(0, start - 30):start])
    return bool(before) and not re.fullmatch(_TITLE + r"\s+", before.group(0)) and \
        before.group(0).split()[0] not in _NOT_BEFORE_NAME


_NOT_BEFORE_NAME = {"The", "In", "On", "At", "By", "For", "With", "From", "After", "But",
                    "And", "When", "While", "As", "If", "President", "Minister", "Premier"}


def _merge_roles(found: list[ActorMention]) -> list[ActorMention]:
    """"Russian counterpart Vladimir Putin": the role gives the person a country."""
    out: list[ActorMention] = []
    for i, m in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if m.kind == "role" and nxt and nxt.kind == "person" and nxt.start - m.end <= 2:
            found[i + 1] = replace(nxt, country=nxt.country or m.country,
                                   role=nxt.role or m.role)
            continue
        out.append(m)
    return out


def _resolve_people(found: list[ActorMention], lex: Lexicon) -> list[ActorMention]:
    """Full names for surnames; people for roles; governments for unmatched roles."""
    full: dict[str, ActorMention] = {}
    for m in found:
        if m.kind != "person":
            continue
        known = lex.by_alias.get(m.text)
        if known is not None and known.kind == "person":
            m = replace(m, actor=known.actor, country=known.country, role=m.role or known.role)
        surname = m.text.split()[-1]
        prev = full.get(surname)
        if prev is None or len(m.actor) > len(prev.actor) or (not prev.country and m.country):
            full[surname] = m if (prev is None or len(m.actor) >= len(prev.actor)) else \
                replace(prev, country=m.country)
    out = []
    for m in found:
        if m.kind == "person":
            surname = m.text.split()[-1]
            best = full.get(surname)
            known = lex.people.get(surname)
            if best is not None and " (" not in best.actor and known is not None \
                    and " " not in best.actor.strip():
                # only a bare surname is the famous namesake; "Omar Ahmed" is someone else
                best = replace(best, actor=known.actor, country=known.country)
            if best is not None:
                actor, country = best.actor, best.country or m.country
                if " (" not in actor and country in lex.country_by_code:
                    actor = f"{actor} ({lex.country_by_code[country].name})"
                m = replace(m, actor=actor, country=country, role=m.role or best.role)
        elif m.kind == "role":
            person = _person_of_country(out, m.country) or _person_of_country(
                [p for p in found if p.kind == "person" and p.start > m.end], m.country)
            if person is not None:
                m = replace(m, kind="person", actor=person.actor, country=person.country)
            else:
                name = lex.country_by_code.get(m.country)
                m = replace(m, kind="government",
                            actor=GOVERNMENT.format(country=name.name if name else m.country))
        out.append(m)
    # a person named by surname before the full name appears later gets the full name too
    final = []
    for m in out:
        if m.kind == "person" and " (" not in m.actor:
            later = next((p for p in out if p.kind == "person" and " (" in p.actor
                          and p.actor.split(" (")[0].split()[-1] == m.text.split()[-1]), None)
            if later is not None:
                m = replace(m, actor=later.actor, country=later.country)
        final.append(m)
    return final


def _person_of_country(mentions, country: str) -> ActorMention | None:
    for m in reversed(mentions):
        if m.kind == "person" and m.country == country and country:
            return m
    return None


_PRIORITY = {"person": 5, "group": 4, "force": 4, "government": 3, "role": 3, "country": 2,
             "protester": 2, "unidentified": 2, "civilian": 1, "demonym": 1}


def _non_overlapping(found: list[ActorMention]) -> list[ActorMention]:
    ranked = sorted(found, key=lambda m: (-(m.end - m.start), -_PRIORITY.get(m.kind, 0),
                                          m.start))
    taken: list[ActorMention] = []
    for m in ranked:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)
