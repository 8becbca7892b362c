"""A polite HTTP client for feeds and the pages they link to.

:class:`PoliteFetcher` is the one choke point where network errors become
:class:`geo.errors.FeedError`:

- one request at a time, and per host at least ``min_interval`` seconds between the
  start of two requests (clock and sleep are attributes, so tests replace time);
- conditional requests: ``etag`` / ``last_modified`` become If-None-Match /
  If-Modified-Since, and a 304 answer is a :class:`Response` with ``not_modified``;
- every request bounded in **total** time (``timeout``), not only per read: a server
  that drips its answer a byte at a time is cut off at the deadline;
- redirects followed (at most ``max_redirects``), answers larger than ``max_bytes``
  refused, gzip bodies decoded;
- 429 and 503 raise a FeedError carrying the server's Retry-After (seconds or an HTTP
  date), and the host is left alone until then: later requests to it in the same run
  fail at once with "waiting for HOST" instead of sleeping, so a ``--once`` run ends;
- a user agent that names the tool (``CONFLICTMAP_USER_AGENT`` overrides it).

Only the standard library's ``http.client`` is used: it lets the deadline reach every
read of the socket (``read1`` after ``settimeout(remaining)``).
"""

from __future__ import annotations

import email.utils
import gzip
import http.client
import os
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from geo import __version__
from geo.errors import FeedError

__all__ = ["PoliteFetcher", "Response", "default_user_agent", "parse_retry_after"]

_REDIRECTS = {301, 302, 303, 307, 308}
_WAIT_STATUSES = {429, 503}
MAX_RETRY_AFTER = 24 * 3600.0


def default_user_agent() -> str:
    return os.environ.get("CONFLICTMAP_USER_AGENT") or (
        f"ConflictMap/{__version__} (conflict event feed watcher; python -m geo watch)")


@dataclass(frozen=True, slots=True)
class Response:
    """One answer: the URL asked for, where it ended after redirects, status, body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    seconds: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class PoliteFetcher:
    """GET with manners. Options are keyword-only; misuse fails here."""

    clock: Callable[[], float] = staticmethod(time.monotonic)
    sleep: Callable[[float], None] = staticmethod(time.sleep)

    def __init__(self, *, user_agent: str | None = None, timeout: float = 10.0,
                 min_interval: float = 1.0, max_bytes: int = 8_000_000,
                 max_redirects: int = 5):
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if min_interval < 0:
            raise ValueError("min_interval must not be negative")
        self.user_agent = user_agent or default_user_agent()
        if not self.user_agent.strip():
            raise ValueError("a user agent that names the tool is required")
        self.timeout = float(timeout)
        self.min_interval = float(min_interval)
        self.max_bytes = int(max_bytes)
        self.max_redirects = int(max_redirects)
        self._last_start: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}
        self.requests = 0  # how many requests were sent (for reports and tests)

    # -- the one public verb -------------------------------------------------

    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """The answer to GET ``url``; raises FeedError with the URL and the reason."""
        start = self.clock()
        deadline = start + self.timeout
        current = url
        for _hop in range(self.max_redirects + 1):
            status, headers, body = self._one_request(current, etag, last_modified, deadline)
            if status in _REDIRECTS and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            if status == 304:
                return Response(url, current, 304, headers, b"", self.clock() - start)
            if status in _WAIT_STATUSES:
                wait = parse_retry_after(headers.get("retry-after"))
                host = _host(current)
                self._blocked_until[host] = self.clock() + (wait if wait is not None else 60.0)
                said = f", retry after {wait:.0f} s" if wait is not None else ""
                raise FeedError(url, f"HTTP {status} from {host}{said}",
                                retry_after=wait if wait is not None else 60.0)
            if status >= 400:
                raise FeedError(url, f"HTTP {status}")
            if not 200 <= status < 300:
                raise FeedError(url, f"unexpected HTTP {status}")
            return Response(url, current, status, headers, _decode(url, headers, body),
                            self.clock() - start)
        raise FeedError(url, f"more than {self.max_redirects} redirects")

    # -- plumbing ---------------------------------------------------------------

    def _wait_turn(self, url: str, host: str, deadline: float) -> None:
        blocked = self._blocked_until.get(host)
        if blocked is not None and self.clock() < blocked:
            if blocked >= deadline:  # a long wait: the host's items wait for the next pass
                raise FeedError(url, f"waiting for {host}: it asked for "
                                f"{blocked - self.clock():.0f} s more",
                                retry_after=blocked - self.clock())
            self.sleep(blocked - self.clock())  # a short one, within this request's time
        last = self._last_start.get(host)
        if last is not None:
            wait = last + self.min_interval - self.clock()
            if wait > 0:
                if self.clock() + wait >= deadline:
                    raise FeedError(url, f"no turn for {host} within {self.timeout:g} s")
                self.sleep(wait)
        self._last_start[host] = self.clock()

    def _one_request(self, url: str, etag, last_modified, deadline):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FeedError(url, "not an http(s) URL")
        host = _host(url)
        self._wait_turn(url, host, deadline)
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise FeedError(url, f"no answer within {self.timeout:g} s")
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        try:
            port = parts.port
        except ValueError:
            raise FeedError(url, "bad port in URL") from None
        conn = cls(parts.hostname, port, timeout=remaining)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip",
                   "Accept": "application/rss+xml, application/atom+xml, application/xml, "
                             "text/xml, text/html;q=0.9, */*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        self.requests += 1
        try:
            conn.request("GET", path, headers=headers)
            sock = conn.sock
            resp = conn.getresponse()
            answer = {k.lower(): v for k, v in resp.getheaders()}
            body = bytearray()
            while True:
                remaining = deadline - self.clock()
                if remaining <= 0:
                    raise FeedError(url, f"answer not complete within {self.timeout:g} s")
                if sock is not None:
                    sock.settimeout(remaining)
                chunk = resp.read1(65536)
                if not chunk:
                    break
                body += chunk
                if len(body) > self.max_bytes:
                    raise FeedError(url, f"answer larger than {self.max_bytes:,} bytes")
            return resp.status, answer, bytes(body)
        except (TimeoutError, socket.timeout):
            raise FeedError(url, f"no complete answer within {self.timeout:g} s") from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise FeedError(url, f"cannot fetch: {exc.__class__.__name__}: {exc}") from None
        finally:
            conn.close()


def _host(url: str) -> str:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or "") + (f":{port}" if port else "")


def _decode(url: str, headers: dict[str, str], body: bytes) -> bytes:
    encoding = headers.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip"):
        try:
            return gzip.decompress(body)
        except (OSError, EOFError, zlib.error) as exc:
            raise FeedError(url, f"broken gzip answer: {exc}") from None
    return body
