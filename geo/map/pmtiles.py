"""Your own base-map tiles, offline: reading a PMTiles file (spec version 3).

A PMTiles archive (https://github.com/protomaps/PMTiles) is one file: a 127-byte
header, a root directory, JSON metadata, leaf directories and the tile data; tiles
are found by their Hilbert tile id. The PyPI ``pmtiles`` package reads the header
and metadata (:class:`pmtiles.reader.Reader` over :func:`pmtiles.reader.MmapSource`)
and decodes directories; directories are decoded once and kept (a tile lookup
touches the root and at most three leaves), so serving a tile is a dictionary-free
binary search plus a slice of the memory-mapped file.

Raster archives (png, jpg, webp) are drawn by Leaflet as images; vector archives
(MVT, what a Protomaps extract is) by the vendored protomaps-leaflet
(:mod:`geo.map.vector_tiles`). Tiles are answered as stored: a vector tile
compressed with gzip stays so, and the tile server says so to the browser.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from pmtiles.reader import MmapSource, Reader
from pmtiles.tile import (Compression, MagicNumberNotFound, SpecVersionUnsupported, TileType,
                          deserialize_directory, find_tile, zxy_to_tileid)

from geo.map.tileset import TileFileError, TileSetInfo, in_grid

MAGIC = b"PMTiles"
FORMATS = {TileType.PNG: "png", TileType.JPEG: "jpg", TileType.WEBP: "webp",
           TileType.MVT: "mvt"}
#: tile compressions a browser undoes by itself (Content-Encoding), or none
SERVABLE_COMPRESSIONS = {Compression.NONE, Compression.GZIP, Compression.UNKNOWN}
MAX_DEPTH = 4  # root + three levels of leaves, as the spec allows
DIRECTORY_CACHE = 256


class PMTiles:
    """A read-only PMTiles file: :attr:`info` and :meth:`tile`.

    Raises :class:`TileFileError` when the file is missing, not PMTiles v3, holds
    a tile type the map cannot draw, or compresses its tiles in a way browsers
    cannot undo (brotli, zstd).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise TileFileError(self.path, "no such file (CONFLICTMAP_TILES names it)")
        self._file = self.path.open("rb")
        try:
            self._get = MmapSource(self._file)
            reader = Reader(self._get)
            self.header = reader.header()
            meta = reader.metadata()
        except (MagicNumberNotFound, ValueError, OSError) as exc:
            self._file.close()
            raise TileFileError(self.path, f"not a PMTiles file ({type(exc).__name__})") \
                from None
        except SpecVersionUnsupported:
            self._file.close()
            raise TileFileError(self.path, "is not PMTiles version 3 (convert it with "
                                           "`pmtiles convert`)") from None
        fmt = FORMATS.get(self.header["tile_type"])
        if fmt is None:
            self._file.close()
            raise TileFileError(self.path, f"holds {self.header['tile_type'].name} tiles; "
                                           f"the map draws {', '.join(sorted(FORMATS.values()))}")
        if self.header["tile_compression"] not in SERVABLE_COMPRESSIONS:
            self._file.close()
            raise TileFileError(self.path, f"tiles compressed with "
                                           f"{self.header['tile_compression'].name.lower()}, "
                                           "which browsers cannot undo (use gzip or none)")
        meta = meta if isinstance(meta, dict) else {}
        self.info = TileSetInfo(
            path=self.path, name=str(meta.get("name") or "").strip() or self.path.stem,
            format=fmt, attribution=str(meta.get("attribution") or "").strip(),
            min_zoom=int(self.header["min_zoom"]), max_zoom=int(self.header["max_zoom"]),
            bounds=_bounds(self.header), container="PMTiles",
        )
        self.vector_layers = tuple(str(layer.get("id")) for layer in
                                   meta.get("vector_layers") or () if isinstance(layer, dict))
        self._lock = threading.Lock()
        self._directory = functools.lru_cache(maxsize=DIRECTORY_CACHE)(self._read_directory)

    def _read_directory(self, offset: int, length: int):
        return deserialize_directory(self._get(offset, length))

    def tile(self, zoom: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ ``zoom/x/y`` as stored, or None when absent or outside the grid."""
        if not in_grid(zoom, x, y):
            return None
        header = self.header
        tile_id = zxy_to_tileid(zoom, x, y)
        offset, length = header["root_offset"], header["root_length"]
        for _ in range(MAX_DEPTH):
            with self._lock:  # lru_cache is thread-safe, but decode each directory once
                directory = self._directory(offset, length)
            entry = find_tile(directory, tile_id)
            if entry is None:
                return None
            if entry.run_length == 0:  # a leaf directory
                offset = header["leaf_directory_offset"] + entry.offset
                length = entry.length
                continue
            start = header["tile_data_offset"] + entry.offset
            return bytes(self._get(start, entry.length))
        return None

    def close(self) -> None:
        self._file.close()


def _bounds(header) -> tuple[float, float, float, float] | None:
    west, south = header["min_lon_e7"] / 1e7, header["min_lat_e7"] / 1e7
    east, north = header["max_lon_e7"] / 1e7, header["max_lat_e7"] / 1e7
    if not (west < east and south < north):
        return None
    return west, south, east, north


def looks_like_pmtiles(head: bytes) -> bool:
    """Whether a file's first bytes are a PMTiles header."""
    return head[:len(MAGIC)] == MAGIC
