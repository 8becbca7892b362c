"""The one event taxonomy: ACLED's six event types with their sub-event types,
plus Diplomacy. Each type has one colour and one icon, used everywhere (map,
legend, charts, exports). This module is data; :mod:`geo.crosswalk` maps other
sources' codes onto it.

Icons are Font Awesome 6 (free, solid) names, vendored under ``static/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    colour: str
    icon: str
    sub_types: tuple[str, ...]
    description: str


EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "Battles", "#d62728", "crosshairs",
        ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
        "Violent interactions between two organised armed groups.",
    ),
    EventType(
        "Explosions/Remote violence", "#ff7f0e", "bomb",
        ("Chemical weapon", "Air/drone strike", "Suicide bomb",
         "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
        "One-sided violence at a distance: strikes, shelling, explosives.",
    ),
    EventType(
        "Violence against civilians", "#9467bd", "user-injured",
        ("Sexual violence", "Attack", "Abduction/forced disappearance"),
        "Violence by an organised armed group against unarmed non-combatants.",
    ),
    EventType(
        "Protests", "#2ca02c", "bullhorn",
        ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
        "Public demonstrations by non-violent participants.",
    ),
    EventType(
        "Riots", "#8c564b", "fire",
        ("Violent demonstration", "Mob violence"),
        "Violent events where demonstrators or mobs engage in disruptive acts.",
    ),
    EventType(
        "Strategic developments", "#1f77b4", "chess-knight",
        ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
         "Headquarters or base established", "Looting/property destruction",
         "Non-violent transfer of territory", "Other"),
        "Non-violent activity that shapes the conflict: deployments, arrests, deals.",
    ),
    EventType(
        "Diplomacy", "#17becf", "handshake",
        ("Meeting or call", "Summit or proposal", "Agreement", "Statement", "Appeal",
         "Threat", "Demand", "Cooperation pledge"),
        "Verbal and diplomatic events that news reports carry and ACLED leaves out.",
    ),
)

BY_NAME: dict[str, EventType] = {t.name: t for t in EVENT_TYPES}
TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)
UNKNOWN_COLOUR = "#7f7f7f"
UNKNOWN_ICON = "circle-question"


def colour_for(event_type: str) -> str:
    """The one colour of an event type (grey for anything outside the taxonomy)."""
    t = BY_NAME.get(event_type)
    return t.colour if t else UNKNOWN_COLOUR


def icon_for(event_type: str) -> str:
    t = BY_NAME.get(event_type)
    return t.icon if t else UNKNOWN_ICON


def is_valid(event_type: str, sub_event_type: str = "") -> bool:
    """True when the type is in the taxonomy and the sub-type (if any) belongs to it."""
    t = BY_NAME.get(event_type)
    return t is not None and (not sub_event_type or sub_event_type in t.sub_types)
