"""Your own base-map tiles, offline: reading an MBTiles file.

An MBTiles file (https://github.com/mapbox/mbtiles-spec, 1.3) is SQLite with a
``tiles`` table (``zoom_level``, ``tile_column``, ``tile_row``, ``tile_data``) and a
``metadata`` table of name/value pairs. Rows are numbered the TMS way (row 0 at
the south), Leaflet asks for XYZ (row 0 at the north): :func:`tms_row` flips them.

Raster tiles only (``format`` png, jpg, webp): Leaflet draws them as images with no
extra library. A vector file (``format`` pbf) is refused with a named error —
drawing those needs a vector renderer this project does not vendor.

The file is opened read-only; each reader thread has its own connection
(:meth:`MBTiles.tile` may be called from a threaded HTTP server).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from geo.errors import ConflictMapError

RASTER_FORMATS = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                  "webp": "image/webp"}
DEFAULT_MIN_ZOOM = 0
DEFAULT_MAX_ZOOM = 14


class TileFileError(ConflictMapError):
    """The tile file named in the settings cannot be used; names the file and why."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True, slots=True)
class TileSetInfo:
    """What the map needs to know of a tile file (from its ``metadata`` table)."""

    path: Path
    name: str
    format: str  # png, jpg or webp
    attribution: str  # as written by the file's maker (HTML allowed by the spec)
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float] | None  # west, south, east, north

    @property
    def media_type(self) -> str:
        return RASTER_FORMATS[self.format]

    @property
    def label(self) -> str:
        """The base layer's name in the layer control."""
        return f"Local tiles ({self.path.name})"


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
    ``tiles`` table, or holds vector tiles.
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
        if fmt == "pbf":
            raise TileFileError(self.path, "holds vector tiles (format pbf); only raster "
                                           "MBTiles (png, jpg, webp) can be drawn")
        if fmt not in RASTER_FORMATS:
            raise TileFileError(self.path, f"tile format {fmt!r} is not one of "
                                           f"{', '.join(sorted(RASTER_FORMATS))}")
        self.info = TileSetInfo(
            path=self.path, name=meta.get("name", "").strip() or self.path.stem,
            format="jpg" if fmt == "jpeg" else fmt,
            attribution=meta.get("attribution", "").strip(),
            min_zoom=_int(meta, "minzoom", DEFAULT_MIN_ZOOM, self.path),
            max_zoom=_int(meta, "maxzoom", DEFAULT_MAX_ZOOM, self.path),
            bounds=_bounds(meta, self.path),
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
        if zoom < 0 or zoom > 30 or not (0 <= x < (1 << zoom)) or not (0 <= y < (1 << zoom)):
            return None
        row = self._conn().execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (zoom, x, tms_row(zoom, y))).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None
