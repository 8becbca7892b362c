"""Your own base-map tiles: what every tile file backend answers.

A *tile set* is a file of map tiles carried into the room (``CONFLICTMAP_TILES``):
raster (PNG, JPEG, WebP: Leaflet draws them as images) or vector (Mapbox Vector
Tiles, what a Protomaps extract holds: drawn in the browser by protomaps-leaflet).
Each backend is one module — :mod:`geo.map.mbtiles`, :mod:`geo.map.pmtiles` — and
answers the :class:`TileSet` protocol: :attr:`TileSet.info` and
:meth:`TileSet.tile`. :mod:`geo.map.tile_files` picks the backend for a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from geo.errors import ConflictMapError

RASTER_FORMATS = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                  "webp": "image/webp"}
VECTOR_FORMATS = {"mvt": "application/vnd.mapbox-vector-tile"}
MEDIA_TYPES = {**RASTER_FORMATS, **VECTOR_FORMATS}
DEFAULT_MIN_ZOOM = 0
DEFAULT_MAX_ZOOM = 14
MAX_GRID_ZOOM = 30
GZIP_MAGIC = b"\x1f\x8b"


class TileFileError(ConflictMapError):
    """The tile file named in the settings cannot be used; names the file and why."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True, slots=True)
class TileSetInfo:
    """What the map needs to know of a tile file (from its metadata)."""

    path: Path
    name: str
    format: str  # png, jpg, webp (raster) or mvt (vector)
    attribution: str  # as written by the file's maker (HTML allowed by both specs)
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float] | None  # west, south, east, north
    container: str = "MBTiles"  # MBTiles or PMTiles

    @property
    def kind(self) -> Literal["raster", "vector"]:
        return "vector" if self.format in VECTOR_FORMATS else "raster"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def label(self) -> str:
        """The base layer's name in the layer control."""
        return f"Local tiles ({self.path.name})"


class TileSet(Protocol):
    """A read-only tile file: what it is, and its tiles by Leaflet's XYZ numbering."""

    info: TileSetInfo

    def tile(self, zoom: int, x: int, y: int) -> bytes | None:
        """The stored bytes of tile ``zoom/x/y`` (row 0 at the north), or None when
        absent or outside the grid. Vector tiles may come gzip-compressed, as
        stored: :func:`is_gzip` tells."""
        ...


def in_grid(zoom: int, x: int, y: int) -> bool:
    """Whether ``zoom/x/y`` names a tile of the web-mercator grid."""
    return 0 <= zoom <= MAX_GRID_ZOOM and 0 <= x < (1 << zoom) and 0 <= y < (1 << zoom)


def is_gzip(data: bytes) -> bool:
    """Whether a tile's bytes are gzip-compressed (how vector tiles are usually stored)."""
    return data[:2] == GZIP_MAGIC
