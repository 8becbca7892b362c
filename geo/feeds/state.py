"""What the feed watcher remembers, kept in the store beside the events.

Two tables of their own (created on first use, on SQLite and PostgreSQL alike):

- ``feed_sources``: per feed URL or drop folder, the validators of its last answer
  (ETag, Last-Modified), when it was checked, how that went;
- ``feed_items``: per item key (GUID, else link; ``file:<sha256>`` for a dropped file),
  its link, whether it was stored (and as which article) or failed (why, how often,
  and when to try again).

An item once stored is never fetched again; a failed one is retried from
``retry_at`` on. A link stored under one GUID counts as seen under any other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (Column, DateTime, Integer, MetaData, String, Table, Text, delete,
                        insert, or_, select)

__all__ = ["FeedState", "ItemState", "SourceState"]

feed_metadata = MetaData()

feed_sources = Table(
    "feed_sources", feed_metadata,
    Column("source", Text, primary_key=True),
    Column("etag", Text), Column("last_modified", Text),
    Column("checked_at", DateTime), Column("status", String), Column("error", Text),
)

feed_items = Table(
    "feed_items", feed_metadata,
    Column("item_key", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("link", Text), Column("title", Text),
    Column("status", String, nullable=False),           # stored | failed
    Column("article_id", String), Column("events", Integer),
    Column("error", Text), Column("attempts", Integer, nullable=False, default=0),
    Column("first_seen", DateTime, nullable=False), Column("last_try", DateTime),
    Column("retry_at", DateTime),
)


@dataclass(frozen=True, slots=True)
class SourceState:
    source: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: dt.datetime | None = None
    status: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class ItemState:
    item_key: str
    source: str
    link: str
    status: str
    attempts: int = 0
    error: str = ""
    retry_at: dt.datetime | None = None
    article_id: str | None = None

    def waiting(self, now: dt.datetime) -> bool:
        return self.status == "failed" and self.retry_at is not None and now < self.retry_at


class FeedState:
    """The watcher's memory in ``store``'s database."""

    def __init__(self, store):
        self.engine = store.engine
        feed_metadata.create_all(self.engine)

    def source(self, source: str) -> SourceState:
        with self.engine.connect() as conn:
            row = conn.execute(select(feed_sources).where(
                feed_sources.c.source == source)).mappings().first()
        return SourceState(**row) if row else SourceState(source)

    def save_source(self, state: SourceState) -> None:
        row = {"source": state.source, "etag": state.etag, "last_modified": state.last_modified,
               "checked_at": state.checked_at, "status": state.status, "error": state.error}
        with self.engine.begin() as conn:
            conn.execute(delete(feed_sources).where(feed_sources.c.source == state.source))
            conn.execute(insert(feed_sources), [row])

    def item(self, key: str, link: str = "") -> ItemState | None:
        """The item under ``key``; else one stored with the same link."""
        cond = feed_items.c.item_key == key
        if link:
            cond = or_(cond, (feed_items.c.link == link) & (feed_items.c.status == "stored"))
        with self.engine.connect() as conn:
            rows = conn.execute(select(feed_items).where(cond)).mappings().all()
        if not rows:
            return None
        row = next((r for r in rows if r["status"] == "stored"), rows[0])
        return ItemState(item_key=row["item_key"], source=row["source"], link=row["link"] or "",
                         status=row["status"], attempts=row["attempts"] or 0,
                         error=row["error"] or "", retry_at=row["retry_at"],
                         article_id=row["article_id"])

    def mark_stored(self, key: str, *, source: str, link: str, title: str, article_id: str,
                    events: int, now: dt.datetime) -> None:
        self._write(key, source=source, link=link, title=title, status="stored",
                    article_id=article_id, events=events, error="", now=now, retry_at=None)

    def mark_failed(self, key: str, *, source: str, link: str, title: str, error: str,
                    now: dt.datetime, retry_at: dt.datetime) -> int:
        """Record a failure; returns how many attempts have failed so far."""
        return self._write(key, source=source, link=link, title=title, status="failed",
                           article_id=None, events=None, error=error, now=now,
                           retry_at=retry_at)

    def items(self, source: str | None = None) -> list[ItemState]:
        query = select(feed_items).order_by(feed_items.c.first_seen, feed_items.c.item_key)
        if source is not None:
            query = query.where(feed_items.c.source == source)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [ItemState(item_key=r["item_key"], source=r["source"], link=r["link"] or "",
                          status=r["status"], attempts=r["attempts"] or 0,
                          error=r["error"] or "", retry_at=r["retry_at"],
                          article_id=r["article_id"]) for r in rows]

    def _write(self, key: str, *, source, link, title, status, article_id, events, error,
               now, retry_at) -> int:
        with self.engine.begin() as conn:
            old = conn.execute(select(feed_items.c.attempts, feed_items.c.first_seen).where(
                feed_items.c.item_key == key)).first()
            attempts = (old[0] or 0) if old else 0
            if status == "failed":
                attempts += 1
            conn.execute(delete(feed_items).where(feed_items.c.item_key == key))
            conn.execute(insert(feed_items), [{
                "item_key": key, "source": source, "link": link, "title": title,
                "status": status, "article_id": article_id, "events": events, "error": error,
                "attempts": attempts, "first_seen": old[1] if old else now, "last_try": now,
                "retry_at": retry_at}])
        return attempts
