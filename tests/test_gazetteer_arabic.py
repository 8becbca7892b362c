"""Arabic romanisation keys and learned UCDP places (geo/gazetteer/arabic_names.py,
geo/gazetteer/ucdp_places.py), on invented rows."""

from __future__ import annotations

import csv
import gzip
import sqlite3

import pytest

from geo.gazetteer.arabic_names import arabic_key, query_keys
from geo.gazetteer.build import build_gazetteer
from geo.gazetteer.extend import LearnedPlace
from geo.gazetteer.fold import fold_name
from geo.gazetteer.geocoder import OfflineGazetteer
from geo.gazetteer.rank import GeoContext
from geo.gazetteer.sources import PlaceRow, Sources
from geo.gazetteer.ucdp_places import place_names, read_ucdp_places


def key(name: str) -> str:
    return arabic_key(fold_name(name))


@pytest.mark.parametrize("a, b", [
    ("Tel Zahab", "Tall Zahab"), ("Deir Hafer", "Dayr Hafir"), ("Jobaria", "Jawbariya"),
    ("Kfar Batna", "Kafr Batna"), ("Ras al-Ain", "Ra's al 'Ayn"), ("Qarmida", "Karmeedah"),
])
def test_romanisations_of_one_name_share_a_key(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a, b", [("Hamas", "Homs"), ("Tel Zahab", "Tel Zabah"),
                                  ("Kafr Batna", "Kafr Bitan")])
def test_other_names_keep_other_keys(a, b):
    assert key(a) != key(b)


def test_a_fused_article_is_also_asked_apart():
    assert key("Dayr az Zawr") in query_keys(fold_name("Deir Ezour"))
    assert key("Tall Muhasan") in query_keys(fold_name("Tel Almuhasan"))
    assert query_keys(fold_name("Almuhasan")) == (key("Almuhasan"),)  # a first word: as written
    assert query_keys(fold_name("Ali")) == ()  # too short to say anything


def test_ucdp_where_names_give_settlements_and_their_other_names_not_sites():
    assert place_names("Zahrat town (Bab Zahr)") == ["Zahrat", "Bab Zahr"]
    assert place_names("Abu Jidar/Abou Jdeir village") == ["Abu Jidar", "Abou Jdeir"]
    assert place_names("Mount Sheen mountain range") == []
    assert place_names("Kuweires military airport") == []


def _syria_sources() -> Sources:
    return Sources(places=(
        PlaceRow(name="Syria", precision=3, country_code2="SY", country_code3="SYR",
                 latitude=35.0, longitude=38.0, population=17_000_000, feature_class="A",
                 feature_code="PCLI", source="test"),
        PlaceRow(name="Al Hasakah", precision=2, country_code2="SY", admin1_code="01",
                 feature_class="A", feature_code="ADM1", source="test",
                 alternate_names=("Hasakeh",)),
        PlaceRow(name="Al Hasakah", precision=1, country_code2="SY", admin1_code="01",
                 latitude=36.50, longitude=40.75, population=190_000, source="test"),
        PlaceRow(name="Tall Zahab", precision=1, country_code2="SY", admin1_code="01",
                 latitude=36.60, longitude=41.10, population=800, source="test"),
        PlaceRow(name="United States", precision=3, country_code2="US", country_code3="USA",
                 latitude=39.8, longitude=-98.6, population=330_000_000, feature_class="A",
                 feature_code="PCLI", source="test"),
        PlaceRow(name="Tellzahab", precision=1, country_code2="US", admin1_code="OR",
                 latitude=45.0, longitude=-122.0, population=900, source="test"),
    ), versions={"test": "1"})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("arabic")
    ucdp = folder / "ged.csv.gz"
    with gzip.open(ucdp, "wt", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude"])
        out.writerow(["1", "Umm Khirza village", "Hasakeh Governorate", "Qamishli district", "36.91", "41.02"])
        out.writerow(["1", "Umm Khirza village", "Hasakeh Governorate", "Qamishli district", "36.93", "41.04"])
        out.writerow(["2", "Umm Khirza village", "Hasakeh Governorate", "Qamishli district", "36.00", "40.00"])
        out.writerow(["1", "Zahab oil field", "Hasakeh Governorate", "", "36.7", "41.2"])
        out.writerow(["6", "Syria", "", "", "35.0", "38.0"])
    learned = read_ucdp_places(ucdp, "SYR")
    with_l, without = folder / "with.sqlite", folder / "without.sqlite"
    build_gazetteer(with_l, sources=_syria_sources(), learned=learned)
    build_gazetteer(without, sources=_syria_sources(), learned=[])
    return learned, with_l, without


def test_a_ucdp_place_is_one_point_from_its_exact_events(built):
    learned = built[0]
    assert [(p.name, p.latitude, p.longitude, p.admin1, p.source) for p in learned] == [
        ("Umm Khirza", 36.92, 41.03, "Hasakeh", "ucdp-ged")]
    assert isinstance(learned[0], LearnedPlace)


def test_a_learned_place_is_written_in_the_region_the_gazetteer_names(built):
    conn = sqlite3.connect(built[1])
    assert conn.execute("SELECT admin1, source FROM places WHERE name = 'Umm Khirza'").fetchall() \
        == [("Al Hasakah", "ucdp-ged")]
    conn = sqlite3.connect(built[2])
    assert conn.execute("SELECT count(*) FROM places WHERE name = 'Umm Khirza'").fetchone()[0] == 0


def test_another_romanisation_finds_the_syrian_place_and_is_a_known_name(built):
    gaz = OfflineGazetteer(path=built[1], model=False)
    assert gaz.is_known_name(fold_name("Tel Zahab"))
    assert gaz.is_known_name(fold_name("Um Khurza"))
    assert not gaz.is_known_name(fold_name("Tel Zabah"))
    loc = gaz.geocode("Tel Zahab", context=GeoContext(country_codes=("SYR",)))
    assert loc is not None and loc.raw["country_code"] == "SYR" and abs(loc.latitude - 36.6) < 0.01
    found = gaz.geocode("Um Khurza", context=GeoContext(country_codes=("SYR",)))
    assert found is not None and abs(found.latitude - 36.92) < 0.01
    # only in the document's countries: a story about elsewhere does not get the village
    assert gaz.geocode("Um Khurza", context=GeoContext(country_codes=("USA",))) is None
    assert gaz.geocode("Tel Zahab", context=GeoContext(country_codes=("USA",))).raw[
        "country_code"] == "USA"  # the loose namesake "Tellzahab" there
    gaz.close()


def test_a_common_english_word_is_not_known_by_its_romanisation_key(tmp_path):
    sources = Sources(places=_syria_sources().places + (
        PlaceRow(name="Bitar", precision=1, country_code2="SY", admin1_code="01",
                 latitude=36.2, longitude=40.2, population=600, source="test"),), versions={"t": "1"})
    path = tmp_path / "g.sqlite"
    build_gazetteer(path, sources=sources, learned=[])
    gaz = OfflineGazetteer(path=path, model=False)
    assert key("Bitar") == key("Better") == key("Beytar")
    assert not gaz.is_known_name(fold_name("Better"))  # a frequent word: no mention
    assert gaz.is_known_name(fold_name("Beytar"))
    gaz.close()


def test_of_several_places_sharing_a_key_the_nearest_spelling_is_asked(tmp_path):
    sources = Sources(places=_syria_sources().places + (
        PlaceRow(name="Jablah", precision=1, country_code2="SY", admin1_code="01",
                 latitude=35.3, longitude=35.9, population=60_000, source="test",
                 alternate_names=("Jabala",)),
        PlaceRow(name="Al Jubayliyah", precision=1, country_code2="SY", admin1_code="01",
                 latitude=36.3, longitude=37.2, population=0, source="test"),
    ), versions={"t": "1"})
    path = tmp_path / "g.sqlite"
    build_gazetteer(path, sources=sources, learned=[])
    gaz = OfflineGazetteer(path=path, model=False)
    assert key("Jabala") in query_keys(fold_name("al-Jubailiyeh"))
    names = [c.name for c in gaz.candidates("al-Jubailiyeh", context=GeoContext(country_codes=("SYR",)))]
    assert names == ["Al Jubayliyah"]
    gaz.close()


def test_a_relative_ending_is_kept_apart_from_a_plain_final_vowel():
    assert key("Suleima") != key("Salamiyah")
    assert key("Salamiyah") not in query_keys(fold_name("Suleima"))
    assert key("Al Qurayya") in query_keys(fold_name("al-Quria"))  # asked both ways
    assert key("Khalidiyah") == key("al-Khalidiye")
