"""Issue 13, branch ev8: which sentences become events on real news, each error class on a
short invented text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import pytest

from geo.extract import extract_events
from geo.extract.lexicon import default_lexicon
from geo.extract.triggers import find_triggers, qualify
from newstext import article, gaz  # noqa: F401  (gaz is a fixture)


def kinds(text, gaz):
    return [(e.event_type, e.sub_event_type) for e in extract_events(article(text), gaz)]


def siege_hits(text):
    hits = [qualify(h, text, 0, lambda i: False) for h in find_triggers(text, default_lexicon())]
    return [h for h in hits if h.text.lower().startswith("besieg")]


# -- 1. "besieged" describing who is under siege ------------------------------------------------
@pytest.mark.parametrize("text", [
    "Aid reached two besieged villages near Aleppo on Friday.",
    "Food ran out in the besieged district of Aleppo on Friday.",
    "Thousands of civilians besieged by rebels left Aleppo on Friday.",
])
def test_besieged_as_a_description_is_no_event(gaz, text):
    assert kinds(text, gaz) == []
    assert all(h.irrealis for h in siege_hits(text))


@pytest.mark.parametrize("text", [
    "Rebels besieged Aleppo on Friday.",
    "Aleppo was besieged by rebels on Friday.",
])
def test_a_siege_told_as_an_act_stays(gaz, text):
    assert kinds(text, gaz) == [("Battles", "Armed clash")]


# -- 2. "X came two days after Y": Y is the incident told, dated by the gap --------------------
def test_the_incident_after_a_gap_is_dated_by_it(gaz):
    text = "Saturday's explosion in Aleppo came two days after two bombs killed four in Idlib."
    events = extract_events(article(text), gaz)
    assert [(e.location, str(e.event_date), e.fatalities) for e in events] == [
        ("Idlib", "2020-02-27", 4)]


# -- 3. a toll summed over days of fighting ----------------------------------------------------
@pytest.mark.parametrize("text", [
    "Rebels killed 40 soldiers near Aleppo in a week, the monitor said on Friday.",
    "Rebels killed 40 soldiers near Aleppo in an offensive which began last weekend.",
])
def test_a_toll_over_days_of_fighting_is_no_incident(gaz, text):
    assert kinds(text, gaz) == []


def test_a_toll_dated_last_week_stays(gaz):
    assert kinds("Rebels killed 40 soldiers near Aleppo last week.", gaz) == [
        ("Battles", "Armed clash")]


# -- 4. taking territory told with a gerund ----------------------------------------------------
def test_capturing_a_town_is_taking_territory(gaz):
    assert kinds("Rebels dealt a blow to the army by capturing Aleppo on Friday.", gaz) == [
        ("Battles", "Non-state actor overtakes territory")]


def test_the_capture_of_a_town_is_taking_territory(gaz):
    assert kinds("The capture of Aleppo by rebels was announced on Friday.", gaz) == [
        ("Battles", "Non-state actor overtakes territory")]


# -- 5. words that name no act ----------------------------------------------------------------
def test_a_deed_called_a_violation_is_no_clash(gaz):
    text = "The envoy heard in Aleppo of the rebels' latest moves, which are a violation of the truce."
    assert ("Battles", "Armed clash") not in kinds(text, gaz)
    assert kinds("Rebels violated the truce in Aleppo on Friday.", gaz) == [("Battles", "Armed clash")]


def test_menacing_with_a_gun_is_no_diplomatic_threat(gaz):
    text = "Police responding to a man threatening people with a gun shot dead a man in Aleppo."
    assert kinds(text, gaz) == [("Violence against civilians", "Attack")]


def test_an_arms_sale_told_with_its_price_is_no_shelling(gaz):
    text = "The government signed off on Friday on selling $1.3 billion in artillery to Damascus."
    assert all(t != "Explosions/Remote violence" for t, _ in kinds(text, gaz))


def test_separate_attacks_listed_together_are_no_one_incident(gaz):
    text = "Ten people were killed in Aleppo in separate gun, bomb and axe attacks."
    assert kinds(text, gaz) == []


# -- 6. a monthly toll's month dates nothing told after it --------------------------------------
def test_the_month_of_a_monthly_toll_is_not_carried(gaz):
    text = ("In January more than 60 civilians were killed by barrel bomb attacks on Aleppo. "
            "Rebels heavily shelled Idlib for the second day.")
    events = extract_events(article(text), gaz)
    assert [(e.location, e.event_date.month) for e in events] == [("Idlib", 2)]


# -- 7. a date inside a since-clause dates the span's start, not the incident -------------------
def test_a_date_in_a_since_clause_does_not_date_the_incident(gaz):
    text = ("Rebels shelled a rally in Aleppo on Friday, killing 21. "
            "The attack was the first of its kind since campaigning began earlier this month.")
    events = extract_events(article(text), gaz)
    assert [(e.location, str(e.event_date)) for e in events] == [("Aleppo", "2020-02-28")]


def test_an_act_told_over_a_since_clause_keeps_its_date(gaz):
    text = "Rebels have captured Aleppo since launching an offensive in January."
    events = extract_events(article(text), gaz)
    assert [(e.location, e.event_date.month) for e in events] == [("Aleppo", 1)]


# -- 8. a perfect in a relative clause tells the state of things ------------------------------
def test_what_someone_has_done_in_a_relative_clause_is_background(gaz):
    assert kinds("Aleppo is held by the rebels, who have shelled Idlib.", gaz) == []
    assert kinds("Rebels have shelled Aleppo on Friday.", gaz) == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]


# -- 9. two means each with its own toll stay two incidents -----------------------------------
def test_a_toll_told_with_also_reported_is_read():
    from geo.extract.fatalities import find_fatalities
    assert find_fatalities("Six people were also reported killed in rebel shelling.").count == 6


def test_a_second_means_with_its_own_toll_is_a_second_incident(gaz):
    text = ("On Friday eight people were killed when a barrel bomb hit a building in Aleppo city. "
            "Six people were also reported killed in rebel shelling of the city.")
    events = extract_events(article(text), gaz)
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Air/drone strike", 8), ("Shelling/artillery/missile attack", 6)]
