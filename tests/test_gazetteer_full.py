"""The names the product must resolve, against the full built gazetteer.

Needs ``data/gazetteer.sqlite`` (``python -m geo gazetteer build``, ~30 s); skipped
with that hint when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer.rank import GeoContext, distance_km

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.sqlite"

pytestmark = [
    pytest.mark.gazetteer,
    pytest.mark.skipif(
        not GAZETTEER.is_file(),
        reason=f"{GAZETTEER} not built: run `python -m geo gazetteer build` first",
    ),
]


@pytest.fixture(scope="module")
def gaz():
    from geo.gazetteer.geocoder import OfflineGazetteer

    g = OfflineGazetteer(path=GAZETTEER)
    yield g
    g.close()


@pytest.mark.parametrize(
    "name, country, precision, near",
    [
        ("Syria", "SYR", 3, (35.0, 38.0)),
        ("Idlib", "SYR", 1, (35.93, 36.63)),
        ("Idlib province", "SYR", 2, (35.87, 36.61)),
        ("Idlib Governorate", "SYR", 2, (35.87, 36.61)),
        ("Ma'arrat al-Nu'man", "SYR", 1, (35.65, 36.68)),
        ("Maarat al-Numan", "SYR", 1, (35.65, 36.68)),
        ("Kiev", "UKR", 1, (50.45, 30.52)),
        ("Kyiv", "UKR", 1, (50.45, 30.52)),
        ("Hodeidah", "YEM", 1, (14.80, 42.95)),
        ("Kafr Nabl", "SYR", 1, (35.61, 36.56)),
        ("Kobani", "SYR", 1, (36.89, 38.35)),
        ("Tehran", "IRN", 1, (35.69, 51.42)),
        ("Tigray", "ETH", 2, (14.0, 38.8)),
        ("Donetsk oblast", "UKR", 2, (48.0, 37.8)),
        ("Turkey", "TUR", 3, (39.0, 35.0)),
        ("Russia", "RUS", 3, (60.0, 100.0)),
        ("U.S.", "USA", 3, (39.76, -98.5)),
    ],
)
def test_names_from_the_brief_resolve(gaz, name, country, precision, near):
    best = gaz.best(name)
    assert best is not None, name
    assert (best.country_code, best.precision) == (country, precision), best
    # within 161 km (the acc@161 scoring distance) of the conventional (GeoNames) point
    assert distance_km(best.latitude, best.longitude, *near) <= 161, best


@pytest.mark.parametrize(
    "demonym, place, feature",
    [("African", "Africa", "CONT"), ("Europeans", "Europe", "CONT"), ("Texan", "Texas", "ADM1"),
     ("Siberian", "Siberia", "RGN"), ("Korean", "South Korea", "PCLI"),
     ("Saint Lucian", "Saint Lucia", "PCLI")],
)
def test_area_and_small_country_demonyms_name_their_area(gaz, demonym, place, feature):
    best = gaz.best(demonym)
    assert (best.name, best.feature_code) == (place, feature)
    assert not gaz.is_known_name(demonym.lower())  # a demonym, not a name to tag
    assert gaz.is_known_name(demonym.lower(), demonyms=True)


def test_former_states_keep_their_names_without_a_country(gaz):
    best = gaz.best("Soviet Union")
    assert (best.feature_code, best.precision, best.country_code) == ("PCLH", 3, None)
    assert gaz.best("USSR").name == "Soviet Union"
    assert gaz.best("FATA").country_code == "PAK"


@pytest.mark.parametrize(
    "context, country",
    [(GeoContext(country_codes=("LBN",)), "LBN"), (GeoContext(country_codes=("LBY",)), "LBY"), (None, "LBY")],
)
def test_tripoli_follows_context(gaz, context, country):
    assert gaz.best("Tripoli", context=context).country_code == country


def test_goma_in_dr_congo(gaz):
    best = gaz.best("Goma", context=GeoContext(country_codes=("COD",)))
    assert (best.country_code, best.precision) == ("COD", 1)


def test_the_full_gazetteer_holds_every_kind_of_place(gaz):
    assert gaz.meta["schema_version"] == "2"
    assert gaz.country_for_code("SYR").name == "Syria"
    assert gaz.admin1_place("SYR", "Idlib").precision == 2
    assert gaz.reverse("35.93, 36.63").raw["name"] == "Idlib"


@pytest.mark.parametrize(
    "name, point",
    [("Queensland", (-20.0, 145.0)), ("Texas", (31.25, -99.25)), ("Austria", (47.33, 13.33)),
     ("Russia", (60.0, 100.0)), ("Canada", (60.1, -113.6)), ("Illinois", (40.0, -89.25))],
)
def test_regions_and_countries_sit_at_their_conventional_point(gaz, name, point):
    best = gaz.best(name)
    assert best.precision >= 2, best
    assert distance_km(best.latitude, best.longitude, *point) <= 161, best


@pytest.mark.parametrize(
    "name, expected, code",
    [("W.Va.", "West Virginia", "ADM1"), ("Ky.", "Kentucky", "ADM1"), ("NSW", "New South Wales", "ADM1"),
     ("B.C.", "British Columbia", "ADM1"), ("EU", "European Union", "RGN"), ("U.K.", "United Kingdom", "PCLI"),
     ("Russian", "Russia", "PCLI"), ("Sri Lankans", "Sri Lanka", "PCLI"), ("Europe", "Europe", "CONT"),
     ("Laurel County", "Laurel County", "ADM2"), ("Indian Ocean", "Indian Ocean", "OCN")],
)
def test_abbreviations_demonyms_counties_and_features_are_names(gaz, name, expected, code):
    best = gaz.best(name)
    assert best is not None, name
    assert (best.name, best.feature_code) == (expected, code), best
    assert best.source  # every entry says where it came from


# -- the learned ranker's decisions (data/ranker.json), pinned ---------------------------

@pytest.mark.parametrize(
    "name, context, country, code",
    [
        ("Georgia", GeoContext(country_codes=("USA",)), "USA", "ADM1"),  # the state in a US story
        ("Minnesota", None, "USA", "ADM1"),  # not the town Minneota (an alternate name of it)
        ("Florida", None, "USA", "ADM1"),
        ("Idlib", None, "SYR", "PPL"),  # the bare name means the town of its namesake region
        ("Tripoli", GeoContext(country_codes=("LBN",)), "LBN", "PPL"),
        ("Athens", GeoContext(country_codes=("GRC",)), "GRC", "PPLC"),
        ("Santiago", GeoContext(country_codes=("CHL",)), "CHL", "PPLC"),
    ],
)
def test_the_learned_ranker_decides_as_an_expert_would(gaz, name, context, country, code):
    assert gaz.model is not None, "data/ranker.json is missing: python -m bench.train_ranker"
    best = gaz.best(name, context=context)
    assert (best.country_code, best.feature_code) == (country, code), best
    assert best.reason and best.reason != "lower score"


def test_confidence_is_higher_for_a_decided_name_than_for_an_open_one(gaz):
    decided = gaz.best("Huntsville", context=GeoContext(country_codes=("USA",), admin1=("Texas",)))
    open_ = gaz.best("Springfield")
    assert decided.admin1 == "Texas"
    assert 0.0 <= open_.confidence < decided.confidence <= 1.0


def test_the_mention_does_not_confirm_its_own_namesake(gaz):
    from geo.geocoding.context import context_from_text

    ctx = context_from_text("Huntsville, Texas", gaz, mention="Huntsville")
    assert "Texas" in ctx.admin1 and ctx.near is None  # Huntsville, Alabama is not the context
    assert gaz.best("Huntsville", context=ctx).admin1 == "Texas"


def test_a_myanmar_town_from_the_village_table_beats_its_namesake_abroad(gaz):
    """Muse with "Shan State, Myanmar": once the gazetteer's fallback to Shan State, now
    the town itself (the MIMU table), never Muse, Pennsylvania."""
    from geo.geocoding.chain import GeocoderChain

    loc = GeocoderChain(gaz).geocode(
        "Muse", context=GeoContext(country_codes=("MMR",), admin1=("Shan State",)))
    assert (loc.raw["country_code"], loc.raw["precision"]) == ("MMR", 1), loc.raw


@pytest.mark.parametrize(
    "name, context, expected, precision",
    [
        ("Nawa", GeoContext(country_codes=("AFG",), admin1=("Helmand",)), "AFG", 2),
        ("Adra", GeoContext(country_codes=("SYR",)), "SYR", 3),
    ],
)
def test_an_unknown_name_goes_to_the_context_region_never_to_a_namesake_elsewhere(
        gaz, name, context, expected, precision):
    from geo.geocoding.chain import GeocoderChain

    loc = GeocoderChain(gaz).geocode(name, context=context)
    assert (loc.raw["country_code"], loc.raw["precision"]) == (expected, precision), loc.raw
    assert loc.raw["backend"] == "context-fallback"
    assert "set aside" in loc.raw["reason"]
    assert loc.raw["confidence"] <= 0.4


def test_a_capital_elsewhere_still_stands_in_a_story_about_another_country(gaz):
    from geo.geocoding.chain import GeocoderChain

    loc = GeocoderChain(gaz).geocode("Paris", context=GeoContext(country_codes=("SYR",)))
    assert loc.raw["country_code"] == "FRA" and loc.raw["backend"] == "gazetteer"


def test_demonyms_answer_the_country_but_are_known_names_only_when_asked(gaz):
    from geo.gazetteer.fold import fold_name

    assert gaz.best("Russian").country_code == "RUS"
    assert not gaz.is_known_name(fold_name("Russian"))  # a mention finder opts in
    assert gaz.is_known_name(fold_name("Russian"), demonyms=True)
    assert gaz.is_known_name(fold_name("Russia"))


def test_a_name_the_gazetteer_lacks_goes_to_the_known_context_region(gaz):
    from geo.geocoding.chain import GeocoderChain

    chain = GeocoderChain(gaz)
    loc = chain.geocode("Qwzxville", context=GeoContext(country_codes=("MMR",), admin1=("Shan State",)))
    assert (loc.raw["country_code"], loc.raw["precision"], loc.raw["backend"]) == ("MMR", 2, "context-fallback")
    assert "not in the gazetteer" in loc.raw["reason"]
    assert chain.geocode("Qwzxville", context=GeoContext(country_codes=("MMR",))) is None


@pytest.mark.parametrize(
    "name, country, near",
    [("Dagestan", "RUS", (42.98, 47.5)), ("Tatarstan", "RUS", (55.8, 49.1)),
     ("Comunidad de Madrid", "ESP", (40.4, -3.7))],
)
def test_regions_named_in_inverted_form_resolve_by_their_own_name(gaz, name, country, near):
    best = gaz.best(name)
    assert best is not None, name
    assert (best.country_code, best.precision) == (country, 2), best
    assert distance_km(best.latitude, best.longitude, *near) <= 300, best


def test_a_bare_county_name_that_is_also_a_town_means_the_town(gaz):
    """"Oakland" alone: the city, not Oakland County (matched only by its bare name) —
    unless the county lies in a region the document names."""
    usa = GeoContext(country_codes=("USA",))
    best = gaz.best("Oakland", context=usa)
    assert (best.precision, best.feature_code != "ADM2") == (1, True), best
    in_michigan = gaz.best("Oakland", context=GeoContext(country_codes=("USA",), admin1=("Michigan",)))
    assert in_michigan.admin1 == "Michigan"


def test_a_suffixed_mention_is_not_confirmed_by_its_own_bare_name(gaz):
    from geo.geocoding.context import context_from_text

    ctx = context_from_text("The walk in DeKalb County starts in Hopkins Park in DeKalb.", gaz,
                            mention="DeKalb County")
    assert "Georgia" not in ctx.admin1  # DeKalb alone would read as DeKalb County, Georgia


def test_washington_alone_is_the_capital_and_the_state_when_its_places_are_named(gaz):
    best = gaz.best("Washington", context=GeoContext(country_codes=("USA",)))
    assert best.feature_code == "PPLC", best
    seattle = gaz.best("Seattle")
    state = gaz.best("Washington", context=GeoContext(
        country_codes=("USA",), near=(seattle.latitude, seattle.longitude),
        points=((seattle.latitude, seattle.longitude),)))
    assert state.feature_code == "ADM1", state


def test_a_sizeable_town_stands_outside_a_country_named_in_passing(gaz):
    """With only a country in the context and no region, a town of 50,000 keeps its own
    reading ("Oxford" in a story that names Japan); a small one ("Adra" beside Syria)
    still goes to the document's country."""
    from geo.geocoding.chain import GeocoderChain

    chain = GeocoderChain(gaz)
    oxford = chain.geocode("Oxford", context=GeoContext(country_codes=("JPN",)))
    assert oxford.raw["country_code"] == "GBR", oxford.raw
    adra = chain.geocode("Adra", context=GeoContext(country_codes=("SYR",)))
    assert adra.raw["country_code"] == "SYR", adra.raw
