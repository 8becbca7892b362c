"""Opening the tile file named in the settings with the backend that reads it.

The backend is chosen by the file's first bytes (``PMTiles`` or SQLite's header),
then by its suffix (``.pmtiles``, else MBTiles) so that a broken file is named with
the format it claims to be.
"""

from __future__ import annotations

from pathlib import Path

from geo.map.mbtiles import MBTiles
from geo.map.pmtiles import PMTiles, looks_like_pmtiles
from geo.map.tileset import TileFileError, TileSet

SQLITE_MAGIC = b"SQLite format 3\x00"


def backend_for(head: bytes, suffix: str) -> type[MBTiles] | type[PMTiles]:
    """The reader class for a file starting with ``head`` and named ``*suffix``."""
    if looks_like_pmtiles(head):
        return PMTiles
    if head.startswith(SQLITE_MAGIC):
        return MBTiles
    return PMTiles if suffix.lower() == ".pmtiles" else MBTiles


def open_tile_file(path: str | Path) -> TileSet:
    """The tile set in ``path`` (raises :class:`TileFileError` when it cannot be used)."""
    path = Path(path)
    if not path.is_file():
        raise TileFileError(path, "no such file (CONFLICTMAP_TILES names it)")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    return backend_for(head, path.suffix)(path)
