"""Issue 13, branch ev11: which sentences become events on real news, each error class on a
short invented text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import pytest

from geo.extract import extract_events
from newstext import article, gaz  # noqa: F401  (gaz is a fixture)


def kinds(text, gaz):
    return [(e.event_type, e.sub_event_type) for e in extract_events(article(text), gaz)]


# -- 1. "withdrew" gives up ground, not aircraft, envoys or a place in talks -------------------
@pytest.mark.parametrize("text", [
    "The army withdrew a number of fighter planes from its airbase in Aleppo on Friday.",
    "Turkey withdrew its ambassador from Aleppo on Friday.",
    "The rebel group withdrew from the talks in Aleppo on Friday.",
])
def test_withdrawing_aircraft_envoys_or_from_talks_is_no_transfer(gaz, text):
    assert ("Strategic developments", "Non-violent transfer of territory") not in kinds(text, gaz)


def test_forces_that_withdrew_from_a_town_still_give_it_up(gaz):
    assert kinds("Rebels withdrew from Aleppo on Friday.", gaz) == [
        ("Strategic developments", "Non-violent transfer of territory")]
