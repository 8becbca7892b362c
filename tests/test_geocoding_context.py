"""Which words of a context text count as the text naming a place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from geo.geocoding.context import counts_as_context


@dataclass
class Place:
    name: str
    matched_name: str
    precision: int
    feature_code: str
    population: int = 0


STATE = Place("Mississippi", "Miss.", 2, "ADM1", 2_900_000)
TERRITORY = Place("Australian Capital Territory", "ACT", 2, "ADM1", 400_000)


def test_an_abbreviation_counts_only_written_as_one():
    assert counts_as_context("Miss.", STATE)
    assert counts_as_context("MS", Place("Mississippi", "MS", 2, "ADM1"))
    assert not counts_as_context("Miss", STATE)  # the title, as in "Miss Jones"
    assert counts_as_context("ACT", TERRITORY)
    assert not counts_as_context("Act", TERRITORY)


def test_a_direction_or_generic_word_alone_names_no_place():
    assert not counts_as_context("South", Place("Southern", "South", 2, "ADM1"))
    assert not counts_as_context("Central", Place("Central", "Central", 2, "ADM1"))
    assert counts_as_context("South Dakota", Place("South Dakota", "South Dakota", 2, "ADM1"))


def test_a_frequent_word_or_name_needs_to_be_a_country_region_or_large_city():
    district = Place("Bezirk March", "March", 2, "ADM2", 35_000)
    county = Place("Jones County", "Jones", 2, "ADM2", 25_000)
    town = Place("David", "David", 1, "PPL", 80_000)
    assert not counts_as_context("March", district)
    assert not counts_as_context("Jones", county)
    assert not counts_as_context("David", town)
    assert counts_as_context("Kanawha", Place("Kanawha County", "Kanawha", 2, "ADM2"))
    assert counts_as_context("Georgia", Place("Georgia", "Georgia", 2, "ADM1", 9_000_000))
    assert counts_as_context("Turkey", Place("Turkey", "Turkey", 3, "PCLI", 80_000_000))
    assert counts_as_context("Boston", Place("Boston", "Boston", 1, "PPL", 650_000))
    assert counts_as_context("Jones County", county)


GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.sqlite"


@pytest.mark.gazetteer
@pytest.mark.skipif(not GAZETTEER.is_file(), reason="gazetteer not built")
def test_a_byline_date_and_a_surname_give_no_context():
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.geocoding.context import context_from_text

    gaz = OfflineGazetteer(path=GAZETTEER)
    text = ("Mayor picks a new chief. By Ann Jones, staff writer. March 3, 2009. "
            "Miss Lee said she would wait for the council.")
    ctx = context_from_text(text, gaz, mention="Riverton")
    assert ctx.country_codes == () and ctx.admin1 == () and ctx.near is None
    ctx = context_from_text("The council of Kanawha County met in Charleston, W.Va., on "
                            "March 3.", gaz, mention="Riverton")
    assert ctx.country_codes == ("USA",) and "West Virginia" in ctx.admin1
    gaz.close()


@pytest.mark.gazetteer
@pytest.mark.skipif(not GAZETTEER.is_file(), reason="gazetteer not built")
def test_a_street_named_after_a_town_is_no_context():
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.geocoding.context import context_from_text

    gaz = OfflineGazetteer(path=GAZETTEER)
    ctx = context_from_text("The man, of Baghdad Street, was fined by the court.", gaz,
                            mention="Riverton")
    assert "IRQ" not in ctx.country_codes
    ctx = context_from_text("The man, of Baghdad, was fined by the court.", gaz,
                            mention="Riverton")
    assert "IRQ" in ctx.country_codes
    gaz.close()


@pytest.mark.gazetteer
@pytest.mark.skipif(not GAZETTEER.is_file(), reason="gazetteer not built")
def test_the_mention_again_with_a_generic_word_after_it_is_no_context():
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.geocoding.context import context_from_text

    gaz = OfflineGazetteer(path=GAZETTEER)
    text = "Members of Dublin City Council voted on the budget on Monday."
    assert gaz.best("Dublin City") is not None  # the Irish region, read as context otherwise
    assert "IRL" not in context_from_text(text, gaz, mention="Dublin").country_codes
    assert "IRL" in context_from_text(text, gaz, mention="Riverton").country_codes
    gaz.close()


def test_a_town_takes_its_namesake_in_the_region_the_text_names(tmp_path):
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.geocoding.context import context_from_text
    from tests.geofixture import build_small_gazetteer

    gaz = OfflineGazetteer(path=build_small_gazetteer(tmp_path / "gazetteer.sqlite"))
    # alone, the bare name reads as its most populous namesake (Libya's capital)
    alone = context_from_text("Shelling was reported near Tripoli on Monday evening.", gaz,
                              mention="Qalamoun")
    assert "LBY" in alone.country_codes
    # beside the region the text names, it is that region's namesake: no Libya, its point
    ctx = context_from_text("Shelling was reported near Tripoli, in the North Governorate, "
                            "on Monday evening.", gaz, mention="Qalamoun")
    assert "LBY" not in ctx.country_codes
    assert "LBN" in ctx.country_codes
    assert ctx.near == pytest.approx((34.44, 35.85), abs=0.01)
    gaz.close()


def test_a_namesake_elsewhere_stands_when_only_a_town_gave_the_country(tmp_path):
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.geocoding.chain import GeocoderChain
    from geo.geocoding.context import context_from_text
    from tests.geofixture import build_small_gazetteer

    chain = GeocoderChain(OfflineGazetteer(path=build_small_gazetteer(tmp_path / "g.sqlite")))
    # the country named as such: the weak namesake abroad is set aside for it
    named = context_from_text("The convoy left Lebanon on Monday evening.", chain.gazetteer,
                              mention="Ariha")
    assert named.town_countries == ()
    loc = chain.geocode("Ariha", context=named)
    assert loc.raw["backend"] == "context-fallback" and loc.raw["country_code"] == "LBN"
    # only a town gave the country: no evidence against the namesake, which stands
    town = context_from_text("The convoy left Beirut on Monday evening.", chain.gazetteer,
                             mention="Ariha")
    assert town.town_countries == ("LBN",)
    loc = chain.geocode("Ariha", context=town)
    assert loc.raw["backend"] == "gazetteer" and loc.raw["country_code"] == "SYR"
    chain.close()


def test_an_unknown_town_goes_near_the_places_the_text_names_in_its_region(tmp_path):
    from geo.gazetteer.build import build_gazetteer
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.gazetteer.rank import GeoContext, distance_km
    from geo.gazetteer.sources import PlaceRow, Sources
    from geo.geocoding.chain import GeocoderChain

    def town(name, lat, lon, pop, gid):
        return PlaceRow(name=name, precision=1, country_code2="US", admin1_code="TX",
                        latitude=lat, longitude=lon, population=pop, geonameid=gid,
                        feature_code="PPL", source="test")

    sources = Sources(places=(
        PlaceRow(name="United States", precision=3, country_code2="US", country_code3="USA",
                 latitude=39.8, longitude=-98.6, population=300_000_000, feature_class="A",
                 feature_code="PCLI", source="test"),
        PlaceRow(name="Texas", precision=2, country_code2="US", admin1_code="TX",
                 feature_class="A", feature_code="ADM1", source="test"),
        town("Houston", 29.76, -95.37, 2_300_000, 1), town("El Paso", 31.76, -106.49, 680_000, 2),
        town("Paris", 33.66, -95.56, 25_000, 3), town("Honey Grove", 33.58, -95.91, 1_600, 4),
    ), versions={"test": "1"})
    path = tmp_path / "g.sqlite"
    build_gazetteer(path, sources=sources)
    chain = GeocoderChain(OfflineGazetteer(path=path))
    named = GeoContext(country_codes=("USA",), admin1=("Texas",),
                       points=((33.66, -95.56), (33.58, -95.91)))
    loc = chain.geocode("Qwzxville", context=named)
    assert (loc.raw["precision"], loc.raw["backend"]) == (2, "context-fallback")
    assert distance_km(loc.latitude, loc.longitude, 33.66, -95.56) < 50  # not Houston
    assert "near the 2 places the text names there" in loc.raw["reason"]
    # nothing else named there: the region's seat, as before; a river runs across it
    bare = chain.geocode("Qwzxville", context=GeoContext(country_codes=("USA",),
                                                         admin1=("Texas",)))
    assert "at its seat" in bare.raw["reason"]
    river = chain.geocode("Qwzx River", context=named)
    assert "near the" not in river.raw["reason"]
    chain.close()
