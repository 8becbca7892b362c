"""A tiny raster MBTiles file, built by the tests themselves (sqlite3 + Pillow).

Each tile is a solid colour that encodes where Leaflet would ask for it: red =
zoom × 60, green = x × 40 + 20, blue = y × 40 + 20 with y counted from the north
(XYZ); the file stores rows from the south (TMS), as the MBTiles spec says.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from PIL import Image

ATTRIBUTION = '<a href="https://example.org/">&copy; Test Tiles</a> <b>contributors</b>'


def tile_colour(z: int, x: int, y: int) -> tuple[int, int, int]:
    return (z * 60, x * 40 + 20, y * 40 + 20)


def png(colour: tuple[int, int, int], size: int = 256) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "PNG")
    return out.getvalue()


def make_mbtiles(path: Path, *, max_zoom: int = 2, fmt: str = "png",
                 attribution: str = ATTRIBUTION, skip: tuple[int, int, int] | None = None
                 ) -> Path:
    """Zoom 0..max_zoom, every tile present except ``skip`` (XYZ z, x, y)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                 "tile_row INTEGER, tile_data BLOB)")
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", [
        ("name", "Test region"), ("format", fmt), ("attribution", attribution),
        ("minzoom", "0"), ("maxzoom", str(max_zoom)), ("bounds", "-180,-85,180,85"),
    ])
    for z in range(max_zoom + 1):
        for x in range(2 ** z):
            for y in range(2 ** z):
                if skip == (z, x, y):
                    continue
                tms = 2 ** z - 1 - y  # rows counted from the south
                conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                             (z, x, tms, png(tile_colour(z, x, y))))
    conn.commit()
    conn.close()
    return path


# -- PMTiles (built with the pmtiles package's writer) ---------------------------

EARTH = "earth"
WATER = "water"


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, wire: int, payload: bytes | int) -> bytes:
    key = _varint((number << 3) | wire)
    if wire == 0:
        return key + _varint(int(payload))
    return key + _varint(len(payload)) + payload


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 31)


def _ring(points: list[tuple[int, int]]) -> list[int]:
    """MVT geometry commands of one closed ring (MoveTo, LineTo × n, ClosePath)."""
    commands, (cx, cy) = [], (0, 0)
    for i, (x, y) in enumerate(points):
        if i == 0:
            commands.append((1 & 7) | (1 << 3))
        elif i == 1:
            commands.append((2 & 7) | ((len(points) - 1) << 3))
        commands += [_zigzag(x - cx), _zigzag(y - cy)]
        cx, cy = x, y
    commands.append((7 & 7) | (1 << 3))
    return commands


def mvt_tile(layers: dict[str, list[list[tuple[int, int]]]], extent: int = 4096,
             first_id: int = 1) -> bytes:
    """A Mapbox Vector Tile: each named layer holds one polygon feature per ring
    (clockwise rings in tile coordinates, y down, 0..extent), ids from ``first_id``."""
    tile = b""
    for name, rings in layers.items():
        layer = _field(15, 0, 2) + _field(1, 2, name.encode())
        for number, ring in enumerate(rings, start=first_id):
            geometry = b"".join(_varint(c) for c in _ring(ring))
            feature = _field(1, 0, number) + _field(3, 0, 3) + _field(4, 2, geometry)
            layer += _field(2, 2, feature)
        layer += _field(5, 0, extent)
        tile += _field(3, 2, layer)
    return tile


def land_and_lake(extent: int = 4096, first_id: int = 1) -> bytes:
    """A tile all land, with a square lake in its north-west quarter (feature ids
    from ``first_id``: distinct tiles stay distinct in the archive)."""
    full = [(0, 0), (extent, 0), (extent, extent), (0, extent)]
    q = extent // 4
    lake = [(q // 2, q // 2), (q // 2 + q, q // 2), (q // 2 + q, q // 2 + q), (q // 2, q // 2 + q)]
    return mvt_tile({EARTH: [full], WATER: [lake]}, extent, first_id)


def make_pmtiles(path: Path, *, max_zoom: int = 2, kind: str = "raster",
                 attribution: str = ATTRIBUTION, skip: tuple[int, int, int] | None = None,
                 gzip_tiles: bool = True) -> Path:
    """A PMTiles v3 file, zoom 0..max_zoom, every tile present except ``skip``:
    ``kind="raster"``: PNG tiles coloured by :func:`tile_colour`; ``"vector"``:
    land with a lake (:func:`land_and_lake`) in every tile, gzip-compressed unless
    ``gzip_tiles`` is false."""
    import gzip

    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    tiles = []
    for z in range(max_zoom + 1):
        for x in range(2 ** z):
            for y in range(2 ** z):
                if skip == (z, x, y):
                    continue
                if kind == "raster":
                    data = png(tile_colour(z, x, y))
                else:
                    data = land_and_lake(first_id=2 * zxy_to_tileid(z, x, y) + 1)
                    data = gzip.compress(data, mtime=0) if gzip_tiles else data
                tiles.append((zxy_to_tileid(z, x, y), data))
    vector = kind == "vector"
    with path.open("wb") as handle:
        writer = Writer(handle)
        for tile_id, data in sorted(tiles):
            writer.write_tile(tile_id, data)
        writer.finalize({
            "tile_type": TileType.MVT if vector else TileType.PNG,
            "tile_compression": Compression.GZIP if vector and gzip_tiles else Compression.NONE,
            "min_lon_e7": -180 * 10_000_000, "min_lat_e7": -85 * 10_000_000,
            "max_lon_e7": 180 * 10_000_000, "max_lat_e7": 85 * 10_000_000,
            "center_zoom": 0, "center_lon_e7": 0, "center_lat_e7": 0,
        }, {"name": "Test region", "attribution": attribution,
            **({"vector_layers": [{"id": EARTH}, {"id": WATER}]} if vector else {})})
    return path


def two_event_store(tmp_path) -> str:
    """A store (its URL) with an Idlib battle and an Ankara threat, for the tile pages."""
    import datetime as dt

    from geo.store import Store
    from tests.conftest import make_event

    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    store = Store(url)
    store.upsert_events([
        make_event(1),
        make_event(2, event_date=dt.date(2020, 2, 20), event_type="Diplomacy",
                   sub_event_type="Threat", location="Ankara", latitude=39.93,
                   longitude=32.86, country="Turkey", country_code="TUR"),
    ])
    store.dispose()
    return url
