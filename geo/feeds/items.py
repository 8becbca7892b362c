"""A feed's bytes → its items (RSS 0.9x/1.0/2.0 and Atom, through feedparser).

feedparser is lenient: a feed with a stray error still yields its items (``bozo``),
and those are kept. A document with no feed in it at all raises FeedError naming the
URL. Items are keyed by their GUID (Atom ``id``), else by their link; an item with
neither is dropped and counted; a key seen twice in one feed keeps the first item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from geo.errors import FeedError

__all__ = ["FeedItem", "ParsedFeed", "parse_feed"]


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str            # the GUID, else the link
    link: str           # absolute URL of the item's page ("" when the feed gives none)
    title: str = ""
    published: dt.date | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    url: str
    title: str
    items: tuple[FeedItem, ...]
    dropped: int = 0     # items with neither GUID nor link, and repeated keys
    warning: str = ""    # what feedparser tolerated, if anything


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """The items of a feed document (never fetches anything itself)."""
    import feedparser  # a well-kept parser of every RSS and Atom dialect; loaded on use

    if not isinstance(body, (bytes, bytearray)):
        raise TypeError("parse_feed takes the feed's bytes")
    if not body.strip():
        raise FeedError(url, "empty feed document")
    parsed = feedparser.parse(bytes(body))  # bytes only: feedparser never fetches here
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if not version and not entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(url, "not a readable RSS or Atom feed"
                        + (f": {reason}" if reason else ""))
    items, seen, dropped = [], set(), 0
    for entry in entries:
        link = str(entry.get("link") or "").strip()
        if link:
            link = urljoin(url, link)
        key = str(entry.get("id") or entry.get("guid") or link).strip()
        if not key or key in seen:
            dropped += 1
            continue
        seen.add(key)
        items.append(FeedItem(key=key, link=link, title=str(entry.get("title") or "").strip(),
                              published=_date(entry), summary=str(entry.get("summary") or "")))
    warning = ""
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        warning = f"tolerated: {parsed['bozo_exception']}"
    title = str((parsed.get("feed") or {}).get("title") or "").strip()
    return ParsedFeed(url=url, title=title, items=tuple(items), dropped=dropped,
                      warning=warning)


def _date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None
