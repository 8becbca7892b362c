"""Issue 13, branch ev3: the general error classes found on the real annotated set, each on
a short invented text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract import extract_events
from geo.extract.dates import find_dates
from geo.extract.pipeline import extract
from newstext import SAT, article, gaz  # noqa: F401  (gaz is a fixture)


def kinds(events):
    return [(e.event_type, e.sub_event_type, e.location) for e in events]


# -- dates: "since Saturday" ----------------------------------------------------------
def test_since_a_weekday_is_dated_at_the_report():
    d = find_dates("Shelling has continued since Tuesday, residents said.", SAT)[0]
    assert d.date == SAT and "going on" in d.reason
    plain = find_dates("Shelling hit the town on Tuesday, residents said.", SAT)[0]
    assert plain.date == dt.date(2020, 2, 25)  # a plain weekday is still that day


# -- old news beside recent incidents -----------------------------------------------------
def test_an_incident_a_month_before_beside_recent_ones_is_history(gaz):
    ex = extract(article(
        "Syrian forces shelled Saraqeb on Friday, killing two civilians.\n\n"
        "Rebels first attacked positions near Aleppo on 10 January, starting the offensive."),
        gaz)
    assert [e.location for e in ex.events] == ["Saraqib"]
    assert any("history" in c.reason and c.location == "Aleppo" for c in ex.context)


def test_an_old_incident_told_with_its_own_toll_stays(gaz):
    events = extract_events(article(
        "Syrian forces shelled Saraqeb on Friday, killing two civilians.\n\n"
        "A car bomb killed six people in Aleppo on 10 January."), gaz)
    assert {e.location for e in events} == {"Saraqib", "Aleppo"}


def test_an_old_incident_alone_stays(gaz):
    # nothing recent beside it: the article is about it (an anniversary, an inquiry)
    events = extract_events(article("Rebels attacked army positions in Aleppo on 10 January."),
                            gaz)
    assert [e.location for e in events] == ["Aleppo"]


# -- diplomacy with no venue -----------------------------------------------------------
def test_a_statement_placed_only_at_a_country_is_context(gaz):
    ex = extract(article("Russia warned Turkey on Friday against new tariffs."), gaz)
    assert not [e for e in ex.events if e.event_type == "Diplomacy" and e.geo_precision == 3]
    assert any("no venue" in c.reason for c in ex.context)


def test_a_call_placed_at_a_country_stays(gaz):
    events = extract_events(article(
        "Iran's president held a phone call with Putin on Friday."), gaz)
    assert [e.sub_event_type for e in events] == ["Meeting or call"]


# -- triggers from real wording ----------------------------------------------------------
@pytest.mark.parametrize("text, sub", [
    ("Rebels exploded bombs in tunnels under Aleppo on Friday, killing 13 soldiers.",
     "Remote explosive/landmine/IED"),
    ("An explosives-laden vehicle hit a bus station in Aleppo on Friday, killing 40.",
     "Suicide bomb"),
    ("The bomber was on a motorcycle when he attacked a crowd in Aleppo on Friday.",
     "Suicide bomb"),
    ("The air force attacked rebel positions near Aleppo on Friday.", "Air/drone strike"),
])
def test_real_wordings_give_their_type(gaz, text, sub):
    events = extract_events(article(text), gaz)
    assert [e.sub_event_type for e in events] == [sub]


def test_gunmen_firing_on_a_police_station_is_a_clash(gaz):
    events = extract_events(article(
        "Gunmen opened fire on a police station in Aleppo on Friday, wounding two officers."),
        gaz)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")]
