"""The event store on SQLAlchemy Core: SQLite by default, PostgreSQL by URL.

A :class:`Store` offers a few small verbs (in the spirit of datasette's
``Database``): write an article's events, upsert dataset events, count, load a
DataFrame, iterate records. Writes are idempotent: an event's id is stable, so
ingesting the same article or row twice leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
from sqlalchemy import (
    Boolean, Column, Date, DateTime, Float, Index, Integer, MetaData, String, Table, Text,
    create_engine, delete, event, func, select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from geo import settings, store_bulk
from geo.articles import Article
from geo.errors import StoreError
from geo.record import FIELDS, TEXT_FIELDS, Event

metadata = MetaData()

_COLUMN_TYPES = {
    "event_date": Date, "published": Date, "date_uncertain": Boolean,
    "latitude": Float, "longitude": Float, "confidence": Float,
    "geo_precision": Integer, "fatalities": Integer,
    "evidence_start": Integer, "evidence_end": Integer,
    "evidence": Text, "geo_reason": Text, "source_url": Text,
}

events = Table(
    "events", metadata,
    *[
        Column(name, _COLUMN_TYPES.get(name, String), primary_key=(name == "event_id"),
               nullable=(name != "event_id"))
        for name in FIELDS
    ],
    Column("stored_at", DateTime, nullable=False),
)
Index("ix_events_date", events.c.event_date)
Index("ix_events_country", events.c.country_code)
Index("ix_events_type", events.c.event_type)
Index("ix_events_article", events.c.article_id)
Index("ix_events_origin", events.c.origin)
ix_events_stored = Index("ix_events_stored_at", events.c.stored_at)  # version() in O(log n)

articles = Table(
    "articles", metadata,
    Column("article_id", String, primary_key=True),
    Column("path", Text), Column("format", String), Column("title", Text),
    Column("source", Text), Column("url", Text), Column("published", Date),
    Column("dateline", String), Column("text", Text),
    Column("stored_at", DateTime, nullable=False),
)

# Analyst corrections of geocoding decisions (geo.geocoding.corrections owns the verbs):
# a folded place name, optionally only within one context country, → where it is.
# context_country is "" for "any country" so the unique key works on every database.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("folded_name", String, nullable=False),
    Column("context_country", String(3), nullable=False, default=""),
    Column("latitude", Float, nullable=False), Column("longitude", Float, nullable=False),
    Column("location", Text, nullable=False), Column("precision", Integer, nullable=False),
    Column("country_code", String(3)), Column("admin1", Text),
    Column("created_by", String), Column("created_at", DateTime, nullable=False),
    Column("note", Text),
)
Index("ux_corrections_name", corrections.c.folded_name, corrections.c.context_country,
      unique=True)

# Watchlists: a named, saved filter (geo.watchlists owns the verbs). ``filter`` is the
# filter's URL query parameters as JSON (geo.filters.to_query_params); ``last_seen_at``
# is when someone last looked at its new events.
watchlists = Table(
    "watchlists", metadata,
    Column("name", String(80), primary_key=True),
    Column("filter", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
)


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What one write did: rows new to the store, rows rewritten, rows removed."""

    added: int
    updated: int
    removed: int = 0


def _add_new_columns(engine: Engine) -> None:
    """Stores made before a field was added to the event record get its column
    (empty), so nothing stored is lost and old stores keep working."""
    from sqlalchemy import inspect, text

    have = {c["name"] for c in inspect(engine).get_columns("events")}
    missing = [c for c in events.columns if c.name not in have]
    if not missing:
        return
    with engine.begin() as conn:
        for col in missing:
            kind = col.type.compile(dialect=engine.dialect)
            conn.execute(text(f'ALTER TABLE events ADD COLUMN "{col.name}" {kind}'))


class Store:
    """An event store at a SQLAlchemy URL (default: ``settings.database_url()``)."""

    def __init__(self, url: str | None = None, *, create: bool = True, echo: bool = False):
        self.url = settings.normalise_database_url(url) if url else settings.database_url()
        try:
            self.engine: Engine = _make_engine(self.url, echo=echo)
            if create:
                metadata.create_all(self.engine)
                ix_events_stored.create(self.engine, checkfirst=True)  # stores made before it
                _add_new_columns(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {self.safe_url}: {exc.__class__.__name__}: "
                             f"{exc.orig if hasattr(exc, 'orig') else exc}") from exc

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True) if hasattr(self, "engine") \
            else self.url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- writing ------------------------------------------------------------

    def write_article(self, article: Article, found: Iterable[Event]) -> WriteReport:
        """Store an article and exactly the events found in it, in one transaction.

        Events of an earlier ingestion of the same article that are no longer
        found are removed, so re-ingesting after an extractor change converges.
        """
        found = list(found)
        now = _now()
        row = {
            "article_id": article.article_id, "path": article.path, "format": article.format,
            "title": article.title, "source": article.source, "url": article.url,
            "published": article.published, "dateline": article.dateline,
            "text": article.text, "stored_at": now,
        }
        with self._begin() as conn:
            _upsert(conn, articles, [row], "article_id")
            old = {r[0] for r in conn.execute(
                select(events.c.event_id).where(events.c.article_id == article.article_id))}
            new = {e.event_id for e in found}
            stale = old - new
            if stale:
                conn.execute(delete(events).where(events.c.event_id.in_(stale)))
            if found:
                from geo.store_incidents import assign_incidents

                found = assign_incidents(conn, events, article.article_id, found, old | new)
                _upsert(conn, events, [_event_row(e, now) for e in found], "event_id")
        return WriteReport(added=len(new - old), updated=len(new & old), removed=len(stale))

    def upsert_events(self, found: Iterable[Event], *, batch_size: int = 5000) -> WriteReport:
        """Insert or overwrite events by id (dataset rows); returns added/updated counts."""
        added = updated = 0
        now = _now()
        batch: list[Event] = []
        with self._begin() as conn:
            for e in found:
                batch.append(e)
                if len(batch) >= batch_size:
                    a, u = self._upsert_batch(conn, batch, now)
                    added, updated, batch = added + a, updated + u, []
            if batch:
                a, u = self._upsert_batch(conn, batch, now)
                added, updated = added + a, updated + u
        return WriteReport(added=added, updated=updated)

    def upsert_frame(self, frame: pd.DataFrame, *, batch_size: int | None = None) -> WriteReport:
        """Insert or overwrite events given as a DataFrame with the record's columns.

        The columnar path for dataset imports: rows must already be valid records
        (the importers validate them); missing columns are stored empty. Rows with
        the same id: the last one wins. One transaction, through the bulk paths of
        :mod:`geo.store_bulk` (a million rows in well under a minute on SQLite).
        ``batch_size`` is accepted for compatibility and ignored.
        """
        frame = store_bulk.prepare_frame(frame)
        if frame.empty:
            return WriteReport(added=0, updated=0)
        table = store_bulk.storage_table(frame, _now(), dialect=self.dialect)
        try:
            if self.dialect == "postgresql":
                added, updated = self._with_raw(store_bulk.postgres_upsert, table)
            else:
                added, updated = self._with_raw(store_bulk.sqlite_upsert, table)
        except Exception as exc:
            error = _store_error(exc, f"cannot write to the store at {self.safe_url}")
            if error is None:
                raise
            raise error from exc
        return WriteReport(added=added, updated=updated)

    def _upsert_batch(self, conn, batch: list[Event], now) -> tuple[int, int]:
        return self._write_rows(conn, [_event_row(e, now) for e in batch])

    def _write_rows(self, conn, rows: list[dict]) -> tuple[int, int]:
        ids = list({r["event_id"] for r in rows})
        existing = set()
        for i in range(0, len(ids), 900):
            existing.update(r[0] for r in conn.execute(
                select(events.c.event_id).where(events.c.event_id.in_(ids[i:i + 900]))))
        _upsert(conn, events, rows, "event_id")
        return len(ids) - len(existing), len(existing)

    # -- reading ------------------------------------------------------------

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(events)).scalar_one()

    def version(self) -> tuple[int, str]:
        """Changes whenever events are written: a cache key for loaded frames.

        (number of events, latest ``stored_at``): both come from indexes, so this
        stays a few milliseconds at a million events.
        """
        with self.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(events)).scalar_one()
            last = conn.execute(select(func.max(events.c.stored_at))).scalar_one()
        return int(n), str(last)

    def load_table(self) -> pa.Table:
        """Every stored event as an Arrow table (repeated strings dictionary-encoded)."""
        try:
            if self.dialect == "postgresql":
                return self._with_raw(store_bulk.postgres_read)
            return self._with_raw(store_bulk.cursor_read)
        except Exception as exc:
            error = _store_error(exc, f"cannot read the store at {self.safe_url}")
            if error is None:
                raise
            raise error from exc

    def load_frame(self) -> pd.DataFrame:
        """Every stored event as a DataFrame with the record's columns and dtypes.

        Repeated text (types, actors, places, countries, sources) comes as
        pandas categoricals; see :func:`geo.store_bulk.table_to_frame`.
        """
        return store_bulk.table_to_frame(self.load_table())

    def iter_events(self) -> Iterator[Event]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(*[events.c[f] for f in FIELDS])
                                    .order_by(events.c.event_date, events.c.event_id)):
                yield Event.from_dict(row._asdict())

    def get_article(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.article_id == article_id)).first()
        return row._asdict() if row else None

    def list_articles(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [r._asdict() for r in conn.execute(
                select(articles.c.article_id, articles.c.title, articles.c.source,
                       articles.c.published, articles.c.path).order_by(articles.c.published))]

    def events_stored_after(self, stored_at: str, *, limit: int = 20) -> tuple[int, list[dict]]:
        """How many events were written after ``stored_at`` (a :meth:`version`'s second
        part), and the newest ``limit`` of them (id, date, type, place, country)."""
        try:
            after = dt.datetime.fromisoformat(str(stored_at))
        except ValueError:
            return 0, []
        cols = [events.c[f] for f in ("event_id", "event_date", "event_type", "location",
                                      "country_code", "source")]
        with self.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(events)
                             .where(events.c.stored_at > after)).scalar_one()
            rows = conn.execute(select(*cols).where(events.c.stored_at > after)
                                .order_by(events.c.stored_at.desc(), events.c.event_id)
                                .limit(limit)).mappings().all() if n else []
        return int(n), [dict(r) for r in rows]

    def dispose(self) -> None:
        self.engine.dispose()

    def _with_raw(self, fn, *args):
        """Call ``fn(dbapi_connection, *args)`` on a pooled connection."""
        raw = self.engine.raw_connection()
        try:
            return fn(raw.driver_connection, *args)
        finally:
            raw.close()

    def _begin(self):
        try:
            return self.engine.begin()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the store at {self.safe_url}: {exc}") from exc


def normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of events the dtypes the filters and map expect."""
    frame = frame.reindex(columns=list(FIELDS))
    frame["event_date"] = pd.to_datetime(frame["event_date"], errors="coerce")
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    for col in ("latitude", "longitude", "confidence"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    for col in ("geo_precision", "fatalities", "evidence_start", "evidence_end"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    for col in TEXT_FIELDS:
        frame[col] = frame[col].astype(object).fillna("").astype(str)
    frame["date_uncertain"] = frame["date_uncertain"].fillna(False).astype(bool)
    return frame


def _make_engine(url: str, *, echo: bool) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            from pathlib import Path
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # WAL: readers never block the writer
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _upsert(conn, table: Table, rows: list[dict], key: str) -> None:
    """INSERT ... ON CONFLICT (key) DO UPDATE, for SQLite and PostgreSQL alike."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other databases are not supported
        raise StoreError(f"unsupported database {conn.dialect.name}: use SQLite or PostgreSQL")
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[key],
        set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name != key},
    )
    conn.execute(stmt, rows)


def _event_row(e: Event, now: dt.datetime) -> dict:
    row = {f: getattr(e, f) for f in FIELDS}
    row["stored_at"] = now
    return row


def _store_error(exc: Exception, what: str) -> StoreError | None:
    """A database error as a StoreError; None for anything else (a bug: re-raise it)."""
    package = type(exc).__module__.split(".")[0]
    if isinstance(exc, SQLAlchemyError) or package in ("sqlite3", "psycopg"):
        return StoreError(f"{what}: {exc.__class__.__name__}: {exc}")
    return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
