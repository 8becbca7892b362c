"""The offline base map's names: built from a small real gazetteer, decided by pure rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.map.assets import COUNTRIES_GEOJSON, static_dir
from geo.map.builder import build_map
from geo.map.place_names import (
    CAPITAL, CITY, COUNTRY, REGION, SEA, PlaceNamesError, build_place_names, city_min_zoom,
    country_min_zoom, is_current, label_text, read_rows, read_seas,
)
from geo.record import FIELDS
from tests.geofixture import build_small_gazetteer

import pandas as pd

SEAS = Path(__file__).resolve().parents[1] / "data" / "seas.csv"


@pytest.fixture(scope="module")
def names_file(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("names")
    gaz = build_small_gazetteer(tmp / "gaz.sqlite")
    out = tmp / "place-names.json"
    count = build_place_names(gaz, static_dir() / COUNTRIES_GEOJSON, SEAS, out)
    assert count == len(json.loads(out.read_text())["rows"])
    return out


def test_label_text_keeps_latin1_and_drops_transliteration_marks():
    assert label_text("São Paulo", "Sao Paulo") == "São Paulo"
    assert label_text("Ḩamāh", "Hamah") == "Hamah"
    assert label_text("Aleppo", "Aleppo") == "Aleppo"
    assert label_text("", "Idlib") == "Idlib"
    assert label_text("Gəncə", "G@nc@") == "Gence"  # GeoNames writes the schwa as @


def test_bigger_places_show_earlier():
    assert city_min_zoom(6_000_000) < city_min_zoom(500_000) < city_min_zoom(50_000)
    assert city_min_zoom(1_000) is None
    assert country_min_zoom(2_000) < country_min_zoom(100) < country_min_zoom(10) \
        < country_min_zoom(0.5)


def test_the_file_holds_every_kind_in_placement_order(names_file):
    rows = read_rows(names_file)
    kinds = [r[3] for r in rows]
    assert kinds == sorted(kinds)  # countries, seas, capitals, cities, regions
    by_text = {(r[2], r[3]): r for r in rows}
    assert by_text[("Syria", COUNTRY)][6] == "SYR"
    assert ("Idlib", CITY) in by_text and by_text[("Idlib", CITY)][4] == city_min_zoom(128_840)
    assert ("Hims", REGION) in by_text  # "Ḩimş" printed without its marks
    assert ("Mediterranean Sea", SEA) in by_text
    assert not any(r[3] == CAPITAL and r[2] == "Idlib" for r in rows)
    # Arīḩā (39,501 people) shows only once zoomed in further than Idlib
    assert by_text[("Ariha", CITY)][4] == city_min_zoom(39_501) > by_text[("Idlib", CITY)][4]


def test_rows_can_be_cut_to_an_area(names_file):
    near = read_rows(names_file, (34.0, 35.0, 37.0, 38.0))
    assert {r[2] for r in near} >= {"Idlib", "Ariha"}
    assert all(34 <= r[0] <= 37 and 35 <= r[1] <= 38 for r in near)
    assert len(near) < len(read_rows(names_file))


def test_bad_sea_rows_name_file_and_line(tmp_path):
    bad = tmp_path / "seas.csv"
    bad.write_text("name,latitude,longitude,min_zoom,max_zoom\nRed Sea,20,38,3,8\nOops,x,1,2,3\n")
    with pytest.raises(PlaceNamesError, match=r"seas.csv, line 3"):
        read_seas(bad)


def test_a_missing_gazetteer_is_a_named_error(tmp_path):
    with pytest.raises(PlaceNamesError, match="no gazetteer"):
        build_place_names(tmp_path / "none.sqlite", static_dir() / COUNTRIES_GEOJSON, SEAS,
                          tmp_path / "out.json")
    assert not is_current(tmp_path / "out.json", SEAS)


def test_inline_maps_embed_the_names_around_their_events(names_file, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_PLACE_NAMES", str(names_file))
    events = pd.DataFrame([dict.fromkeys(FIELDS) | dict(
        event_id="e1", event_type="Battles", latitude=35.9, longitude=36.6, geo_precision=1)])
    html = build_map(events, assets="inline").get_root().render()
    assert '"Idlib",3' in html and '"Syria",0' in html
    assert "Tarabulus" not in html  # Libya's region is far outside the frame
    served = build_map(events, assets="served").get_root().render()
    assert "/app/static/place-names.json" in served and '"Idlib",3' not in served
