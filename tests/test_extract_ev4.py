"""Issue 13, branch ev4: general error classes found on the real annotated set, each on a
short invented text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import datetime as dt

from fakes import FakeGazetteer
from geo.extract import extract_events
from geo.extract.pipeline import extract
from newstext import SAT, article, gaz  # noqa: F401  (gaz is a fixture)


# -- "according to X": the source, not the place -----------------------------------------
def test_a_name_after_according_to_is_the_source_not_a_place(gaz):
    ex = extract(article("Rebels shelled Saraqeb on Friday, killing two civilians, "
                         "according to Aleppo Today."), gaz)
    assert [e.location for e in ex.events] == ["Saraqib"]
    assert any(n.text == "Aleppo" and "source" in n.reason for n in ex.names_not_found)


def test_a_place_after_according_to_residents_in_stays_a_place(gaz):
    events = extract_events(article("Rebels shelled Saraqeb on Friday, according to "
                                    "residents in Aleppo."), gaz)
    assert "Saraqib" in {e.location for e in events}


# -- an armed side killing fighters is a fight -----------------------------------------
def test_an_army_killing_militants_is_an_armed_clash_not_a_passing_toll(gaz):
    events = extract_events(article(
        "Syrian forces shelled Aleppo on Friday, killing two civilians. The Syrian army "
        "killed a number of terrorists in Saraqeb on Friday."), gaz)
    clash = [e for e in events if e.location == "Saraqib"]
    assert [(e.event_type, e.sub_event_type) for e in clash] == [("Battles", "Armed clash")]


def test_killing_civilians_stays_violence_against_civilians(gaz):
    events = extract_events(article("Gunmen killed five civilians in Idlib on Friday."), gaz)
    assert [(e.event_type, e.fatalities) for e in events] == [
        ("Violence against civilians", 5)]


def test_suicide_bombers_among_those_an_army_killed_make_no_suicide_bombing(gaz):
    events = extract_events(article(
        "The Syrian army eliminated over 75 militants including suicide bombers in Idlib "
        "on Friday."), gaz)
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [
        ("Battles", "Armed clash", 75)]


def test_a_suicide_bomber_killing_soldiers_stays_a_suicide_bombing(gaz):
    events = extract_events(article("A suicide bomber killed five soldiers in Idlib on "
                                    "Friday."), gaz)
    assert [e.sub_event_type for e in events] == ["Suicide bomb"]


# -- a killing told with its armed actor is an act, not a passing toll ------------------
def test_gunmen_killing_civilians_beside_an_air_strike_stays_an_incident(gaz):
    events = extract_events(article("Warplanes bombed Aleppo on Saturday, killing eight "
                                    "people. Gunmen killed five civilians in Idlib on Friday."),
                            gaz)
    assert {(e.location, e.fatalities) for e in events} == {("Aleppo", 8), ("Idlib", 5)}


def test_a_toll_with_no_actor_beside_an_air_strike_is_still_context(gaz):
    ex = extract(article("Warplanes bombed Aleppo on Saturday, killing eight people. Five "
                         "civilians were killed in Idlib on Friday."), gaz)
    assert [e.location for e in ex.events] == ["Aleppo"]
    assert any(c.location == "Idlib" and "without how" in c.reason for c in ex.context)


def test_the_air_force_killing_people_is_an_air_strike(gaz):
    events = extract_events(article(
        "Warplanes bombed Aleppo on Saturday, killing eight people. The air force also "
        "killed at least 10 people east of Damascus on Saturday."), gaz)
    near = [e for e in events if e.location == "Damascus"]
    assert [(e.sub_event_type, e.fatalities) for e in near] == [("Air/drone strike", 10)]


# -- a village the gazetteer does not know ----------------------------------------------
def test_an_unknown_village_named_with_its_type_word_borrows_no_earlier_place(gaz):
    ex = extract(article(
        "Syrian forces shelled Saraqeb on Friday. Meanwhile troops executed 48 people in the "
        "northern village of Rityan earlier this week. The killings took place after troops "
        "entered the town Tuesday."), gaz)
    assert [e.location for e in ex.events] == ["Saraqib"]  # not a second event at Saraqib
    assert any(n.text == "Rityan" and "gazetteer" in n.reason for n in ex.names_not_found)


def test_an_unknown_village_in_a_known_place_is_placed_there(gaz):
    events = extract_events(article("Troops shelled the village of Rityan near Aleppo on "
                                    "Friday."), gaz)
    assert [e.location for e in events] == ["Aleppo"]


def test_a_known_town_named_with_its_type_word_is_no_unknown_place(gaz):
    ex = extract(article("Troops shelled the town of Saraqeb on Friday."), gaz)
    assert [e.location for e in ex.events] == ["Saraqib"]
    assert not ex.names_not_found


def test_a_village_told_without_its_name_borrows_no_earlier_place(gaz):
    ex = extract(article("Syrian forces shelled Saraqeb on Friday. Troops had executed 48 "
                         "people earlier this week in a northern village, among them 10 "
                         "children."), gaz)
    assert [e.location for e in ex.events] == ["Saraqib"]
    assert not [n for n in ex.names_not_found if "village" in n.text]  # not a name


def test_a_lead_telling_a_rebel_town_takes_the_place_named_next(gaz):
    events = extract_events(article("Syrian air strikes on a besieged rebel town have killed "
                                    "nearly 50 people. The strikes hit Saraqeb on Friday."), gaz)
    assert [(e.location, e.fatalities) for e in events] == [("Saraqib", 50)]


# -- "The operation was carried out on Wednesday": the date of the event just told ------
def test_a_later_sentence_about_the_operation_dates_it(gaz):
    events = extract_events(article(
        "Syrian forces killed 35 terrorists in an ambush in Saraqeb. The operation was "
        "carried out on Wednesday night as the terrorists tried to infiltrate the town."), gaz)
    assert [(e.location, e.event_date) for e in events] == [("Saraqib", dt.date(2020, 2, 26))]


def test_a_date_of_its_own_is_not_replaced_by_a_later_sentence(gaz):
    events = extract_events(article(
        "Syrian forces killed 35 terrorists in an ambush in Saraqeb on Saturday. The "
        "operation was carried out on Wednesday night as the terrorists tried to infiltrate "
        "the town."), gaz)
    assert [e.event_date for e in events] == [SAT]


def test_a_later_sentence_that_tells_no_operation_gives_no_date(gaz):
    events = extract_events(article(
        "Syrian forces killed 35 terrorists in an ambush in Saraqeb. Rebels said on "
        "Wednesday that they would retaliate."), gaz)
    assert [e.event_date for e in events] == [SAT]


# -- namesakes abroad, and the container when the place inside it is unknown --------------
def test_a_district_of_a_syrian_town_is_no_namesake_abroad(gaz):
    ex = extract(article("Two bombs killed six Syrian policemen in Idlib's Hassan district "
                         "on Friday."), gaz)
    assert [(e.sub_event_type, e.location, e.geo_precision, e.country_code)
            for e in ex.events] == [("Remote explosive/landmine/IED", "Idlib", 2, "SYR")]
    assert any(n.text == "Hassan" and "abroad" in n.reason for n in ex.names_not_found)


def test_a_name_listed_without_a_preposition_is_no_town_abroad(gaz):
    events = extract_events(article("Syrian forces shelled Saraqeb, Sarmin and Hassan on "
                                    "Friday."), gaz)
    assert {e.country_code for e in events} == {"SYR"}


def test_a_town_abroad_named_with_a_preposition_stays(gaz):
    events = extract_events(article("Syrian forces shelled Saraqeb on Friday. Indian police "
                                    "arrested two men in Hassan on Friday."), gaz)
    assert "Hassan" in {e.location for e in events}


def test_a_town_abroad_told_with_a_local_province_is_a_namesake(gaz):
    events = extract_events(article("Syrian rebels shelled a checkpoint in Hassan in Idlib "
                                    "province on Friday."), gaz)
    assert [(e.location, e.country_code) for e in events] == [("Idlib", "SYR")]


# -- a neighbourhood the gazetteer does not know is a part of the city told before -------
def test_a_known_name_inside_an_unknown_neighbourhood_places_nothing(gaz):
    ex = extract(article("Rebels shelled Aleppo on Friday, killing four. Two other shells hit "
                         "Bab Saraqeb neighborhood, injuring two civilians."), gaz)
    assert {e.location for e in ex.events} == {"Aleppo"}  # not Saraqib, a town 50 km off
    assert any(n.text == "Saraqeb" and "Bab Saraqeb" in n.reason for n in ex.names_not_found)


def test_a_known_town_with_its_type_word_stays_known(gaz):
    events = extract_events(article("Rebels shelled Idlib city on Friday."), gaz)
    assert [e.location for e in events] == ["Idlib"]


# -- "In June 23" -------------------------------------------------------------------------
def test_in_a_month_and_day_is_that_day():
    from geo.extract.dates import find_dates

    d = find_dates("In June 23 a group blew up a car bomb.", dt.date(2015, 7, 3))[0]
    assert (d.date, d.precision) == (dt.date(2015, 6, 23), "day")
    month = find_dates("In June 2015 a group blew up a car bomb.", dt.date(2015, 7, 3))[0]
    assert month.precision == "month"


# -- two means, each with its own toll, are two incidents ----------------------------------
def test_shelling_and_an_air_strike_with_their_own_tolls_are_two_incidents(gaz):
    events = extract_events(article("Rebels shelled Aleppo on Saturday, killing six people. "
                                    "Warplanes bombed Aleppo on Saturday, killing eight "
                                    "people."), gaz)
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Air/drone strike", 8), ("Shelling/artillery/missile attack", 6)]


def test_a_second_telling_without_its_own_toll_is_still_one_incident(gaz):
    events = extract_events(article("Warplanes bombed Aleppo on Saturday, killing eight "
                                    "people. Rebels shelled Aleppo on Saturday."), gaz)
    assert len(events) == 1


def test_combat_planes_delivering_a_missile_strike_is_an_air_strike(gaz):
    events = extract_events(article("Israeli combat planes delivered a missile strike on "
                                    "Syrian army positions in Idlib on Friday."), gaz)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_a_headline_kill_count_joins_the_strike_the_body_tells(gaz):
    events = extract_events(article("Syrian Army Kills 31 Terrorists in Aleppo. Warplanes "
                                    "bombed rebel positions in Aleppo on Saturday, killing 31 "
                                    "terrorists."), gaz)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


# -- a word of a longer name abroad, contractions, weapons named as units -----------------
def test_a_name_that_is_one_word_of_a_longer_place_abroad_is_no_place():
    from fakes import PLACES

    gaz = FakeGazetteer(PLACES + [("Fort Abbas", "Abbas", 29.19, 72.85, "PPL", "Punjab",
                                   "Pakistan", "PAK", "PK", 60000)])
    ex = extract(article("Syrian forces shelled Saraqeb on Friday. Rebels attacked an army "
                         "post near Idlib on Friday, in a message to Abbas."), gaz)
    assert "PAK" not in {e.country_code for e in ex.events}
    assert any(n.text == "Abbas" and "Fort Abbas" in n.reason for n in ex.names_not_found)


def test_part_of_name_keeps_an_article_prefix_as_the_same_name():
    from geo.extract.pipeline import _part_of_name

    assert _part_of_name("Abbas", "Fort Abbas")
    assert not _part_of_name("Qamishli", "Al Qāmishlī")
    assert not _part_of_name("Aleppo", "Aleppo")


def test_a_contraction_is_no_place():
    from geo.extract.pipeline import _CONTRACTION

    assert _CONTRACTION.match("I'll") and not _CONTRACTION.match("Idlib")


def test_an_artillery_brigade_visited_is_no_shelling(gaz):
    events = extract_events(article("The minister will visit the first artillery brigade in "
                                    "Aleppo on Friday."), gaz)
    assert not [e for e in events if e.event_type == "Explosions/Remote violence"]


def test_it_comes_a_week_after_dates_the_earlier_incident_a_week_back():
    from geo.extract.dates import find_dates

    d = find_dates("It comes a week after 44 people were killed in an attack.", SAT)[0]
    assert d.date == SAT - dt.timedelta(days=7)
    two = find_dates("The blast came just two days after two bombs killed six.", SAT)[0]
    assert two.date == SAT - dt.timedelta(days=2)


# -- the town a place is told from is no place of the event --------------------------------
def test_a_town_northwest_of_a_city_is_not_also_the_city(gaz):
    events = extract_events(article("Syrian rebels attacked army posts in Saraqeb, northwest "
                                    "of the city of Aleppo, on Friday."), gaz)
    assert [e.location for e in events] == ["Saraqib"]


def test_two_towns_named_together_stay_two_places(gaz):
    events = extract_events(article("Syrian rebels attacked army posts in Saraqeb and Aleppo "
                                    "on Friday."), gaz)
    assert {e.location for e in events} == {"Saraqib", "Aleppo"}


# -- an incident told first by a weak word takes the type of its means told after ---------
def test_a_kill_count_then_the_warplanes_that_struck_is_an_air_strike(gaz):
    events = extract_events(article("Syrian Army Kills 31 Terrorists in Aleppo. The Syrian "
                                    "warplanes targeted their strongholds in Aleppo killing 31 "
                                    "terrorists."), gaz)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 31)]


def test_a_killing_then_a_storming_stays_violence_against_civilians(gaz):
    events = extract_events(article("A gunman killed eight people in Aleppo on Saturday. The "
                                    "gunman stormed the home in Aleppo."), gaz)
    assert [e.event_type for e in events] == ["Violence against civilians"]


def test_an_institution_named_like_a_town_is_no_place():
    from geo.extract.pipeline import is_institution
    from geo.extract.places import Place

    town = Place("Congress", 34.16, -112.85, 1, "Arizona", "United States", "USA", 1900)
    assert is_institution("Congress", town) and is_institution("Senate", town)
    assert not is_institution("Aleppo", town)
    state = Place("Congress", 34.0, -112.0, 2, "Arizona", "United States", "USA")
    assert not is_institution("Congress", state)  # a region so named stays a region


def test_a_town_near_a_city_is_not_also_the_city(gaz):
    events = extract_events(article("Airstrikes hit a school in the small town of Saraqeb near "
                                    "Idlib on Friday, killing five."), gaz)
    assert [e.location for e in events] == ["Saraqib"]


def test_fighting_near_a_city_alone_is_placed_by_the_city(gaz):
    events = extract_events(article("Rebels attacked army posts near Idlib on Friday."), gaz)
    assert [e.location for e in events] == ["Idlib"]


# -- "Idleb countryside": the town's region ----------------------------------------------
def test_a_towns_countryside_is_its_region(gaz):
    events = extract_events(article("Syrian troops killed a number of terrorists in Idleb "
                                    "countryside on Friday."), gaz)
    assert [(e.location, e.geo_precision) for e in events] == [("Idlib", 2)]


def test_a_town_without_countryside_stays_the_town(gaz):
    events = extract_events(article("Syrian troops killed a number of terrorists in Saraqeb on "
                                    "Friday."), gaz)
    assert [(e.location, e.geo_precision) for e in events] == [("Saraqib", 1)]


# -- "May" the month is no "may" the modal -------------------------------------------------
def test_an_attack_dated_in_may_is_real(gaz):
    events = extract_events(article("Friday 23 May 2014 Syrian rebels bombarded a campaign "
                                    "rally in Aleppo, killing at least 21 people.",
                                    published=dt.date(2014, 5, 23)), gaz)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", 21)]


def test_rebels_who_may_attack_have_not_attacked(gaz):
    assert not extract_events(article("Rebels may attack Aleppo on Friday."), gaz)


def test_killed_as_rebels_shelled_is_no_kill_count_of_rebels():
    from geo.extract.lexicon import default_lexicon
    from geo.extract.triggers import find_triggers

    hits = find_triggers("21 killed as Syria rebels shell the town", default_lexicon())
    assert not [h for h in hits if h.event_type == "Battles"]
    both = find_triggers("the army killed and injured many terrorists", default_lexicon())
    assert [h.sub_event_type for h in both] == ["Armed clash"]


def test_a_headline_rebels_shell_is_shelling(gaz):
    events = extract_events(article("Syrian rebels shell an election rally in Aleppo."), gaz)
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_a_name_that_is_the_event_word_itself_is_no_place():
    from fakes import PLACES

    gaz = FakeGazetteer(PLACES + [("Summit", "", 41.1, -81.5, "ADM2", "Ohio", "United States",
                                   "USA", "US", 540000)])
    ex = extract(article("American and Canadian ministers will hold a Summit in Washington "
                         "on Friday."), gaz)
    assert "Summit" not in {e.location for e in ex.events}
    assert any(n.text == "Summit" and "event word" in n.reason for n in ex.names_not_found)

