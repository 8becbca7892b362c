"""Dataset importers on small hand-written files in each layout (tests/fixtures/datasets/),
a tiny gazetteer in tmp_path, and the first rows of the shipped UCDP extract."""

from __future__ import annotations

import gzip
import sqlite3
import zipfile

import pytest

from geo.errors import InputError
from geo.gazetteer.build import build_gazetteer
from geo.gazetteer.sources import PlaceRow, Sources
from geo.importers import get_importer, import_file
from geo.importers.countries import alpha3_from_fips, alpha3_from_names, alpha3_from_numeric
from geo.record import Event
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "datasets"
UCDP = FIXTURES / "ucdp_small.csv"
ACLED = FIXTURES / "acled_small.csv"
GDELT = FIXTURES / "gdelt_small.export.CSV"
SYRIA = ROOT / "data" / "ucdp-ged" / "ged_syria_2016-2019.csv.gz"


def stored(store) -> dict[str, Event]:
    return {e.event_id: e for e in store.iter_events()}


def rejected(report) -> dict[int, str]:
    return {e.row: e.reason for e in report.errors}


# -- UCDP ------------------------------------------------------------------------


def test_ucdp_fixture_stores_good_rows_and_names_bad_ones(store):
    report = import_file(UCDP, "ucdp", store)
    assert report.summary() == "read 10 rows: 4 added, 0 already stored, 6 rejected"
    errors = rejected(report)
    assert errors[5] == "date_start is not a date: '2016-13-45'"
    assert errors[6] == "48 columns, expected 49"
    assert errors[7].startswith("coordinates are not numbers")
    assert errors[8] == "type_of_violence must be 1, 2 or 3, not '4'"
    assert errors[10].startswith("latitude out of range")  # row 9 spans two lines
    assert errors[11] == "repeats the event id ucdp:900001 of an earlier row"
    assert report.error_lines()[0] == f"{UCDP}, row 5: date_start is not a date: '2016-13-45'"
    assert store.count_events() == 4


def test_ucdp_columns_map_onto_the_record(store):
    import_file(UCDP, "ucdp", store)
    events = stored(store)
    e = events["ucdp:900001"]
    assert (e.event_type, e.sub_event_type, e.origin) == ("Battles", "Armed clash", "ucdp")
    assert (e.actor1, e.actor2, e.fatalities) == ("Government of Syria", "Syrian insurgents", 4)
    assert (e.country, e.country_code, e.admin1, e.geo_precision) == ("Syria", "SYR", "Homs", 1)
    assert e.evidence == ("Government of Syria vs Syrian insurgents (UCDP: state-based conflict)"
                          ", 4 deaths")
    assert e.confidence == 0.9 and e.source == "UCDP GED (SOHR)"
    m = events["ucdp:900002"]  # one-sided, province-level, a five-day span, clarity 2
    assert (m.event_type, m.sub_event_type) == ("Violence against civilians", "Attack")
    assert (m.country, m.country_code, m.geo_precision) == ("Myanmar", "MMR", 2)
    assert (m.date_precision, m.date_text) == ("week", "1992-02-25 to 1992-02-29")
    assert m.confidence == 0.6 and m.evidence.endswith("(UCDP: one-sided violence), 34 deaths")
    c = events["ucdp:900003"]  # dates written with a time, as in the CAR release
    assert str(c.event_date) == "2017-05-14" and c.country_code == "CAF"
    assert c.evidence.endswith("1 death")
    p = events["ucdp:900008"]  # a headline spanning two lines, with a URL
    assert p.evidence == "Clashes near Palmyra, says monitor"
    assert p.source_url == "https://example.org/palmyra"


def test_importing_the_same_file_again_adds_nothing(store):
    first = import_file(UCDP, "ucdp", store)
    second = import_file(UCDP, "ucdp", store)
    assert (first.added, second.added, second.updated) == (4, 0, 4)
    assert store.count_events() == 4


@pytest.mark.parametrize("pack", ["gz", "zip"])
def test_gzip_and_zip_read_like_plain(store, tmp_path, pack):
    if pack == "gz":
        path = tmp_path / "ucdp.csv.gz"
        path.write_bytes(gzip.compress(UCDP.read_bytes()))
    else:
        path = tmp_path / "ucdp.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("GEDEvent.csv", UCDP.read_bytes())
    report = import_file(path, "ucdp", store)
    assert (report.added, report.rejected) == (4, 6)


def test_first_200_rows_of_the_shipped_syria_extract(store, tmp_path):
    with gzip.open(SYRIA, "rt", encoding="utf-8") as fh:
        head = "".join(next(fh) for _ in range(201))
    path = tmp_path / "syria200.csv"
    path.write_text(head, encoding="utf-8")
    report = import_file(path, "ucdp", store)
    assert report.summary() == "read 200 rows: 200 added, 0 already stored, 0 rejected"
    frame = store.load_frame()
    assert set(frame["country_code"]) == {"SYR"}
    assert frame["event_date"].min().year == 2016
    assert frame["geo_precision"].isin([1, 2, 3]).all()
    assert frame["fatalities"].notna().all() and (frame["evidence"] != "").all()


# -- ACLED -----------------------------------------------------------------------


def test_acled_fixture(store):
    report = import_file(ACLED, "acled", store)
    assert report.summary() == "read 9 rows: 3 added, 0 already stored, 6 rejected"
    assert rejected(report) == {
        5: "event_type is not in the taxonomy: 'Cyber attack'",
        6: "sub_event_type 'Peaceful protest' is not a sub-type of 'Battles'",
        7: "event_date is not a date: '31/02/2020'",
        8: "fatalities is not a number: 'many'",
        9: "32 columns, expected 31",
        10: "longitude out of range: '35.6135, 200'",
    }
    events = stored(store)
    s = events["acled:SYR101"]
    assert (s.event_type, s.sub_event_type, s.location, s.geo_precision) == \
        ("Battles", "Armed clash", "Kafr Nabl", 1)
    assert s.evidence.startswith("On 29 February 2020") and s.source == "ACLED (SOHR)"
    t = events["acled:TUR202"]  # "28 February 2020", a week, province-level
    assert (str(t.event_date), t.date_precision, t.geo_precision) == ("2020-02-28", "week", 2)
    c = events["acled:COD303"]  # ISO numeric 180, no fatalities given
    assert (c.country_code, c.fatalities, c.date_precision) == ("COD", None, "month")


# -- GDELT -----------------------------------------------------------------------


def test_gdelt_fixture(store):
    report = import_file(GDELT, "gdelt", store)
    assert report.summary() == "read 9 rows: 5 added, 0 already stored, 4 rejected"
    assert rejected(report) == {
        6: "60 columns, expected 61",
        7: "SQLDATE is not a YYYYMMDD date: '2020-02-29'",
        8: "unknown CAMEO event code '999'",
        9: "coordinates are not numbers: 'xx, 36.8006'",
    }
    events = stored(store)
    fight = events["gdelt:910000001"]
    assert (fight.event_type, fight.geo_precision, fight.country_code) == ("Battles", 1, "SYR")
    assert (fight.admin1, fight.actor1_country, fight.source_url) == \
        ("Idlib", "SYR", "https://example.org/news/saraqib")
    assert fight.evidence == "SYRIA — fight (CAMEO 190) — TURKEY"
    assert events["gdelt:910000002"].sub_event_type == "Air/drone strike"
    meeting = events["gdelt:910000003"]
    assert (meeting.event_type, meeting.sub_event_type, meeting.geo_precision) == \
        ("Diplomacy", "Meeting or call", 3)
    unplaced = events["gdelt:910000004"]
    assert unplaced.latitude is None and unplaced.geo_precision is None
    gaza = events["gdelt:910000005"]  # FIPS GZ, an actor country that is not ISO (AFR)
    assert (gaza.country_code, gaza.sub_event_type, gaza.actor2_country) == ("PSE", "Arrests", "")


# -- unreadable files --------------------------------------------------------------


@pytest.mark.parametrize("kind, name, content, reason", [
    ("ucdp", "empty.csv", b"", "empty file"),
    ("ucdp", "blank.csv", b"\n\n  \n", "empty file"),
    ("acled", "binary.csv", b"GIF89a\x00\x01\x02\x03", "binary file"),
    ("acled", "latin1.csv", "event_id_cnty,notes\nX1,Caf\xe9 attacked\n".encode("latin-1"),
     "not UTF-8"),
    ("ucdp", "acled.csv", ACLED.read_bytes(), "not a UCDP GED CSV file: no column id"),
    ("gdelt", "ucdp.csv", UCDP.read_bytes(), "row 1 has 1 tab-separated columns, expected 61"),
    ("ucdp", "header-only.csv", UCDP.read_bytes().splitlines(keepends=True)[0], "no UCDP"),
    ("ucdp", "broken.csv.gz", b"\x1f\x8b\x08\x00garbage", "cannot decompress"),
])
def test_unreadable_files_raise_one_input_error(store, tmp_path, kind, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        import_file(path, kind, store)
    assert reason in str(err.value) and str(path) in str(err.value)
    assert store.count_events() == 0


def test_a_bad_byte_deep_in_the_file_costs_one_character_not_the_file(store, tmp_path):
    header, first = UCDP.read_bytes().splitlines(keepends=True)[:2]
    filler = [first.replace(b"900001", str(800000 + n).encode()) for n in range(400)]
    bad = first.replace(b"Teir Maaleh", b"Teir Ma\xe9leh")  # past the first 64 KB
    path = tmp_path / "ucdp.csv"
    path.write_bytes(header + b"".join(filler) + bad)
    report = import_file(path, "ucdp", store)
    assert (report.added, report.rejected) == (401, 0)
    assert stored(store)["ucdp:900001"].location == "Teir Ma\ufffdleh village"


def test_unknown_format_name():
    with pytest.raises(ValueError, match="ucdp, acled, gdelt"):
        get_importer("csv")


# -- countries ---------------------------------------------------------------------


def test_country_codes_from_names_fips_and_numbers():
    import pandas as pd

    names = pd.Series(["Myanmar (Burma)", "DR Congo (Zaire)", "Bosnia-Herzegovina", "Syria",
                       "Russia (Soviet Union)", "Ivory Coast", "Atlantis"])
    assert alpha3_from_names(names).tolist() == ["MMR", "COD", "BIH", "SYR", "RUS", "CIV", ""]
    assert alpha3_from_fips(pd.Series(["SY", "UK", "GM", "GZ", "RS", "??"])).tolist() == \
        ["SYR", "GBR", "DEU", "PSE", "RUS", ""]
    assert alpha3_from_numeric(pd.Series(["760", "4", "180.0", "x"])).tolist() == \
        ["SYR", "AFG", "COD", ""]


# -- learned places ----------------------------------------------------------------


def _small_gazetteer(path):
    def country(name, cc2, cc3, lat, lon):
        return PlaceRow(name=name, precision=3, country_code2=cc2, country_code3=cc3,
                        latitude=lat, longitude=lon, population=1_000_000, feature_class="A",
                        feature_code="PCLI", source="test")

    places = (
        country("Syria", "SY", "SYR", 35.0, 38.0),
        country("Central African Republic", "CF", "CAF", 7.0, 21.0),
        PlaceRow(name="Homs", precision=2, country_code2="SY", admin1_code="11",
                 feature_class="A", feature_code="ADM1", source="test"),
        PlaceRow(name="Homs", precision=1, country_code2="SY", admin1_code="11", latitude=34.73,
                 longitude=36.72, population=775_404, geonameid=169577, source="test"),
        PlaceRow(name="Damascus", precision=1, country_code2="SY", admin1_code="13",
                 latitude=33.51, longitude=36.29, population=1_569_394, geonameid=170654,
                 source="test"),
    )
    build_gazetteer(path, sources=Sources(places=places, versions={"test": "1"}))
    return path


def test_exactly_located_ucdp_places_teach_the_gazetteer(store, tmp_path):
    gaz = _small_gazetteer(tmp_path / "gaz.sqlite")
    report = import_file(UCDP, "ucdp", store, learn_to=gaz)
    assert report.learned.startswith("learned:ucdp: ")
    with sqlite3.connect(gaz) as conn:
        learned = {r[0]: r[1:] for r in conn.execute(
            "SELECT name, admin1, admin1_code, country_code3 FROM places "
            "WHERE source = 'learned:ucdp'")}
    # "Teir Maaleh village" → "Teir Maaleh"; "Tadmur/Palmyra town" → both names;
    # "Rakhine state" (where_prec 4) and rejected rows teach nothing
    assert set(learned) == {"Teir Maaleh", "Tadmur", "Bria"} or \
        set(learned) == {"Teir Maaleh", "Tadmur", "Palmyra", "Bria"}
    assert learned["Teir Maaleh"] == ("Homs", "SY.11", "SYR")
    with sqlite3.connect(gaz) as conn:
        palmyra = conn.execute("SELECT count(*) FROM names WHERE name = 'Palmyra'").fetchone()[0]
    assert palmyra == 1  # its own place, or a second name of Tadmur 2 km away
    again = import_file(UCDP, "ucdp", store, learn_to=gaz)
    assert " 0 added" in again.learned


def test_gdelt_teaches_nothing(store, tmp_path):
    gaz = _small_gazetteer(tmp_path / "gaz.sqlite")
    report = import_file(GDELT, "gdelt", store, learn_to=gaz)
    assert report.learned == ""
    with sqlite3.connect(gaz) as conn:
        assert conn.execute("SELECT count(*) FROM places WHERE source LIKE 'learned:%'"
                            ).fetchone()[0] == 0


def test_a_missing_gazetteer_is_reported_not_fatal(store, tmp_path):
    report = import_file(UCDP, "ucdp", store, learn_to=tmp_path / "none.sqlite")
    assert report.added == 4 and "places not learned" in report.learned
