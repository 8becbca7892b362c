"""Serving your own tile file (MBTiles or PMTiles) from this machine, at ``127.0.0.1``.

Streamlit cannot add routes, so a small threaded HTTP server runs beside it (one
per process and file, started on first use by :func:`local_tiles`, stopped at exit)
on a free port of ``127.0.0.1`` only: ``GET /{z}/{x}/{y}.{ext}`` answers the tile
(cached by the browser for a day) or 404; ``ext`` is the raster format, or ``mvt``
for vector tiles, sent with ``Content-Encoding: gzip`` when stored compressed (the
browser undoes it). Nothing is fetched from anywhere else. The backend is
:func:`geo.map.tile_files.open_tile_file`'s choice.

The map page reaches it because the browser runs on the same machine as the
dashboard (the air-gapped room's set-up); a browser on another machine, or a
standalone HTML file opened later, cannot — those keep the offline outline base.
"""

from __future__ import annotations

import atexit
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from geo.map.tile_files import open_tile_file
from geo.map.tileset import TileSet, TileSetInfo, is_gzip
from geo.settings import tiles_path

HOST = "127.0.0.1"
_TILE_PATH = re.compile(r"^/(\d{1,2})/(\d{1,9})/(\d{1,9})\.(png|jpg|jpeg|webp|mvt|pbf)$")


@dataclass(frozen=True, slots=True)
class LocalTiles:
    """A tile layer the map can use: URL template (Leaflet's ``{z}/{x}/{y}``) and
    what the file says of itself."""

    url: str
    info: TileSetInfo


class TileServer:
    """A running server for one file; :meth:`close` stops it."""

    def __init__(self, source: TileSet, *, host: str = HOST, port: int = 0):
        self.source = source
        handler = _handler_for(source)
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self.host, self.port = self._httpd.server_address[:2]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        name=f"tiles-{self.port}")
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/{{z}}/{{x}}/{{y}}.{self.source.info.format}"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _handler_for(source: TileSet) -> type[BaseHTTPRequestHandler]:
    class TileHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            match = _TILE_PATH.match(self.path.split("?", 1)[0])
            data = None
            if match:
                z, x, y = (int(g) for g in match.groups()[:3])
                data = source.tile(z, x, y)
            if data is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", source.info.media_type)
            if source.info.kind == "vector" and is_gzip(data):
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=86400")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:  # quiet
            pass

    return TileHandler


_servers: dict[Path, TileServer] = {}
_lock = threading.Lock()


def local_tiles(path: str | Path) -> LocalTiles:
    """The layer for ``path``, its server started once per process (raises
    :class:`geo.map.tileset.TileFileError` when the file cannot be used)."""
    key = Path(path).resolve()
    with _lock:
        server = _servers.get(key)
        if server is None:
            server = TileServer(open_tile_file(key))
            if not _servers:
                atexit.register(close_all)
            _servers[key] = server
    return LocalTiles(url=server.url, info=server.source.info)


def close_all() -> None:
    """Stop every server :func:`local_tiles` started."""
    with _lock:
        servers = list(_servers.values())
        _servers.clear()
    for server in servers:
        server.close()


def configured_tiles(env=None) -> LocalTiles | None:
    """The layer for the file ``CONFLICTMAP_TILES`` names, or None when unset
    (raises :class:`geo.map.tileset.TileFileError` when it cannot be used)."""
    path = tiles_path(env)
    return local_tiles(path) if path is not None else None
