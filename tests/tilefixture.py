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
