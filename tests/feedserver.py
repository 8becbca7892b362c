"""A feed server on 127.0.0.1 that misbehaves on purpose, for the watcher's tests.

``FeedServer`` serves routes (path → :class:`Route`) from a thread on a free port and
records every request (path and headers). A route answers with a status, headers and
a body, and can misbehave: answer differently the first ``times`` requests, stall
before answering (bounded by the server's stop event), or drip its body a few bytes at
a time. Everything it serves is written here, in the tests' own words.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime
import datetime as dt


@dataclass
class Route:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    first: "Route | None" = None   # answer with this route the first `times` requests
    times: int = 0
    stall: float = 0.0             # seconds to wait before answering
    drip: float = 0.0              # seconds between two 8-byte pieces of the body
    etag: str | None = None        # answer 304 to If-None-Match with this value
    hits: int = 0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


def rss(items: list[tuple[str, str, str]], *, title: str = "Test Wire") -> str:
    """An RSS 2.0 document of (guid, link, title) items."""
    body = "".join(
        f"<item><guid>{g}</guid><link>{link}</link><title>{t}</title>"
        f"<pubDate>Mon, 02 Mar 2020 08:00:00 GMT</pubDate></item>" for g, link, t in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://127.0.0.1/</link>"
            f"<description>test feed</description>{body}</channel></rss>")


def atom(items: list[tuple[str, str, str]], *, title: str = "Test Atom") -> str:
    entries = "".join(
        f'<entry><id>{g}</id><link href="{link}"/><title>{t}</title>'
        f"<updated>2020-03-02T08:00:00Z</updated></entry>" for g, link, t in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:test</id><updated>2020-03-02T08:00:00Z</updated>"
            f"{entries}</feed>")


def article_page(title: str, paragraphs: list[str]) -> str:
    ps = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1>{ps}</article><footer>Contact us</footer></body></html>")


class FeedServer:
    def __init__(self, routes: dict[str, Route] | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.seen: list[Seen] = []
        self.stop = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                server.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    return self._send(404, b"not here", {}, "text/plain")
                route.hits += 1
                if route.first is not None and route.hits <= route.times:
                    route = route.first
                if route.stall and server.stop.wait(route.stall):
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return self._send(304, b"", {"ETag": route.etag}, None)
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
                self._send(route.status, body, headers, route.content_type, drip=route.drip)

            def _send(self, status, body, headers, ctype, *, drip=0.0):
                try:
                    self.send_response(status)
                    if ctype:
                        self.send_header("Content-Type", ctype)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not drip:
                        self.wfile.write(body)
                        return
                    for i in range(0, len(body), 8):
                        if server.stop.wait(drip):
                            return
                        self.wfile.write(body[i:i + 8])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for s in self.seen if s.path == path)

    def __enter__(self) -> "FeedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def http_date(when: dt.datetime) -> str:
    return format_datetime(when.replace(tzinfo=dt.timezone.utc), usegmt=True)
