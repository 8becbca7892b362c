"""Event triggers: the words that decide an event's type and sub-event type.

The trigger list is data (``data/triggers.csv``). Here: which matches count.
- Inside quotation marks only offers and proposals count ("Iran is ready to host
  a summit"); what a speaker says must happen ("terrorists must be eradicated") is
  not an event.
- Violence after "would/will/could/unless/threatened to" is irrealis: it did not
  happen, and the threat around it is the event.
- The heaviest trigger in a clause wins; ties go to the earliest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.lexicon import Lexicon, lower_same_length

QUOTABLE = ("Cooperation pledge", "Summit or proposal", "Agreement", "Threat")
_IRREALIS = re.compile(
    # "may", not the month ("23 May 2014", "in May", "May 9")
    r"\b(?:would|will|could|might|(?<!\d )(?<!\bin )(?<!\bof )may(?!\s+\d)|must|should|shall|"
    r"threaten(?:ed|s|ing)?\s+to|"
    r"vow(?:ed|s)?\s+to|plan(?:s|ned)?\s+to|intend(?:s|ed)?\s+to|unless|if|ready\s+to|"
    r"prepar(?:ing|ed)\s+to|warn(?:ed|s)?\s+of|to\s+prevent|prevent(?:ed|ing)?|avoid|"
    r"in\s+order\s+to|fears?\s+of|feared|denied|deny|no\s+(?:sign|evidence)\s+of|"
    r"possible|potential|risk\s+of|aims?\s+to|meant\s+to|calls?\s+for|called\s+for|"
    r"urged|demanded|against\s+(?:any|a)|not|failed\s+to|refused\s+to)\b[^.;:]*$",
    re.I,
)


_NEGATIONS = {"not", "denied", "deny", "failed", "refused", "no", "prevent", "prevented",
              "preventing", "avoid"}
# A speech act or meeting negated right before its trigger: "has not proposed".
_NEGATED = re.compile(r"((?<=\w)n't|\b(?:not|never|no|neither|nor|without|denied|deny|denies))\b"
                      r"(?:\s+[\w'-]+){0,3}\s*$", re.I)

_NO_BEFORE = re.compile(r"\b(no|never|nor|without)\s+(?:(?:major|further|new|more|heavy|"
                        r"serious|reported|significant|immediate)\s+)?$", re.I)

# "Nyala, which the RSF has held since it seized the city in 2023": a past event told
# as background to the news, not reported as news.
_BACKGROUND = re.compile(r"\bsince\s+(?:[\w'-]+\s+){1,5}$|\b(?:has|have|had)\s+since\s+(?:\w+\s+)?$",
                         re.I)
_BACKGROUND_NOT = re.compile(
    r"\bsince\s+(?:(?:early|late|last|this|the\s+(?:start|beginning|end)\s+of)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|dawn|morning|"
    r"midnight|yesterday|then|\d)", re.I)


# "Saraqeb, which was bombed last year": a past act told in a relative clause, background.
_RELATIVE_PAST = re.compile(r"\b(?:which|that|where|who)\s+(?:was|were|had|had\s+been|has\s+been|"
                            r"have\s+been)\s+(?:(?:also|already|repeatedly|heavily|previously)\s+)?$",
                            re.I)
# "the YPG, who have declared an autonomous region": a perfect told of someone named,
# the state of things, not the news
_RELATIVE_PERFECT = re.compile(r"\b(?:which|who|that)\s+(?:has|have)\s+(?:also\s+|already\s+|long\s+)?$",
                               re.I)
_PAST_TIME = re.compile(r"^[^.;:,]{0,40}?\b(?:last\s+(?:year|month|summer|winter|spring|autumn)|"
                        r"(?:a|one|two|three|four|five|several|many|\d+)\s+(?:years?|months)\s+ago|"
                        r"in\s+(?:19|20)\d\d|earlier\s+(?:this|that)\s+year|years\s+ago)\b", re.I)
# "following a truce reached in March", "despite the ceasefire": an agreement told as the
# state the news happens under, not as news.
_UNDER_AGREEMENT = re.compile(r"\b(?:under|despite|following|since|amid|breach(?:es|ed)?\s+of|"
                              r"violations?\s+of|terms\s+of)\s+(?:(?:a|an|the|this|that|its|their|"
                              r"last\s+\w+'s)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "which has been besieged since 2013", "under siege since": a siege told as a state.
_SIEGE_STATE = re.compile(r"^\S*\s+(?:(?:by|for)\s+(?:\S+\s+){0,4}?)?since\b|"
                          r"^\S*\s+for\s+(?:more\s+than\s+|over\s+|nearly\s+)?(?:\w+\s+)?(?:years?|months)",
                          re.I)
# "the besieged district", "two besieged villages", "on Besieged Alwaer", "civilians besieged
# by terrorists": the word describes a place or people under siege, it tells no act. The
# act is told with a subject and object ("the SDF besieged Manbij") or as a passive
# ("the town was besieged by rebels").
_SIEGE_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:^|\W)(?:the|a|an|its|their|his|her|this|that|these|those|of|on|in|into|to|and|or|for|"
    r"from|at|near|inside|other|several|many|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozens|\d+)\s+$", re.I)
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had|got|get|gets|remain|"
                        r"remains|remained)\s+(?:\w+ly\s+)?$", re.I)


# "the Polisario's movements, which are a violation of the ceasefire": what something is
# called, not a violation told as it happened ("rebels violated the truce on Friday")
_CHARACTERISED = re.compile(r"\b(?:is|are|was|were|be|been|constitutes?|constituted|amounts?\s+to|"
                            r"amounted\s+to|considered|called\s+it|deemed)\s+(?:a|an)\s+"
                            r"(?:[\w-]+\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    weight: int
    quoted: bool = False
    irrealis: bool = False
    why: str = ""  # when irrealis: why it did not happen as told ("negated: 'not'")


def find_triggers(text: str, lex: Lexicon) -> list[TriggerHit]:
    """Every trigger match in ``text`` (offsets in ``text``)."""
    out = []
    lower = lower_same_length(text)
    for m in lex.trigger_regex.finditer(lower):
        t = lex.trigger_for(m.group(0))
        if t is not None:
            out.append(TriggerHit(m.start(), m.end(), text[m.start():m.end()], t.event_type,
                                  t.sub_event_type, t.weight))
    return out


def qualify(hit: TriggerHit, text: str, clause_start: int, in_quote) -> TriggerHit | None:
    """The hit as it counts in its clause, or None when it cannot make an event."""
    quoted = in_quote(hit.start)
    if quoted and hit.sub_event_type not in QUOTABLE:
        return None
    why = ""
    if hit.event_type != "Diplomacy":
        window = text[max(clause_start, hit.start - 70):hit.start]
        m = _IRREALIS.search(window)
        if m:
            word = m.group(0).split()[0].lower()
            why = ("negated" if word in _NEGATIONS else "not (yet) real") + f": '{word}'"
        back = _BACKGROUND.search(text[max(clause_start, hit.start - 50):hit.start])
        if back and not _BACKGROUND_NOT.match(back.group(0)):
            why = f"background: '{back.group(0).strip()}'"  # "since the army retook it"
        close = _NO_BEFORE.search(text[max(clause_start, hit.start - 25):hit.start])
        if close and not why:  # "there was no fighting", "without clashes"
            why = f"negated: '{close.group(1).lower()}'"
    else:
        m = _NEGATED.search(text[max(clause_start, hit.start - 30):hit.start])
        if m:  # "Iran has not proposed", "never called for"
            why = f"negated: '{m.group(1).lower()}'"
    if not why:
        why = _background_why(hit, text, clause_start)
    weight = hit.weight - (1 if quoted else 0)
    return TriggerHit(hit.start, hit.end, hit.text, hit.event_type, hit.sub_event_type,
                      weight, quoted, bool(why), why)


def _background_why(hit: TriggerHit, text: str, clause_start: int) -> str:
    """Past acts in a relative clause, agreements told as the state of things, sieges
    told as a state: background, not news."""
    before = text[max(clause_start, hit.start - 40):hit.start]
    after = text[hit.end:hit.end + 60]
    if _RELATIVE_PAST.search(before) and _PAST_TIME.match(after):
        return "background: a past act in a relative clause"
    if _RELATIVE_PERFECT.search(before):
        return "background: what someone has done, told in a relative clause"
    if hit.sub_event_type == "Agreement" and _UNDER_AGREEMENT.search(before):
        return "background: an agreement told as the state of things"
    if hit.text.lower().startswith(("besieg", "under siege", "encircled")) and \
            _SIEGE_STATE.match(text[hit.start:hit.end + 60]):
        return "background: a siege told as a state"
    if hit.text.lower().startswith("violat") and _CHARACTERISED.search(before):
        return "background: a deed characterised as a violation, not an act told"
    if hit.text.lower() == "besieged":
        near = text[max(clause_start, hit.start - 25):hit.start]
        if _SIEGE_ATTRIBUTIVE_BEFORE.search(near) or (
                re.match(r"\s+by\b", after) and not _AUXILIARY.search(near)):
            return "background: 'besieged' describes who is under siege, not an act"
    return ""


_SAYING = re.compile(r"\b(?:saying|adding|arguing|noting|warning|insisting|claiming|said|says)\b",
                     re.I)


def demote_reported(hits: list[TriggerHit], text: str) -> list[TriggerHit]:
    """After "X urged ..., saying ...", violence named in what X says is speech, not
    an event; what follows an appeal, demand or threat is what was asked for. Both
    are marked irrealis, so the speech act decides the type."""
    speech = [h for h in hits if h.event_type == "Diplomacy" and not h.irrealis]
    asks = [h for h in speech if h.sub_event_type in ("Appeal", "Demand", "Threat")]
    out = []
    for h in hits:
        said = h.event_type != "Diplomacy" and any(
            d.end <= h.start and _SAYING.search(text[d.end:h.start]) for d in speech)
        asked = any(a.end <= h.start for a in asks)  # "urged them to return to talks"
        if (said or asked) and not h.irrealis:
            h = TriggerHit(h.start, h.end, h.text, h.event_type, h.sub_event_type, h.weight,
                           h.quoted, True, "what a speaker said or asked for")
        out.append(h)
    return out


# "a military source announced that the forces attacked ...": the report keeps the type of
# the event it reports; only a bare announcement is a Statement.
_REPORTING = re.compile(r"^(?:announced|declared|said|stated|reported|confirmed)\s+(?:on\s+\w+\s+)?that\b",
                        re.I)


def demote_reporting(hits: list[TriggerHit], text: str) -> list[TriggerHit]:
    """A Statement that only introduces violence it reports ("announced that forces
    defeated militants") is marked irrealis, so the reported event's type decides."""
    out = []
    for h in hits:
        if (h.sub_event_type == "Statement" and not h.irrealis
                and _REPORTING.match(text[h.start:h.start + 40])
                and any(o.event_type not in ("Diplomacy",) and not o.irrealis
                        and o.start >= h.end for o in hits)):
            h = TriggerHit(h.start, h.end, h.text, h.event_type, h.sub_event_type, h.weight,
                           h.quoted, True, "reported speech: the reported event decides")
        out.append(h)
    return out


def is_anaphoric(hit: TriggerHit, text: str) -> bool:
    """"the blast", "the clashes": a reference back to an event already told."""
    return bool(re.search(r"\b(?:the|this|that|these|those|its|their)\s+(?:\w+\s+)?$",
                          text[max(0, hit.start - 30):hit.start], re.I))


def choose(hits: list[TriggerHit]) -> TriggerHit | None:
    """The deciding trigger of a clause: heaviest real one, earliest on ties."""
    real = [h for h in hits if not h.irrealis]
    if not real:
        return None
    return max(real, key=lambda h: (h.weight, -h.start))
