"""Issue 13, branch fk12: where an event is put (FA-KES places), each error class on a short
invented text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

from geo.extract import extract_events
from geo.extract.cues import default_cues
from geo.extract.mentions import _classify, candidate_spans
from geo.extract.phrasing import person_names
from geo.extract.pipeline import _countries_named, lone_namesake_abroad
from geo.extract.places import Place
from geo.extract.mentions import Mention
from newstext import article, gaz  # noqa: F401  (gaz is a fixture)


def places(text, gaz):
    return [(e.location, e.country_code) for e in extract_events(article(text), gaz)]


def role_of(text: str, name: str) -> Mention:
    s = text.index(name)
    return _classify(text, s, s + len(name), [], lambda w: False)


# -- 1. a name in a byline is who wrote or published the report -------------------------------
def test_a_name_in_a_byline_is_no_place():
    m = role_of("Posted on 3 May 2020 by Desert Aden Herald. Troops shelled a town.", "Aden")
    assert m.role == "nonlocative" and not m.names_place, m


def test_by_before_a_place_elsewhere_still_places():
    m = role_of("Troops were posted to the front by the army in Aden on Friday.", "Aden")
    assert m.role == "locative", m


# -- 2. where an advance is heading is not where a bombing told with it happened -----------------
def test_the_goal_of_a_push_is_no_place_of_the_clause():
    m = role_of("A car bomb killed 12 people as rebels advanced in their push towards the "
                "army's Aleppo stronghold.", "Aleppo")
    assert m.role == "topic", m


def test_a_place_after_towards_and_in_stays():
    m = role_of("Rebels advanced towards the river and clashed in Aleppo.", "Aleppo")
    assert m.role == "locative", m


def test_a_bombing_is_not_put_at_the_goal_of_an_advance(gaz):
    got = places("A car bomb killed 12 people on Friday as rebels advanced in their push "
                 "towards the Aleppo stronghold of the army.", gaz)
    assert ("Aleppo", "SYR") not in got, got


# -- 3. places listed without their commas are no person's name ---------------------------------
def _persons(text, known):
    return person_names(text, list(candidate_spans(text, [])), default_cues(),
                        is_known=lambda n: n in known, fold=str.lower,
                        is_country=lambda w: w.lower() == "syria")


def test_places_listed_without_commas_are_no_surname():
    known = {"aleppo", "idlib", "damascus"}
    text = "The school sheltered families from Aleppo Idlib and Damascus. Shelling killed two in Idlib."
    assert "Idlib" not in _persons(text, known)
    assert "Idlib" not in _persons("Tags Syria Idlib war", known | {"syria"})


def test_a_first_name_and_a_surname_that_is_a_place_stay_a_person():
    known = {"aleppo", "idlib", "damascus"}
    assert "Idlib" in _persons("The spokesman Omar Idlib said the road was closed.", known)
    # both words known, but neither a country nor the surname used as a place
    assert "Idlib" in _persons("The spokesman Aleppo Idlib said the road was closed.", known)


# -- 4. a stand-in at the document's region vouches for no namesake abroad ----------------------
def _mention(text, start=0):
    return Mention(start, start + len(text), text, "", "neutral", "")


def test_a_stand_in_point_names_nothing_in_its_country():
    region = Place("Valencia", 39.5, -0.5, 2, "Valencia", "Spain", "ESP", population=50_000)
    stand_in = Place("Valencia", 39.5, -0.5, 2, "Valencia", "Spain", "ESP",
                     backend="context-fallback")
    named = _countries_named([(_mention("Castelo"), region), (_mention("al-Qaida"), stand_in)],
                             ())
    assert lone_namesake_abroad(_mention("Castelo"), region, ["SYR"], named)
    real = Place("Valencia", 39.47, -0.38, 1, "Valencia", "Spain", "ESP", backend="gazetteer")
    named = _countries_named([(_mention("Castelo"), region), (_mention("Valencia"), real)], ())
    assert not lone_namesake_abroad(_mention("Castelo"), region, ["SYR"], named)


def test_a_stand_in_region_abroad_with_nothing_else_there_places_nothing():
    from geo.extract.pipeline import stand_ins_abroad
    stand_in = Place("Valencia", 39.5, -0.5, 2, "Valencia", "Spain", "ESP",
                     backend="context-fallback")
    idlib = Place("Idlib", 35.93, 36.63, 1, "Idlib", "Syria", "SYR", backend="gazetteer")
    kept, out = stand_ins_abroad([(_mention("Idlib"), idlib), (_mention("al-Qaida"), stand_in)],
                                 ["SYR"])
    assert [m.text for m, _ in kept] == ["Idlib"] and [n.text for n in out] == ["al-Qaida"]
    # a real place of that country named too: the stand-in stays
    town = Place("Valencia", 39.47, -0.38, 1, "Valencia", "Spain", "ESP", backend="gazetteer")
    kept, out = stand_ins_abroad([(_mention("Valencia"), town), (_mention("al-Qaida"), stand_in)],
                                 ["SYR"])
    assert len(kept) == 2 and not out


# -- 5. "the killing of two activists": an act told as a noun, beside a strike elsewhere -------
def test_the_killing_of_victims_told_as_a_noun_is_an_incident(gaz):
    events = extract_events(article(
        "Government air strikes killed 12 people in Saraqib on Friday. In Aleppo, militants "
        "posted a video on Thursday showing the killing of two activists accused of spying."),
        gaz)
    got = [(e.event_type, e.location) for e in events]
    assert ("Violence against civilians", "Aleppo") in got, got
