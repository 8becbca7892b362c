"""Your own tiles as PMTiles: the reader, the backend choice, the 127.0.0.1 server
(raster images and gzip vector tiles) and the map's base layer."""

from __future__ import annotations

import gzip
import io
import re
import urllib.error
import urllib.request

import pandas as pd
import pytest
from PIL import Image
from pmtiles.tile import zxy_to_tileid

from geo.map.builder import build_map, map_payload
from geo.map.mbtiles import MBTiles
from geo.map.pmtiles import PMTiles
from geo.map.tile_files import backend_for, open_tile_file
from geo.map.tile_server import TileServer, close_all, configured_tiles
from geo.map.tileset import TileFileError, is_gzip
from geo.record import FIELDS
from tests.tilefixture import EARTH, WATER, land_and_lake, make_mbtiles, make_pmtiles, tile_colour

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def colour_of(data: bytes) -> tuple[int, int, int]:
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((128, 128))


@pytest.fixture
def raster(tmp_path):
    return make_pmtiles(tmp_path / "region.pmtiles", skip=(2, 3, 0))


@pytest.fixture
def vector(tmp_path):
    return make_pmtiles(tmp_path / "extract.pmtiles", kind="vector")


@pytest.fixture(autouse=True)
def _stop_servers():
    yield
    close_all()


# -- the reader ------------------------------------------------------------------

def test_raster_reader_answers_each_tile_by_xyz(raster):
    source = PMTiles(raster)
    for z, x, y in [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 0, 1), (2, 3, 1), (2, 1, 3), (2, 0, 2)]:
        assert colour_of(source.tile(z, x, y)) == tile_colour(z, x, y), (z, x, y)


def test_raster_reader_returns_none_for_missing_or_impossible_tiles(raster):
    source = PMTiles(raster)
    assert source.tile(2, 3, 0) is None  # left out of the file
    assert source.tile(3, 0, 0) is None  # beyond its zooms
    assert source.tile(1, 2, 0) is None and source.tile(1, 0, -1) is None


def test_reader_reads_header_and_metadata(raster, vector):
    info = PMTiles(raster).info
    assert (info.name, info.format, info.kind, info.container) == \
        ("Test region", "png", "raster", "PMTiles")
    assert (info.min_zoom, info.max_zoom) == (0, 2)
    assert info.bounds == (-180.0, -85.0, 180.0, 85.0)
    assert "Test Tiles" in info.attribution
    assert info.label == "Local tiles (region.pmtiles)"
    source = PMTiles(vector)
    assert (source.info.format, source.info.kind, source.info.media_type) == \
        ("mvt", "vector", "application/vnd.mapbox-vector-tile")
    assert source.vector_layers == (EARTH, WATER)


def test_vector_tiles_come_as_stored_gzip(vector, tmp_path):
    data = PMTiles(vector).tile(1, 1, 0)
    assert is_gzip(data)
    body = gzip.decompress(data)
    assert EARTH.encode() in body and WATER.encode() in body
    plain = make_pmtiles(tmp_path / "plain.pmtiles", kind="vector", gzip_tiles=False)
    assert not is_gzip(PMTiles(plain).tile(1, 1, 0))


def test_broken_or_missing_pmtiles_are_named_errors(tmp_path):
    with pytest.raises(TileFileError, match="nowhere.pmtiles: no such file"):
        open_tile_file(tmp_path / "nowhere.pmtiles")
    bad = tmp_path / "notes.pmtiles"
    bad.write_text("not a tile archive\n" * 20)
    with pytest.raises(TileFileError, match="notes.pmtiles: not a PMTiles file"):
        open_tile_file(bad)
    empty = tmp_path / "empty.pmtiles"
    empty.write_bytes(b"")
    with pytest.raises(TileFileError, match="empty.pmtiles: not a PMTiles file"):
        open_tile_file(empty)


def test_backend_is_chosen_by_content_then_suffix(raster, tmp_path):
    assert backend_for(b"PMTiles\x03", ".mbtiles") is PMTiles
    assert backend_for(b"SQLite format 3\x00", ".pmtiles") is MBTiles
    assert backend_for(b"junk", ".PMTiles") is PMTiles
    assert backend_for(b"junk", ".tiles") is MBTiles
    # a PMTiles file with an MBTiles name still opens as what it is
    misnamed = tmp_path / "region.mbtiles"
    misnamed.write_bytes(raster.read_bytes())
    assert isinstance(open_tile_file(misnamed), PMTiles)
    assert isinstance(open_tile_file(make_mbtiles(tmp_path / "r2.mbtiles")), MBTiles)


def test_vector_mbtiles_open_as_vector(tmp_path):
    source = open_tile_file(make_mbtiles(tmp_path / "vector.mbtiles", max_zoom=0, fmt="pbf"))
    assert (source.info.format, source.info.kind) == ("mvt", "vector")


# -- the server ----------------------------------------------------------------

def test_server_serves_raster_pmtiles_on_localhost(raster):
    server = TileServer(open_tile_file(raster))
    try:
        url = server.url
        assert url.startswith("http://127.0.0.1:") and url.endswith("/{z}/{x}/{y}.png")
        with NO_PROXY.open(url.format(z=2, x=1, y=3), timeout=5) as response:
            assert response.headers["Content-Type"] == "image/png"
            assert response.headers["Content-Encoding"] is None
            assert colour_of(response.read()) == tile_colour(2, 1, 3)
        with pytest.raises(urllib.error.HTTPError) as err:
            NO_PROXY.open(url.format(z=2, x=3, y=0), timeout=5)
        assert err.value.code == 404
    finally:
        server.close()


def test_server_sends_vector_tiles_gzip_encoded(vector):
    server = TileServer(open_tile_file(vector))
    try:
        url = server.url
        assert url.endswith("/{z}/{x}/{y}.mvt")
        with NO_PROXY.open(url.format(z=2, x=2, y=1), timeout=5) as response:
            assert response.headers["Content-Type"] == "application/vnd.mapbox-vector-tile"
            assert response.headers["Content-Encoding"] == "gzip"
            # the tile the fixture wrote for 2/2/1 (its feature ids follow the tile id)
            assert gzip.decompress(response.read()) == \
                land_and_lake(first_id=2 * zxy_to_tileid(2, 2, 1) + 1)
    finally:
        server.close()


# -- the map -------------------------------------------------------------------

def empty_events() -> pd.DataFrame:
    return pd.DataFrame(columns=list(FIELDS))


def test_raster_pmtiles_become_the_default_tile_layer(raster):
    own = configured_tiles({"CONFLICTMAP_TILES": str(raster)})
    html = map_payload(build_map(empty_events(), local_tiles=own))
    assert own.url in html and '"Local tiles (region.pmtiles)"' in html
    assert "L.tileLayer(" in html.split(own.url)[0].rsplit("var ", 1)[1]
    assert "protomaps-leaflet" not in html


def test_vector_pmtiles_are_drawn_by_protomaps_leaflet_from_the_local_server(vector):
    own = configured_tiles({"CONFLICTMAP_TILES": str(vector)})
    html = map_payload(build_map(empty_events(), local_tiles=own))
    assert own.url.endswith(".mvt") and own.url in html
    assert "/app/static/protomaps-leaflet/protomaps-leaflet.js" in html
    assert "protomapsL.leafletLayer(" in html and '"places"' in html  # its place labels left out
    assert '"Local tiles (extract.pmtiles)"' in html
    # the vector layer is the base layer shown; OpenStreetMap offered, not added
    var = re.search(r"var (vector_tiles_\w+) = \(function", html).group(1)
    assert f"{var}.addTo(" in html
    osm_var = html.split("https://tile.openstreetmap.org")[0].rsplit("var ", 1)[1].split(" ")[0]
    assert f"{osm_var}.addTo(" not in html
    assert "\\u00a9 Test Tiles contributors" in html or "© Test Tiles contributors" in html
    assert "example.org" not in html
