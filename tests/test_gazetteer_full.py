"""The names the product must resolve, against the full built gazetteer.

Needs ``data/gazetteer.sqlite`` (``python -m geo gazetteer build``, ~30 s); skipped
with that hint when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer.rank import GeoContext

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
        ("Tigray", "ETH", 2, (13.70, 39.08)),
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
    assert best.latitude == pytest.approx(near[0], abs=0.3)
    assert best.longitude == pytest.approx(near[1], abs=0.3)


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
    assert gaz.meta["schema_version"] == "1"
    assert gaz.country_for_code("SYR").name == "Syria"
    assert gaz.admin1_place("SYR", "Idlib").precision == 2
    assert gaz.reverse("35.93, 36.63").raw["name"] == "Idlib"
