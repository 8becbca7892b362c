"""Issue 13, branch fk8: where an event is put, each error class on a short invented text
(fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import pytest

from geo.extract import extract_events
from newstext import article, gaz  # noqa: F401  (gaz is a fixture)


def places(text, gaz):
    return [(e.location, e.country_code) for e in extract_events(article(text), gaz)]


# -- 1. a dateline that lost its agency and dash is still where the reporter is -----------------
@pytest.mark.parametrize("text", [
    "Last updated at Feb 292020 Beirut Syrian government air strikes killed 12 people in "
    "Saraqeb on Friday.",
    "Published 29 Feb 2020\nBEIRUT Government air strikes killed 12 people in "
    "Saraqeb on Friday.",
    "Air strikes on Saraqeb Beirut London- Syrian government air strikes killed 12 people "
    "in Saraqeb on Friday.",
])
def test_a_dateline_without_its_dash_is_no_place_of_the_strike(gaz, text):
    got = places(text, gaz)
    assert got and all(code == "SYR" for _, code in got), got
    assert "Beirut" not in [loc for loc, _ in got]


def test_a_town_named_first_in_a_sentence_is_still_a_place(gaz):
    # a town at a line's start without a date stamp before it is prose, not a dateline
    got = places("Saraqib came under government air strikes on Friday that killed 12 "
                 "people, a monitor said.", gaz)
    assert [loc for loc, _ in got] == ["Saraqib"]


# -- 2. a namesake abroad, even after a preposition, when nothing else is in its country ------
def test_a_lone_namesake_region_abroad_is_not_the_place(gaz):
    got = places("Syrian government forces shelled rebel positions in Idlib province on "
                 "Thursday. On Friday, government shelling killed four people in Marib "
                 "province.", gaz)
    assert got and all(code == "SYR" for _, code in got), got


def test_a_region_abroad_the_story_places_in_its_country_stays(gaz):
    # the same region with its country named is news from there
    got = places("Syrian officials said on Friday that a bomb had exploded in Marib "
                 "province in Yemen on Friday, killing four people.", gaz)
    assert [loc for loc, code in got if code == "YEM"] == ["Marib"], got


# -- 3. a later sentence naming the incident by its noun gives it the place inside ------------
def test_a_later_sentence_places_the_incident_told_at_country_level(gaz):
    got = places("Government forces killed at least 16 rebels in Syria on Friday. The "
                 "assault targeted rebel positions in the town of Saraqib in Idlib province.",
                 gaz)
    assert got == [("Saraqib", "SYR")], got


def test_a_later_sentence_with_an_event_of_its_own_does_not_move_the_first(gaz):
    got = places("Government air strikes killed 16 people in Aleppo on Friday. The attack "
                 "came as rebels shelled Saraqib on Friday, killing two.", gaz)
    assert ("Aleppo", "SYR") in [(loc, c) for loc, c in got], got


def test_where_the_incident_occurred_places_the_incident(gaz):
    got = places("Dozens of people were killed in a chemical attack in Syria on Friday, a "
                 "local official said. Most of them lived in the eastern suburbs of Damascus "
                 "where the incident occurred, he told journalists.", gaz)
    assert got == [("Damascus", "SYR")], got


# -- 4. Idlib the province, not the town of its name ------------------------------------------
def test_a_town_in_idlib_and_a_village_in_idlib_are_in_the_province(gaz):
    from geo.extract.pipeline import analyse
    from geo.extract.lexicon import default_lexicon
    doc = analyse(article("Warplanes struck the town of Maarat al-Numan in Idlib on Friday."),
                  gaz, default_lexicon())
    assert [(m.text, p.precision) for m, p in doc.placed] == [("Maarat al-Numan", 1),
                                                              ("Idlib", 2)]
    events = extract_events(article("A chemical attack on an opposition village in Idlib "
                                    "killed 12 people on Friday."), gaz)
    assert [(e.location, e.geo_precision) for e in events] == [("Idlib", 2)]


def test_idlib_named_alone_stays_the_town(gaz):
    events = extract_events(article("Government air strikes killed 12 people in Idlib on "
                                    "Friday."), gaz)
    assert [(e.location, e.geo_precision) for e in events] == [("Idlib", 1)]


# -- 5. "the village of X in the governorate of Y", "in northwestern Y province" --------------
@pytest.mark.parametrize("where", ["in the governorate of Idlib", "in northwestern Idlib province"])
def test_a_village_abroad_named_inside_a_region_falls_back_to_the_region(gaz, where):
    events = extract_events(article(f"Shelling killed four people in the village of Sake {where} "
                                    "on Friday."), gaz)
    assert [(e.location, e.country_code, e.geo_precision) for e in events] == [
        ("Idlib", "SYR", 2)]


# -- 6. a small town of a country the story names only as a party ------------------------------
def test_a_small_town_of_a_party_country_is_a_namesake(gaz):
    got = places("Syrian government air strikes killed 12 people in Saraqib on Friday, and "
                 "Jordan condemned them. On Saturday, Syrian shelling killed four more people "
                 "in Busayra.", gaz)
    assert got and all(code == "SYR" for _, code in got), got


def test_a_small_town_of_the_main_country_stays(gaz):
    got = places("Jordanian police said a bomb exploded in Busayra on Friday, killing four "
                 "people, and Syria condemned it.", gaz)
    assert ("Busayra", "JOR") in got, got


# -- 7. "X area and <another site> in CITY": X is a part of the city --------------------------
def test_an_area_told_with_another_site_of_the_city_is_in_the_city(gaz):
    events = extract_events(article("Government troops killed dozens of militants in their "
                                    "strongholds in the Saraqeb area and cement factory in "
                                    "Aleppo on Friday."), gaz)
    assert [e.location for e in events] == ["Aleppo"], [e.location for e in events]
