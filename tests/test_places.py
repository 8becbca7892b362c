"""The geoparser (``python -m geo places``): mentions with offsets, places and reasons.

A small real gazetteer built here (US towns with namesakes in two states, a town
named like a frequent word, one named like an acronym, one like a surname) and short
texts written for these tests.
"""

from __future__ import annotations

import json

import pytest

from geo.extract import extract_events
from geo.extract.geoparser import geoparse, geoparse_text
from geo.gazetteer import OfflineGazetteer
from geo.gazetteer.build import build_gazetteer
from geo.gazetteer.sources import PlaceRow, Sources
from tests.geofixture import run  # noqa: F401  (the command line on this file's gazetteer)
from geo.geocoding.chain import GeocoderChain

KEYS = {"start", "end", "text", "name", "latitude", "longitude", "country_code", "admin1",
        "precision", "feature", "geonameid", "confidence", "reason", "candidates", "role"}


def _country(name, cc2, cc3, lat, lon, *aliases):
    return PlaceRow(name=name, precision=3, country_code2=cc2, country_code3=cc3, latitude=lat,
                    longitude=lon, alternate_names=aliases, population=5_000_000,
                    feature_class="A", feature_code="PCLI", source="test")


def _region(name, cc2, code, *aliases):
    return PlaceRow(name=name, precision=2, country_code2=cc2, admin1_code=code,
                    alternate_names=aliases, feature_class="A", feature_code="ADM1",
                    source="test")


def _town(name, cc2, code, lat, lon, pop, gid):
    return PlaceRow(name=name, precision=1, country_code2=cc2, admin1_code=code, latitude=lat,
                    longitude=lon, population=pop, geonameid=gid, feature_code="PPL",
                    source="test")


SOURCES = Sources(
    places=(
        _country("United States", "US", "USA", 39.8, -98.6, "US", "America"),
        _country("Syria", "SY", "SYR", 35.0, 38.0),
        _country("Kazakhstan", "KZ", "KAZ", 48.0, 68.0),
        _country("Japan", "JP", "JPN", 36.0, 138.0),
        _region("West Virginia", "US", "WV"),
        _region("South Carolina", "US", "SC"),
        _region("Illinois", "US", "IL"),
        _region("Missouri", "US", "MO"),
        _region("Texas", "US", "TX"),
        _region("Idlib", "SY", "12", "Idlib Governorate"),
        _region("Hokkaido", "JP", "12"),
        _region("Astana", "KZ", "05"),
        _town("Charleston", "US", "WV", 38.35, -81.63, 46_536, 4801859),
        _town("Charleston", "US", "SC", 32.78, -79.93, 150_227, 4574324),
        _town("Springfield", "US", "IL", 39.80, -89.64, 114_230, 4250542),
        _town("Springfield", "US", "MO", 37.22, -93.30, 169_176, 4409896),
        _town("Austin", "US", "TX", 30.27, -97.74, 961_855, 4671654),
        _town("Date", "JP", "12", 42.47, 140.87, 35_000, 2130188),
        _town("Sana", "US", "TX", 30.0, -95.0, 2_000, 9000001),
        _town("Bell", "US", "TX", 31.0, -97.0, 36_000, 9000002),
        _town("Idlib", "SY", "12", 35.93, 36.63, 128_840, 169389),
        _town("Astana", "KZ", "05", 51.18, 71.45, 1_136_008, 1526273),
        _town("Shibecha", "JP", "12", 43.30, 144.60, 5_000, 2128025),
        _town("Shibecha", "KZ", "05", 50.0, 70.0, 4_000, 9000003),
    ),
    versions={"test": "1"},
)


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    build_gazetteer(path, sources=SOURCES)
    return path


@pytest.fixture(scope="module")
def geocoder(gaz_path):
    chain = GeocoderChain(OfflineGazetteer(path=gaz_path))
    yield chain
    chain.close()


def placed(text, geocoder):
    return [m for m in geoparse_text(text, geocoder) if m.placed]


def test_offsets_are_indices_into_the_given_text(geocoder):
    text = "\n“Erdoğan’s men”, he said — then fighting in Idlib and near Austin, Texas."
    found = geoparse_text(text, geocoder)
    assert found, "no mention found"
    for m in found:
        assert text[m.start:m.end] == m.text
    assert [m.text for m in found] == ["Idlib", "Austin", "Texas"]
    assert text.index("Idlib") == found[0].start


def test_non_locative_uses_are_marked_and_left_unplaced(geocoder):
    found = geoparse_text("Delegates backed the Astana process. Later they met in Astana.",
                          geocoder)
    process, city = found
    assert (process.role, process.latitude, process.name) == ("non-locative", None, None)
    assert "names a thing" in process.reason
    assert city.role == "locative" and city.country_code == "KAZ"


def test_dateline_with_a_state_abbreviation_places_the_town_in_that_state(geocoder):
    found = placed("CHARLESTON, W.Va. -- The mayor opened a bridge on Monday.", geocoder)
    town, state = found[:2]
    assert (town.text, town.admin1) == ("CHARLESTON", "West Virginia")
    assert (state.text, state.name, state.precision) == ("W.Va.", "West Virginia", 2)


def test_town_comma_state_is_looked_up_inside_the_state(geocoder):
    found = placed("The plant in Springfield, Ill. closed.", geocoder)
    assert [(m.text, m.admin1) for m in found] == [("Springfield", "Illinois"),
                                                   ("Ill.", "Illinois")]
    # without the state, the more populous namesake in Missouri is the answer
    assert placed("The plant in Springfield closed.", geocoder)[0].admin1 == "Missouri"


def test_a_frequent_word_needs_locative_evidence(geocoder):
    assert placed("Date of publication: 3 May.", geocoder) == []
    found = placed("The delegation arrived in Date on Hokkaido's coast.", geocoder)
    assert found[0].text == "Date" and found[0].country_code == "JPN"


def test_acronyms_and_people_are_not_places(geocoder):
    assert [m.text for m in placed("SANA reported that US troops arrived.", geocoder)] == ["US"]
    text = "Tom Bell runs the shop. Bell said sales were good. Sen. Bell agreed."
    assert placed(text, geocoder) == []


def test_a_place_inside_an_organisation_name_is_still_named(geocoder):
    found = placed("The Texas Department of Transportation closed the road.", geocoder)
    assert [(m.text, m.precision) for m in found] == [("Texas", 2)]
    assert "in the name" in found[0].reason


def test_demonyms_name_their_country(geocoder):
    found = placed("Syrian forces shelled the town.", geocoder)
    assert [(m.text, m.country_code, m.precision) for m in found] == [("Syrian", "SYR", 3)]


def test_extract_uses_the_same_engine(geocoder):
    from geo.articles import article_from_text

    art = article_from_text("Government forces shelled Idlib on Monday, killing three people.",
                            metadata={"published": "2020-02-29"})
    events = extract_events(art, geocoder)
    names = {(m.name, m.latitude) for m in geoparse(art, geocoder) if m.placed}
    assert events and all((e.location, e.latitude) in names for e in events)


def test_places_of_a_file_prints_every_field(run, tmp_path):
    path = tmp_path / "a.txt"
    text = "Clashes in Idlib\n\nFighting went on in Idlib, the monitor said.\n"
    path.write_text(text, encoding="utf-8")
    result = run("places", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["doc_id"] == str(path)
    assert data["mentions"] and all(KEYS <= set(m) for m in data["mentions"])
    for m in data["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]  # offsets into the file as read


def test_batch_answers_in_input_order_and_names_bad_lines(run, tmp_path):
    batch = tmp_path / "docs.jsonl"
    lines = [json.dumps({"doc_id": "b", "text": "Shelling hit Idlib."}),
             "{not json",
             json.dumps({"doc_id": "a", "text": "Talks in Astana.", "published": "2020-01-02"}),
             "",
             json.dumps({"doc_id": "c", "title": "no text"}),
             json.dumps({"doc_id": "d", "text": "Rain in Austin.", "published": "May 3"})]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("places", "--batch", batch, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert f"{batch}, line 2: not JSON" in result.stderr
    assert [d["doc_id"] for d in data] == ["b", None, "a", None, "d"]
    assert [m["name"] for m in data[0]["mentions"]] == ["Idlib"]
    assert data[2]["mentions"][0]["country_code"] == "KAZ"
    assert data[4]["mentions"][0]["name"] == "Austin"  # a bad optional date: read without
    assert f"{batch}, line 2: not JSON" in data[1]["error"]
    assert f"{batch}, line 5: no 'text'" in data[3]["error"]


def test_batch_with_no_readable_line_fails(run, tmp_path):
    batch = tmp_path / "bad.jsonl"
    batch.write_text("[1, 2]\n", encoding="utf-8")
    result = run("places", "--batch", batch, "--json")
    assert result.exit_code == 1
    assert f"{batch}, line 1: expected a JSON object" in result.output


def test_names_joined_by_a_hyphen_are_each_found(geocoder):
    found = placed("Flooding hit Austin-Springfield roads and Syrian-US relations.", geocoder)
    assert [m.text for m in found] == ["Austin", "Springfield", "Syrian", "US"]


def test_a_country_named_like_a_state_of_the_story_is_that_state(gaz_path, tmp_path):
    sources = Sources(places=SOURCES.places + (
        _country("Georgia", "GE", "GEO", 42.0, 43.5),
        _region("Georgia", "US", "GA"),
        _town("Atlanta", "US", "GA", 33.75, -84.39, 498_715, 4180439),
        _town("Atlanta", "US", "TX", 33.11, -94.16, 5_605, 4671100)), versions={"test": "2"})
    path = tmp_path / "gaz.sqlite"
    build_gazetteer(path, sources=sources)
    chain = GeocoderChain(OfflineGazetteer(path=path))
    try:
        found = placed("Rain fell in Atlanta, Texas and across north Georgia.", chain)
        assert [(m.text, m.admin1 or m.name, m.country_code) for m in found] == [
            ("Atlanta", "Texas", "USA"), ("Texas", "Texas", "USA"), ("Georgia", "Georgia", "USA")]
        assert placed("Tbilisi lies in Georgia.", chain)[-1].country_code == "GEO"
    finally:
        chain.close()


def test_handles_and_photo_credits_are_not_places(geocoder):
    text = "Follow @Austin for news. (Photo: Idlib Images/Getty) #Idlib"
    assert placed(text, geocoder) == []
    assert [m.text for m in placed("Rain fell on Austin today.", geocoder)] == ["Austin"]


def test_an_agency_in_brackets_is_no_place(geocoder):
    found = placed("(CNN) — Storms hit Austin on Monday.", geocoder)
    assert [m.text for m in found] == ["Austin"]


def test_a_name_after_a_first_name_and_initial_is_a_person(geocoder):
    assert placed("Police said Tom J. Bell fled. Officers chased Bell.", geocoder) == []


def test_a_bare_name_read_only_outside_the_story_country_is_no_stand_in_place(geocoder):
    # a US story: "Shibecha" has weak readings only in Japan and Kazakhstan, and nothing says it is a place here
    text = "Floods hit the United States on Monday: homes in Austin, Texas. Shibecha had signed the contract."
    found = {m.text: m for m in geoparse_text(text, geocoder)}
    assert found["Austin"].placed and found["Austin"].admin1 == "Texas"
    assert "Shibecha" not in {m.text for m in placed(text, geocoder)}


FILLER = " The council met again on Tuesday and the vote was put off for a week." * 6


def test_each_mention_is_read_with_the_regions_named_around_it(geocoder, monkeypatch):
    text = ("Miners from all over West Virginia gathered in Charleston for the fair." + FILLER +
            "Later the tour moved on to Charleston, where the South Carolina crowd was larger.")
    found = [(m.text, m.admin1) for m in placed(text, geocoder)]
    assert ("Charleston", "West Virginia") in found and ("Charleston", "South Carolina") in found
    # read with the document's context alone, both are the same namesake
    import geo.extract.geoparser as geoparser
    monkeypatch.setattr(geoparser, "_window_resolvers", lambda t, x, g, r: (lambda m: r))
    alone = {m.admin1 for m in placed(text, geocoder) if m.text == "Charleston"}
    assert len(alone) == 1


def test_a_country_abbreviation_in_a_currency_is_no_place(geocoder):
    found = geoparse_text("The donors pledged US$42 million. US troops stayed in Idlib.", geocoder)
    currency = [m for m in found if m.start == 19]
    assert currency and currency[0].role == "non-locative" and currency[0].latitude is None
    assert "currency" in currency[0].reason
    assert [m.text for m in found if m.placed] == ["US", "Idlib"]  # the troops' US is placed


def test_a_place_name_naming_a_disease_is_no_place(geocoder):
    found = geoparse_text("Doctors feared the Springfield virus more than the Texas flu. "
                          "Cases rose in Springfield.", geocoder)
    assert [(m.text, m.role) for m in found][:2] == [("Springfield", "non-locative"),
                                                    ("Texas", "non-locative")]
    assert "names a disease" in found[0].reason
    assert [m.text for m in found if m.placed] == ["Springfield"]
