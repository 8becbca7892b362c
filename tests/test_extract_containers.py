"""A place the text puts inside another must lie inside it (geo/extract/containers.py),
on invented sentences and places."""

from __future__ import annotations

from geo.extract.containers import check_containment
from geo.extract.mentions import Mention
from geo.extract.places import Place

CITY = Place("Marbad", 36.50, 40.75, 1, admin1="Marbad Region", country="Syria", country_code="SYR")
REGION = Place("Marbad Region", 36.60, 40.90, 2, admin1="Marbad Region", country="Syria",
               country_code="SYR")
FAR = Place("Qassabiya", 35.90, 36.00, 1, admin1="Other Region", country="Syria", country_code="SYR")
NEAR = Place("Qassabiya", 36.52, 40.77, 1, admin1="Marbad Region", country="Syria", country_code="SYR")
ABROAD = Place("Qassabiya", 34.0, -6.8, 1, admin1="Rabat", country="Morocco", country_code="MAR")
STAND_IN = Place("Other Region", 35.5, 36.5, 2, admin1="Other Region", country="Syria",
                 country_code="SYR")


def mentions(text: str, *names: str) -> list[Mention]:
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(Mention(start, start + len(name), name, "", "locative", "test"))
        at = start + len(name)
    return out


def region_of(n, q):
    return REGION


def test_a_neighbourhood_read_far_from_its_city_is_placed_at_the_city():
    text = "a bomb went off in the Qassabiya neighbourhood of Marbad city on Tuesday"
    m, n = mentions(text, "Qassabiya", "Marbad")
    out = check_containment(text, [(m, FAR), (n, CITY)], region_of)
    assert out[0][1].name == "Marbad" and "part of Marbad" in out[0][1].reason
    kept = check_containment(text, [(m, NEAR), (n, CITY)], region_of)
    assert kept[0][1] == NEAR


def test_a_village_in_a_named_province_read_in_another_takes_the_province():
    text = "clashes in the village of Qassabiya in Marbad province left five dead"
    m, n = mentions(text, "Qassabiya", "Marbad")
    out = check_containment(text, [(m, ABROAD), (n, CITY)], region_of)
    assert out[0][1].name == "Marbad Region" and out[0][1].precision == 2
    assert check_containment(text, [(m, NEAR), (n, CITY)], region_of)[0][1] == NEAR


def test_an_analysts_correction_is_kept_wherever_the_text_nests_it():
    text = "clashes in the village of Qassabiya in Marbad province left five dead"
    m, n = mentions(text, "Qassabiya", "Marbad")
    typed = Place("Qassabiya (east)", 35.90, 36.00, 1, country_code="SYR", backend="correction")
    assert check_containment(text, [(m, typed), (n, CITY)], region_of)[0][1] == typed
    assert check_containment(text, [(m, FAR), (n, CITY)], region_of)[0][1] != FAR


def test_a_stand_in_region_for_an_unknown_name_yields_to_the_city_named():
    text = "a suicide bomber blew himself up in the Qassabiya neighbourhood of Marbad city"
    m, n = mentions(text, "Qassabiya", "Marbad")
    assert check_containment(text, [(m, STAND_IN), (n, CITY)], region_of)[0][1].name == "Marbad"


def test_the_same_wrong_reading_elsewhere_in_the_text_is_corrected_too():
    text = ("The attack happened in the neighbourhood of Qassabiya. "
            "It hit the Qassabiya neighbourhood of Marbad city.")
    first, second, city = mentions(text, "Qassabiya", "Qassabiya", "Marbad")
    out = check_containment(text, [(first, FAR), (second, FAR), (city, CITY)], region_of)
    assert [p.name for _m, p in out] == ["Marbad", "Marbad", "Marbad"]


def test_a_city_told_first_holds_its_neighbourhood_and_a_bare_pair_is_not_reversed():
    text = "at the Marbads residential neighborhood of Qassabiya rockets fell"
    n, m = mentions(text, "Marbads", "Qassabiya")
    assert check_containment(text, [(n, CITY), (m, FAR)], region_of)[1][1].name == "Marbad"
    text = "bombs rocked the Qassabiya neighborhood of Marbad"
    m, n = mentions(text, "Qassabiya", "Marbad")
    out = check_containment(text, [(m, NEAR), (n, CITY)], region_of)
    assert out == [(m, NEAR), (n, CITY)]  # Marbad is not made a part of Qassabiya


def test_a_place_abroad_naming_a_building_or_an_outlet_is_no_place():
    from geo.extract.containers import names_of_things

    abroad_region = Place("Mawsat", 32.0, 34.9, 2, admin1="Mawsat", country="Israel",
                          country_code="ISR")
    text = ("Doctors at the Mawsat hospital in Marbad said, the daily Asharq Mawsat reported, "
            "and Qassabiya University.")
    hosp, city, paper, town = mentions(text, "Mawsat", "Marbad", "Mawsat", "Qassabiya")
    placed = [(hosp, abroad_region), (city, CITY), (paper, abroad_region), (town, ABROAD)]
    assert names_of_things(text, placed, ("SYR",)) == {0}  # a town abroad, the paper stay
    assert names_of_things(text, placed, ("SYR", "MAR", "ISR")) == set()  # the story's own
    assert names_of_things(text, [(hosp, REGION)], ("SYR",)) == set()  # a hospital at home
    assert names_of_things(text, placed, ()) == set()
