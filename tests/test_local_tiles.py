"""Your own tiles: the MBTiles reader, its 127.0.0.1 server, the map's base layer."""

from __future__ import annotations

import io
import sqlite3
import urllib.error
import urllib.request

import pandas as pd
import pytest
from PIL import Image

from geo.errors import ConflictMapError
from geo.map.builder import build_map, map_payload
from geo.map.mbtiles import MBTiles, TileFileError, tms_row
from geo.map.tile_server import TileServer, close_all, configured_tiles
from geo.record import FIELDS
from geo.settings import tiles_path
from tests.tilefixture import make_mbtiles, tile_colour

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def colour_of(data: bytes) -> tuple[int, int, int]:
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((128, 128))


@pytest.fixture
def tiles_file(tmp_path):
    return make_mbtiles(tmp_path / "region.mbtiles", skip=(2, 3, 0))


@pytest.fixture(autouse=True)
def _stop_servers():
    yield
    close_all()


def empty_events() -> pd.DataFrame:
    return pd.DataFrame(columns=list(FIELDS))


# -- the reader ------------------------------------------------------------------

def test_tms_row_flips_rows_from_the_south():
    assert tms_row(0, 0) == 0
    assert tms_row(1, 0) == 1 and tms_row(1, 1) == 0
    assert tms_row(3, 2) == 5
    assert tms_row(3, tms_row(3, 6)) == 6


def test_reader_answers_xyz_tiles_from_tms_rows(tiles_file):
    source = MBTiles(tiles_file)
    for z, x, y in [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 0, 1), (2, 3, 1), (2, 1, 3)]:
        assert colour_of(source.tile(z, x, y)) == tile_colour(z, x, y), (z, x, y)
    # the north-west tile at zoom 1 is the file's row 1 (rows counted from the south)
    raw = sqlite3.connect(tiles_file).execute(
        "SELECT tile_data FROM tiles WHERE zoom_level=1 AND tile_column=0 AND tile_row=1"
    ).fetchone()[0]
    assert source.tile(1, 0, 0) == raw


def test_reader_returns_none_for_missing_or_impossible_tiles(tiles_file):
    source = MBTiles(tiles_file)
    assert source.tile(2, 3, 0) is None  # left out of the file
    assert source.tile(3, 0, 0) is None  # beyond its zooms
    assert source.tile(1, 2, 0) is None and source.tile(1, 0, -1) is None


def test_reader_reads_metadata(tiles_file):
    info = MBTiles(tiles_file).info
    assert (info.name, info.format, info.min_zoom, info.max_zoom) == ("Test region", "png", 0, 2)
    assert info.bounds == (-180.0, -85.0, 180.0, 85.0)
    assert "Test Tiles" in info.attribution
    assert info.label == "Local tiles (region.mbtiles)"


def test_missing_file_is_a_named_error(tmp_path):
    with pytest.raises(TileFileError, match="nowhere.mbtiles: no such file"):
        MBTiles(tmp_path / "nowhere.mbtiles")


def test_a_file_that_is_not_mbtiles_is_a_named_error(tmp_path):
    bad = tmp_path / "notes.mbtiles"
    bad.write_text("this is not SQLite\n" * 50)
    with pytest.raises(TileFileError, match="notes.mbtiles: not an MBTiles file") as err:
        MBTiles(bad)
    assert isinstance(err.value, ConflictMapError)
    other = tmp_path / "other.mbtiles"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(TileFileError, match="other.mbtiles: not an MBTiles file"):
        MBTiles(other)


def test_unknown_tile_formats_are_refused_by_name(tmp_path):
    odd = make_mbtiles(tmp_path / "odd.mbtiles", max_zoom=0, fmt="tiff")
    with pytest.raises(TileFileError, match="odd.mbtiles: tile format 'tiff' is not one of"):
        MBTiles(odd)


# -- the server ----------------------------------------------------------------

def test_server_on_localhost_serves_tiles_and_404s(tiles_file):
    server = TileServer(MBTiles(tiles_file))
    try:
        assert server.host == "127.0.0.1" and server.port > 0
        url = server.url
        assert url.startswith("http://127.0.0.1:") and url.endswith("/{z}/{x}/{y}.png")
        with NO_PROXY.open(url.format(z=2, x=1, y=3), timeout=5) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "image/png"
            assert colour_of(response.read()) == tile_colour(2, 1, 3)
        for missing in (url.format(z=2, x=3, y=0), url.format(z=9, x=0, y=0),
                        f"http://127.0.0.1:{server.port}/../etc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as err:
                NO_PROXY.open(missing, timeout=5)
            assert err.value.code == 404
    finally:
        server.close()


def test_setting_names_the_file_and_one_server_serves_it(tiles_file):
    assert tiles_path({}) is None
    assert configured_tiles({}) is None
    env = {"CONFLICTMAP_TILES": str(tiles_file)}
    assert tiles_path(env) == tiles_file
    first, again = configured_tiles(env), configured_tiles(env)
    assert first == again  # started once per process
    with NO_PROXY.open(first.url.format(z=0, x=0, y=0), timeout=5) as response:
        assert colour_of(response.read()) == tile_colour(0, 0, 0)


def test_unreadable_setting_raises_named_error(tmp_path):
    with pytest.raises(TileFileError, match="gone.mbtiles"):
        configured_tiles({"CONFLICTMAP_TILES": str(tmp_path / "gone.mbtiles")})


# -- the map -------------------------------------------------------------------

def test_builder_makes_local_tiles_the_default_base_layer(tiles_file):
    own = configured_tiles({"CONFLICTMAP_TILES": str(tiles_file)})
    html = map_payload(build_map(empty_events(), local_tiles=own))
    assert own.url in html
    assert '"Local tiles (region.mbtiles)"' in html
    assert '"maxNativeZoom": 2' in html
    # the file's credit as plain text: its markup is not passed on
    assert "\\u00a9 Test Tiles contributors" in html or "© Test Tiles contributors" in html
    assert "example.org" not in html and "<b>contributors" not in html
    # local tiles shown, OpenStreetMap offered but not added
    local_var = html.split(own.url)[0].rsplit("var ", 1)[1].split(" ")[0]
    assert f"{local_var}.addTo(" in html
    osm_var = html.split("https://tile.openstreetmap.org")[0].rsplit("var ", 1)[1].split(" ")[0]
    assert f"{osm_var}.addTo(" not in html
    assert "Country outlines only (offline)" in html
    assert "cmnames" in html  # the offline names still drawn on top


def test_builder_offers_local_tiles_without_online_tiles(tiles_file):
    own = configured_tiles({"CONFLICTMAP_TILES": str(tiles_file)})
    html = map_payload(build_map(empty_events(), local_tiles=own, tiles=False))
    assert own.url in html and "tile.openstreetmap.org" not in html
    assert "Country outlines only (offline)" in html


def test_without_local_tiles_the_map_is_unchanged():
    html = map_payload(build_map(empty_events()))
    assert "Local tiles" not in html and "cm-local-tiles" not in html
    assert "https://tile.openstreetmap.org" in html


def test_standalone_page_keeps_the_outline_base(tiles_file):
    own = configured_tiles({"CONFLICTMAP_TILES": str(tiles_file)})
    html = map_payload(build_map(empty_events(), local_tiles=own, assets="inline",
                                 names=False))
    assert own.url not in html and "Local tiles" not in html
