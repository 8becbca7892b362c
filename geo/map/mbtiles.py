"""Your own base-map tiles, offline: reading an MBTiles file.

An MBTiles file (https://github.com/mapbox/mbtiles-spec, 1.3) is SQLite with a
``tiles`` table (``zoom_level``, ``tile_column``, ``tile_row``, ``tile_data``) and a
``metadata`` table of name/value pairs. Rows are numbered the TMS way (row 0 at
the south), Leaflet asks for XYZ (row 0 at the north): :func:`tms_row` flips them.

Raster tiles (``format`` png, jpg, webp) are drawn by Leaflet as images; vector
tiles (``format`` pbf: Mapbox Vector Tiles, usually gzip-compressed) by the vendored
protomaps-leaflet (:mod:`geo.map.vector_tiles`). One backend of
:class:`geo.map.tileset.TileSet`; :mod:`geo.map.pmtiles` is the other.

The file is opened read-only; each reader thread has its own connection
(:meth:`MBTiles.tile` may be called from a threaded HTTP server).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from geo.map.tileset import (  # noqa: F401 (TileFileError, TileSetInfo re-exported)
    DEFAULT_MAX_ZOOM, DEFAULT_MIN_ZOOM, RASTER_FORMATS, TileFileError, TileSetInfo, in_grid,
)

#: the ``format`` metadata values read, and the tile format each one means
FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp", "pbf": "mvt",
           "mvt": "mvt"}


def tms_row(zoom: int, y: int) -> int:
    """The TMS row of XYZ row ``y`` at ``zoom`` (and back: the flip is its own inverse)."""
    return (1 << zoom) - 1 - y


def _int(meta: dict[str, str], key: str, default: int, path: Path) -> int:
    value = meta.get(key, "").strip()
    if not value:
        return default
    try:
        return int(float(value))
    except ValueError:
        raise TileFileError(path, f"metadata {key}={value!r} is not a number") from None


def _bounds(meta: dict[str, str], path: Path) -> tuple[float, float, float, float] | None:
    value = meta.get("bounds", "").strip()
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise TileFileError(path, f"metadata bounds={value!r} is not west,south,east,north") \
            from None
    return west, south, east, north


class MBTiles:
    """A read-only MBTiles file: :attr:`info` and :meth:`tile`.

    Raises :class:`TileFileError` when the file is missing, not SQLite, has no
    ``tiles`` table, or holds tiles of an unknown format.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        if not self.path.is_file():
            raise TileFileError(self.path, "no such file (CONFLICTMAP_TILES names it)")
        try:
            conn = self._conn()
            meta = dict(conn.execute("SELECT name, value FROM metadata").fetchall())
            conn.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise TileFileError(self.path, f"not an MBTiles file ({exc})") from None
        meta = {str(k): str(v) for k, v in meta.items() if v is not None}
        fmt = meta.get("format", "png").strip().lower()
        if fmt not in FORMATS:
            raise TileFileError(self.path, f"tile format {fmt!r} is not one of "
                                           f"{', '.join(sorted(FORMATS))}")
        self.info = TileSetInfo(
            path=self.path, name=meta.get("name", "").strip() or self.path.stem,
            format=FORMATS[fmt],
            attribution=meta.get("attribution", "").strip(),
            min_zoom=_int(meta, "minzoom", DEFAULT_MIN_ZOOM, self.path),
            max_zoom=_int(meta, "maxzoom", DEFAULT_MAX_ZOOM, self.path),
            bounds=_bounds(meta, self.path), container="MBTiles",
        )

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def tile(self, zoom: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ ``zoom/x/y`` (Leaflet's numbering), or None when absent
        or outside the grid."""
        if not in_grid(zoom, x, y):
            return None
        row = self._conn().execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (zoom, x, tms_row(zoom, y))).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None
