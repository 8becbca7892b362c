"""Issue 13, branch ev7: precision on real news, each error class on a short invented
text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract import extract_events
from geo.extract.fatalities import find_fatalities
from newstext import article, gaz  # noqa: F401  (gaz is a fixture)

FRI = dt.date(2020, 2, 28)


def kinds(text, gaz):
    return [(e.event_type, e.sub_event_type) for e in extract_events(article(text), gaz)]


# -- 1. trigger words that named the wrong type ------------------------------------------------
@pytest.mark.parametrize("text", [
    "A man was fatally shot in Aleppo on Friday.",
    "A woman was stoned to death in Idlib on Friday.",
])
def test_killings_told_by_their_manner_are_attacks(gaz, text):
    assert kinds(text, gaz) == [("Violence against civilians", "Attack")]


@pytest.mark.parametrize("text", [
    "The United States agreed on selling precision-guided missiles to Saudi Arabia.",
    "Moscow is supplying artillery to Damascus, the ministry said on Friday.",
])
def test_weapons_sold_or_supplied_are_no_attack(gaz, text):
    assert all(t != "Explosions/Remote violence" for t, _ in kinds(text, gaz))


def test_weapons_fired_are_still_an_attack(gaz):
    assert kinds("Rebels fired rockets at Aleppo on Friday.", gaz) == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_reported_speech_keeps_the_reported_events_type(gaz):
    text = "A military source announced that the forces attacked militants in Aleppo on Friday."
    assert kinds(text, gaz) == [("Battles", "Armed clash")]


@pytest.mark.parametrize("text, demoted", [
    ("The army announced that the forces attacked militants.", True),
    ("The army announced that the city is calm.", False),       # nothing reported
    ("The army announced a curfew after the attack.", False),   # no "that": its own act
])
def test_only_an_announcement_of_violence_gives_way(text, demoted):
    from geo.extract.lexicon import default_lexicon
    from geo.extract.triggers import demote_reporting, find_triggers

    hits = demote_reporting(find_triggers(text, default_lexicon()), text)
    statement = [h for h in hits if h.sub_event_type == "Statement"]
    assert len(statement) == 1 and statement[0].irrealis is demoted


# -- 2. background told in the news ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Saraqeb, which was bombed last year, was quiet on Friday.",
    "Aleppo, which had been shelled two years ago, held a market on Friday.",
])
def test_a_past_act_in_a_relative_clause_is_background(gaz, text):
    assert kinds(text, gaz) == []


def test_a_relative_clause_of_the_news_stays(gaz):
    assert kinds("Rebels attacked Saraqeb, which was shelled by the army on Friday.", gaz)


def test_an_agreement_told_as_the_state_of_things_is_no_event(gaz):
    assert kinds("Aleppo stayed quiet on Friday under a truce between the sides.", gaz) == []
    assert kinds("A truce was reached in Aleppo on Friday.", gaz) == [
        ("Strategic developments", "Agreement")]


def test_a_siege_told_as_a_state_is_no_event(gaz):
    assert kinds("Saraqeb has been besieged by the army since the spring.", gaz) == []
    assert kinds("Troops besieged Saraqeb on Friday.", gaz) == [("Battles", "Armed clash")]


# -- 4. fatalities -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("Air strikes at 11:30 killed civilians", None),
    ("At 5 am three people were killed", 3),
    ("The shelling began at 6 a.m. and killed 4 people", 4),
    ("Rebels killed 12 at 9 pm", 12),
])
def test_a_time_of_day_is_no_toll(text, want):
    found = find_fatalities(text)
    assert (found.count if found else None) == want


def test_the_hour_of_a_strike_is_not_its_toll(gaz):
    events = extract_events(article("Air strikes at 11:30 killed civilians in Aleppo on "
                                    "Friday."), gaz)
    assert [(e.event_date, e.fatalities) for e in events] == [(FRI, None)]


# -- 3. places: a neighbourhood in a list is a part of the city told before ------------------
def test_a_neighbourhood_read_as_a_far_namesake_is_the_city_told_before(gaz):
    text = ("Rebels shelled Aleppo on Friday. Three shells landed in the neighbourhoods of "
            "Sukkari, Salah and Saraqeb, killing a woman.")
    assert {e.location for e in extract_events(article(text), gaz)} == {"Aleppo"}


def test_the_neighbourhoods_of_a_city_name_the_city(gaz):
    text = ("Rebels shelled Aleppo on Friday. Shells also hit the neighbourhoods of Saraqeb, "
            "killing a woman.")
    assert "Saraqib" in {e.location for e in extract_events(article(text), gaz)}
