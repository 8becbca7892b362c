"""Issue 13, branch ev5: general error classes found on the real annotated set, each on a
short invented text (fake gazetteer; publication day a Saturday unless told)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract import extract_events
from geo.extract.dates import own_date
from newstext import SAT, article, gaz  # noqa: F401  (gaz is a fixture)


# -- a date in figures that opens the text is the report's own date ------------------------
def test_a_date_in_figures_opening_the_text_dates_the_report(gaz):
    # a dataset's date weeks off; the weekday counts from the report's own line
    events = extract_events(article("14-03-2020 Rebels shelled Saraqeb on Saturday, killing "
                                    "two civilians."), gaz)
    assert [e.event_date for e in events] == [dt.date(2020, 3, 14)]


@pytest.mark.parametrize("line, want", [
    ("21.02.2020 Gunmen attacked", dt.date(2020, 2, 21)),
    ("03/02/2020 Gunmen attacked", dt.date(2020, 2, 3)),     # day first ...
    ("02/28/2020 Gunmen attacked", dt.date(2020, 2, 28)),    # ... unless it cannot be
])
def test_the_readings_of_a_date_in_figures(line, want):
    assert own_date(line, None)[0] == want


def test_figures_cut_short_or_not_at_the_top_are_no_date_line():
    assert own_date("5-04-2020 Gunmen attacked", SAT)[0] == SAT
    assert own_date("Gunmen attacked on 14-03-2020 a bus", SAT)[0] == SAT


# -- point 9: the sentence model knows where a sentence stands -------------------------------
def test_the_sentence_model_reads_the_position_only_when_trained_with_it(tmp_path):
    import json

    from geo.extract.sentence_model import N_FEATURES, features, news_probability

    text = "Shelling hit the town on Friday"
    assert features(text, 0) != features(text, 9)
    assert features(text, 9) == features(text, 30)  # the tail shares one position
    late = max(features(text, 9).keys() - features(text, None).keys())
    for position, name in ((True, "with.json"), (False, "without.json")):
        (tmp_path / name).write_text(json.dumps({
            "bias": 0.0, "threshold": 0.35, "position": position,
            "weights": {str(late): -3.0}}))
    with_pos, without = tmp_path / "with.json", tmp_path / "without.json"
    assert news_probability(text, 9, path=with_pos) < news_probability(text, 0, path=with_pos)
    assert news_probability(text, 9, path=without) == news_probability(text, 0, path=without)
    assert late < N_FEATURES


# -- a state that has lasted, or what was done before, is no new incident --------------------
@pytest.mark.parametrize("clause", [
    "Elders in Saraqeb have had a local truce with the army for at least two years.",
    "Over the past eight months the rebels had also attacked fighters in Saraqeb.",
    "The militants have previously taken control of oilfields in Idlib.",
])
def test_a_lasting_state_or_earlier_deeds_make_no_event(gaz, clause):
    assert extract_events(article(clause), gaz) == []


def test_a_fight_told_with_its_hours_is_still_news(gaz):
    events = extract_events(article("Rebels attacked an army checkpoint in Saraqeb for two "
                                    "hours on Friday."), gaz)
    assert [e.location for e in events] == ["Saraqib"]


# -- many incidents told by the month they filled --------------------------------------------
def test_attacks_dated_only_to_a_month_are_a_monthly_toll(gaz):
    assert extract_events(article("In January more than 60 civilians were killed by barrel "
                                  "bomb attacks on Saraqeb."), gaz) == []


def test_attacks_on_a_single_day_of_a_month_stay_one_incident(gaz):
    events = extract_events(article("In January four hospitals in Saraqeb were hit by air "
                                    "raids in a single day."), gaz)
    assert [(e.location, e.date_precision) for e in events] == [("Saraqib", "month")]


# -- point 3: a clause that says it is another incident is not merged -------------------------
@pytest.mark.parametrize("second, n", [
    ("In another attack, gunmen fired on a security patrol in Saraqeb on Friday.", 2),
    ("Separately, gunmen attacked a security patrol in Saraqeb on Friday.", 2),
    ("Gunmen attacked the checkpoint in Saraqeb on Friday.", 1),      # told again: one
    ("Another nine people were wounded in the attack.", 1),            # more of the same
])
def test_another_attack_is_another_incident(gaz, second, n):
    events = extract_events(article("Gunmen attacked an army checkpoint in Saraqeb on Friday, "
                                    "killing two soldiers. " + second), gaz)
    assert len(events) == n


# -- the date line printed at the top dates the report, not the headline's incident ------------
def test_a_headline_after_the_date_line_joins_the_incident_the_body_dates(gaz):
    events = extract_events(article("Tue Feb 25 2020 Rebels shell Saraqeb. Rebels shelled "
                                    "Saraqeb on Sunday, killing two civilians."), gaz)
    assert [(e.location, e.event_date) for e in events] == [("Saraqib", dt.date(2020, 2, 23))]


def test_a_weekday_beside_the_date_line_dates_the_incident(gaz):
    events = extract_events(article("Wed 26 Feb 2020 Twin car bombs exploded in Saraqeb on "
                                    "Monday, killing 18 people."), gaz)
    assert [e.event_date for e in events] == [dt.date(2020, 2, 24)]


# -- a day and month soon after publication is still to come ----------------------------------
def test_a_day_and_month_just_after_publication_is_no_date_of_last_year():
    from geo.extract.dates import find_dates

    pub = dt.date(2020, 5, 23)
    assert find_dates("ahead of a controversial June 3 poll", pub) == []
    [old] = find_dates("the convoy was hit on December 3", pub)
    assert old.date == dt.date(2019, 12, 3)


# -- an incident dated by a later telling no longer counts as undated -------------------------
def test_the_date_a_later_telling_gives_is_kept_against_a_vaguer_one(gaz):
    events = extract_events(article(
        "Tue Feb 25 2020 Rebels shell a rally in Saraqeb. The mortar fire hit a tent in "
        "Saraqeb late on Sunday, killing 21 people. The shelling was the first such attack "
        "since campaigning began earlier this month."), gaz)
    assert (events[0].location, events[0].event_date) == ("Saraqib", dt.date(2020, 2, 23))
    assert events[0].date_text == "on Sunday"


# -- point 3: "one of those killed" is one of a toll, not a toll of its own ---------------------
def test_one_of_those_killed_is_no_toll_and_splits_no_incident(gaz):
    from geo.extract.fatalities import find_fatalities

    assert find_fatalities("a student who was one of those killed in the attack") is None
    assert find_fatalities("three of the soldiers were killed").count == 3
    events = extract_events(article(
        "A suicide bombing in a restaurant in Saraqeb killed six people on Friday. The blast "
        "struck as youths celebrated a student who was one of those killed in the attack."), gaz)
    assert [(e.location, e.fatalities) for e in events] == [("Saraqib", 6)]
