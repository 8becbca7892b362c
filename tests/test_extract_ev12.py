"""Issue 13, branch ev12: one incident, one event, each error class on a short invented text
(fake gazetteer; publication day Saturday 2020-02-29)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from geo.extract import extract_events
from geo.extract.counted import counted_arrest
from geo.extract.one_area import one_per_area, same_area
from geo.extract.topic import own_date_after, topic_of
from newstext import article, gaz  # noqa: F401  (gaz is a fixture)


def events(text, gaz):
    return [(e.event_type, e.location, e.event_date) for e in extract_events(article(text), gaz)]


def _place(name, precision, lat, lon, admin1="", cc="SYR"):
    return SimpleNamespace(name=name, precision=precision, latitude=lat, longitude=lon,
                           admin1=admin1, country_code=cc)


# -- 1. one clause naming a region and a town inside it tells one incident -------------------
def test_a_region_and_its_town_are_one_area():
    region = _place("North Kivu", 2, -0.8, 29.0, "North Kivu", "COD")
    town = _place("Goma", 1, -1.68, 29.22, "North Kivu", "COD")
    assert same_area(region, town) and same_area(town, region)


def test_two_close_towns_stay_two_places():
    a = _place("Goma", 1, -1.68, 29.22, "North Kivu", "COD")
    b = _place("Sake", 1, -1.57, 29.04, "North Kivu", "COD")
    assert not same_area(a, b)


def test_a_region_far_from_the_town_is_another_area():
    region = _place("Idlib", 2, 35.87, 36.61, "Idlib")
    town = _place("Aleppo", 1, 36.20, 37.16, "Aleppo")
    assert not same_area(region, town)


def test_one_per_area_keeps_the_town_at_the_regions_position():
    region = SimpleNamespace(place=_place("North Kivu", 2, -0.8, 29.0, "North Kivu", "COD"))
    town = SimpleNamespace(place=_place("Goma", 1, -1.68, 29.22, "North Kivu", "COD"))
    other = SimpleNamespace(place=_place("Kigali", 1, -1.95, 30.06, "Kigali", "RWA"))
    assert one_per_area([region, other, town]) == [town, other]


# -- 2. an incident named as the topic of another act is the incident told again ------------
@pytest.mark.parametrize("clause, words, cue", [
    ("police on Monday probed the deadly bomb blast", "bomb blast", "probed the deadly"),
    ("the minister discussed the air strike", "air strike", "discussed the"),
    ("the group claimed responsibility for Sunday's bombing", "bombing",
     "claimed responsibility for Sunday's"),
])
def test_topic_cues(clause, words, cue):
    assert topic_of(clause, clause.rindex(words), 0) == cue


def test_an_incident_told_as_news_is_no_topic():
    clause = "rebels fired rockets at the town"
    assert topic_of(clause, clause.index("fired"), 0) == ""


def test_a_date_after_the_event_words_is_its_own_unless_a_speaker_stands_between():
    text = "condemned the attack that killed five on Monday"
    assert own_date_after(text, text.index("on Monday"), text.index("attack") + 6)
    text = "access to the site of the attack, he told him in a call on Saturday"
    assert not own_date_after(text, text.index("on Saturday"), text.index("attack") + 6)


def test_an_inquiry_into_a_blast_takes_the_blasts_date(gaz):
    found = events("Police in Aleppo on Monday probed the bomb blast that tore through a "
                   "church. The explosion on Sunday killed 12 people in Aleppo.", gaz)
    assert found == [("Explosions/Remote violence", "Aleppo", dt.date(2020, 2, 23))]


def test_a_talk_about_a_strike_is_no_second_strike(gaz):
    found = events("Warplanes struck Idlib on Tuesday, killing nine people. On Thursday the "
                   "Turkish minister discussed the air strike on Idlib with his Russian "
                   "counterpart.", gaz)
    strikes = [f for f in found if f[0] == "Explosions/Remote violence"]
    assert strikes == [("Explosions/Remote violence", "Idlib", dt.date(2020, 2, 25))]


# -- 3. a counted arrest is an act of its own, whatever the sentence model says -------------
@pytest.mark.parametrize("sentence, counted", [
    ("Five men have been arrested in connection with the attack", True),
    ("Police detained 12 suspects after the explosion", True),
    ("Three people were taken into custody", True),
    ("More than 2,000 people have been arrested since the coup", False),
    ("A man was arrested", False),
    ("Police arrested the leader of the cell", False),
])
def test_counted_arrest(sentence, counted):
    assert counted_arrest(sentence) is counted


def test_a_counted_arrest_after_a_blast_stays_an_event(gaz, monkeypatch):
    import geo.extract.pipeline as pipeline
    # a model that reads every sentence as no new incident: only the counted arrest passes
    monkeypatch.setattr(pipeline, "not_news_reason", lambda *a, **k: "the model says no")
    found = extract_events(article("A car bomb exploded in Aleppo on Friday, killing four "
                                   "people. Six people have been arrested in connection "
                                   "with the blast."), gaz)
    assert [(e.sub_event_type, e.location) for e in found] == [("Arrests", "Aleppo")]


# -- 4. a country-level telling's date passes to the placed telling of the same incident ----
# (paragraphs apart, so no date is carried from the sentence before)
def test_a_country_level_tellings_date_passes_to_the_placed_one(gaz):
    found = events("A British soldier was killed in Syria. The ministry named the sergeant "
                   "who died on Thursday.\n\nHe had been serving with coalition forces in "
                   "Aleppo when a roadside bomb exploded.", gaz)
    assert found == [("Explosions/Remote violence", "Aleppo", dt.date(2020, 2, 27))]


def test_a_country_level_date_is_not_passed_when_two_placed_tellings_could_take_it(gaz):
    found = events("A British soldier was killed in Syria. The ministry named the sergeant "
                   "who died on Thursday.\n\nA roadside bomb exploded in Aleppo.\n\n"
                   "Separately, a car bomb exploded in Idlib.", gaz)
    assert sorted(loc for _, loc, _ in found) == ["Aleppo", "Idlib"]
    assert dt.date(2020, 2, 27) not in [d for _, _, d in found]
