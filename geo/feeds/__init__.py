"""Feeds watched live: RSS/Atom feeds and drop folders → articles → store.

The flow is the ingestion's, with a polite network in front of it:

- :mod:`geo.feeds.fetch` — :class:`PoliteFetcher`: one request at a time per host with
  a minimum interval, conditional requests (ETag, If-Modified-Since), a total time
  bound per request, redirects followed, 429/503 turned into a wait (Retry-After),
  a user agent that names the tool;
- :mod:`geo.feeds.items` — a feed's bytes → :class:`FeedItem` values (feedparser);
- :mod:`geo.feeds.state` — what was seen, validators and failures, kept in the store;
- :mod:`geo.feeds.watch` — one pass over every source (:func:`watch_once`): new items
  fetched, their main text read (trafilatura) and ingested idempotently.
"""

from geo.feeds.fetch import PoliteFetcher, Response
from geo.feeds.items import FeedItem, ParsedFeed, parse_feed
from geo.feeds.watch import SourceReport, WatchReport, watch_once

__all__ = ["FeedItem", "ParsedFeed", "PoliteFetcher", "Response", "SourceReport",
           "WatchReport", "parse_feed", "watch_once"]
