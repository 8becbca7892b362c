"""The geocoder chain on a small real gazetteer: order, reasons, containers, corrections."""

from __future__ import annotations

import shutil

import pytest

from geo import settings
from geo.errors import CorrectionError, GeocoderConfigError, InputError
from geo.gazetteer import GeoContext, OfflineGazetteer
from geo.geocoding import load_corrections, open_geocoder
from geo.geocoding.answer import GeocodeAnswer
from geo.geocoding.context import context_from_text
from geo.geocoding.corrections import (
    Correction, CorrectionBook, add_correction, apply_correction, geocoding_decisions,
    import_corrections_csv, learn_corrections, list_corrections,
)
from geo.geocoding.queries import is_district, parse_query
from tests.conftest import make_event
from tests.geofixture import chain, gaz_path  # noqa: F401 (fixtures)

SYR = GeoContext(country_codes=("SYR",))


# -- what a query names ------------------------------------------------------------

@pytest.mark.parametrize("text, heads, containers", [
    ("Teir Maaleh village", ("Teir Maaleh village", "Teir Maaleh"), ()),
    ("Atmeh IDP camp", ("Atmeh IDP camp", "Atmeh"), ()),
    ("the town of Saraqib", ("the town of Saraqib", "Saraqib"), ()),
    ("Marran/Merane village", ("Marran", "Merane village", "Merane"), ()),
    ("a village near Ariha in Idlib province", (), ("Ariha", "Idlib province")),
    ("Umm Nir village, Ar Rastan district, Homs Governorate", ("Umm Nir village", "Umm Nir"),
     ("Ar Rastan district", "Homs Governorate")),
    ("the region", (), ()),
])
def test_queries_split_into_spellings_and_containers(text, heads, containers):
    parsed = parse_query(text)
    assert parsed.heads[:len(heads)] == heads
    assert parsed.containers == containers


def test_districts_are_told_from_regions():
    assert is_district("Ar Rastan district") and is_district("Ariha sub-district")
    assert not is_district("Idlib province")


# -- the chain -----------------------------------------------------------------------

def test_gazetteer_answers_keep_the_extractors_raw_keys_and_say_who_decided(chain):
    loc = chain.geocode("Idlib", context=SYR)
    raw = loc.raw
    for key in ("name", "country_code", "country", "admin1", "precision", "score", "reason",
                "candidates", "source", "geonameid", "feature_class", "feature_code",
                "population"):
        assert key in raw, key
    assert (raw["backend"], raw["country_code"], raw["precision"]) == ("gazetteer", "SYR", 1)
    assert raw["candidates"][0]["name"] == "Idlib"


def test_descriptor_words_are_stripped_and_the_reason_says_so(chain):
    raw = chain.geocode("Saraqib town").raw
    assert raw["name"] == "Saraqib" and "read 'Saraqib'" in raw["reason"]


def test_context_decides_tripoli(chain):
    assert chain.geocode("Tripoli", context=GeoContext(country_codes=("LBN",))).raw[
        "country_code"] == "LBN"
    assert chain.geocode("Tripoli, Lebanon").raw["country_code"] == "LBN"
    assert chain.geocode("Tripoli").raw["country_code"] == "LBY"  # the largest, no context


def test_a_container_names_the_country_a_place_must_be_in(chain):
    # "Ariha" near Idlib is the Syrian town, never Jericho.
    loc = chain.geocode("a village near Ariha in Idlib province")
    assert (loc.raw["name"], loc.raw["country_code"]) == ("Arīḩā", "SYR")
    assert loc.raw["backend"] == "container-fallback"
    assert "Ariha" in loc.raw["reason"]


def test_unknown_place_falls_back_to_the_region_it_is_in(chain):
    loc = chain.geocode("a village near Foozle in Idlib province")
    assert (loc.raw["name"], loc.raw["precision"]) == ("Idlib", 2)
    assert loc.raw["backend"] == "container-fallback"
    # placed at the region's most populous town (where an unknown place most likely is),
    # not at the region's label point; the precision still says "somewhere in the region"
    seat = chain.gazetteer.best("Idlib")
    assert (loc.latitude, loc.longitude) == (seat.latitude, seat.longitude)
    assert "seat Idlib" in loc.raw["reason"]


def test_unknown_village_in_a_district_falls_back_to_the_district_seat(chain):
    loc = chain.geocode("Umm Nir village, Ar Rastan district, Homs Governorate")
    assert (loc.raw["name"], loc.raw["precision"]) == ("Ar Rastan", 2)
    assert "'Umm Nir' not found" in loc.raw["reason"]


def test_a_place_outside_its_container_is_never_chosen(chain):
    loc = chain.geocode("Tripoli, Syria")
    assert (loc.raw["country_code"], loc.raw["precision"]) == ("SYR", 3)
    assert loc.raw["backend"] == "container-fallback"


def test_unknown_names_and_bare_descriptors_are_not_placed(chain):
    assert chain.geocode("Xyzzy") is None
    assert chain.geocode("the region") is None


def test_a_place_named_inside_an_unknown_name_places_it(chain):
    loc = chain.geocode("Beirut Port Authority")
    assert loc.raw["name"] == "Beirut" and loc.raw["backend"] == "inner-name"
    assert "'Beirut' inside it" in loc.raw["reason"]
    assert loc.raw["confidence"] < chain.geocode("Beirut").raw["confidence"]
    # a namesake outside the one country the document is about is not taken
    assert chain.geocode("Beirut Port Authority", context=SYR) is None


def test_inner_names_are_capitalised_runs_longest_first():
    from geo.geocoding.queries import inner_names

    assert inner_names("Bank of Japan") == ("Bank", "Japan")
    assert inner_names("Dubai World Cup")[:3] == ("Dubai World", "World Cup", "Dubai")
    assert inner_names("Idlib") == ()
    assert "of Japan" not in inner_names("Bank of Japan")


def test_context_regions_are_matched_through_their_aliases(chain):
    ctx = chain._context(GeoContext(country_codes=("SYR",), admin1=("Homs Governorate",)))
    assert "Ḩimş" in ctx.admin1


def test_the_context_keeps_its_places_when_its_regions_are_named_anew(chain):
    points = ((34.7, 36.7), (35.1, 36.8))
    ctx = chain.context_for(GeoContext(country_codes=("SYR",), admin1=("Homs Governorate",),
                                       near=(34.7, 36.7), points=points))
    assert "Ḩimş" in ctx.admin1 and ctx.points == points and ctx.near == (34.7, 36.7)


def test_free_text_context_finds_countries_regions_and_cities(chain):
    g = chain.gazetteer
    assert context_from_text("a story about Lebanon", g).country_codes == ("LBN",)
    assert context_from_text("Libya", g).country_codes == ("LBY",)
    ctx = context_from_text("Fighting in Idlib Governorate, Syria", g)
    assert ctx.country_codes == ("SYR",) and "Idlib" in ctx.admin1
    assert context_from_text("", g) == GeoContext()


def test_answers_are_memoised_and_exactly_one_false_lists_candidates(chain):
    first = chain.geocode("Tripoli")
    assert chain.geocode("Tripoli") is first
    many = chain.geocode("Tripoli", exactly_one=False)
    assert len(many) == 2 and {m.raw["country_code"] for m in many} == {"LBY", "LBN"}


def test_answer_value_for_the_cli(chain):
    answer = GeocodeAnswer.from_location("Idlib", chain.geocode("Idlib"))
    d = answer.to_dict()
    assert set(d) >= {"name", "latitude", "longitude", "country_code", "admin1", "precision",
                      "feature", "backend", "candidates"}
    assert d["feature"] == "P.PPL" and d["backend"] == "gazetteer"
    assert GeocodeAnswer.from_location("Xyzzy", None).to_dict()["latitude"] is None


# -- corrections ---------------------------------------------------------------------

def test_a_correction_wins_and_clears_the_memo(chain):
    before = chain.geocode("Ariha", context=SYR)
    assert before.raw["backend"] == "gazetteer"
    fix = Correction("Ariha", 35.8, 36.6, location="Ariha (Idlib)", country_code="SYR",
                     created_by="ana", note="the Syrian town")
    chain.set_corrections(CorrectionBook([fix]))
    after = chain.geocode("Ariha", context=SYR)
    assert after.raw["backend"] == "correction"
    assert (after.latitude, after.longitude) == (35.8, 36.6)
    assert "analyst correction by ana" in after.raw["reason"]
    assert chain.is_known_name("ariha")


def test_a_correction_scoped_to_a_country_applies_only_there():
    book = CorrectionBook([Correction("Tripoli", 34.4, 35.8, context_country="LBN"),
                           Correction("Tripoli", 32.9, 13.2)])
    assert book.find("Tripoli", ("LBN",)).latitude == 34.4
    assert book.find("Tripoli", ("LBY",)).latitude == 32.9


@pytest.mark.parametrize("kwargs", [
    dict(name="", latitude=1, longitude=1),
    dict(name="X", latitude=91, longitude=1),
    dict(name="X", latitude=1, longitude=1, precision=4),
    dict(name="X", latitude=1, longitude=1, country_code="SY"),
])
def test_invalid_corrections_fail_on_construction(kwargs):
    with pytest.raises(CorrectionError):
        Correction(**kwargs)


def test_corrections_are_stored_replaced_listed_and_loaded(store, monkeypatch, db_url):
    add_correction(store, Correction("Ariha", 35.0, 36.0))
    add_correction(store, Correction("Arīḩā", 35.8, 36.6, created_by="ana"))  # same folded name
    found = list_corrections(store)
    assert len(found) == 1 and found[0].latitude == 35.8 and found[0].created_at is not None
    monkeypatch.setenv("DATABASE_URL", db_url)
    book = load_corrections()  # the fast SQLite path
    assert book.find("ariha").created_by == "ana"
    assert len(load_corrections(store)) == 1


def test_applying_a_correction_moves_the_stored_events(store):
    store.upsert_events([make_event(1, location="Ariha", latitude=31.87, longitude=35.44),
                         make_event(2, location="Saraqib")])
    fix = add_correction(store, Correction("Ariha", 35.81, 36.61, admin1="Idlib",
                                           country_code="SYR", created_by="ana"))
    assert apply_correction(store, fix) == 1
    moved = {e.location: e for e in store.iter_events()}
    assert (moved["Ariha"].latitude, moved["Ariha"].geo_backend) == (35.81, "correction")
    assert moved["Saraqib"].latitude == 35.93
    decisions = geocoding_decisions(store)
    assert {d.location for d in decisions} == {"Ariha", "Saraqib"}
    assert next(d for d in decisions if d.location == "Ariha").geo_backend == "correction"


def test_corrections_csv_imports_and_names_a_bad_row(store, tmp_path):
    good = tmp_path / "corrections.csv"
    good.write_text("name,latitude,longitude,location,precision,country_code,admin1,"
                    "context_country,created_by,note\n"
                    "Ariha,35.81,36.61,Ariha,1,SYR,Idlib,,ana,town\n", encoding="utf-8")
    assert len(import_corrections_csv(store, good)) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("name,latitude,longitude\nAriha,35.8,36.6\nX,95,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 3"):
        import_corrections_csv(store, bad)
    with pytest.raises(InputError, match="missing column"):
        (tmp_path / "nocol.csv").write_text("name\nX\n", encoding="utf-8")
        import_corrections_csv(store, tmp_path / "nocol.csv")


def test_corrections_become_learned_places(gaz_path, tmp_path):
    copy = tmp_path / "gaz.sqlite"
    shutil.copyfile(gaz_path, copy)
    report = learn_corrections(copy, [Correction("Umm Nir", 34.9, 36.9, country_code="SYR",
                                                 admin1="Ḩimş")])
    assert report.added == 1
    g = OfflineGazetteer(path=copy)
    assert g.best("Umm Nir").source == "correction"
    g.close()


# -- the factory and its settings ----------------------------------------------------

def test_open_geocoder_is_the_offline_chain_by_default(gaz_path, monkeypatch, tmp_path):
    monkeypatch.delenv("CONFLICTMAP_GEOCODER", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'none.sqlite'}")
    chain = open_geocoder(gazetteer_path=gaz_path)
    assert chain.online is None and chain.cache is None
    assert chain.geocode("Idlib").raw["backend"] == "gazetteer"
    assert not (tmp_path / "none.sqlite").exists()  # geocoding creates no database
    chain.close()


def test_settings_come_from_the_environment_and_misuse_fails_early(gaz_path):
    cfg = settings.geocoder_settings({"CONFLICTMAP_GEOCODER": "Nominatim",
                                      "CONFLICTMAP_GEOCODER_TIMEOUT": "2.5",
                                      "CONFLICTMAP_GEOCODER_MIN_DELAY": "0"})
    assert (cfg.online, cfg.timeout, cfg.min_delay) == ("nominatim", 2.5, 0.0)
    assert settings.geocoder_settings({}).online is None
    assert settings.geocoder_settings({"CONFLICTMAP_GEOCODER": "off"}).online is None
    with pytest.raises(ValueError):
        settings.geocoder_settings({"CONFLICTMAP_GEOCODER_TIMEOUT": "soon"})
    with pytest.raises(GeocoderConfigError):
        open_geocoder(gazetteer_path=gaz_path,
                      config=settings.GeocoderSettings(online="no-such-service"))
