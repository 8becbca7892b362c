"""One pass of the feed watcher over its sources: :func:`watch_once`.

A source is an RSS/Atom feed URL or a drop folder (files copied in by hand, for
air-gapped rooms). For a feed: a conditional GET (its last ETag / Last-Modified), its
items parsed, and for each item not seen before its page fetched, its main text read
(trafilatura) and ingested; the article id is the item's link, so an item is never
stored twice. For a folder: every article file not seen before (by content hash) is
ingested as ``geo ingest`` would.

Failures are per item: a page that times out, answers 429/503, has no article text or
cannot be read is recorded with its URL and reason and retried on a later pass (after
the server's Retry-After, else after a backoff that doubles per attempt); it never
stops the other items or sources. A pass always ends by itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from geo.articles import article_from_html, iter_article_paths
from geo.errors import ConflictMapError, FeedError
from geo.feeds.fetch import PoliteFetcher
from geo.feeds.items import FeedItem, parse_feed
from geo.feeds.state import FeedState, SourceState
from geo.ingest import extract_article, ingest_file

__all__ = ["ItemOutcome", "SourceReport", "WatchReport", "retry_delay", "watch_once"]

BASE_BACKOFF = 60.0          # seconds before the first retry of a failed item
MAX_BACKOFF = 6 * 3600.0     # never wait longer than this between retries


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    key: str
    link: str
    status: str          # added | seen | waiting | failed
    events: int = 0
    error: str = ""
    retry_at: dt.datetime | None = None  # a waiting item: not tried again before this


@dataclass(slots=True)
class SourceReport:
    source: str
    kind: str                  # feed | folder
    status: str                # read | not modified | failed
    error: str = ""
    warning: str = ""
    items: list[ItemOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.source}: not read: {self.error}"
        if self.status == "not modified":
            return f"{self.source}: not modified since the last check"
        parts = [f"{len(self.items)} item(s)", f"{self.count('added')} added",
                 f"{self.count('seen')} seen before"]
        if self.count("waiting"):
            parts.append(f"{self.count('waiting')} waiting to retry")
        parts.append(f"{self.count('failed')} failed")
        events = sum(i.events for i in self.items if i.status == "added")
        return f"{self.source}: " + ", ".join(parts) + f"; {events} event(s)"


@dataclass(slots=True)
class WatchReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every source itself was read (items may still have failed)."""
        return all(s.status != "failed" for s in self.sources)

    @property
    def added(self) -> int:
        return sum(s.count("added") for s in self.sources)

    @property
    def events(self) -> int:
        return sum(i.events for s in self.sources for i in s.items if i.status == "added")

    def failures(self) -> list[ItemOutcome]:
        return [i for s in self.sources for i in s.items if i.status == "failed"]

    def lines(self) -> list[str]:
        out = []
        for s in self.sources:
            out.append(s.line())
            if s.warning:
                out.append(f"  warning: {s.warning}")
            out.extend(f"  failed: {i.error}" for i in s.items if i.status == "failed")
            out.extend(f"  waiting: {i.link}: {_waiting_reason(i)}"
                       for i in s.items if i.status == "waiting")
        return out

    def summary(self) -> str:
        failed_sources = sum(s.status == "failed" for s in self.sources)
        return (f"{len(self.sources)} source(s) checked, {failed_sources} not read; "
                f"{self.added} new article(s), {self.events} event(s), "
                f"{len(self.failures())} item(s) failed")

    def to_dict(self) -> dict:
        return {"ok": self.ok, "added": self.added, "events": self.events,
                "sources": [dataclasses.asdict(s) for s in self.sources]}


def _waiting_reason(item: ItemOutcome) -> str:
    """"last failed: REASON; next try after TIME" of a waiting item."""
    reason = item.error
    if reason.startswith(item.link + ": "):
        reason = reason[len(item.link) + 2:]
    when = f"; next try after {item.retry_at:%Y-%m-%d %H:%M:%S} UTC" if item.retry_at else ""
    return f"last failed: {reason or 'unknown'}{when}"


def retry_delay(attempts: int, retry_after: float | None = None) -> float:
    """Seconds before a failed item is tried again: the server's word, else a backoff
    doubling per failed attempt (1 min, 2 min, 4 min, …, at most 6 h)."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), MAX_BACKOFF)
    return min(BASE_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def watch_once(sources: Iterable[str], store, geocoder, *, fetcher: PoliteFetcher | None = None,
               state: FeedState | None = None,
               now: Callable[[], dt.datetime] | None = None,
               progress: Callable[[str], None] | None = None) -> WatchReport:
    """Check every source once and ingest what is new; never raises for one source."""
    fetcher = fetcher or PoliteFetcher()
    state = state or FeedState(store)
    now = now or (lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    report = WatchReport()
    for source in sources:
        if progress:
            progress(source)
        if Path(source).is_dir():
            report.sources.append(_watch_folder(source, store, geocoder, state, now))
        elif urlsplit(source).scheme in ("http", "https"):
            report.sources.append(_watch_feed(source, store, geocoder, fetcher, state, now))
        else:
            report.sources.append(SourceReport(source, "feed", "failed",
                                               error="neither an http(s) feed URL nor a folder"))
    return report


# -- feeds ---------------------------------------------------------------------

def _watch_feed(url, store, geocoder, fetcher, state: FeedState, now) -> SourceReport:
    known = state.source(url)
    try:
        resp = fetcher.get(url, etag=known.etag, last_modified=known.last_modified)
        if resp.not_modified:
            state.save_source(dataclasses.replace(known, checked_at=now(),
                                                  status="not modified", error=""))
            return SourceReport(url, "feed", "not modified")
        feed = parse_feed(resp.body, resp.final_url)
    except FeedError as exc:
        state.save_source(dataclasses.replace(known, checked_at=now(), status="failed",
                                              error=str(exc)))
        return SourceReport(url, "feed", "failed", error=str(exc))
    report = SourceReport(url, "feed", "read", warning=feed.warning)
    for item in feed.items:
        report.items.append(_take_item(item, url, feed.title, store, geocoder, fetcher,
                                       state, now))
    # validators are saved only once every item was handled (a crash mid-way re-reads
    # all), and only when none is left to retry: a 304 must not hide a failed item
    pending = any(i.status in ("failed", "waiting") for i in report.items)
    state.save_source(SourceState(url, etag=None if pending else resp.etag,
                                  last_modified=None if pending else resp.last_modified,
                                  checked_at=now(), status="read", error=""))
    return report


def _take_item(item: FeedItem, url, feed_title, store, geocoder, fetcher, state, now):
    seen = state.item(item.key, item.link)
    if seen is not None and seen.status == "stored":
        return ItemOutcome(item.key, item.link, "seen")
    if seen is not None and seen.waiting(now()):
        return ItemOutcome(item.key, item.link, "waiting", error=seen.error,
                           retry_at=seen.retry_at)
    retry_after = None
    try:
        if not item.link:
            raise FeedError(url, f"item {item.key!r} has no link to an article page")
        page = fetcher.get(item.link)
        html = page.body.decode(_charset(page.headers), errors="replace")
        article = article_from_html(html, path=item.link, metadata={
            "url": item.link, "title": item.title,
            "published": item.published.isoformat() if item.published else None,
            "source": feed_title or urlsplit(url).hostname})
        found = extract_article(article, geocoder)
        store.write_article(article, found)
    except FeedError as exc:
        error, retry_after = str(exc), exc.retry_after
    except ConflictMapError as exc:
        error = f"{item.link}: {exc}" if item.link not in str(exc) else str(exc)
    except Exception as exc:  # noqa: BLE001 - one item never stops the others; named here
        error = f"{item.link}: unexpected {exc.__class__.__name__}: {exc}"
    else:
        state.mark_stored(item.key, source=url, link=item.link, title=item.title,
                          article_id=article.article_id, events=len(found), now=now())
        return ItemOutcome(item.key, item.link, "added", events=len(found))
    attempts = (seen.attempts if seen else 0) + 1
    at = now()
    state.mark_failed(item.key, source=url, link=item.link, title=item.title, error=error,
                      now=at, retry_at=at + dt.timedelta(seconds=retry_delay(attempts,
                                                                             retry_after)))
    return ItemOutcome(item.key, item.link, "failed", error=error)


def _charset(headers: dict[str, str]) -> str:
    ctype = headers.get("content-type", "")
    for part in ctype.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            try:
                "".encode(value.strip('"'))
                return value.strip('"')
            except LookupError:
                break
    return "utf-8"


# -- drop folders ----------------------------------------------------------------

def _watch_folder(folder, store, geocoder, state: FeedState, now) -> SourceReport:
    report = SourceReport(str(folder), "folder", "read")
    try:
        paths = iter_article_paths([folder])
    except OSError as exc:
        state.save_source(SourceState(str(folder), checked_at=now(), status="failed",
                                      error=str(exc)))
        return SourceReport(str(folder), "folder", "failed", error=f"{folder}: {exc}")
    for path in paths:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            report.items.append(ItemOutcome(str(path), str(path), "failed",
                                            error=f"{path}: cannot read: {exc}"))
            continue
        key = f"file:{digest}"
        seen = state.item(key)
        if seen is not None and seen.status == "stored":
            report.items.append(ItemOutcome(key, str(path), "seen"))
            continue
        if seen is not None and seen.waiting(now()):
            report.items.append(ItemOutcome(key, str(path), "waiting", error=seen.error,
                                            retry_at=seen.retry_at))
            continue
        result = ingest_file(path, store, geocoder)
        if result.error:
            attempts = (seen.attempts if seen else 0) + 1
            at = now()
            state.mark_failed(key, source=str(folder), link=str(path), title=path.name,
                              error=result.error, now=at,
                              retry_at=at + dt.timedelta(seconds=retry_delay(attempts)))
            report.items.append(ItemOutcome(key, str(path), "failed", error=result.error))
        else:
            state.mark_stored(key, source=str(folder), link=str(path), title=path.name,
                              article_id="", events=result.events, now=now())
            report.items.append(ItemOutcome(key, str(path), "added", events=result.events))
    state.save_source(SourceState(str(folder), checked_at=now(), status="read"))
    return report
